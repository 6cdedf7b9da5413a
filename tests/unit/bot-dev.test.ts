// The chat bots on a developer's machine (issue 27): the documented dev secrets,
// .dev.vars overriding each, both API bases at the local stand-in, the
// stand-in's address printed with the others, and the stand-in taking the two
// send calls as the real APIs do and listing them at GET /sent.
import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { botDevVars, readDevVars } from '../../scripts/dev/bot-dev.ts';
import { startBotStub, type BotStub } from '../../scripts/dev/bot-stub.ts';
import { freePort, readyBanner } from '../../scripts/dev/processes.ts';

describe('the bots’ dev variables', () => {
  test('the documented dev secrets, and both API bases at the stand-in', () => {
    const vars = botDevVars('http://127.0.0.1:8790', {});
    expect(vars).toMatchObject({
      TELEGRAM_WEBHOOK_SECRET: 'dev-telegram-secret',
      WHATSAPP_APP_SECRET: 'dev-whatsapp-app-secret',
      WHATSAPP_VERIFY_TOKEN: 'dev-whatsapp-verify-token',
      TELEGRAM_API_BASE: 'http://127.0.0.1:8790',
      WHATSAPP_API_BASE: 'http://127.0.0.1:8790',
    });
  });

  test('a name set in .dev.vars is left to .dev.vars (no --var to outrank it)', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'cekdulu-devvars-'));
    try {
      await writeFile(join(dir, '.dev.vars'), 'ADMIN_TOKEN=x\nTELEGRAM_WEBHOOK_SECRET="mine"\n# comment\n');
      const devVars = readDevVars(dir);
      expect(devVars).toEqual({ ADMIN_TOKEN: 'x', TELEGRAM_WEBHOOK_SECRET: 'mine' });
      const vars = botDevVars('http://127.0.0.1:8790', devVars);
      expect(vars).not.toHaveProperty('TELEGRAM_WEBHOOK_SECRET');
      expect(vars.WHATSAPP_APP_SECRET).toBe('dev-whatsapp-app-secret');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  test('npm start prints the stand-in’s address with the others, inside the rules', () => {
    const banner = readyBanner('http://127.0.0.1:8787', 'http://127.0.0.1:8790');
    const lines = banner.trim().split('\n');
    expect(banner).toContain('http://127.0.0.1:8790/sent');
    expect(lines.at(-2)).toBe(' Stop it with Ctrl+C.');
    expect(Math.max(...lines.map((l) => l.length))).toBeLessThanOrEqual(lines[0]!.length);
  });

  test('on the default ports the banner’s bot command is the plain one', () => {
    expect(readyBanner('http://127.0.0.1:8787', 'http://127.0.0.1:8790')).toContain('(try: npm run bot -- "BCA 1234567890")');
  });

  test('on other ports the banner’s bot command carries PORT and BOT_STUB_PORT, so it reaches this server', () => {
    expect(readyBanner('http://127.0.0.1:9377', 'http://127.0.0.1:8790')).toContain('(try: PORT=9377 npm run bot -- "BCA 1234567890")');
    expect(readyBanner('http://127.0.0.1:9377', 'http://127.0.0.1:9378')).toContain(
      '(try: PORT=9377 BOT_STUB_PORT=9378 npm run bot -- "BCA 1234567890")',
    );
  });
});

describe('npm run bot without npm start', () => {
  test('says in one line to check that npm start runs on its address, and exits non-zero (no stack trace)', async () => {
    const [port, stubPort] = [await freePort(), await freePort()];
    const child = spawn(process.execPath, ['scripts/bot.ts', 'BCA 1234567890'], {
      env: { ...process.env, PORT: String(port), BOT_STUB_PORT: String(stubPort) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk) => (stderr += chunk));
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(code).toBe(1);
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(stderr).toContain(`is \`npm start\` running on http://127.0.0.1:${port}?`);
  });
});

describe('the stand-in', () => {
  let stub: BotStub;
  beforeAll(async () => {
    stub = await startBotStub(0);
  });
  afterAll(() => stub.stop());
  const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
    fetch(`${stub.url}${path}`, { method: 'POST', headers: { 'Content-Type': 'application/json', ...headers }, body: JSON.stringify(body) });

  test('listens on 127.0.0.1 only', () => {
    expect(stub.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  });

  test('on a port already taken it refuses in one line naming BOT_STUB_PORT (a second npm start)', async () => {
    const port = Number(new URL(stub.url).port);
    const refused = startBotStub(port);
    await expect(refused).rejects.toThrow(`Port ${port} on 127.0.0.1 is taken`);
    await expect(refused).rejects.toThrow(/BOT_STUB_PORT/);
    await expect(refused).rejects.not.toThrow(/\n/);
  });

  test('takes sendMessage and the messages endpoint, answers as the APIs do, lists both at GET /sent', async () => {
    const tg = await post('/bot100000:dev/sendMessage', { chat_id: 42, text: 'halo' });
    expect(tg.status).toBe(200);
    expect(await tg.json()).toMatchObject({ ok: true, result: { chat: { id: 42 }, text: 'halo' } });
    const wa = await post('/v26.0/100000000000001/messages', { messaging_product: 'whatsapp', to: '628110', type: 'text', text: { body: 'hai' } }, { Authorization: 'Bearer t' });
    expect(wa.status).toBe(200);
    expect(await wa.json()).toMatchObject({ messaging_product: 'whatsapp', messages: [{ id: expect.stringMatching(/^wamid\./) }] });
    expect(await (await fetch(`${stub.url}/sent`)).json()).toEqual([
      { api: 'telegram', to: '42', text: 'halo' },
      { api: 'whatsapp', to: '628110', text: 'hai' },
    ]);
  });

  test('refuses what the APIs refuse: an empty or over-4,096 text, a WhatsApp call without a token', async () => {
    const before = stub.sent.length;
    expect((await post('/botx/sendMessage', { chat_id: 1, text: '' })).status).toBe(400);
    expect((await post('/botx/sendMessage', { chat_id: 1, text: 'x'.repeat(4097) })).status).toBe(400);
    expect((await post('/v26.0/1/messages', { messaging_product: 'whatsapp', to: '1', type: 'text', text: { body: 'x' } })).status).toBe(401);
    expect(stub.sent.length).toBe(before);
  });
});
