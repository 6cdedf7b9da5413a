// What a share target's POST carries (site/public/manifest.webmanifest,
// share_target): the text fields title, text and url, and whether a picture
// (the file field) came with them. Read as the body streams, part by part, so
// a picture's bytes pass through and are dropped at once: the Worker never
// holds, stores, logs or looks into a shared image (pictures are read on the
// buyer's phone, by the service worker and the page). Only the three named
// text fields are kept, each up to MAX_SHARED_FIELD_BYTES.
import { ApiError } from '../core/errors.ts';

/** The text fields a share sends, in the order the page reads them. */
export const SHARED_TEXT_FIELDS = ['title', 'text', 'url'] as const;
type SharedTextField = (typeof SHARED_TEXT_FIELDS)[number];

/**
 * One text field's longest kept form. The page reads at most 2,000 characters
 * (MAX_TEXT_LENGTH) and says so for a longer one; this leaves room for 2,000
 * characters of any script in UTF-8 and for a title and url beside them.
 */
const MAX_SHARED_FIELD_BYTES = 16 * 1024;
/** A part's headers longer than this are no browser's: the body is refused rather than buffered. */
const MAX_PART_HEADER_BYTES = 8 * 1024;

export interface SharedForm {
  fields: Partial<Record<SharedTextField, string>>;
  /** Non-empty file parts seen (their bytes were counted, then dropped). */
  pictures: number;
}

const ascii = new TextEncoder();
const utf8 = new TextDecoder();

function indexOf(haystack: Uint8Array, needle: Uint8Array, from = 0): number {
  const first = needle[0];
  const last = haystack.length - needle.length;
  outer: for (let i = haystack.indexOf(first!, from); i !== -1 && i <= last; i = haystack.indexOf(first!, i + 1)) {
    for (let j = 1; j < needle.length; j++) if (haystack[i + j] !== needle[j]) continue outer;
    return i;
  }
  return -1;
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  if (a.length === 0) return b;
  const joined = new Uint8Array(a.length + b.length);
  joined.set(a);
  joined.set(b, a.length);
  return joined;
}

/** The boundary named in a multipart Content-Type (RFC 2046: 1 to 70 characters); invalid_body otherwise. */
export function boundaryOf(contentType: string): string {
  const match = /;\s*boundary=(?:"([^"]{1,70})"|([^\s;"]{1,70}))/i.exec(contentType);
  const boundary = match?.[1] ?? match?.[2];
  if (!boundary) throw new ApiError('invalid_body');
  return boundary;
}

interface Part {
  name: string;
  file: boolean;
  bytes: number;
  kept: Uint8Array[];
}

function partFrom(headers: string): Part {
  const disposition = /^content-disposition:([^\r\n]*)/im.exec(headers)?.[1] ?? '';
  const name = /[;\s]name="([^"]*)"/i.exec(disposition)?.[1] ?? '';
  // A file part says filename=; a picture an OS shares always does.
  const file = /[;\s]filename\*?=/i.test(disposition) || /^content-type:\s*(image|application\/octet-stream)/im.test(headers);
  return { name, file, bytes: 0, kept: [] };
}

/**
 * Reads a multipart/form-data share from `body`, which the caller has capped.
 * invalid_body for a body that is not well-formed multipart (no closing boundary
 * included), text_too_long for a text field over MAX_SHARED_FIELD_BYTES.
 */
export async function readSharedMultipart(body: ReadableStream<Uint8Array>, boundary: string): Promise<SharedForm> {
  const delimiter = ascii.encode(`\r\n--${boundary}`);
  const headerEnd = ascii.encode('\r\n\r\n');
  const result: SharedForm = { fields: {}, pictures: 0 };
  // The first boundary has no line break before it: one is put there, so every boundary reads the same.
  let buffer: Uint8Array = ascii.encode('\r\n');
  // In an object, so the reading loop sees what step() sets (a local would stay narrowed to its first value).
  const state: { phase: 'preamble' | 'after-boundary' | 'headers' | 'body' | 'done' } = { phase: 'preamble' };
  let part: Part | null = null;

  const take = (bytes: Uint8Array) => {
    if (!part || bytes.length === 0) return;
    part.bytes += bytes.length;
    if (part.file) return; // counted, never kept
    if (!(SHARED_TEXT_FIELDS as readonly string[]).includes(part.name)) return;
    if (part.bytes > MAX_SHARED_FIELD_BYTES) throw new ApiError('text_too_long');
    part.kept.push(bytes.slice());
  };
  const finish = () => {
    if (!part) return;
    if (part.file) {
      if (part.bytes > 0) result.pictures++;
    } else if ((SHARED_TEXT_FIELDS as readonly string[]).includes(part.name) && !(part.name in result.fields)) {
      const all = part.kept.reduce(concat, new Uint8Array(0));
      result.fields[part.name as SharedTextField] = utf8.decode(all);
    }
    part = null;
  };

  /** Moves through what is buffered as far as it can; false when it needs more bytes. */
  const step = (): boolean => {
    switch (state.phase) {
      case 'preamble':
      case 'body': {
        const found = indexOf(buffer, delimiter);
        if (found === -1) {
          // Everything but a possible start of the boundary is part content (or preamble, dropped).
          const safe = buffer.length - (delimiter.length - 1);
          if (safe > 0) {
            if (state.phase === 'body') take(buffer.subarray(0, safe));
            buffer = buffer.slice(safe);
          }
          return false;
        }
        if (state.phase === 'body') take(buffer.subarray(0, found));
        finish();
        buffer = buffer.slice(found + delimiter.length);
        state.phase = 'after-boundary';
        return true;
      }
      case 'after-boundary': {
        if (buffer.length < 2) return false;
        if (buffer[0] === 0x2d && buffer[1] === 0x2d) {
          state.phase = 'done';
          return false;
        }
        if (buffer[0] !== 0x0d || buffer[1] !== 0x0a) throw new ApiError('invalid_body');
        buffer = buffer.slice(2);
        state.phase = 'headers';
        return true;
      }
      case 'headers': {
        const found = indexOf(buffer, headerEnd);
        if (found === -1) {
          if (buffer.length > MAX_PART_HEADER_BYTES) throw new ApiError('invalid_body');
          return false;
        }
        part = partFrom(utf8.decode(buffer.subarray(0, found)));
        buffer = buffer.slice(found + headerEnd.length);
        state.phase = 'body';
        return true;
      }
      case 'done':
        return false;
    }
  };

  const reader = body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    if (state.phase === 'done') continue; // an epilogue, read to the end and dropped
    buffer = concat(buffer, value);
    while (step());
  }
  if (state.phase !== 'done') throw new ApiError('invalid_body');
  return result;
}
