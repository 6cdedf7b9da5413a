// Progress of a long step with rate and time left: a bar redrawn in place on a
// terminal, plain lines every few seconds elsewhere (CI logs keep every line).

export interface Progress {
  /** `done` so far, in the unit of `total`. */
  update(done: number): void;
  /** Prints the final line. */
  finish(): void;
}

export interface ProgressOptions {
  /** Unknown totals show a count and a rate only. */
  total?: number;
  /** What is counted, e.g. "lines" or "MB". */
  unit: string;
  out?: NodeJS.WriteStream;
  /** Seconds between plain lines when not on a terminal. */
  everySeconds?: number;
  now?: () => number;
}

const BAR_WIDTH = 24;

export function progress(label: string, options: ProgressOptions): Progress {
  const out = options.out ?? process.stderr;
  const now = options.now ?? (() => performance.now());
  const tty = Boolean(out.isTTY);
  const interval = tty ? 200 : (options.everySeconds ?? 10) * 1000;
  const started = now();
  let last = started;
  let done = 0;

  const line = (): string => {
    const seconds = Math.max((now() - started) / 1000, 1e-3);
    const rate = done / seconds;
    const parts = [`${label}: ${format(done)}${options.total ? ` of ${format(options.total)}` : ''} ${options.unit}`, `${format(rate)}/s`];
    if (options.total) {
      const share = Math.min(done / options.total, 1);
      const eta = rate > 0 ? (options.total - done) / rate : Infinity;
      parts.unshift(tty ? `[${'#'.repeat(Math.round(share * BAR_WIDTH)).padEnd(BAR_WIDTH, '.')}] ${(share * 100).toFixed(0)}%` : `${(share * 100).toFixed(0)}%`);
      if (done < options.total) parts.push(`ETA ${duration(eta)}`);
    }
    parts.push(`elapsed ${duration(seconds)}`);
    return parts.join('  ');
  };

  return {
    update(value) {
      done = value;
      const t = now();
      if (t - last < interval) return;
      last = t;
      out.write(tty ? `\r${line()}\x1b[K` : `${line()}\n`);
    },
    finish() {
      out.write(tty ? `\r${line()}\x1b[K\n` : `${line()}\n`);
    },
  };
}

function format(n: number): string {
  if (n >= 1e6) return `${(n / 1e6).toFixed(2)}M`;
  if (n >= 1e4) return `${(n / 1e3).toFixed(1)}k`;
  return String(Math.round(n));
}

function duration(seconds: number): string {
  if (!Number.isFinite(seconds)) return '?';
  const s = Math.round(seconds);
  return s >= 60 ? `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s` : `${s}s`;
}
