// The bots' two small pieces of cryptography. A keyed hash (HMAC-SHA256, as
// the reporters' contact hashes in worker/admin/reporter-signals.ts) stands in
// for a chat id, a phone number or a delivery id wherever one must be
// remembered or counted, so nothing stored or handed to the rate limiter names
// anyone; the key is the platform's own webhook secret, which never leaves the
// Worker. And a comparison of secrets that takes the same time whatever they hold.

const encoder = new TextEncoder();

async function hmac(key: string, data: BufferSource): Promise<ArrayBuffer> {
  const imported = await crypto.subtle.importKey('raw', encoder.encode(key), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
  return crypto.subtle.sign('HMAC', imported, data);
}

const hex = (bytes: ArrayBuffer) => [...new Uint8Array(bytes)].map((b) => b.toString(16).padStart(2, '0')).join('');

/** HMAC-SHA256 of `text` under `key`, hex. */
export async function keyedHash(key: string, text: string): Promise<string> {
  return hex(await hmac(key, encoder.encode(text)));
}

/** HMAC-SHA256 of raw bytes under `key`, hex: what WhatsApp's X-Hub-Signature-256 carries after `sha256=`. */
export async function bodySignature(key: string, body: ArrayBuffer): Promise<string> {
  return hex(await hmac(key, body));
}

/**
 * Whether two secrets are equal, in constant time: both are hashed first, so the
 * comparison sees equal lengths and a mismatch's position tells nothing.
 */
export async function sameSecret(given: string | null, expected: string | undefined): Promise<boolean> {
  if (given === null || !expected) return false;
  const [a, b] = await Promise.all([given, expected].map((s) => crypto.subtle.digest('SHA-256', encoder.encode(s))));
  return crypto.subtle.timingSafeEqual(a!, b!);
}
