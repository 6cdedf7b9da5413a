// The Worker in workerd directly, for the lookup benchmark: no wrangler dev,
// no Miniflare proxy in front, no simulated KV behind. wrangler bundles the
// Worker exactly as `wrangler deploy` would (--dry-run), and this writes a
// workerd config with three services:
//
//   cekdulu  the bundle, with wrangler.toml's compatibility date, flags and vars
//            (RATE_LIMITS overridden) and SNAPSHOTS bound to `kv`; the bindings
//            the lookup routes never touch (D1, R2, rate limiters, Analytics
//            Engine, ASSETS) are left out
//   kv       kv-service.ts: the namespace in memory
//   data     a read-only disk service holding the namespace as one file (kv-file.ts)
//
// and serves `cekdulu` on 127.0.0.1 only.
import { spawn, execFileSync } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { build } from 'esbuild';
import { encodeKvFile, type KvValue } from './kv-file.ts';

/** The Worker's KV binding for snapshots (worker/env.ts). */
const KV_BINDING = 'SNAPSHOTS';

export interface WorkerdServer {
  url: string;
  /** e.g. "workerd 1.20261102.1 (compatibility date 2026-11-01)". */
  runtime: string;
  /** The workerd process: every service runs in it. */
  pid: number;
  stop(): Promise<void>;
}

export interface WorkerdOptions {
  /** A folder of its own for the bundle, the namespace file and the config. */
  dir: string;
  port: number;
  /** Every key and value the Worker may read (MemoryKv.data after a publish). */
  kv: Iterable<[string, KvValue]>;
  /** Vars that override wrangler.toml's. */
  vars?: Record<string, string>;
  /** More arguments for `workerd serve`, e.g. ['--inspector-addr=127.0.0.1:9229'] to profile. */
  args?: string[];
  /** V8 flags for every isolate, e.g. ['--trace-gc']. */
  v8Flags?: string[];
  /** A file that receives all of workerd's output (with --trace-gc, say); otherwise only its tail is kept, for errors. */
  log?: string;
}

export async function startWorkerd(options: WorkerdOptions): Promise<WorkerdServer> {
  const dir = resolve(options.dir);
  const require = createRequire(import.meta.url);
  const workerd = require('workerd') as { default: string; version: string };
  // wrangler's own reading of wrangler.toml; imported here only, as it takes a second to load.
  const { unstable_readConfig } = await import('wrangler');
  const config = unstable_readConfig({ config: 'wrangler.toml' });
  if (!config.kv_namespaces.some((ns: { binding: string }) => ns.binding === KV_BINDING)) throw new Error(`wrangler.toml binds no ${KV_BINDING} namespace`);
  const compatibilityDate = config.compatibility_date ?? '';

  // The Worker, bundled as for a deploy (needs the built site: [assets] must exist).
  const bundleDir = join(dir, 'bundle');
  try {
    execFileSync('npx', ['wrangler', 'deploy', '--dry-run', '--outdir', bundleDir], { stdio: 'pipe' });
  } catch (err) {
    const { stdout, stderr } = err as { stdout?: Buffer; stderr?: Buffer };
    throw new Error(`wrangler deploy --dry-run failed (run \`npm run build\` first if dist/ is missing):\n${stdout}${stderr}`);
  }
  await build({
    entryPoints: [fileURLToPath(new URL('kv-service.ts', import.meta.url))],
    bundle: true,
    format: 'esm',
    outfile: join(dir, 'kv-service.js'),
    logLevel: 'error',
  });
  const dataDir = join(dir, 'data');
  await mkdir(dataDir, { recursive: true });
  await pipeline(Readable.from(encodeKvFile(options.kv)), createWriteStream(join(dataDir, 'kv.bin')));

  const text = (s: string) => JSON.stringify(s); // capnp text literals take JSON's escapes for ASCII
  const vars = { ...config.vars, ...options.vars };
  const bindings = [
    `(name = ${text(KV_BINDING)}, kvNamespace = "kv")`,
    ...Object.entries(vars).map(([name, value]) =>
      typeof value === 'string' ? `(name = ${text(name)}, text = ${text(value)})` : `(name = ${text(name)}, json = ${text(JSON.stringify(value))})`,
    ),
  ];
  const capnp = `using Workerd = import "/workerd/workerd.capnp";
const config :Workerd.Config = (
  services = [
    (name = "cekdulu", worker = (
      modules = [(name = "index.js", esModule = embed "bundle/index.js")],
      compatibilityDate = ${text(compatibilityDate)},
      compatibilityFlags = [${config.compatibility_flags.map(text).join(', ')}],
      bindings = [
        ${bindings.join(',\n        ')},
      ],
    )),
    (name = "kv", worker = (
      modules = [(name = "kv-service.js", esModule = embed "kv-service.js")],
      compatibilityDate = ${text(compatibilityDate)},
      bindings = [(name = "DATA", service = "data")],
    )),
    (name = "data", disk = (path = ${text(dataDir)}, writable = false)),
  ],
  sockets = [(name = "http", address = "127.0.0.1:${options.port}", http = (), service = "cekdulu")],
  v8Flags = [${(options.v8Flags ?? []).map(text).join(', ')}],
);
`;
  await writeFile(join(dir, 'config.capnp'), capnp);

  const child = spawn(workerd.default, ['serve', join(dir, 'config.capnp'), ...(options.args ?? [])], { stdio: ['ignore', 'pipe', 'pipe'] });
  // Read the output (a full pipe would stall workerd) and keep the tail for errors.
  let output = '';
  const log = options.log ? createWriteStream(options.log) : null;
  const keep = (chunk: Buffer) => {
    log?.write(chunk);
    output = (output + chunk).slice(-16_384);
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  const stop = () =>
    new Promise<void>((done) => {
      if (child.exitCode !== null || child.signalCode !== null) return done();
      child.once('close', () => done());
      child.kill('SIGTERM');
    });

  const url = `http://127.0.0.1:${options.port}`;
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`workerd exited ${child.exitCode}:\n${output}`);
    try {
      const res = await fetch(`${url}/api/v1/ping`);
      await res.body?.cancel();
      if (res.status === 200) {
        return { url, runtime: `workerd ${workerd.version} (compatibility date ${compatibilityDate})`, pid: child.pid!, stop };
      }
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  await stop();
  throw new Error(`workerd did not answer on ${url} in time:\n${output}`);
}
