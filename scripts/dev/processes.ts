// Child processes for the scripts: run a command to completion, or start a
// long-lived server and stop it with everything it spawned.
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { DEFAULT_BOT_STUB_PORT } from './bot-dev.ts';

interface RunOptions {
  env?: NodeJS.ProcessEnv;
  cwd?: string;
}

/** Runs a command with inherited output; rejects naming the command when it fails. */
export function run(command: string, args: string[], options: RunOptions = {}): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: 'inherit', env: options.env ?? process.env, cwd: options.cwd });
    child.on('error', reject);
    child.on('close', (code, signal) =>
      code === 0 ? resolve() : reject(new Error(`${command} ${args.join(' ')} failed (${signal ?? `exit ${code}`})`)),
    );
  });
}

/** Runs a command and resolves with its output (standard output and error, interleaved); rejects with it when it fails. */
export function capture(command: string, args: string[], options: RunOptions = {}): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'], env: options.env ?? process.env, cwd: options.cwd });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.on('error', reject);
    child.on('close', (code, signal) =>
      code === 0 ? resolve(output) : reject(new Error(`${command} ${args.join(' ')} failed (${signal ?? `exit ${code}`}):\n${output}`)),
    );
  });
}

/**
 * The Worker variables `npm start` serves with (and the tests that run what it runs): Turnstile off
 * (it fails closed without a secret, worker/reports/turnstile.ts) and a dev-only key for the reporter
 * hashes; production sets its own with `wrangler secret put REPORTER_HASH_KEY`.
 */
export const LOCAL_VARS: Record<string, string> = { TURNSTILE_SECRET: 'disabled', REPORTER_HASH_KEY: 'dev-only-reporter-hash-key' };

/** `--var NAME:value` for each variable. */
export const varArgs = (vars: Record<string, string>): string[] => Object.entries(vars).flatMap(([name, value]) => ['--var', `${name}:${value}`]);

/** The Worker's port under npm start unless PORT says otherwise. */
export const DEFAULT_PORT = 8787;

const portOf = (url: string): number => Number(new URL(url).port || 80);

/**
 * `npm run bot -- "…"` as it must be typed to reach this npm start: npm run bot reads PORT and
 * BOT_STUB_PORT itself, so a server on other ports is found only when the command carries them.
 */
function botCommand(url: string, botStubUrl: string, message = 'BCA 1234567890'): string {
  const env = [
    ...(portOf(url) === DEFAULT_PORT ? [] : [`PORT=${portOf(url)}`]),
    ...(portOf(botStubUrl) === DEFAULT_BOT_STUB_PORT ? [] : [`BOT_STUB_PORT=${portOf(botStubUrl)}`]),
  ];
  return [...env, `npm run bot -- "${message}"`].join(' ');
}

/** What npm start prints once the server answers: the addresses, last and on their own (with the chat bots' stand-in when it runs). */
export function readyBanner(url: string, botStubUrl?: string): string {
  const lines = [`CekDulu is running at ${url}/`, `English: ${url}/en/`, `Moderation: ${url}/admin/ (with ADMIN_TOKEN in .dev.vars)`];
  if (botStubUrl) lines.push(`Chat bots' replies: ${botStubUrl}/sent (try: ${botCommand(url, botStubUrl)})`);
  lines.push('Stop it with Ctrl+C.');
  const rule = '─'.repeat(Math.max(...lines.map((line) => line.length)) + 2);
  return `\n${rule}\n${lines.map((line) => ` ${line}`).join('\n')}\n${rule}\n`;
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
  options: { quiet?: boolean; timeoutMs?: number; cwd?: string } = {},
): Promise<WorkerServer> {
  const child = spawn('npx', ['wrangler', 'dev', '--ip', '127.0.0.1', '--port', String(port), ...extraArgs], {
    detached: true,
    stdio: options.quiet ? ['ignore', 'pipe', 'pipe'] : ['ignore', 'inherit', 'inherit'],
    cwd: options.cwd,
    // No banner: its "update available" notice is for wrangler's maintainers, not for someone starting CekDulu.
    env: { ...process.env, WRANGLER_HIDE_BANNER: 'true' },
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
