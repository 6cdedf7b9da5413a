// The chat screenshots of real messages (tests/fixtures/screenshots/): what
// each picture shows and the identifiers a reader must find in it — the
// message's hand-made labels, copied by scripts/screenshots/render.ts.
import { readFileSync } from 'node:fs';
import type { IdentifierInput } from '../../worker/core/identifiers.ts';
import type { RealSet } from './real-corpus.ts';

/**
 * A batch of pictures. held-out-2 is a second, fresh batch of held-out.json's
 * messages, none shown in the held-out pictures: the held-out batch was looked
 * at after its first reading (docs/performance.md), so it is no longer blind.
 */
export type ScreenshotSet = RealSet | 'held-out-2';

/** The real-message file a batch's messages come from. */
export const SOURCE_OF: Record<ScreenshotSet, RealSet> = { dev: 'dev', 'held-out': 'held-out', 'held-out-2': 'held-out' };

export interface ScreenshotEntry {
  file: string;
  /** The id of the real message in tests/unit/real-messages/<SOURCE_OF[corpus]>.json. */
  message: string;
  corpus: ScreenshotSet;
  style: 'whatsapp' | 'instagram' | 'sms';
  theme: 'light' | 'dark';
  /** CSS pixels; the PNG is width × scale wide. */
  width: number;
  scale: number;
  found: IdentifierInput[];
  unresolved?: string[];
}

export const SCREENSHOTS_DIR = new URL('../fixtures/screenshots/', import.meta.url);

export function screenshotManifest(): ScreenshotEntry[] {
  return JSON.parse(readFileSync(new URL('manifest.json', SCREENSHOTS_DIR), 'utf8')) as ScreenshotEntry[];
}
