// The moderators' page: lists what waits and sends decisions through the admin
// API. Everything a reporter or account owner wrote is put on the page with
// textContent, never as HTML, so markup in a report stays text. In production
// Cloudflare Access signs each request (its cookie); locally the page sends
// the ADMIN_TOKEN typed into it as a Bearer token (kept for this tab only).

const TOKEN_KEY = 'cekdulu-admin-token';
const root = document.querySelector<HTMLElement>('[data-admin]');
const tokenInput = document.querySelector<HTMLInputElement>('#admin-token');
const message = document.querySelector<HTMLElement>('[data-admin-message]');

type Json = Record<string, any>;

function headers(): Record<string, string> {
  const token = tokenInput?.value.trim() || sessionStorage.getItem(TOKEN_KEY) || '';
  return token ? { Authorization: `Bearer ${token}` } : {};
}

async function call(path: string, body?: unknown): Promise<Json> {
  const res = await fetch(path, {
    method: body === undefined ? 'GET' : 'POST',
    headers: { ...headers(), ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) },
    credentials: 'same-origin',
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const data = (await res.json().catch(() => ({}))) as Json;
  if (!res.ok) throw new Error(data.error?.message ?? `HTTP ${res.status}`);
  return data;
}

function el(tag: string, text?: string, className?: string): HTMLElement {
  const node = document.createElement(tag);
  if (text !== undefined) node.textContent = text;
  if (className) node.className = className;
  return node;
}

function say(text: string): void {
  if (message) message.textContent = text;
}

function facts(list: Array<[string, unknown]>): HTMLElement {
  const dl = el('dl', undefined, 'admin__facts');
  for (const [label, value] of list) {
    if (value === null || value === undefined || value === '') continue;
    dl.append(el('dt', label), el('dd', String(value)));
  }
  return dl;
}

function decisionForm(choices: Array<[string, string]>, send: (decision: string, reason: string) => Promise<void>): HTMLElement {
  const form = el('form', undefined, 'admin__decision') as HTMLFormElement;
  const label = el('label', 'Reason (required to reject)') as HTMLLabelElement;
  const reason = document.createElement('input');
  reason.className = 'input';
  reason.maxLength = 1000;
  label.append(reason);
  form.append(label);
  for (const [decision, text] of choices) {
    const button = el('button', text, 'button') as HTMLButtonElement;
    button.type = 'button';
    button.dataset.decision = decision;
    button.addEventListener('click', () => {
      send(decision, reason.value).then(load, (err: Error) => say(err.message));
    });
    form.append(button);
  }
  return form;
}

async function evidenceLink(item: Json): Promise<HTMLElement> {
  const button = el('button', `Download ${item.id} (${item.contentType}, ${item.size} bytes)`, 'button button--secondary') as HTMLButtonElement;
  button.type = 'button';
  button.addEventListener('click', async () => {
    const res = await fetch(item.url, { headers: headers(), credentials: 'same-origin' });
    if (!res.ok) return say(`HTTP ${res.status}`);
    const url = URL.createObjectURL(await res.blob());
    const a = document.createElement('a');
    a.href = url;
    a.download = item.id;
    a.click();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  });
  return button;
}

async function renderReport(summary: Json): Promise<HTMLElement> {
  const { report, evidence } = await call(`/api/v1/admin/reports/${encodeURIComponent(summary.ref)}`);
  const article = el('article', undefined, 'admin__item');
  article.dataset.ref = report.ref;
  const id = report.identifier;
  article.append(
    el('h3', `${report.ref}: ${id.type} ${id.bank ?? id.provider ?? ''} ${id.value}`),
    facts([
      ['Category', report.category], ['Loss (IDR)', report.lossIdr], ['Channel', report.channel],
      ['Profile link', report.profileUrl], ['Reported at', report.createdAt], ['Reporter contact (never published)', report.reporterContact],
    ]),
    el('p', report.chronology, 'admin__text'),
  );
  for (const item of evidence as Json[]) article.append(await evidenceLink(item));
  article.append(
    decisionForm([['verify', 'Verify'], ['reject', 'Reject']], async (decision, reason) => {
      await call(`/api/v1/admin/reports/${encodeURIComponent(report.ref)}/decision`, { decision, reason });
      say(`${report.ref}: ${decision}`);
    }),
  );
  return article;
}

function renderDispute(dispute: Json): HTMLElement {
  const article = el('article', undefined, 'admin__item');
  const id = dispute.identifier;
  article.append(
    el('h3', `${dispute.ref}: ${id.type} ${id.bank ?? id.provider ?? ''} ${id.value}`),
    facts([['Filed at', dispute.createdAt], ['Contact (never published)', dispute.contact]]),
    el('p', dispute.statement, 'admin__text'),
    decisionForm([['accept', 'Accept (verified reports become disputed)'], ['reject', 'Reject']], async (decision, reason) => {
      await call(`/api/v1/admin/disputes/${encodeURIComponent(dispute.ref)}/decision`, { decision, reason });
      say(`${dispute.ref}: ${decision}`);
    }),
  );
  return article;
}

async function load(): Promise<void> {
  if (!root) return;
  try {
    const [{ reports }, { disputes }] = await Promise.all([call('/api/v1/admin/reports?status=pending'), call('/api/v1/admin/disputes?status=pending')]);
    const reportNodes = await Promise.all((reports as Json[]).map(renderReport));
    root.replaceChildren(
      el('h2', `Pending reports (${reportNodes.length})`),
      ...reportNodes,
      el('h2', `Pending disputes (${(disputes as Json[]).length})`),
      ...(disputes as Json[]).map(renderDispute),
    );
  } catch (err) {
    say((err as Error).message);
  }
}

document.querySelector('[data-admin-load]')?.addEventListener('click', () => {
  if (tokenInput?.value) sessionStorage.setItem(TOKEN_KEY, tokenInput.value.trim());
  void load();
});
