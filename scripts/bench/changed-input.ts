// The next night's input: the same reports plus one new verified report for
// about `share` of the identifiers, so that share of the records changes.
// Usage: node scripts/bench/changed-input.ts INPUT OUTPUT SHARE IDENTIFIERS LINES
// (LINES: the input's line count, which the caller knows: the sample has one line per report.)
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { textFile } from '../pipeline/text-file.ts';

const [input, output, share, identifiers, lines] = process.argv.slice(2);
const wanted = Math.round(Number(share) * Number(identifiers));
const every = Math.max(1, Math.floor(Number(lines) / (wanted * 1.3)));

const out = textFile(output!);
let added = 0;
let index = 0;
for await (const line of createInterface({ input: createReadStream(input!), crlfDelay: Infinity })) {
  if (!line) continue;
  await out.write(`${line}\n`);
  if (index++ % every === 0 && added < wanted) {
    const report = JSON.parse(line) as { id: string; status: string };
    if (report.status === 'verified') {
      await out.write(`${JSON.stringify({ ...report, id: `${report.id}-next-${added}` })}\n`);
      added++;
    }
  }
}
await out.close();
process.stdout.write(JSON.stringify({ added }));
