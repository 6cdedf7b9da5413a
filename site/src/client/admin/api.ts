// The admin API as the moderators' page calls it. In production Cloudflare
// Access signs each request (its cookie); locally the page sends the
// ADMIN_TOKEN typed into it as a Bearer token (kept for this tab only).
// Writes go as JSON from this origin: the API refuses any other write
// (worker/admin/write-guard.ts). A refusal's own message (Indonesian or English,
// as the API words it) is what the page shows.

const TOKEN_KEY = 'cekdulu-admin-token';

export function rememberToken(token: string): void {
  if (token) sessionStorage.setItem(TOKEN_KEY, token);
}

function authHeaders(): Record<string, string> {
  const typed = document.querySelector<HTMLInputElement>('#admin-token')?.value.trim();
  const token = typed || sessionStorage.getItem(TOKEN_KEY) || '';
  return token ? { Authorization: `Bearer ${token}` } : {};
}

/** A refusal from the API: its code (e.g. `undo_expired`) and its message. */
export class AdminApiError extends Error {
  readonly status: number;
  readonly code: string;
  constructor(status: number, code: string, message: string) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

export async function call<T>(path: string, body?: unknown): Promise<T> {
  const res = await fetch(path, {
    method: body === undefined ? 'GET' : 'POST',
    headers: { ...authHeaders(), ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) },
    credentials: 'same-origin',
    mode: 'same-origin',
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const data = (await res.json().catch(() => ({}))) as { error?: { code?: string; message?: string } };
  if (!res.ok) throw new AdminApiError(res.status, data.error?.code ?? 'http', data.error?.message ?? `HTTP ${res.status}`);
  return data as T;
}

/** An evidence file's bytes (GET /api/v1/admin/evidence/:id, audited by the API). */
export async function fetchFile(url: string): Promise<Blob> {
  const res = await fetch(url, { headers: authHeaders(), credentials: 'same-origin' });
  if (!res.ok) {
    // A file not stored (or not of its recorded type) is refused in words (evidence_unusable): the page shows them beside the file.
    const data = (await res.json().catch(() => ({}))) as { error?: { code?: string; message?: string } };
    throw new AdminApiError(res.status, data.error?.code ?? 'http', data.error?.message ?? `HTTP ${res.status}`);
  }
  return res.blob();
}
