// A fast 64-bit fingerprint of a string (two MurmurHash3 32-bit hashes with
// different seeds), for equality checks where a cryptographic digest per item
// would dominate the run: report-id de-duplication and "did this record
// change since the last run". Runtime-neutral (the Worker tests build
// snapshots inside workerd).
import { murmur32 } from '../core/bloom-filter.ts';

export const SEED_A = 0x3c6ef372;
export const SEED_B = 0xa54ff53a;

/** 16 hex digits. */
export function hash64Hex(text: string): string {
  return murmur32(text, SEED_A).toString(16).padStart(8, '0') + murmur32(text, SEED_B).toString(16).padStart(8, '0');
}
