// The local stand-in for the two chat platforms (npm start, the e2e test):
// it takes the two calls the bots make as the real APIs take them — Telegram's
// POST /bot<token>/sendMessage and the WhatsApp Cloud API's
// POST /<version>/<phone number id>/messages with a Bearer token — answers as
// they answer, and lists what it received at GET /sent as
// [{"api":"telegram"|"whatsapp","to":"…","text":"…"}] (DELETE /sent empties it).
// Listens on 127.0.0.1 only; nothing here reaches the internet.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';

export interface StubMessage {
  api: 'telegram' | 'whatsapp';
  to: string;
  text: string;
}

export interface BotStub {
  url: string;
  sent: StubMessage[];
  stop(): Promise<void>;
}

/** The longest text either API takes (Telegram's sendMessage, a WhatsApp text body). */
const MAX_TEXT = 4096;

const TELEGRAM_SEND = /^\/bot[^/]+\/sendMessage$/;
const WHATSAPP_SEND = /^\/v\d+\.\d+\/[^/]+\/messages$/;

async function bodyOf(req: IncomingMessage): Promise<any> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    return undefined;
  }
}

function reply(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'Content-Type': 'application/json' });
  res.end(JSON.stringify(body));
}

/** Starts the stand-in on 127.0.0.1:port (0: any free port); a port in use rejects with one line naming BOT_STUB_PORT. */
export function startBotStub(port: number): Promise<BotStub> {
  const sent: StubMessage[] = [];
  const server = createServer(async (req, res) => {
    const path = new URL(req.url ?? '/', 'http://stub').pathname;
    if (path === '/sent' && req.method === 'GET') return reply(res, 200, sent);
    if (path === '/sent' && req.method === 'DELETE') return (sent.length = 0), reply(res, 200, sent);
    if (req.method === 'POST' && TELEGRAM_SEND.test(path)) {
      const body = await bodyOf(req);
      const text = body?.text;
      if (body?.chat_id === undefined || typeof text !== 'string' || text.length === 0 || text.length > MAX_TEXT) {
        return reply(res, 400, { ok: false, error_code: 400, description: 'Bad Request: message text is empty or too long' });
      }
      sent.push({ api: 'telegram', to: String(body.chat_id), text });
      return reply(res, 200, { ok: true, result: { message_id: sent.length, date: Math.floor(Date.now() / 1000), chat: { id: body.chat_id }, text } });
    }
    if (req.method === 'POST' && WHATSAPP_SEND.test(path)) {
      if (!/^Bearer \S+/.test(req.headers.authorization ?? '')) {
        return reply(res, 401, { error: { message: 'Invalid OAuth access token.', type: 'OAuthException', code: 190 } });
      }
      const body = await bodyOf(req);
      const text = body?.text?.body;
      if (body?.messaging_product !== 'whatsapp' || body?.type !== 'text' || typeof body?.to !== 'string' || typeof text !== 'string' || text.length > MAX_TEXT) {
        return reply(res, 400, { error: { message: '(#100) Invalid parameter', type: 'OAuthException', code: 100 } });
      }
      sent.push({ api: 'whatsapp', to: body.to, text });
      return reply(res, 200, { messaging_product: 'whatsapp', contacts: [{ input: body.to, wa_id: body.to }], messages: [{ id: `wamid.stub${sent.length}` }] });
    }
    reply(res, 404, { error: 'not a call the bots make' });
  });
  return new Promise((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) =>
      reject(
        error.code === 'EADDRINUSE'
          // Most often a second npm start: say which setting moves it, not Node's stack.
          ? new Error(`Port ${port} on 127.0.0.1 is taken, and the chat bots' stand-in listens there: stop what uses it, or choose another port with BOT_STUB_PORT (e.g. BOT_STUB_PORT=${port + 1} npm start).`)
          : error,
      ),
    );
    server.listen(port, '127.0.0.1', () => {
      const address = server.address();
      if (typeof address !== 'object' || !address) return reject(new Error('the stand-in has no address'));
      resolve({
        // The address it really listens on, so a test can see it is loopback only.
        url: `http://${address.address}:${address.port}`,
        sent,
        stop: () => new Promise<void>((done) => {
          server.close(() => done());
          server.closeAllConnections();
        }),
      });
    });
  });
}
