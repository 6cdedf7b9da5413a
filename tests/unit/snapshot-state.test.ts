import { mkdtemp, readdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { IdSet } from '../../worker/reports/id-set.ts';
import { progress } from '../../scripts/pipeline/progress.ts';
import { STATE_FORMAT, type StateHeader, type StateLine } from '../../scripts/pipeline/snapshot-state.ts';
import { StateFileError, stateFile } from '../../scripts/pipeline/state-file.ts';

const header = (version: string): StateHeader => ({ format: STATE_FORMAT, version, generation: 'g', skip: ['s'] });
const line = (key: string): StateLine => ({ key, latest: 'abcd', history: `[["v",{"k":"${key}"}]]` });

async function readAll(dir: string) {
  const state = await stateFile(dir).read();
  if (!state) return null;
  const lines: StateLine[] = [];
  for await (const l of state.lines) lines.push(l);
  return { header: state.header, lines };
}

describe('the publishing state file', () => {
  test('reads back what was committed; an aborted or unfinished write leaves the previous state', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'cekdulu-state-'));
    expect(await readAll(dir)).toBeNull();
    const first = await stateFile(dir).create(header('v1'));
    for (const key of ['a', 'b\u00e9', 'tel:+62812']) await first.write(line(key));
    await first.commit();
    const committed = await readAll(dir);
    expect(committed).toEqual({ header: header('v1'), lines: ['a', 'b\u00e9', 'tel:+62812'].map(line) });

    const aborted = await stateFile(dir).create(header('v2'));
    await aborted.write(line('z'));
    await aborted.abort();
    const unfinished = await stateFile(dir).create(header('v3'));
    await unfinished.write(line('y'));
    expect(await readAll(dir)).toEqual(committed);
    expect((await readdir(dir)).filter((f) => f.endsWith('.tmp'))).toHaveLength(1);
  });

  test('a file of another format is no state; a broken line is an error naming the line', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'cekdulu-state-'));
    await writeFile(join(dir, 'snapshot-state.tsv'), '#{"format":99}\n');
    expect(await stateFile(dir).read()).toBeNull();
    await writeFile(join(dir, 'snapshot-state.tsv'), `#${JSON.stringify(header('v1'))}\na\tx\t[]\nbroken\n`);
    await expect(readAll(dir)).rejects.toThrow(StateFileError);
    await expect(readAll(dir)).rejects.toThrow(/snapshot-state\.tsv:3:/);
  });
});

describe('IdSet', () => {
  test('add is true exactly once per distinct id, through growth', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ maxLength: 12 }), { maxLength: 300 }), (ids) => {
        const set = new IdSet();
        const seen = new Set<string>();
        for (const id of ids) {
          const fresh = !seen.has(id);
          seen.add(id);
          expect(set.add(id)).toBe(fresh);
        }
        expect(set.size).toBe(seen.size);
      }),
    );
    const big = new IdSet();
    for (let i = 0; i < 200_000; i++) big.add(`CD-${i}`);
    expect(big.size).toBe(200_000);
    expect(big.add('CD-123456')).toBe(false);
    expect(big.add('CD-200000')).toBe(true);
  });
});

describe('progress', () => {
  test('off a terminal it prints plain lines at the interval with rate and ETA, then a final line', () => {
    const written: string[] = [];
    let now = 0;
    const out = { isTTY: false, write: (s: string) => written.push(s) } as unknown as NodeJS.WriteStream;
    const bar = progress('reading', { total: 100, unit: 'MB', out, everySeconds: 10, now: () => now });
    now = 5_000;
    bar.update(10);
    now = 10_000;
    bar.update(20);
    now = 20_000;
    bar.update(50);
    bar.finish();
    expect(written).toEqual([
      '20%  reading: 20 of 100 MB  2/s  ETA 40s  elapsed 10s\n',
      '50%  reading: 50 of 100 MB  3/s  ETA 20s  elapsed 20s\n',
      '50%  reading: 50 of 100 MB  3/s  ETA 20s  elapsed 20s\n',
    ]);
  });
});
