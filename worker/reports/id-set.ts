// The report ids seen so far as 64-bit hashes in an open-addressing table of
// typed arrays (8 bytes a slot, at most half full) instead of JavaScript
// strings in a Set: ten million ids take at most 268 MB here, several times
// less than as strings. Two distinct ids share a hash with probability n²/2⁶⁵ (3 in a million
// for 10M ids); the cost of that rare event is one report counted as a repeat.
// Written by hand because no well-kept package offers a compact string set.

import { murmur32 } from '../core/bloom-filter.ts';
import { SEED_A, SEED_B } from './hash64.ts';

const EMPTY = 0;

export class IdSet {
  private hi = new Uint32Array(1 << 16);
  private lo = new Uint32Array(1 << 16);
  private mask = (1 << 16) - 1;
  size = 0;

  /** Adds the id; false when it was already there. */
  add(id: string): boolean {
    const h1 = murmur32(id, SEED_A);
    const h2 = murmur32(id, SEED_B) || 1; // 0 marks an empty slot
    let slot = h1 & this.mask;
    for (;;) {
      const lo = this.lo[slot]!;
      if (lo === EMPTY) break;
      if (lo === h2 && this.hi[slot] === h1 >>> 0) return false;
      slot = (slot + 1) & this.mask;
    }
    this.hi[slot] = h1 >>> 0;
    this.lo[slot] = h2;
    this.size++;
    if (this.size * 2 > this.mask) this.grow();
    return true;
  }

  private grow(): void {
    const { hi, lo } = this;
    const capacity = hi.length * 2;
    this.hi = new Uint32Array(capacity);
    this.lo = new Uint32Array(capacity);
    this.mask = capacity - 1;
    for (let i = 0; i < hi.length; i++) {
      if (lo[i] === EMPTY) continue;
      let slot = hi[i]! & this.mask;
      while (this.lo[slot] !== EMPTY) slot = (slot + 1) & this.mask;
      this.hi[slot] = hi[i]!;
      this.lo[slot] = lo[i]!;
    }
  }
}
