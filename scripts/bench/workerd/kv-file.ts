// A whole KV namespace as one file, for the in-memory KV service
// (kv-service.ts): entry after entry, each a little-endian u32 key length, a
// u32 value length, the key's UTF-8 bytes and the value's bytes. Keys and
// values are opaque: whatever the publisher wrote is served back unchanged.
// Runtime-neutral (Node writes it, workerd reads it).

export type KvValue = string | Uint8Array;

/** The file's bytes in chunks of about 1 MiB, in the map's order. */
export function* encodeKvFile(entries: Iterable<[string, KvValue]>): Generator<Uint8Array> {
  const encoder = new TextEncoder();
  let chunk: Uint8Array[] = [];
  let size = 0;
  for (const [key, value] of entries) {
    const keyBytes = encoder.encode(key);
    const valueBytes = typeof value === 'string' ? encoder.encode(value) : value;
    const header = new Uint8Array(8);
    const view = new DataView(header.buffer);
    view.setUint32(0, keyBytes.length, true);
    view.setUint32(4, valueBytes.length, true);
    chunk.push(header, keyBytes, valueBytes);
    size += 8 + keyBytes.length + valueBytes.length;
    if (size >= 1 << 20) {
      yield concat(chunk, size);
      chunk = [];
      size = 0;
    }
  }
  if (size > 0) yield concat(chunk, size);
}

function concat(parts: Uint8Array[], size: number): Uint8Array {
  const out = new Uint8Array(size);
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

/**
 * A namespace read from the file without copying it: an open-addressing hash
 * table of entry offsets in typed arrays, keys compared as bytes in place. No
 * JS object per key, so the service's V8 heap stays tiny and its garbage
 * collections stay short (a Map of half a million strings would take ~50 MB of
 * heap for every full collection to trace, pausing the thread the Worker shares).
 */
export class KvTable {
  readonly bytes: Uint8Array;
  readonly size: number;
  /** Per entry: key start, value start (= key end), value end. */
  private readonly entries: Uint32Array;
  /** Entry index + 1 per slot, 0 when empty; a power of two at least twice the entries. */
  private readonly slots: Uint32Array;
  private readonly encoder = new TextEncoder();

  constructor(bytes: Uint8Array) {
    this.bytes = bytes;
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const spans: number[] = [];
    for (let at = 0; at < bytes.length; ) {
      const keyStart = at + 8;
      const valueStart = keyStart + view.getUint32(at, true);
      at = valueStart + view.getUint32(at + 4, true);
      if (at > bytes.length) throw new Error(`KV file truncated at entry ${spans.length / 3}`);
      spans.push(keyStart, valueStart, at);
    }
    this.entries = Uint32Array.from(spans);
    this.size = spans.length / 3;
    this.slots = new Uint32Array(2 ** Math.ceil(Math.log2(Math.max(2, this.size * 2))));
    for (let i = 0; i < this.size; i++) {
      // A later entry for the same key replaces the earlier one, as a later write would.
      const slot = this.find(bytes.subarray(this.entries[3 * i]!, this.entries[3 * i + 1]!));
      this.slots[slot] = i + 1;
    }
  }

  /** The value's bytes (a view into the file), or undefined when the key is absent. */
  get(key: string): Uint8Array | undefined {
    const i = this.slots[this.find(this.encoder.encode(key))]!;
    return i === 0 ? undefined : this.bytes.subarray(this.entries[3 * (i - 1) + 1]!, this.entries[3 * (i - 1) + 2]!);
  }

  /** The key's slot, or the empty slot where it would go (linear probing on a 32-bit FNV-1a hash). */
  private find(key: Uint8Array): number {
    let hash = 0x811c9dc5;
    for (const byte of key) hash = Math.imul(hash ^ byte, 0x01000193);
    const mask = this.slots.length - 1;
    for (let slot = hash & mask; ; slot = (slot + 1) & mask) {
      const i = this.slots[slot]!;
      if (i === 0 || this.sameKey(i - 1, key)) return slot;
    }
  }

  private sameKey(entry: number, key: Uint8Array): boolean {
    const start = this.entries[3 * entry]!;
    if (this.entries[3 * entry + 1]! - start !== key.length) return false;
    for (let j = 0; j < key.length; j++) if (this.bytes[start + j] !== key[j]) return false;
    return true;
  }
}
