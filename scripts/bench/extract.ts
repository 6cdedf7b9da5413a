// npm run bench -- extract [--before DIR]: how well the paste box reads
// messages — precision and recall, per kind, on the written corpus
// (tests/unit/extract-corpus.ts) and on real messages nobody here wrote
// (tests/unit/real-messages/: the dev set and the held-out set, labelled by
// hand before the extractor ran; SOURCES.md). --before DIR scores the
// extractor of another checkout too (e.g. `git worktree add /tmp/before
// <commit>`), against the same labels and in the same run, so a change shows
// as before → after. Also the time to read each real message (median, p99).
import { parseArgs } from 'node:util';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { extractIdentifiers } from '../../worker/core/extract.ts';
import type { Extraction } from '../../worker/core/extract-types.ts';
import { describeScore, scoreCorpus, type LabelledMessage } from '../../tests/unit/corpus-score.ts';
import { writtenCorpus } from '../../tests/unit/extract-corpus.ts';
import { realMessages } from '../../tests/unit/real-corpus.ts';

const { values } = parseArgs({ options: { before: { type: 'string' } } });
type Extract = (text: string) => Extraction;

const sets: Array<[string, readonly LabelledMessage[], boolean]> = [
  ['written corpus', writtenCorpus(), true],
  ['real messages, dev', realMessages('dev'), false],
  ['real messages, held-out', realMessages('held-out'), false],
];

const readers: Array<[string, Extract]> = [];
if (values.before) {
  const file = pathToFileURL(join(resolve(values.before), 'worker/core/extract.ts')).href;
  const before = (await import(file)) as { extractIdentifiers: (text: string, lang: 'id') => Extraction };
  readers.push([`before (${values.before})`, (text) => before.extractIdentifiers(text, 'id')]);
}
readers.push(['now', (text) => extractIdentifiers(text, 'id')]);

for (const [name, cases, strict] of sets) {
  for (const [who, read] of readers) console.log(describeScore(`${name} — ${who}`, scoreCorpus(cases, read, strict)));
}

// Time per real message: each read 20 times, the median and the 99th percentile of all reads.
const texts = [...realMessages('dev'), ...realMessages('held-out')].map((m) => m.text);
for (const text of texts) extractIdentifiers(text, 'id');
const times: number[] = [];
for (let run = 0; run < 20; run++) {
  for (const text of texts) {
    const start = performance.now();
    extractIdentifiers(text, 'id');
    times.push(performance.now() - start);
  }
}
times.sort((a, b) => a - b);
const at = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))]!;
console.log(`time to read one real message (${texts.length} messages × 20): median ${(at(0.5) * 1000).toFixed(0)} µs, p99 ${(at(0.99) * 1000).toFixed(0)} µs`);
