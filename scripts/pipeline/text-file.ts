// Writes a large text file line by line without a write call per line: text
// gathers in a buffer and goes out in ~1 MB chunks, waiting when the stream is
// full; gzip when the name ends in .gz.
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { createGzip } from 'node:zlib';

const FLUSH_CHARS = 1 << 20;

export interface TextFile {
  write(text: string): Promise<void>;
  /** Flushes and closes; resolves once the file is complete on disk. */
  close(): Promise<void>;
  /** Drops what was not written and closes. */
  destroy(): void;
}

export function textFile(path: string): TextFile {
  const file = createWriteStream(path);
  const gzip = path.endsWith('.gz') ? createGzip() : null;
  gzip?.pipe(file);
  const out: Writable = gzip ?? file;
  let buffer = '';
  const flush = async () => {
    if (buffer && !out.write(buffer)) await once(out, 'drain');
    buffer = '';
  };
  return {
    async write(text) {
      buffer += text;
      if (buffer.length >= FLUSH_CHARS) await flush();
    },
    async close() {
      await flush();
      out.end();
      await once(file, 'finish');
    },
    destroy() {
      out.destroy();
      file.destroy();
    },
  };
}
