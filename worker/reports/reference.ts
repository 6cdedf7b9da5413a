// Reference numbers people keep for their report or dispute: CD-XXXX-XXXX-XXXX
// (disputes DP-…). 12 characters of Crockford's base32 (no I, L, O, U, so they
// read aloud and copy by hand without confusion) from crypto.getRandomValues:
// 60 random bits, so a status lookup cannot be used to walk other people's
// reports, and the status answer holds nothing personal anyway.
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const GROUPS = 3;
const GROUP_LENGTH = 4;

export type RefPrefix = 'CD' | 'DP';

export function newReference(prefix: RefPrefix): string {
  const bytes = crypto.getRandomValues(new Uint8Array(GROUPS * GROUP_LENGTH));
  const chars = [...bytes].map((b) => ALPHABET[b & 31]);
  const groups = Array.from({ length: GROUPS }, (_, i) => chars.slice(i * GROUP_LENGTH, (i + 1) * GROUP_LENGTH).join(''));
  return [prefix, ...groups].join('-');
}

const PATTERN = /^(CD|DP)-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/;

/** The canonical reference (upper-case, trimmed), or undefined when it is not one. */
export function parseReference(text: string): { ref: string; prefix: RefPrefix } | undefined {
  const ref = text.trim().toUpperCase();
  const m = PATTERN.exec(ref);
  return m ? { ref, prefix: m[1] as RefPrefix } : undefined;
}
