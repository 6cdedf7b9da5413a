// The real messages (tests/unit/real-messages/): public Indonesian SMS and
// seller/scam messages nobody here wrote, labelled by hand before the
// extractor ran on them (SOURCES.md). dev.json may be read while changing the
// rules; held-out.json only measured, never read for tuning.
import { readFileSync } from 'node:fs';
import type { IdentifierInput } from '../../worker/core/identifiers.ts';
import type { LabelledMessage } from './corpus-score.ts';

export interface RealMessage extends LabelledMessage {
  id: string;
  source: string;
  label: string;
  found: IdentifierInput[];
}

export type RealSet = 'dev' | 'held-out';

export function realMessages(set: RealSet): RealMessage[] {
  const file = new URL(`./real-messages/${set}.json`, import.meta.url);
  const messages = JSON.parse(readFileSync(file, 'utf8')) as RealMessage[];
  return messages.map((m) => ({ ...m, found: m.found ?? [] }));
}
