// Runs one load (load.ts) in a process of its own, so the load generator shares
// its event loop with nothing else, and returns what it measured.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { onCpus } from './cpus.ts';
import type { LoadResult, LoadSpec } from './load.ts';

/** One load; `cpus` (a taskset list, cpus.ts) keeps the load generator off the Worker's CPU. */
export function runLoad(spec: LoadSpec, cpus?: string): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(...onCpus(cpus, process.execPath, [fileURLToPath(new URL('load.ts', import.meta.url))]), { stdio: ['pipe', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (chunk) => (out += chunk));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve(JSON.parse(out) as LoadResult) : reject(new Error(`load generator exited ${code}`))));
    child.stdin.end(JSON.stringify(spec));
  });
}
