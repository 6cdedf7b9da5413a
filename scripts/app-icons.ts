// Writes the installed app's icons (site/public/icons/, named in
// site/public/manifest.webmanifest): a white check mark on the site's button
// green, as PNGs, because Chromium's install criteria want a 192 and a 512 px
// PNG; the maskable one keeps the mark inside the central safe circle (40% of
// the width as radius) that a launcher's mask never cuts. Plain zlib, no image
// library. Usage: node scripts/app-icons.ts (the PNGs are committed).
import { writeFile } from 'node:fs/promises';
import { deflateSync } from 'node:zlib';

const GREEN = [0x00, 0x70, 0x3c] as const;
const WHITE = [0xff, 0xff, 0xff] as const;

/** The check mark's two strokes in unit coordinates (0…1 across the icon). */
const MARK: [number, number, number, number][] = [
  [0.25, 0.52, 0.43, 0.7],
  [0.43, 0.7, 0.76, 0.33],
];

function distanceToSegment(px: number, py: number, [x1, y1, x2, y2]: [number, number, number, number]): number {
  const dx = x2 - x1;
  const dy = y2 - y1;
  const t = Math.max(0, Math.min(1, ((px - x1) * dx + (py - y1) * dy) / (dx * dx + dy * dy)));
  return Math.hypot(px - (x1 + t * dx), py - (y1 + t * dy));
}

/** RGB rows of a `size` px square icon; `scale` shrinks the mark about the centre (maskable: inside the safe zone). */
function draw(size: number, scale: number): Buffer {
  const rowBytes = 1 + size * 3;
  const raw = Buffer.alloc(rowBytes * size);
  const half = (0.09 * scale) / 2; // stroke half-width, in units
  for (let y = 0; y < size; y++) {
    raw[y * rowBytes] = 0; // filter: none
    for (let x = 0; x < size; x++) {
      const u = 0.5 + ((x + 0.5) / size - 0.5) / scale;
      const v = 0.5 + ((y + 0.5) / size - 0.5) / scale;
      const d = Math.min(...MARK.map((segment) => distanceToSegment(u, v, segment))) * scale;
      // One pixel of anti-aliasing at the stroke's edge.
      const cover = Math.max(0, Math.min(1, (half - d) * size + 0.5));
      for (let c = 0; c < 3; c++) raw[y * rowBytes + 1 + x * 3 + c] = Math.round(GREEN[c]! + (WHITE[c]! - GREEN[c]!) * cover);
    }
  }
  return raw;
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes: Buffer): number {
  let c = 0xffffffff;
  for (const byte of bytes) c = CRC_TABLE[(c ^ byte) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

function png(size: number, scale: number): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header[8] = 8; // bit depth
  header[9] = 2; // colour type: RGB
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(draw(size, scale), { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

const dir = new URL('../site/public/icons/', import.meta.url);
await writeFile(new URL('icon-192.png', dir), png(192, 1));
await writeFile(new URL('icon-512.png', dir), png(512, 1));
await writeFile(new URL('icon-maskable-512.png', dir), png(512, 0.7));
