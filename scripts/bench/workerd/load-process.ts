// Runs one load (load.ts) in a process of its own, so the load generator shares
// its event loop with nothing else, and returns what it measured.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { onCpus } from './cpus.ts';
import type { LoadResult, LoadSpec, LoadTarget, PairResult } from './load.ts';

/** One load; `cpus` (a taskset list, cpus.ts) keeps the load generator off the Worker's CPU. */
export function runLoad(spec: LoadSpec, cpus?: string): Promise<LoadResult> {
  return spawnLoad<LoadResult>(spec, cpus);
}

/** Pairs of short slices, the base's and the row's, alternating in one process (load.ts). */
export function runPairs(spec: LoadSpec & { pairs: number; base: LoadTarget }, cpus?: string): Promise<PairResult[]> {
  return spawnLoad<PairResult[]>(spec, cpus);
}

function spawnLoad<T>(spec: LoadSpec, cpus: string | undefined): Promise<T> {
  return new Promise((resolve, reject) => {
    const child = spawn(...onCpus(cpus, process.execPath, [fileURLToPath(new URL('load.ts', import.meta.url))]), { stdio: ['pipe', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (chunk) => (out += chunk));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve(JSON.parse(out) as T) : reject(new Error(`load generator exited ${code}`))));
    child.stdin.end(JSON.stringify(spec));
  });
}
