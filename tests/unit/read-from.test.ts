// Where the next same-day delta starts for a nightly run on an export (docs/operations.md, "Where
// it starts"): export-reports writes the time beside its output; the snapshot run checks it.
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { readFromPath, readFromProblem, writeReadFrom } from '../../scripts/pipeline/read-from.ts';
import { readFromOf } from '../../worker/delta/delta-writer.ts';

const now = new Date('2026-12-06T19:30:00.000Z');
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const at = (offsetMs: number) => new Date(now.getTime() + offsetMs).toISOString();

describe('export-reports says where the next delta starts', () => {
  test('it writes its readFrom beside its output as one line, which --read-from accepts', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'cekdulu-read-from-'));
    const out = join(dir, 'reports.ndjson.gz');
    const readFrom = readFromOf(now);
    const path = await writeReadFrom(out, readFrom);
    expect(path).toBe(`${out}.read-from`);
    expect(readFromPath(out)).toBe(path);
    expect(await readFile(path, 'utf8')).toBe('2026-12-06T19:29:00.000Z\n');
    // As the workflow passes it: $(cat FILE) drops the newline.
    expect(readFromProblem((await readFile(path, 'utf8')).trimEnd(), now)).toBeUndefined();
  });
});

describe('a --read-from value', () => {
  test('is accepted from 48 hours before now to a minute after (clock skew)', () => {
    expect(readFromProblem(at(-48 * HOUR), now)).toBeUndefined();
    expect(readFromProblem(at(-5 * MINUTE), now)).toBeUndefined();
    expect(readFromProblem(at(MINUTE), now)).toBeUndefined();
  });

  test('is refused more than a minute in the future, or more than 48 hours old', () => {
    expect(readFromProblem(at(MINUTE + 1), now)).toMatch(/in the future/);
    expect(readFromProblem(at(-48 * HOUR - 1), now)).toMatch(/more than 48 hours old/);
  });

  test('is refused unless it is a whole UTC time to the millisecond, as export-reports writes it', () => {
    for (const text of [
      '',
      '2026-12-06',
      '2026-12-06T19:00:00Z',
      '2026-12-06T19:00:00.000+07:00',
      '2026-12-06 19:00:00.000Z',
      '2026-11-31T19:00:00.000Z',
      ' 2026-12-06T19:00:00.000Z',
    ]) {
      expect(readFromProblem(text, now), JSON.stringify(text)).toMatch(/must be a UTC time/);
    }
  });
});
