// Finished range answers (worker/core/range.ts rangeAnswerJson, padding
// included) that an isolate keeps, so that a prefix asked again is sent as it
// is rather than padded and serialised again (about 60 µs of Worker CPU each
// time, most of it drawing and writing the padding).
//
// The bound: every answer of a version has one length (128 entries, 11,899
// bytes with a 25-character version), about 12 KB of the isolate's heap once
// flattened, so RANGE_ANSWERS_HELD = 1,024 answers hold at most ~12 MB of the
// isolate's 128 MB, beside the filter and the 5,000 remembered records. A
// version whose manifest names a larger size (rangeEntries 256, past ~50
// million identifiers) doubles that; still under a fifth of the isolate.
// 1,024 of the 1,048,576 prefixes is no cache for private checks spread over
// all of them (the edge cache, public for 5 minutes, comes first): it keeps the
// prefixes asked again and again within one isolate's life cheap.
import { RecentlyRead } from './recently-read.ts';

/** Finished answers one isolate keeps, across versions, least recently used dropped first. */
const RANGE_ANSWERS_HELD = 1_024;

const encoder = new TextEncoder();
const decoder = new TextDecoder();

export class RangeAnswers {
  private readonly held = new RecentlyRead<string>();
  private readonly limit: number;
  constructor(limit = RANGE_ANSWERS_HELD) {
    this.limit = limit;
  }

  /** Answers held now (at most the limit). */
  get size(): number {
    return this.held.size;
  }

  /** The finished answer of a prefix in a version, now the most recently used; undefined when not held. */
  get(version: string, prefix: string): string | undefined {
    return this.held.get(`${version}\0${prefix}`);
  }

  /**
   * Holds an answer and returns it as held: flattened, as an answer built by
   * appending entries is a rope of some 500 pieces (about 40 KB of heap held,
   * against its 12 KB of text).
   */
  set(version: string, prefix: string, answer: string): string {
    const flat = decoder.decode(encoder.encode(answer));
    this.held.set(`${version}\0${prefix}`, flat, this.limit);
    return flat;
  }
}
