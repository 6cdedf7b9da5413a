// Sending a reply to Telegram or WhatsApp: one POST, and at most one more when
// it fails (an error status or no answer). A failure is logged with the
// platform, the attempt and the status only: never the text, the recipient or
// the URL (Telegram's holds the bot token).
export type Platform = 'telegram' | 'whatsapp';

export interface Outgoing {
  api: Platform;
  url: string;
  headers?: Record<string, string>;
  body: unknown;
}

/** True once the platform accepted the message; false after the second failure. */
export async function send(message: Outgoing): Promise<boolean> {
  for (let attempt = 1; attempt <= 2; attempt++) {
    let status: number | 'network';
    try {
      const res = await fetch(message.url, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', ...message.headers },
        body: JSON.stringify(message.body),
      });
      await res.body?.cancel();
      if (res.ok) return true;
      status = res.status;
    } catch {
      status = 'network';
    }
    console.error(JSON.stringify({ event: 'bot_send_failed', api: message.api, attempt, status, retry: attempt === 1 }));
  }
  return false;
}
