// npm run bench -- range-client [--rate R --answers N]: what the private check
// costs the buyer's phone once its answer arrives — parsing one constant-size
// range answer (128 entries, padding included) and finding the asked hash in
// it, as site/src/client/private-check.ts does (JSON, then reportsIn). Measured
// in Debian's Chromium at 360 px with the page's CPU slowed R times (CDP
// Emulation.setCPUThrottlingRate, default 4, as Lighthouse's mobile default),
// and unslowed next to it: each figure the median over N answers of different
// prefixes, each parsed and searched 50 times in a row (performance.now() is
// coarse in a page, so one run alone is below its resolution).
import { parseArgs } from 'node:util';
import { launchChromium } from '../../tests/e2e/browser.ts';
import { paddedSuffixes, rangeAnswerJson, reportsIn, RANGE_ANSWER_ENTRIES } from '../../worker/core/range.ts';
import { sha256Hex } from '../../worker/core/sha256.ts';
import { median } from './rounds.ts';

const { values } = parseArgs({ options: { rate: { type: 'string', default: '4' }, answers: { type: 'string', default: '25' } } });
const rate = Number(values.rate);
const answers = Number(values.answers);
if (!(rate >= 1 && answers >= 1)) throw new Error('--rate ≥ 1, --answers ≥ 1');

const VERSION = '20261206T000000Z-00000000';
const snapshot = { version: VERSION, generatedAt: '2026-12-06T00:00:00.000Z', updatedAt: '2026-12-06T07:05:00.000Z' };
/** Answers of different prefixes, each holding one reported key among its padding, and the full hash to find. */
const cases: Array<{ text: string; hash: string }> = [];
for (let i = 0; i < answers; i++) {
  const hash = await sha256Hex(`phone:+62812000${String(i).padStart(5, '0')}`);
  const prefix = hash.slice(0, 5);
  const suffixes = await paddedSuffixes([{ suffix: hash.slice(5), count: 3 }], VERSION, prefix, RANGE_ANSWER_ENTRIES);
  const text = rangeAnswerJson({ prefix, suffixes, snapshot });
  if (reportsIn(suffixes, hash) !== 3) throw new Error('the reported key is not found in its own answer');
  cases.push({ text, hash });
}
const bytes = cases[0]!.text.length;

const REPEAT = 50;
const browser = await launchChromium();
try {
  const page = await browser.newPage({ viewport: { width: 360, height: 740 } });
  await page.setContent('<!doctype html><title>range client</title>');
  const session = await page.context().newCDPSession(page);
  const measure = async (throttle: number): Promise<number[]> => {
    await session.send('Emulation.setCPUThrottlingRate', { rate: throttle });
    // The page's own work: JSON.parse, then the search reportsIn does (a count above 0 with the same suffix).
    return page.evaluate(
      ({ cases, repeat }) => {
        const perAnswer: number[] = [];
        for (const { text, hash } of cases) {
          const tail = hash.slice(5);
          let found = 0;
          const start = performance.now();
          for (let r = 0; r < repeat; r++) {
            const range = JSON.parse(text) as { suffixes: Array<{ suffix: string; count: number }> };
            found = 0;
            for (const entry of range.suffixes) if (entry.count > 0 && entry.suffix === tail) found = entry.count;
          }
          if (found !== 3) throw new Error('not found');
          perAnswer.push(((performance.now() - start) / repeat) * 1000);
        }
        return perAnswer;
      },
      { cases, repeat: REPEAT },
    );
  };
  await measure(1); // warm the page's JIT
  const plain = await measure(1);
  const slowed = await measure(rate);
  const us = (values: number[]) => `${Math.round(median(values))} µs (${Math.round(Math.min(...values))}–${Math.round(Math.max(...values))})`;
  console.log(`\nThe private check's client cost: one ${bytes.toLocaleString('en-US')}-byte range answer (${RANGE_ANSWER_ENTRIES} entries) parsed and searched, Chromium ${browser.version()}, 360 px; median over ${answers} answers (lowest–highest), each the mean of ${REPEAT} runs; ${new Date().toISOString()}\n`);
  console.log('| page CPU | parse + find one answer |\n|--|--:|');
  console.log(`| this machine | ${us(plain)} |`);
  console.log(`| ${rate}x slower (a mid-range phone, as Lighthouse's mobile default) | ${us(slowed)} |`);
} finally {
  await browser.close();
}
