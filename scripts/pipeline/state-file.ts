// The publishing state (snapshot-state.ts) as one file: a header line
// ("#" + JSON), then "key TAB latest TAB history" per lookup key, in key order.
// Written to a temporary name and renamed on commit, so a run that dies
// leaves the previous state in place.
import { createReadStream } from 'node:fs';
import { mkdir, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { textFile } from './text-file.ts';
import { STATE_FORMAT, type StateHeader, type StateLine, type StateStore, type StateWriter, type StoredState } from './snapshot-state.ts';

const FILE = 'snapshot-state.tsv';

export class StateFileError extends Error {
  override name = 'StateFileError';
}

export function stateFile(dir: string): StateStore {
  const path = join(dir, FILE);
  return {
    async read(): Promise<StoredState | null> {
      if (!(await stat(path).catch(() => null))) return null;
      const lines = createInterface({ input: createReadStream(path), crlfDelay: Infinity });
      const iterator = lines[Symbol.asyncIterator]();
      const first = await iterator.next();
      const header = first.done ? null : parseHeader(first.value);
      if (!header) {
        lines.close();
        return null;
      }
      return {
        header,
        lines: (async function* () {
          let lineNo = 1;
          try {
            for (let next = await iterator.next(); !next.done; next = await iterator.next()) {
              lineNo++;
              const [key, latest, history] = next.value.split('\t');
              if (!key || !latest || !history) throw new StateFileError(`${path}:${lineNo}: not "key TAB latest TAB history"`);
              yield { key, latest, history };
            }
          } finally {
            lines.close();
          }
        })(),
      };
    },

    async create(header: StateHeader): Promise<StateWriter> {
      await mkdir(dir, { recursive: true });
      const temporary = `${path}.${process.pid}.tmp`;
      const out = textFile(temporary);
      await out.write(`#${JSON.stringify(header)}\n`);
      return {
        write: ({ key, latest, history }: StateLine) => out.write(`${key}\t${latest}\t${history}\n`),
        async commit() {
          await out.close();
          await rename(temporary, path);
        },
        async abort() {
          out.destroy();
          await rm(temporary, { force: true });
        },
      };
    },
  };
}

function parseHeader(line: string): StateHeader | null {
  if (!line.startsWith('#')) return null;
  try {
    const header = JSON.parse(line.slice(1)) as StateHeader;
    return header.format === STATE_FORMAT ? header : null;
  } catch {
    return null;
  }
}
