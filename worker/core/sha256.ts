// SHA-256 as lowercase hex with Web Crypto, the one digest the snapshot uses:
// filter checksums, content hashes and the range API's keys. Runs in workerd,
// Node and browsers alike.
export async function sha256Hex(data: string | Uint8Array | ArrayBuffer): Promise<string> {
  const bytes = typeof data === 'string' ? new TextEncoder().encode(data) : data;
  // Never a SharedArrayBuffer here; the cast only narrows the buffer's type for Web Crypto.
  const digest = await crypto.subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>);
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}
