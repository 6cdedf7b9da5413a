// The README's local moderation loop, run as written (issue 16): the commands
// are read out of README.md ("To moderate locally: …"), so the test fails when
// the README drifts from what works. In a temporary project folder (the
// project's files linked in, its own .dev.vars and .wrangler/state), it does
// what `npm start` does (the same functions: the sample snapshot, the D1
// schema, wrangler dev with npm start's variables), runs the README's
// .dev.vars line, files a report with an evidence file through the API,
// verifies it through the admin API with the README's token, runs the README's
// snapshot command, and the lookup answers "reported" — the sample data still
// answering beside it (the drop guard would refuse D1 alone).
import { execFileSync } from 'node:child_process';
import { copyFile, mkdtemp, readFile, rm, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { applyLocalMigrations } from '../../scripts/dev/local-d1.ts';
import { freePort, LOCAL_VARS, run, startWranglerDev, varArgs, type WorkerServer } from '../../scripts/dev/processes.ts';
import { publishSampleIfNone, SAMPLE_FILE } from '../../scripts/dev/sample-file.ts';
import { DEFAULT_PERSIST_DIR } from '../../scripts/pipeline/local-kv.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);

/** The README's "To moderate locally" paragraph and the commands in it, as written. */
async function readmeLoop() {
  const readme = await readFile(join(ROOT, 'README.md'), 'utf8');
  const paragraph = readme.split(/\n\s*\n/).find((block) => block.includes('To moderate locally'));
  const commands = [...(paragraph ?? '').matchAll(/`([^`]+)`/g)].map(([, command]) => command!);
  return {
    devVars: commands.find((command) => command.startsWith('echo ') && command.endsWith('> .dev.vars')),
    restart: commands.includes('npm start'),
    snapshot: commands.find((command) => command.startsWith('npm run snapshot')),
  };
}

let dir: string;
let server: WorkerServer | undefined;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'cekdulu-loop-'));
  // The project, linked; wrangler.toml copied so that wrangler reads .dev.vars and keeps its state here.
  for (const name of ['package.json', 'node_modules', 'scripts', 'worker', 'migrations', 'dist']) {
    await symlink(join(ROOT, name), join(dir, name));
  }
  await copyFile(join(ROOT, 'wrangler.toml'), join(dir, 'wrangler.toml'));
});

afterAll(async () => {
  await server?.stop();
  await rm(dir, { recursive: true, force: true, maxRetries: 5 });
});

describe("the README's local moderation loop", () => {
  test('a report verified in moderation is published by the README\'s one command, beside the sample data', { timeout: 900_000 }, async () => {
    const loop = await readmeLoop();
    expect(loop.devVars, 'the README writes ADMIN_TOKEN into .dev.vars').toMatch(/^echo 'ADMIN_TOKEN=[^']+' > \.dev\.vars$/);
    expect(loop.restart, 'the README says to restart npm start').toBe(true);
    expect(loop.snapshot, 'the README names the snapshot command').toBeDefined();

    // npm start's first run, in this folder: the sample snapshot, the D1 schema.
    const persistDir = join(dir, DEFAULT_PERSIST_DIR);
    await publishSampleIfNone(persistDir, join(dir, SAMPLE_FILE), () => {});
    await applyLocalMigrations(persistDir, { cwd: dir });
    // The README's .dev.vars line, then npm start's server (its variables, its state folder).
    execFileSync('sh', ['-c', loop.devVars!], { cwd: dir });
    const token = /ADMIN_TOKEN=([^']+)/.exec(loop.devVars!)![1]!;
    server = await startWranglerDev(await freePort(), varArgs(LOCAL_VARS), { quiet: true, cwd: dir });
    const api = async (path: string, init: RequestInit = {}) => {
      const res = await fetch(`${server!.url}${path}`, init);
      return { status: res.status, body: (await res.json()) as any };
    };

    // A report with an evidence file, so the listing policy admits it once verified.
    const form = new FormData();
    for (const [name, value] of Object.entries({
      type: 'bank', bank: '014', value: '555-666-7770', category: 'online_shopping', lossIdr: '1500000',
      channel: 'instagram', chronology: 'Transfer untuk HP, barang tidak dikirim.', contact: 'pelapor@example.com',
    })) form.append(name, value);
    form.append('evidence', new Blob([PNG], { type: 'image/png' }), 'bukti.png');
    const filed = await api('/api/v1/reports', { method: 'POST', body: form });
    expect(filed.status).toBe(201);
    // Seen before decided (issue 29): the moderator opens the report and its evidence file first.
    const opened = await api(`/api/v1/admin/reports/${filed.body.ref}`, { headers: { Authorization: `Bearer ${token}` } });
    for (const file of opened.body.evidence) await fetch(`${server!.url}${file.url}`, { headers: { Authorization: `Bearer ${token}` } });
    const decided = await api(`/api/v1/admin/reports/${filed.body.ref}/decision`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ decision: 'verify' }),
    });
    expect(decided.body.status).toBe('verified');

    // The README's command, as written, in the project folder.
    await run('sh', ['-c', loop.snapshot!], { cwd: dir });

    // The Worker re-reads the live pointer within 30 s (LIVE_POINTER_TTL_SECONDS).
    const check = (query: string) => api(`/api/v1/check?${query}`);
    const deadline = Date.now() + 60_000;
    let answer = await check('type=bank&bank=014&value=5556667770');
    while (answer.body.status !== 'reported' && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 1_000));
      answer = await check('type=bank&bank=014&value=5556667770');
    }
    expect(answer.body).toMatchObject({ status: 'reported', matches: [{ count: 1, disputed: false }] });
    // The sample file was published with it: its accounts still answer, the disputed one flagged.
    expect((await check('type=bank&bank=014&value=1234567890')).body.status).toBe('reported');
    expect((await check('type=bank&bank=009&value=0987654321')).body.matches[0].disputed).toBe(true);
  });
});
