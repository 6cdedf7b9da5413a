// Child processes for the scripts: run a command to completion, or start a
// long-lived server and stop it with everything it spawned.
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';

/** Runs a command with inherited output; rejects naming the command when it fails. */
export function run(command: string, args: string[], options: { env?: NodeJS.ProcessEnv } = {}): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: 'inherit', env: options.env ?? process.env });
    child.on('error', reject);
    child.on('close', (code, signal) =>
      code === 0 ? resolve() : reject(new Error(`${command} ${args.join(' ')} failed (${signal ?? `exit ${code}`})`)),
    );
  });
}

/** A TCP port that was free on 127.0.0.1 a moment ago. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

export interface WorkerServer {
  url: string;
  process: ChildProcess;
  stop(): Promise<void>;
}

/**
 * `wrangler dev` on 127.0.0.1:port in its own process group (npx → wrangler →
 * workerd), ready once the health endpoint answers.
 */
export async function startWranglerDev(
  port: number,
  extraArgs: string[] = [],
  options: { quiet?: boolean; timeoutMs?: number } = {},
): Promise<WorkerServer> {
  const child = spawn('npx', ['wrangler', 'dev', '--ip', '127.0.0.1', '--port', String(port), ...extraArgs], {
    detached: true,
    stdio: options.quiet ? ['ignore', 'pipe', 'pipe'] : ['ignore', 'inherit', 'inherit'],
  });
  let output = '';
  child.stdout?.on('data', (chunk) => (output += chunk));
  child.stderr?.on('data', (chunk) => (output += chunk));
  const url = `http://127.0.0.1:${port}`;
  const stop = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      child.once('close', () => resolve());
      try {
        process.kill(-child.pid!, 'SIGTERM');
      } catch {
        resolve();
      }
    });
  const deadline = Date.now() + (options.timeoutMs ?? 90_000);
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`wrangler dev exited ${child.exitCode}:\n${output}`);
    try {
      const res = await fetch(`${url}/api/v1/health`);
      await res.body?.cancel();
      if (res.status === 200 || res.status === 503) return { url, process: child, stop };
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  await stop();
  throw new Error(`wrangler dev did not answer on ${url} in time:\n${output}`);
}
