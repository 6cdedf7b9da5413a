// Phone and e-wallet numbers to E.164 with libphonenumber-js. The "max"
// metadata validates Indonesian numbers by their real number ranges; "min"
// only checks lengths. The Worker bundle grows by about 150 KB for it, which
// the free plan's limit easily holds.
import { parsePhoneNumberFromString, type PhoneNumber } from 'libphonenumber-js/max';
import { ApiError } from './errors.ts';

export function canonicalPhone(raw: string): string {
  return parsePhone(raw).number;
}

export function formatPhone(e164: string): string {
  return parsePhoneNumberFromString(e164)?.formatInternational() ?? e164;
}

function parsePhone(raw: string): PhoneNumber {
  // Letters would be read as a keypad's digits (vanity numbers): refuse them.
  if (/\p{L}/u.test(raw)) throw new ApiError('invalid_phone', 'value');
  const text = raw
    .replace(/\(0\)/g, '') // "+62 (0)812…": the trunk prefix written beside the country code
    .replace(/^\s*00/, '+'); // "0062…": the international call prefix
  const digits = text.replace(/\D/g, '');
  const candidates = [text];
  // "62812…" typed without the plus: the country code, when the national reading fails.
  if (!text.trim().startsWith('+') && digits.startsWith('62')) candidates.push(`+${digits}`);
  for (const candidate of candidates) {
    const number = parsePhoneNumberFromString(candidate, 'ID');
    if (number?.isValid()) return number;
  }
  throw new ApiError('invalid_phone', 'value');
}
