// npm run bench -- profile [--scenario negative|positive|range|paste|floor --reports N --seconds S --trace-gc FILE]:
// where the Worker's CPU goes under load. Starts the Worker in workerd directly
// (workerd/server.ts) with its inspector on 127.0.0.1, drives one scenario with
// the lookup benchmark's load generator, records a V8 CPU profile over the run
// and prints the functions with the most self time, and the garbage
// collector's share. A tool for finding what to make faster, not a benchmark:
// the profiler itself slows the Worker down.
import '../dev/offline.ts';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { freePort } from '../dev/processes.ts';
import type { ReportLineJson } from '../../worker/reports/report-line.ts';
import { NEGATIVE_SEED, pickQueries, publishSample, rangeQueries, SEED } from './lookup-queries.ts';
import { runLoad } from './workerd/load-process.ts';
import type { LoadRequest } from './workerd/load.ts';
import { pasteQueries } from './paste-queries.ts';
import { prepareWorkerd, startWorkerd } from './workerd/server.ts';

const { values } = parseArgs({
  options: {
    scenario: { type: 'string', default: 'negative' },
    reports: { type: 'string', default: '100000' },
    seconds: { type: 'string', default: '8' },
    connections: { type: 'string', default: '32' },
    top: { type: 'string', default: '30' },
    out: { type: 'string' },
    /** Only these identifier types in negative and positive lookups, e.g. --types bank or --types phone,ewallet. */
    types: { type: 'string', default: 'bank,phone,ewallet,instagram,facebook' },
    /** A file for workerd's output with V8's --trace-gc: every collection, its kind and pause. */
    'trace-gc': { type: 'string' },
  },
});
const reports = Number(values.reports);
const types = new Set(values.types!.split(','));
const QUERIES = 1000;
const pick = (seed: number, keep: (line: ReportLineJson) => boolean) =>
  pickQueries(seed, reports, QUERIES, 1, (line) => types.has(line.type) && keep(line));
const scenarios: Record<string, () => string[]> = {
  floor: () => ['/api/v1/ping'],
  negative: () => pick(NEGATIVE_SEED, (line) => line.type === 'bank' || line.type === 'phone' || line.type === 'ewallet'),
  positive: () => pick(SEED, (line) => line.status === 'verified'),
  range: () => rangeQueries(QUERIES),
};
// paste: the lookup benchmark's pasted messages, three reported identifiers each, as POST /api/v1/check.
const requests: LoadRequest[] | undefined = values.scenario === 'paste' ? pasteQueries(scenarios.positive!(), QUERIES / 4).posts : undefined;
const paths = requests ? [] : scenarios[values.scenario!]?.();
if (!paths) throw new Error(`--scenario is one of ${[...Object.keys(scenarios), 'paste'].join(', ')}`);

const dir = await mkdtemp(join(tmpdir(), 'cekdulu-profile-'));
const inspector = await freePort();
const { kv } = await publishSample(dir, reports);
const server = await startWorkerd(await prepareWorkerd({ dir, kv: kv.data }), {
  port: await freePort(),
  vars: { RATE_LIMITS: 'off' },
  args: [`--inspector-addr=127.0.0.1:${inspector}`],
  ...(values['trace-gc'] ? { v8Flags: ['--trace-gc'], log: values['trace-gc'] } : {}),
});

interface ProfileNode { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; hitCount?: number }
interface Profile { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[] }
try {
  const targets = (await (await fetch(`http://127.0.0.1:${inspector}/json/list`)).json()) as Array<{ title: string; webSocketDebuggerUrl: string }>;
  const target = targets.find((t) => t.title.includes('cekdulu')) ?? targets[0];
  if (!target) throw new Error('workerd lists no inspector target');
  const ws = new WebSocket(target.webSocketDebuggerUrl);
  await new Promise((ok, fail) => {
    ws.addEventListener('open', ok);
    ws.addEventListener('error', fail);
  });
  let nextId = 1;
  const pending = new Map<number, (result: unknown) => void>();
  ws.addEventListener('message', (event: MessageEvent) => {
    const message = JSON.parse(String(event.data)) as { id?: number; result?: unknown };
    if (message.id !== undefined) pending.get(message.id)?.(message.result);
  });
  const send = <T>(method: string, params: object = {}) =>
    new Promise<T>((ok) => {
      const id = nextId++;
      pending.set(id, ok as (result: unknown) => void);
      ws.send(JSON.stringify({ id, method, params }));
    });
  await send('Profiler.enable');
  await send('Profiler.setSamplingInterval', { interval: 100 });
  // Warmed first, unprofiled: the isolate reads the snapshot, its filter shards and every record asked once (KV reads
  // through another process, the answers built), which the benchmark's slices never see. The profile is the steady state.
  // Each request is asked once on its own first, as the benchmark's check of every answer does: 32 connections asking
  // for a record not yet read would each read it (a read in flight is never shared, snapshot-source.ts), which kept
  // the positive and paste profiles reading KV for their first ~10 s.
  for (const request of requests ?? paths.map((path): LoadRequest => ({ method: 'GET', path }))) {
    const response = await fetch(server.url + request.path, { method: request.method, headers: request.headers, body: request.body });
    await response.arrayBuffer();
  }
  await runLoad({ url: server.url, connections: Number(values.connections), seconds: 2, warmupSeconds: 1, paths, ...(requests ? { requests } : {}) });
  await send('Profiler.start');
  // --out FILE.cpuprofile opens in Chrome DevTools' Performance panel.
  const result = await runLoad({ url: server.url, connections: Number(values.connections), seconds: Number(values.seconds), warmupSeconds: 1, paths, ...(requests ? { requests } : {}), serverPid: server.pid });
  const { profile } = await send<{ profile: Profile }>('Profiler.stop');
  ws.close();
  if (values.out) await writeFile(values.out, JSON.stringify(profile));

  const byNode = new Map(profile.nodes.map((node) => [node.id, node]));
  const self = new Map<string, number>();
  let total = 0;
  profile.samples.forEach((id, i) => {
    const frame = byNode.get(id)!.callFrame;
    const name = `${frame.functionName || '(anonymous)'} ${frame.url.split('/').pop()}:${frame.lineNumber + 1}`;
    const us = profile.timeDeltas[i] ?? 0;
    self.set(name, (self.get(name) ?? 0) + us);
    total += us;
  });
  console.log(`${values.scenario}: ${Math.round(result.rps)} req/s under the profiler, ${result.serverCpuUs?.toFixed(0)} µs CPU/req, p99 ${result.p99.toFixed(1)} ms`);
  console.log('| self % | function |\n|--:|---|');
  for (const [name, us] of [...self].sort((a, b) => b[1] - a[1]).slice(0, Number(values.top))) {
    console.log(`| ${((us / total) * 100).toFixed(1)} | ${name} |`);
  }
} finally {
  await server.stop();
  await rm(dir, { recursive: true, force: true });
}

