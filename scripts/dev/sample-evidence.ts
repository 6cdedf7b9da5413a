// Real, small evidence files for the seeded moderation queue: a generated PNG
// per file (8 x 8 pixels, one colour taken from the file's seeded SHA-256), so
// the local loop behaves like production — the admin API counts an evidence
// file only when its bytes are stored and of the recorded type (worker/admin/seen.ts),
// and a seeded row without bytes would be "file not stored".
import { crc32, deflateSync } from 'node:zlib';

const chunk = (type: string, data: Buffer) => {
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body) >>> 0);
  return Buffer.concat([length, body, crc]);
};

/** An 8 x 8 RGB PNG of the colour named by the first six hex digits of `seed`. */
export function samplePng(seed: string): Uint8Array {
  const hex = (seed.replace(/[^0-9a-f]/gi, '') + '336699').slice(0, 6);
  const rgb = [0, 2, 4].map((i) => parseInt(hex.slice(i, i + 2), 16));
  const size = 8;
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header.set([8, 2, 0, 0, 0], 8); // 8-bit, RGB, no interlace
  const row = Buffer.from([0, ...Array.from({ length: size }, () => rgb).flat()]);
  const pixels = Buffer.concat(Array.from({ length: size }, () => row));
  return new Uint8Array(
    Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', header), chunk('IDAT', deflateSync(pixels)), chunk('IEND', Buffer.alloc(0))]),
  );
}
