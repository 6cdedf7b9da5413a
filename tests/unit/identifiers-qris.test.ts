import { describe, expect, test } from 'vitest';
import { ERROR_MESSAGES } from '../../worker/core/errors.ts';
import { describeIdentifier, lookupKey, parseIdentifier } from '../../worker/core/identifiers.ts';
import { qrisCrcWarning } from '../../worker/core/qris.ts';
import { outcomeOf } from './identifier-outcome.ts';
import { qrisPayload, tlv, withCrc } from './qris-payload.ts';

const qris = (value: string) => outcomeOf({ type: 'qris', value });
const PAYLOAD = qrisPayload({ nmid: 'ID1020039293482', name: 'GUREUM SHOP', city: 'JAKARTA PUSAT' });

describe('QRIS merchants, keyed by NMID', () => {
  test('a report of an NMID is found by the whole QRIS payload of that merchant', () => {
    const byNmid = lookupKey(parseIdentifier({ type: 'qris', value: 'ID1020039293482' }));
    expect(byNmid).toBe('qris:ID1020039293482');
    expect(lookupKey(parseIdentifier({ type: 'qris', value: PAYLOAD }))).toBe(byNmid);
  });

  test.each(['ID1020039293482', 'id1020039293482', ' ID1020039293482 ', 'NMID: ID1020039293482', 'nmid ID1020 0392 93482', 'ID-1020-0392-93482'])(
    '%j, as printed under a code or typed, is NMID ID1020039293482',
    (value) => {
      expect(qris(value)).toEqual({ type: 'qris', value: 'ID1020039293482' });
    },
  );

  test('a payload of 400 characters is read (QRIS payloads run past the 200 other kinds may have); one past 512 is too long', () => {
    const padded = withCrc(PAYLOAD.slice(0, -8) + tlv('64', 'A'.repeat(99)) + tlv('80', 'B'.repeat(99)));
    expect(padded.length).toBeGreaterThan(400);
    expect(qris(padded)).toEqual({ type: 'qris', value: 'ID1020039293482' });
    expect(qris(`${'0'.repeat(513)}`)).toEqual({ code: 'value_too_long', field: 'value' });
  });

  test.each(['ID102003929348', 'ID10200392934822', '1020039293482', 'IX1020039293482', 'ID10200392934A2', 'https://qris.id'])(
    '%j is not an NMID: qris_invalid',
    (value) => {
      expect(qris(value)).toEqual({ code: 'qris_invalid', field: 'value' });
    },
  );

  test('a payload whose CRC fails is refused with the CRC warning, never looked up', () => {
    const altered = PAYLOAD.replace('GUREUM SHOP', 'GUREUM SHOQ');
    expect(qris(altered)).toEqual({ code: 'qris_crc', field: 'value' });
    expect(ERROR_MESSAGES.qris_crc.id.startsWith(qrisCrcWarning('id'))).toBe(true);
    expect(ERROR_MESSAGES.qris_crc.en.startsWith(qrisCrcWarning('en'))).toBe(true);
    expect(ERROR_MESSAGES.qris_crc.status).toBe(400);
  });

  test('a payment code with no NMID (no tag 51) is qris_no_nmid; a payload that does not read is qris_invalid', () => {
    const noNmid = withCrc(tlv('00', '01') + tlv('01', '11') + tlv('26', tlv('00', 'ID.DANA.WWW')) + tlv('58', 'ID') + tlv('59', 'TOKO'));
    expect(qris(noNmid)).toEqual({ code: 'qris_no_nmid', field: 'value' });
    expect(qris('000201010211269900')).toEqual({ code: 'qris_invalid', field: 'value' });
  });

  test('an NMID in tag 51 that is not "ID" and 13 digits is qris_invalid', () => {
    const odd = withCrc(tlv('00', '01') + tlv('51', tlv('00', 'ID.CO.QRIS.WWW') + tlv('02', 'ID12345')) + tlv('58', 'ID'));
    expect(qris(odd)).toEqual({ code: 'qris_invalid', field: 'value' });
  });

  test('described as NMID ID…', () => {
    expect(describeIdentifier({ type: 'qris', value: 'ID1020039293482' })).toBe('NMID ID1020039293482');
  });
});
