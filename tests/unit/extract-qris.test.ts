import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { extractIdentifiers } from '../../worker/core/extract.ts';
import { qrisCrcWarning } from '../../worker/core/qris.ts';

const REPORTED = readFileSync(new URL('../fixtures/qris/sample-reported.txt', import.meta.url), 'utf8');
const CLEAN = readFileSync(new URL('../fixtures/qris/sample-clean.txt', import.meta.url), 'utf8');

describe('a QRIS payload in a pasted message', () => {
  test('alone, it is one qris identifier, its NMID; none of its digit runs is read as a number', () => {
    expect(extractIdentifiers(REPORTED, 'id')).toEqual({
      found: [{ input: { type: 'qris', value: 'ID9990000000017' }, start: 0, end: REPORTED.length }],
      unresolved: [],
    });
  });

  test('inside a message, beside a phone number and an account, each is read where it stands', () => {
    const text = `Bayar pakai QRIS ini ya kak:\n${REPORTED}\natau transfer BCA 1234567890, WA 0812-3456-7890`;
    const { found, unresolved } = extractIdentifiers(text, 'id');
    expect(found.map((f) => f.input)).toEqual([
      { type: 'qris', value: 'ID9990000000017' },
      { type: 'bank', bank: '014', value: '1234567890' },
      { type: 'phone', value: '+6281234567890' },
    ]);
    expect(text.slice(found[0]!.start, found[0]!.end)).toBe(REPORTED);
    expect(unresolved).toEqual([]);
  });

  test('two payloads are two merchants; the same payload twice is one', () => {
    const { found } = extractIdentifiers(`${REPORTED} ${CLEAN} ${REPORTED}`, 'en');
    expect(found.map((f) => f.input.value)).toEqual(['ID9990000000017', 'ID9990000000025']);
  });

  test('a payload with a changed byte is not looked up: it is said, with the CRC warning', () => {
    const altered = REPORTED.replace('TOKO BERKAH', 'TOKO BERKAT');
    const { found, unresolved } = extractIdentifiers(`QRIS: ${altered}`, 'id');
    expect(found).toEqual([]);
    expect(unresolved).toHaveLength(1);
    expect(unresolved[0]).toMatchObject({ code: 'qris_crc', start: 6, end: 6 + altered.length });
    expect(unresolved[0]!.message.startsWith(qrisCrcWarning('id'))).toBe(true);
  });

  test('"000201" that does not lead to a CRC is ordinary text', () => {
    expect(extractIdentifiers('kode 000201 lalu 0812-3456-7890', 'id').found.map((f) => f.input)).toEqual([{ type: 'phone', value: '+6281234567890' }]);
  });

  test('offsets still point at the text as pasted when the message is folded (full-width digits after the payload)', () => {
    const text = `${REPORTED} ０８１２-３４５６-７８９０`;
    const { found } = extractIdentifiers(text, 'id');
    expect(found.map((f) => f.input.type)).toEqual(['qris', 'phone']);
    expect(text.slice(found[1]!.start, found[1]!.end)).toBe('０８１２-３４５６-７８９０');
  });

  test('an NMID as printed under a code is the merchant too, its digits no number; glued to other letters or digits it is not', () => {
    const { found, unresolved } = extractIdentifiers('Scan QRIS toko kami, NMID : ID9990000000017. WA 0812-3456-7890', 'id');
    expect(found.map((f) => f.input)).toEqual([{ type: 'qris', value: 'ID9990000000017' }, { type: 'phone', value: '+6281234567890' }]);
    expect(unresolved).toEqual([]);
    expect(extractIdentifiers('kode XID99900000000171', 'id').found.map((f) => f.input.type)).not.toContain('qris');
  });

  test('2,000 characters of "000201" repeated (every position a payload start) are read in under 100 ms', () => {
    const text = '000201'.repeat(334).slice(0, 2_000);
    const start = performance.now();
    expect(extractIdentifiers(text, 'id').found.map((f) => f.input.type)).not.toContain('qris');
    expect(performance.now() - start).toBeLessThan(100);
  });
});
