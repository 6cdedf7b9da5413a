// The one e-mail rule (worker/core/email-address.ts): the HTML Standard's valid
// e-mail address, ASCII only, a 64-character local part and 254 in all; and the
// send_email sender refuses anything else before the binding sees it.
import { expect, test } from 'vitest';
import { isEmailAddress } from '../../worker/core/email-address.ts';
import { bindingSender } from '../../worker/admin/decision-mail.ts';
import { ERROR_MESSAGES } from '../../worker/core/errors.ts';

/** What the live review sent, and more of the same kind: each one address plus something a mail header could read. */
const HOSTILE = [
  'a,b@evil.example',
  'a@evil.example,b',
  '<x@evil.example>',
  'x@evil.example>',
  'Budi <budi@example.com>',
  'a\u0000@b.co',
  '"a\u0085Bcc: x@evil.example"@b.co',
  '"a\u0085Bcc:"@b.co',
  '"a b"@b.co',
  'a@b.co\r\nBcc: x@evil.example',
  'a@b.co\nBcc: x@evil.example',
  'a@b.co\r',
  'a\r\n@b.co',
  'a@b.co\n',
  ' a@b.co',
  'a@b.co ',
  'a b@c.co',
  'a@b.co;c@d.co',
  'a@b@c.co',
  'a(comment)@b.co',
  'a@[127.0.0.1]',
  'a@-b.co',
  'a@b-.co',
  'a@b..co',
  'a@.b.co',
  '@b.co',
  'a@',
  'a',
  '',
  'búdi@example.com', // not ASCII
  'budi@exämple.com',
  'budi@example.com\u200b',
  'budi@еxample.com', // a Cyrillic е
  `${'a'.repeat(65)}@b.co`, // local part over 64
  `a@${'b'.repeat(64)}.co`, // a domain label over 63
  `${'a'.repeat(64)}@${Array.from({ length: 4 }, () => 'b'.repeat(60)).join('.')}.co`, // 254 + more
];

const VALID = [
  'budi@example.com',
  'Budi.Santoso@Example.CO.ID',
  'budi+cekdulu@mail.example.id',
  "o'brien@example.com",
  'a.b-c_d@sub-domain.example.org',
  'x@localhost', // the standard's rule has no dot requirement
  `${'a'.repeat(64)}@b.co`,
  `${'a'.repeat(64)}@${['b'.repeat(63), 'c'.repeat(63), 'd'.repeat(58)].join('.')}.co`, // 254 exactly
];

test.each(HOSTILE)('refused: %j', (text) => {
  expect(isEmailAddress(text)).toBe(false);
});

test.each(VALID)('accepted: %j', (text) => {
  expect(isEmailAddress(text)).toBe(true);
});

test('the longest accepted address is 254 characters, its local part 64', () => {
  expect(VALID.at(-1)).toHaveLength(254);
  expect(isEmailAddress(`${'a'.repeat(65)}@${['b'.repeat(63), 'c'.repeat(63), 'd'.repeat(57)].join('.')}.co`)).toBe(false);
  expect(isEmailAddress(`${'a'.repeat(64)}@${['b'.repeat(63), 'c'.repeat(63), 'd'.repeat(59)].join('.')}.co`)).toBe(false); // 255
});

test('the decision sender hands send_email only an accepted address', async () => {
  const sent: unknown[] = [];
  const binding = { send: async (message: unknown) => void sent.push(message) } as unknown as SendEmail;
  const send = bindingSender(binding, 'noreply@cekdulu.example');
  for (const to of HOSTILE) {
    await expect(send({ to, subject: 'CekDulu', text: 'ref' }), JSON.stringify(to)).rejects.toThrow(TypeError);
  }
  expect(sent).toEqual([]);
  await send({ to: 'budi@example.com', subject: 'CekDulu', text: 'ref' });
  expect(sent).toEqual([{ from: 'noreply@cekdulu.example', to: 'budi@example.com', subject: 'CekDulu', text: 'ref' }]);
});

test('the form says what is accepted, in Indonesian and English', () => {
  const { id, en } = ERROR_MESSAGES.invalid_email;
  expect(id).toContain('satu alamat saja, seperti nama@contoh.com');
  expect(id).toMatch(/tanpa aksen.*tanpa spasi, koma, tanda kutip, atau tanda < >/);
  expect(en).toContain('one address only, like name@example.com');
  expect(en).toMatch(/without accents.*no spaces, commas, quotation marks or < >/);
});
