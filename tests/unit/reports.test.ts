// Pure parts of report intake: what a file is by its bytes, reference numbers,
// the statuses the status page explains, and the mapping of a D1 row to the
// report contract without personal data.
import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { rowToReportLine } from '../../worker/reports/listing-policy.ts';
import { parseReportLine } from '../../worker/reports/report-line.ts';
import { STATUSES } from '../../worker/core/report-contract.ts';
import { sniffEvidenceType } from '../../worker/reports/evidence.ts';
import { newReference, parseReference } from '../../worker/reports/reference.ts';

const bytes = (...parts: Array<string | number[]>) =>
  new Uint8Array(parts.flatMap((p) => (typeof p === 'string' ? [...p].map((c) => c.charCodeAt(0)) : p)));

describe('evidence is typed by its content', () => {
  test.each([
    ['JPEG', bytes([0xff, 0xd8, 0xff, 0xe0]), 'image/jpeg'],
    ['PNG', bytes([0x89], 'PNG', [0x0d, 0x0a, 0x1a, 0x0a]), 'image/png'],
    ['WebP', bytes('RIFF', [1, 2, 3, 4], 'WEBPVP8 '), 'image/webp'],
    ['PDF', bytes('%PDF-1.7'), 'application/pdf'],
  ])('%s is recognised', (_name, content, type) => {
    expect(sniffEvidenceType(content)).toBe(type);
  });

  test.each([
    ['HTML named .png', bytes('<!doctype html><script>')],
    ['SVG (can carry script)', bytes('<svg xmlns="http://www.w3.org/2000/svg">')],
    ['a RIFF that is not WebP (AVI)', bytes('RIFF', [1, 2, 3, 4], 'AVI LIST')],
    ['a truncated PNG signature', bytes([0x89], 'PNG')],
    ['nothing', bytes()],
  ])('%s is refused', (_name, content) => {
    expect(sniffEvidenceType(content)).toBeUndefined();
  });
});

describe('reference numbers', () => {
  test('are CD-XXXX-XXXX-XXXX in Crockford base32, distinct, and parsed case-insensitively', () => {
    const refs = new Set(Array.from({ length: 1000 }, () => newReference('CD')));
    expect(refs.size).toBe(1000);
    for (const ref of refs) expect(parseReference(ref.toLowerCase())).toEqual({ ref, prefix: 'CD' });
    expect(newReference('DP')).toMatch(/^DP-/);
    for (const bad of ['CD-0000-0000', 'CD-IIII-0000-0000', 'XX-0000-0000-0000', "CD-0000-0000-0000' OR 1=1"]) {
      expect(parseReference(bad)).toBeUndefined();
    }
  });
});

describe('statuses', () => {
  test('the status page explains exactly the statuses the database allows in each table', () => {
    const schema = readFileSync('migrations/0001_reports.sql', 'utf8');
    for (const table of Object.keys(STATUSES) as Array<keyof typeof STATUSES>) {
      const columns = new RegExp(`CREATE TABLE ${table} \\(([\\s\\S]*?)\\n\\);`).exec(schema)?.[1] ?? '';
      const allowed = /status [^\n]*CHECK \(status IN \(([^)]+)\)\)/.exec(columns)?.[1] ?? '';
      expect(allowed.split(',').map((s) => s.trim().replace(/'/g, '')), table).toEqual([...STATUSES[table]]);
    }
  });
});

describe('a D1 row becomes a report-contract line', () => {
  test('parsed by the contract itself, with no reporter field', () => {
    const line = rowToReportLine({
      ref: 'CD-7KQ2-M9XA-4T3B', type: 'ewallet', value: '+6285711112222', bank: null, provider: 'dana',
      category: 'online_shopping', status: 'verified', created_at: '2026-11-20T03:00:00.000Z', loss_idr: 250000, channel: null,
      lookup_key: 'tel:+6285711112222', listed: 1,
    });
    expect(line).not.toHaveProperty('reporter');
    const report = parseReportLine(JSON.stringify(line));
    expect(report).toMatchObject({ id: 'CD-7KQ2-M9XA-4T3B', key: 'tel:+6285711112222', status: 'verified', lossIdr: 250000 });
    expect(report).not.toHaveProperty('channel');
  });
});
