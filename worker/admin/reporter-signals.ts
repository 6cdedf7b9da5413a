// What the moderation queue may know about who filed a report without knowing
// who it is: keyed hashes (HMAC-SHA256 with the REPORTER_HASH_KEY secret) of the
// reporter's contact and of the network the report came from. Two reports with
// the same contact (or from the same network) carry the same hash, so the queue
// counts independent reporters and raises abuse flags; the hash alone tells
// nobody the contact, and without the key nobody can test a guess against it.
// Without a key no hash is stored (never an unkeyed one, which a list of phone
// numbers would reverse): every such report counts as its own reporter.
import { parseIdentifier } from '../core/identifiers.ts';
import { clientKey } from '../rate-limit.ts';

export interface ReporterSignals {
  contactHash: string | null;
  networkHash: string | null;
}

/**
 * One contact, however it was typed: an e-mail address lowercased; a phone
 * number in its canonical form (0812-…, +62 812 … and 62812… are one number);
 * anything else lowercased with its spaces collapsed.
 */
function normaliseContact(contact: string): string {
  const text = contact.trim().toLowerCase().replace(/\s+/g, ' ');
  if (text.includes('@')) return `email:${text.replace(/\s/g, '')}`;
  try {
    return `tel:${parseIdentifier({ type: 'phone', value: text }).value}`;
  } catch {
    return `text:${text}`;
  }
}

/**
 * The client's network: its IPv4 /24 or its IPv6 /64 (the rate limiter's key
 * already cuts IPv6 to the /64 and maps IPv4-mapped addresses to IPv4).
 */
function networkOf(address: string | null): string {
  const key = clientKey(address);
  const v4 = /^v4:(\d+\.\d+\.\d+)\.\d+$/.exec(key);
  return v4 ? `v4:${v4[1]}.0/24` : key;
}

async function keyedHash(key: CryptoKey, text: string): Promise<string> {
  const mac = await crypto.subtle.sign('HMAC', key, new TextEncoder().encode(text));
  return [...new Uint8Array(mac)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

export async function reporterSignals(secret: string | undefined, contact: string, address: string | null): Promise<ReporterSignals> {
  if (!secret) return { contactHash: null, networkHash: null };
  const key = await crypto.subtle.importKey('raw', new TextEncoder().encode(secret), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
  return {
    contactHash: await keyedHash(key, `contact:${normaliseContact(contact)}`),
    networkHash: address ? await keyedHash(key, `network:${networkOf(address)}`) : null,
  };
}

/** SHA-256 of an evidence file's bytes, hex: the same file sent twice has the same digest. */
export async function sha256Hex(bytes: Uint8Array): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', bytes);
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}
