// What a publishing run leaves for the next one so that it can write only what
// changed without reading the namespace back: the live generation's record
// histories, exactly as written to KV, in lookup-key order, with a fingerprint
// of each key's newest record. A state is valid only for the version it names
// (`head` in KV says which version the next run diffs against); anything else
// makes the next run start a new generation. Runtime-neutral: the file form is
// state-file.ts.

export const STATE_FORMAT = 1;

export interface StateHeader {
  format: typeof STATE_FORMAT;
  /** The committed version this state describes. */
  version: string;
  generation: string;
  /** Versions whose entries may linger in the generation's records and are ignored by readers. */
  skip: string[];
}

export interface StateLine {
  /** A lookup key (identifiers.ts); never contains a tab or a newline. */
  key: string;
  /** hash64Hex of the newest record's JSON, or "-" when the newest entry drops the key. */
  latest: string;
  /** The RecordHistory JSON stored in KV for the key. */
  history: string;
}

export interface StoredState {
  header: StateHeader;
  /** In lookup-key order. */
  lines: AsyncIterable<StateLine>;
}

export interface StateWriter {
  write(line: StateLine): Promise<void>;
  /** Makes the new state the one `read` returns; until then the previous state stays. */
  commit(): Promise<void>;
  abort(): Promise<void>;
}

export interface StateStore {
  /** The committed state, or null when there is none. */
  read(): Promise<StoredState | null>;
  create(header: StateHeader): Promise<StateWriter>;
}

export const DROPPED = '-';

/** A state in memory, for tests. */
export class MemoryStateStore implements StateStore {
  committed: { header: StateHeader; lines: StateLine[] } | null = null;

  async read(): Promise<StoredState | null> {
    const state = this.committed;
    if (!state) return null;
    return { header: state.header, lines: (async function* () { yield* state.lines; })() };
  }

  async create(header: StateHeader): Promise<StateWriter> {
    const lines: StateLine[] = [];
    return {
      write: async (line) => void lines.push(line),
      commit: async () => void (this.committed = { header, lines }),
      abort: async () => {},
    };
  }
}
