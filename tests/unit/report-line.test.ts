import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { readReports } from '../../scripts/pipeline/read-reports.ts';
import { parseReportLine, ReportLineError } from '../../worker/reports/report-line.ts';
import { REPORT_CATEGORIES } from '../../worker/core/report-contract.ts';

const NOW = new Date('2026-11-01T00:00:00Z');

const BASE = {
  id: 'r-1',
  type: 'phone',
  value: '0812-3456-7890',
  category: 'online_shopping',
  status: 'verified',
  reportedAt: '2026-03-04T17:00:00+07:00',
  lossIdr: 1_500_000,
  channel: 'whatsapp',
  reporter: { name: 'Budi Santoso', phone: '0813-9999-8888', email: 'budi@example.com' },
};

const line = (fields: Record<string, unknown>, drop: string[] = []): string => {
  const obj: Record<string, unknown> = { ...BASE, ...fields };
  for (const key of drop) delete obj[key];
  return JSON.stringify(obj);
};

function reasonFor(text: string): string {
  try {
    parseReportLine(text, NOW);
  } catch (err) {
    expect(err).toBeInstanceOf(ReportLineError);
    return (err as ReportLineError).reason;
  }
  throw new Error(`expected ${text} to be rejected`);
}

describe('a valid line', () => {
  test('parses into a canonical report with its lookup key', () => {
    const report = parseReportLine(line({}), NOW);
    expect(report).toEqual({
      id: 'r-1',
      identifier: { type: 'phone', value: '+6281234567890' },
      key: 'tel:+6281234567890',
      category: 'online_shopping',
      status: 'verified',
      reportedAt: '2026-03-04T10:00:00.000Z',
      lossIdr: 1_500_000,
      channel: 'whatsapp',
    });
  });

  test('a bank report keeps its bank code, an e-wallet report its provider', () => {
    const bank = parseReportLine(line({ type: 'bank', value: '123-456-7890', bank: '014' }), NOW);
    expect(bank.identifier).toEqual({ type: 'bank', bank: '014', value: '1234567890' });
    expect(bank.key).toBe('bank:014:1234567890');
    const ewallet = parseReportLine(line({ type: 'ewallet', value: '+62 812 3456 7890', provider: 'dana' }), NOW);
    expect(ewallet.identifier).toEqual({ type: 'ewallet', provider: 'dana', value: '+6281234567890' });
    expect(ewallet.key).toBe('tel:+6281234567890');
  });

  test('reportedAt is normalised to UTC whatever offset it was written in', () => {
    for (const [written, utc] of [
      ['2025-03-04T10:00:00Z', '2025-03-04T10:00:00.000Z'],
      ['2025-03-04T17:00:00+07:00', '2025-03-04T10:00:00.000Z'],
      ['2025-03-04T05:30:00-0430', '2025-03-04T10:00:00.000Z'],
      ['2025-03-04T10:00Z', '2025-03-04T10:00:00.000Z'],
      ['2025-03-04T10:00:00.1234Z', '2025-03-04T10:00:00.123Z'],
    ]) {
      expect(parseReportLine(line({ reportedAt: written }), NOW).reportedAt).toBe(utc);
    }
  });

  test('optional fields may be absent or null: no loss counts as 0, no channel is left out', () => {
    const report = parseReportLine(line({ lossIdr: null, channel: null, reporter: null }), NOW);
    expect(report.lossIdr).toBe(0);
    expect('channel' in report).toBe(false);
    expect(parseReportLine(line({}, ['lossIdr', 'channel', 'reporter']), NOW).lossIdr).toBe(0);
  });

  test('every category in REPORT_CATEGORIES is accepted', () => {
    for (const category of REPORT_CATEGORIES) expect(parseReportLine(line({ category }), NOW).category).toBe(category);
  });

  test('unknown extra fields are ignored and not carried into the report', () => {
    const report = parseReportLine(line({ source: 'app-v2', evidence: { screenshots: 3 }, tags: ['cod'] }), NOW);
    expect(Object.keys(report).sort()).toEqual(['category', 'channel', 'id', 'identifier', 'key', 'lossIdr', 'reportedAt', 'status']);
  });

  test('the reporter is accepted and dropped: no trace of it in the report', () => {
    const report = parseReportLine(line({}), NOW);
    expect('reporter' in report).toBe(false);
    const json = JSON.stringify(report);
    for (const value of Object.values(BASE.reporter)) expect(json).not.toContain(value);
  });
});

describe('an invalid line is rejected with a reason naming the field', () => {
  test.each(['id', 'type', 'value', 'category', 'status', 'reportedAt'])('missing %s', (field) => {
    expect(reasonFor(line({}, [field]))).toBe(`field "${field}": required`);
  });

  test('a bank report needs a bank, an e-wallet report a provider', () => {
    expect(reasonFor(line({ type: 'bank', value: '1234567890' }))).toBe('field "bank": required for type "bank"');
    expect(reasonFor(line({ type: 'bank', value: '1234567890', bank: null }))).toBe('field "bank": required for type "bank"');
    expect(reasonFor(line({ type: 'ewallet' }))).toBe('field "provider": required for type "ewallet"');
  });

  test.each([
    ['id', { id: 42 }, 'must be a string'],
    ['id', { id: '' }, 'must not be empty'],
    ['id', { id: '   ' }, 'must not be empty'],
    ['id', { id: 'x'.repeat(101) }, 'at most 100 characters'],
    ['type', { type: 'email' }, 'must be one of bank, ewallet, phone, instagram, facebook'],
    ['value', { value: 81234567890 }, 'must be a string'],
    ['bank', { type: 'bank', bank: 14 }, 'must be a string'],
    ['provider', { type: 'ewallet', provider: ['dana'] }, 'must be a string'],
    ['category', { category: 'scam' }, 'must be one of online_shopping, investment'],
    ['status', { status: 'approved' }, 'must be one of verified, pending, rejected'],
    ['reportedAt', { reportedAt: '2025-03-04' }, 'ISO 8601 date-time with a timezone'],
    ['reportedAt', { reportedAt: '2025-03-04T10:00:00' }, 'ISO 8601 date-time with a timezone'],
    ['reportedAt', { reportedAt: '2025-02-30T10:00:00Z' }, 'ISO 8601 date-time with a timezone'],
    ['reportedAt', { reportedAt: '2025-03-04T24:00:00Z' }, 'ISO 8601 date-time with a timezone'],
    ['reportedAt', { reportedAt: 1741082400000 }, 'must be a string'],
    ['reportedAt', { reportedAt: '2026-11-02T00:00:01Z' }, 'more than a day in the future'],
    ['lossIdr', { lossIdr: -1 }, 'must not be negative'],
    ['lossIdr', { lossIdr: 1500.5 }, 'whole number'],
    ['lossIdr', { lossIdr: '1500000' }, 'must be a number'],
    ['lossIdr', { lossIdr: 1e14 }, 'at most'],
    ['channel', { channel: 'myspace' }, 'must be one of instagram, facebook, whatsapp'],
    ['reporter', { reporter: 'Budi Santoso 0813-9999-8888' }, 'must be an object of strings'],
    ['reporter', { reporter: { name: 'Budi', age: 41 } }, 'must be an object of strings'],
  ])('%s: %j', (field, fields, expected) => {
    const reason = reasonFor(line(fields));
    expect(reason).toMatch(new RegExp(`^field "${field}": `));
    expect(reason).toContain(expected);
  });

  test('reportedAt up to a day ahead is clock skew, not an error', () => {
    expect(parseReportLine(line({ reportedAt: '2026-11-01T23:59:59Z' }), NOW).reportedAt).toBe('2026-11-01T23:59:59.000Z');
  });

  test('identifier problems carry the API’s English message and field', () => {
    expect(reasonFor(line({ value: 'call me maybe' }))).toMatch(/^field "value": Not a valid phone number/);
    expect(reasonFor(line({ type: 'bank', value: '1234567890', bank: '999' }))).toMatch(/^field "bank": Unknown bank code/);
    expect(reasonFor(line({ type: 'ewallet', provider: 'paypal' }))).toMatch(/^field "provider": Unknown e-wallet provider/);
    expect(reasonFor(line({ type: 'bank', value: '12', bank: '009' }))).toMatch(/^field "value": An account number/);
  });

  test('a BCA account of 9 digits, a length BCA never issues, is an invalid line naming BCA and its 10 digits', () => {
    expect(reasonFor(line({ type: 'bank', value: '123456789', bank: '014' }))).toBe('field "value": BCA account numbers have 10 digits. Check the number and the bank.');
  });

  test('several problems are all named', () => {
    const reason = reasonFor(line({ category: 'scam', status: 'approved' }));
    expect(reason).toContain('field "category"');
    expect(reason).toContain('field "status"');
  });

  test('invalid JSON and non-objects', () => {
    expect(reasonFor('{"id":')).toBe('invalid JSON: Unexpected end of JSON input');
    expect(reasonFor('{"id":x}')).toBe('invalid JSON: Unexpected token');
    expect(reasonFor('{"id":"r-1"} trailing')).toMatch(/^invalid JSON: Unexpected non-whitespace character after JSON at position \d+$/);
    for (const text of ['[]', 'null', '42', '"report"']) expect(reasonFor(text)).toBe('a line must be a JSON object');
  });
});

describe('no error reason ever contains the reporter’s personal data', () => {
  // Ways a line goes wrong around (or far from) the reporter object.
  const breakages: Record<string, (reporter: Record<string, unknown>, cut: number) => string> = {
    truncated: (reporter, cut) => {
      const text = line({ reporter });
      return text.slice(0, 1 + (cut % (text.length - 1)));
    },
    'stray token after a field': (reporter) => line({ reporter }).replace(/("name":"(?:[^"\\]|\\.)*")/, '$1x'),
    'missing colon': (reporter) => line({ reporter }).replace('"email":', '"email"'),
    'reporter as one string': (reporter) => line({ reporter: Object.values(reporter).join(' ') }),
    'reporter as an array': (reporter) => line({ reporter: Object.values(reporter) }),
    'reporter data as keys': (reporter) => line({ reporter: Object.fromEntries(Object.values(reporter).map((v) => [v, 1])) }),
    'reporter with a nested field': (reporter) => line({ reporter: { ...reporter, name: { full: reporter.name } } }),
    'missing id': (reporter) => line({ reporter }, ['id']),
    'unknown category': (reporter) => line({ reporter, category: 'scam' }),
    'bad date': (reporter) => line({ reporter, reportedAt: 'kemarin' }),
    'negative loss': (reporter) => line({ reporter, lossIdr: -5 }),
    'bank without code': (reporter) => line({ reporter, type: 'bank', value: '1234567890' }),
    'invalid phone': (reporter) => line({ reporter, value: 'nomor 0812' }),
  };

  test('for random names, phones and emails in every kind of broken line', () => {
    const name = fc
      .tuple(fc.constantFrom('Budi', 'Siti', 'Dewi', 'Agus', 'Rina'), fc.string({ minLength: 1, maxLength: 20 }))
      .map(([first, rest]) => `${first} ${rest}`);
    const phone = fc.stringMatching(/^(\+62|0)8[1-9]\d{8,10}$/);
    fc.assert(
      fc.property(
        name,
        phone,
        fc.emailAddress(),
        fc.constantFrom(...Object.keys(breakages)),
        fc.nat(),
        (n, p, e, kind, cut) => {
          const reason = reasonFor(breakages[kind]!({ name: n, phone: p, email: e }, cut));
          for (const personal of [n, p, e, JSON.stringify(n).slice(1, -1)]) expect(reason).not.toContain(personal);
        },
      ),
      { numRuns: 500 },
    );
  });
});

describe('readReports', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'cekdulu-read-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  const content = [
    `\uFEFF${line({ id: 'a' })}`,
    '',
    line({ id: 'b', category: 'scam' }),
    '   ',
    line({ id: 'c', type: 'instagram', value: '@olshop.murah' }),
    '',
  ].join('\r\n');

  async function readAll(path: string) {
    const out = [];
    for await (const item of readReports(path, { now: NOW })) out.push(item);
    return out;
  }

  test('line numbers count blank lines, a BOM on line 1 is tolerated, invalid lines carry their reason', async () => {
    const path = join(dir, 'reports.ndjson');
    await writeFile(path, content);
    const items = await readAll(path);
    expect(items.map((i) => [i.lineNo, i.report?.id ?? i.error])).toEqual([
      [1, 'a'],
      [3, 'field "category": must be one of online_shopping, investment, phishing, gambling, loan, job, romance, other'],
      [5, 'c'],
    ]);
    expect(items[2]!.report!.key).toBe('ig:olshop.murah');
  });

  test('a .gz file is read through gunzip, giving the same lines', async () => {
    const plain = join(dir, 'plain.ndjson');
    const gz = join(dir, 'reports.ndjson.gz');
    await writeFile(plain, content);
    await writeFile(gz, gzipSync(content));
    expect(await readAll(gz)).toEqual(await readAll(plain));
  });

  test('a missing file or a corrupt .gz is an error, not an empty input', async () => {
    await expect(readAll(join(dir, 'nope.ndjson'))).rejects.toMatchObject({ code: 'ENOENT' });
    const bad = join(dir, 'bad.ndjson.gz');
    await writeFile(bad, 'not gzip at all');
    await expect(readAll(bad)).rejects.toThrow();
  });
});
