// npm run export-reports -- (--remote | --local [--persist-to DIR]) --out FILE
// Writes the verified reports in D1 that the listing policy admits as
// report-contract NDJSON (gzip when FILE ends in .gz), page by page through
// `wrangler d1 execute --json`, for the nightly job's input (`npm run snapshot
// -- --input FILE`), each flagged `disputed` while an owner's dispute of its key
// is pending; says how many verified rows it held back and why, and where the
// next same-day delta starts (a minute before its first read of D1), also written
// to FILE.read-from for `npm run snapshot -- --read-from`. Reporter fields
// are never selected. --remote needs CLOUDFLARE_API_TOKEN (the nightly workflow).
import './dev/offline.ts';
import { parseArgs } from 'node:util';
import { DEFAULT_PERSIST_DIR } from './pipeline/local-kv.ts';
import {
  HELD_BACK_REASON,
  PENDING_DISPUTE_KEYS_SQL,
  VERIFIED_ROWS_PAGE_SQL,
  verifiedReportLines,
  type VerifiedRow,
  type VerifiedRowsPage,
} from '../worker/reports/listing-policy.ts';
import { readFromOf } from '../worker/delta/delta-writer.ts';
import { writeReadFrom } from './pipeline/read-from.ts';
import { runWrangler } from './pipeline/remote-kv.ts';
import { textFile } from './pipeline/text-file.ts';

const USAGE = `Usage: npm run export-reports -- (--remote | --local [--persist-to DIR]) --out FILE`;
const PAGE = 5_000;

function fail(message: string, code: number): never {
  process.stderr.write(`export-reports: ${message}\n`);
  process.exit(code);
}

function parse() {
  try {
    return parseArgs({
      options: {
        remote: { type: 'boolean', default: false },
        local: { type: 'boolean', default: false },
        'persist-to': { type: 'string', default: DEFAULT_PERSIST_DIR },
        out: { type: 'string' },
      },
      strict: true,
      allowPositionals: false,
    }).values;
  } catch (err) {
    fail(`${(err as Error).message}\n${USAGE}`, 2);
  }
}
const args = parse();
if (args.remote === args.local) fail(`give exactly one of --remote and --local\n${USAGE}`, 2);
if (!args.out) fail(`--out FILE is required\n${USAGE}`, 2);

const where = args.remote ? ['--remote'] : ['--local', '--persist-to', args['persist-to']!];
const out = textFile(args.out);

const d1 = async <Row>(sql: string): Promise<Row[]> =>
  (JSON.parse(await runWrangler(['d1', 'execute', 'DB', ...where, '--json', '--command', sql])) as [{ results: Row[] }])[0].results;

// `wrangler d1 execute --command` takes no parameters: the two values go into the SQL text.
const page: VerifiedRowsPage = async (after, limit) => {
  // The cursor is a report reference (CD-XXXX-XXXX-XXXX): checked, so it is safe inside the SQL text.
  if (after && !/^CD-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/.test(after)) fail(`unexpected report reference ${JSON.stringify(after)}`, 1);
  return d1<VerifiedRow>(VERIFIED_ROWS_PAGE_SQL.replace('?', `'${after}'`).replace('?', String(limit)));
};

// Before the first read of D1: the next same-day delta holds every decision from then on.
const readFrom = readFromOf(new Date());
const disputedKeys = new Set((await d1<{ lookup_key: string }>(PENDING_DISPUTE_KEYS_SQL)).map((row) => row.lookup_key));
const tally = { heldBack: 0 };
let rows = 0;
for await (const line of verifiedReportLines(page, disputedKeys, tally, PAGE)) {
  await out.write(`${JSON.stringify(line)}\n`);
  rows++;
}
await out.close();
const readFromFile = await writeReadFrom(args.out, readFrom);
process.stdout.write(
  `exported ${rows} verified reports to ${args.out}; held back ${tally.heldBack}: ${HELD_BACK_REASON}; ` +
    `read from ${readFrom} (${readFromFile})\n`,
);
