// The chat screenshots of real messages (tests/fixtures/screenshots/): what
// each picture shows and the identifiers a reader must find in it — the
// message's hand-made labels, copied by scripts/screenshots/render.ts.
import { readFileSync } from 'node:fs';
import type { IdentifierInput } from '../../worker/core/identifiers.ts';
import type { RealSet } from './real-corpus.ts';

export interface ScreenshotEntry {
  file: string;
  /** The id of the real message in tests/unit/real-messages/<corpus>.json. */
  message: string;
  corpus: RealSet;
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
