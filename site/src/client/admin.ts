// The moderators' page: lists what waits and sends decisions through the admin
// API. The queues show no personal data; a moderator opens one item to read
// the reporter's chronology and contact (or the owner's statement), and the
// API audits each opening — so the page opens nothing by itself. Everything a
// reporter or account owner wrote is put on the page with textContent, never
// as HTML, so markup in a report stays text. In production Cloudflare Access
// signs each request (its cookie); locally the page sends the ADMIN_TOKEN typed
// into it as a Bearer token (kept for this tab only). Decisions go as JSON from
// this origin: the API refuses any other write (worker/admin/write-guard.ts).

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
    mode: 'same-origin',
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

const heading = (item: Json) => {
  const id = item.identifier;
  // "bank 014 1234567890", "ewallet dana +62…", "website tokomurah.com": no gap where a kind has no bank or provider.
  return el('h3', `${item.ref}: ${[id.type, id.bank ?? id.provider, id.value].filter(Boolean).join(' ')}`);
};

/** A queue entry: what it is about, and a button that opens it (an audited view) in place. */
function queueItem(item: Json, summary: Array<[string, unknown]>, open: (article: HTMLElement) => Promise<void>): HTMLElement {
  const article = el('article', undefined, 'admin__item');
  article.dataset.ref = item.ref;
  const button = el('button', 'Open', 'button button--secondary') as HTMLButtonElement;
  button.type = 'button';
  button.setAttribute('aria-label', `Open ${item.ref}`);
  button.addEventListener('click', () => {
    button.disabled = true;
    open(article).then(
      () => button.remove(),
      (err: Error) => {
        button.disabled = false;
        say(err.message);
      },
    );
  });
  article.append(heading(item), facts(summary), button);
  return article;
}

async function openReport(article: HTMLElement): Promise<void> {
  const ref = article.dataset.ref ?? '';
  const { report, evidence } = await call(`/api/v1/admin/reports/${encodeURIComponent(ref)}`);
  const details = el('div', undefined, 'admin__details');
  details.append(
    facts([['Profile link', report.profileUrl], ['Reporter contact (never published)', report.reporterContact]]),
    el('p', report.chronology, 'admin__text'),
  );
  for (const item of evidence as Json[]) details.append(await evidenceLink(item));
  details.append(
    decisionForm([['verify', 'Verify'], ['reject', 'Reject']], async (decision, reason) => {
      await call(`/api/v1/admin/reports/${encodeURIComponent(ref)}/decision`, { decision, reason });
      say(`${ref}: ${decision}`);
    }),
  );
  article.append(details);
}

async function openDispute(article: HTMLElement): Promise<void> {
  const ref = article.dataset.ref ?? '';
  const { dispute } = await call(`/api/v1/admin/disputes/${encodeURIComponent(ref)}`);
  const details = el('div', undefined, 'admin__details');
  details.append(
    facts([['Contact (never published)', dispute.contact]]),
    el('p', dispute.statement, 'admin__text'),
    decisionForm([['accept', 'Accept (verified reports become disputed)'], ['reject', 'Reject']], async (decision, reason) => {
      await call(`/api/v1/admin/disputes/${encodeURIComponent(ref)}/decision`, { decision, reason });
      say(`${ref}: ${decision}`);
    }),
  );
  article.append(details);
}

const reportItem = (report: Json) =>
  queueItem(report, [['Category', report.category], ['Loss (IDR)', report.lossIdr], ['Channel', report.channel], ['Reported at', report.createdAt]], openReport);
const disputeItem = (dispute: Json) => queueItem(dispute, [['Filed at', dispute.createdAt]], openDispute);

async function load(): Promise<void> {
  if (!root) return;
  try {
    const [{ reports }, { disputes }] = await Promise.all([call('/api/v1/admin/reports?status=pending'), call('/api/v1/admin/disputes?status=pending')]);
    root.replaceChildren(
      el('h2', `Pending reports (${(reports as Json[]).length})`),
      ...(reports as Json[]).map(reportItem),
      el('h2', `Pending disputes (${(disputes as Json[]).length})`),
      ...(disputes as Json[]).map(disputeItem),
    );
  } catch (err) {
    say((err as Error).message);
  }
}

document.querySelector('[data-admin-load]')?.addEventListener('click', () => {
  if (tokenInput?.value) sessionStorage.setItem(TOKEN_KEY, tokenInput.value.trim());
  void load();
});
