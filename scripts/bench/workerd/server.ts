// The Worker in workerd directly, for the lookup benchmark: no wrangler dev,
// no Miniflare proxy in front, no simulated KV behind. wrangler bundles the
// Worker exactly as `wrangler deploy` would (--dry-run), and this runs two
// workerd processes, on 127.0.0.1 only:
//
//   the Worker's  cekdulu: the bundle, with wrangler.toml's compatibility date,
//                 flags and vars (RATE_LIMITS overridden) and SNAPSHOTS bound to
//                 `kv`, the other process; the bindings the lookup routes never
//                 touch (D1, R2, rate limiters, Analytics Engine, ASSETS) are left out
//   the KV's      kv: kv-service.ts, the namespace in memory, reading it from
//                 data: a read-only disk service holding it as one file (kv-file.ts)
//
// KV has a process of its own because in production it is another system: the
// Worker's process, whose CPU time the benchmark reads, does the Worker's work only.
import { spawn, execFileSync } from 'node:child_process';
import { onCpus } from './cpus.ts';
import { createWriteStream } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { build } from 'esbuild';
import { freePort } from '../../dev/processes.ts';
import { buildSite } from '../built-site.ts';
import { encodeKvFile, type KvValue } from './kv-file.ts';

/** The Worker's KV binding for snapshots (wrangler.toml). */
const KV_BINDING = 'SNAPSHOTS';

export interface WorkerdServer {
  url: string;
  /** e.g. "workerd 1.20261102.1 (compatibility date 2026-11-01)". */
  runtime: string;
  /** The Worker's workerd process (the KV runs in another). */
  pid: number;
  stop(): Promise<void>;
}

/** What every start shares: the bundle, the KV service and the namespace file, made once. */
export interface PreparedWorkerd {
  dir: string;
  binary: string;
  runtime: string;
  compatibilityDate: string;
  compatibilityFlags: string[];
  /** wrangler.toml's vars. */
  vars: Record<string, unknown>;
  dataDir: string;
}

export interface PrepareOptions {
  /** A folder of its own for the bundle, the namespace file and the configs. */
  dir: string;
  /** Every key and value the Worker may read (MemoryKv.data after a publish). */
  kv: Iterable<[string, KvValue]>;
}

export interface StartOptions {
  port: number;
  /** CPUs (taskset lists) for the Worker's process and for the KV process (cpus.ts); unpinned without. */
  cpus?: { worker: string; kv: string };
  /** Vars that override wrangler.toml's. */
  vars?: Record<string, string>;
  /** More arguments for `workerd serve`, e.g. ['--inspector-addr=127.0.0.1:9229'] to profile. */
  args?: string[];
  /** V8 flags for every isolate, e.g. ['--trace-gc']. */
  v8Flags?: string[];
  /** A file that receives all of workerd's output (with --trace-gc, say); otherwise only its tail is kept, for errors. */
  log?: string;
}

/** Bundles the Worker as `wrangler deploy` would and writes the namespace file: once for any number of starts. */
export async function prepareWorkerd(options: PrepareOptions): Promise<PreparedWorkerd> {
  buildSite('if-missing');
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
    throw new Error(`wrangler deploy --dry-run failed:\n${stdout}${stderr}`);
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
  return {
    dir,
    binary: workerd.default,
    runtime: `workerd ${workerd.version} (compatibility date ${compatibilityDate})`,
    compatibilityDate,
    compatibilityFlags: config.compatibility_flags,
    vars: config.vars,
    dataDir,
  };
}

/** Starts the two processes (a fresh isolate each time) and returns once the Worker answers. */
export async function startWorkerd(prepared: PreparedWorkerd, options: StartOptions): Promise<WorkerdServer> {
  const { dir, compatibilityDate, dataDir } = prepared;
  const text = (s: string) => JSON.stringify(s); // capnp text literals take JSON's escapes for ASCII
  const vars = { ...prepared.vars, ...options.vars };
  const bindings = [
    `(name = ${text(KV_BINDING)}, kvNamespace = "kv")`,
    ...Object.entries(vars).map(([name, value]) =>
      typeof value === 'string' ? `(name = ${text(name)}, text = ${text(value)})` : `(name = ${text(name)}, json = ${text(JSON.stringify(value))})`,
    ),
  ];
  const flags = `v8Flags = [${(options.v8Flags ?? []).map(text).join(', ')}]`;
  // The namespace in a workerd process of its own, as production KV is another
  // system: the Worker's process and its CPU time hold the Worker's work alone.
  const kvPort = await freePort();
  const kvConfig = `using Workerd = import "/workerd/workerd.capnp";
const config :Workerd.Config = (
  services = [
    (name = "kv", worker = (
      modules = [(name = "kv-service.js", esModule = embed "kv-service.js")],
      compatibilityDate = ${text(compatibilityDate)},
      bindings = [(name = "DATA", service = "data")],
    )),
    (name = "data", disk = (path = ${text(dataDir)}, writable = false)),
  ],
  sockets = [(name = "kv", address = "127.0.0.1:${kvPort}", http = (), service = "kv")],
  ${flags},
);
`;
  const workerConfig = `using Workerd = import "/workerd/workerd.capnp";
const config :Workerd.Config = (
  services = [
    (name = "cekdulu", worker = (
      modules = [(name = "index.js", esModule = embed "bundle/index.js")],
      compatibilityDate = ${text(compatibilityDate)},
      compatibilityFlags = [${prepared.compatibilityFlags.map(text).join(', ')}],
      bindings = [
        ${bindings.join(',\n        ')},
      ],
    )),
    (name = "kv", external = (address = "127.0.0.1:${kvPort}", http = ())),
  ],
  sockets = [(name = "http", address = "127.0.0.1:${options.port}", http = (), service = "cekdulu")],
  ${flags},
);
`;
  await writeFile(join(dir, 'kv.capnp'), kvConfig);
  await writeFile(join(dir, 'config.capnp'), workerConfig);

  // Read the output (a full pipe would stall workerd) and keep the tail for errors.
  let output = '';
  const log = options.log ? createWriteStream(options.log) : null;
  const keep = (chunk: Buffer) => {
    log?.write(chunk);
    output = (output + chunk).slice(-16_384);
  };
  const serve = (configFile: string, cpus: string | undefined, args: string[] = []) => {
    const process = spawn(...onCpus(cpus, prepared.binary, ['serve', join(dir, configFile), ...args]), { stdio: ['ignore', 'pipe', 'pipe'] });
    process.stdout.on('data', keep);
    process.stderr.on('data', keep);
    return process;
  };
  const kvProcess = serve('kv.capnp', options.cpus?.kv);
  const child = serve('config.capnp', options.cpus?.worker, options.args);
  const end = (process: ReturnType<typeof spawn>) =>
    new Promise<void>((done) => {
      if (process.exitCode !== null || process.signalCode !== null) return done();
      process.once('close', () => done());
      process.kill('SIGTERM');
    });
  const stop = async () => {
    await Promise.all([end(child), end(kvProcess)]);
  };

  const url = `http://127.0.0.1:${options.port}`;
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || kvProcess.exitCode !== null) {
      await stop();
      throw new Error(`workerd exited ${child.exitCode ?? kvProcess.exitCode}:\n${output}`);
    }
    try {
      const res = await fetch(`${url}/api/v1/ping`);
      await res.body?.cancel();
      if (res.status === 200) {
        return { url, runtime: prepared.runtime, pid: child.pid!, stop };
      }
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  await stop();
  throw new Error(`workerd did not answer on ${url} in time:\n${output}`);
}
