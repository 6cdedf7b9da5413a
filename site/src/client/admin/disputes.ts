// Disputes on the moderators' page: the pending list (no statement or contact),
// one opened at a click (an audited view) with the owner's statement, contact and
// proof-of-ownership files, and a decision with a reason picked from the list.
// The API decides whether a dispute may be accepted (a proof of ownership is
// required, and two different moderators: the first accept waits for a second,
// docs/reports.md "The listing policy"); its refusal's message is shown as it comes.
import { el } from '../view-dom.ts';
import { call } from './api.ts';
import { groupName } from './group-view.ts';
import type { EvidenceFile, Reason } from './queue-types.ts';
import { when } from './words.ts';

interface DisputeSummary {
  ref: string;
  identifier: { type: string; value: string; bank: string | null; provider: string | null };
  createdAt: string;
  /** The moderator whose accept waits for a second one; null when nobody accepted it yet. */
  firstAcceptedBy?: string | null;
}

/** What a decision answers: `awaitingConfirmation` when this accept was the first of two. */
interface DisputeOutcome {
  status: string;
  awaitingConfirmation?: boolean;
  reportsDisputed?: number;
  /** The delisting the accept recorded (the second accept): undoable by this moderator. */
  delisting?: { id: number; lookupKey: string };
}

/** What accepting would delist (the API says it before): the lookup's count from every source, and the site's verified reports. */
interface WouldDelist {
  lookupKey: string;
  publishedReports: number;
  siteReports: number;
}

interface DisputeView {
  dispute: DisputeSummary & { statement: string; contact: string; evidence?: EvidenceFile[] };
  evidence?: EvidenceFile[];
  wouldDelist?: WouldDelist;
}

type Say = (text: string) => void;
/** A delisting recorded by this moderator's accept: the page's undo stack takes it (u). */
export type OnDelisting = (delisting: { id: number; name: string }) => void;
type ShowEvidence = (file: EvidenceFile, into: HTMLElement) => Promise<void>;

function decisionForm(ref: string, name: string, reasons: readonly Reason[], say: Say, done: () => void, onDelisting: OnDelisting): HTMLElement {
  const form = el('form', { class: 'admin-dispute__decision' });
  const id = `dispute-reason-${ref}`;
  const select = el('select', { class: 'select', id, 'data-dispute-reason': '' });
  select.append(el('option', { value: '' }, 'Choose a reason'));
  // Accepting takes an "accept" reason (ownership proven); rejecting a dispute a "dismiss" one (the API refuses any other).
  for (const [kind, label] of [
    ['accept', 'To accept'],
    ['dismiss', 'To reject'],
  ] as const) {
    const group = el('optgroup', { label });
    for (const r of reasons.filter((x) => x.for === kind)) group.append(el('option', { value: r.code }, `${r.en} · ${r.id}`));
    select.append(group);
  }
  const noteId = `dispute-note-${ref}`;
  const note = el('input', { class: 'input', id: noteId, maxlength: '1000', autocomplete: 'off' });
  const error = el('p', { class: 'admin-error', role: 'alert' });
  form.append(
    el('label', { class: 'field__label', for: id }, 'Reason (required)'),
    select,
    el('label', { class: 'field__label', for: noteId }, 'Note (optional)'),
    note,
  );
  for (const [decision, text] of [
    ['accept', 'Accept (once a second moderator accepts too, the account is delisted from every source)'],
    ['reject', 'Reject the dispute'],
  ] as const) {
    const button = el('button', { type: 'button', class: 'button', 'data-decision': decision }, text);
    button.addEventListener('click', () => {
      error.textContent = '';
      const body: Record<string, string> = { decision, reason: select.value };
      if (note.value.trim()) body.note = note.value.trim();
      call<DisputeOutcome>(`/api/v1/admin/disputes/${encodeURIComponent(ref)}/decision`, body).then(
        (outcome) => {
          if (outcome.delisting) {
            onDelisting({ id: outcome.delisting.id, name: `delisting of ${name} (${ref})` });
            say(`${ref}: accepted — ${name} is delisted from the next data update, from every source (${outcome.reportsDisputed ?? 0} site reports disputed); u undoes it`);
          } else say(`${ref}: ${outcome.awaitingConfirmation ? 'accepted by you — waiting for a second moderator' : outcome.status}`);
          done();
        },
        (err: Error) => {
          error.textContent = err.message;
          say(`${ref}: ${err.message}`);
        },
      );
    });
    form.append(button);
  }
  form.append(error);
  return form;
}

async function openDispute(article: HTMLElement, reasons: readonly Reason[], say: Say, showEvidence: ShowEvidence, reload: () => void, onDelisting: OnDelisting): Promise<void> {
  const ref = article.dataset.ref ?? '';
  const view = await call<DisputeView>(`/api/v1/admin/disputes/${encodeURIComponent(ref)}`);
  const name = groupName(view.dispute.identifier);
  // Focus lands on the opened dispute (tabindex -1: a target, not a tab stop).
  const details = el('div', { class: 'admin__details', tabindex: '-1', 'aria-label': `Dispute ${ref}` });
  details.append(el('p', {}, `Contact (never published): ${view.dispute.contact}`), el('p', { class: 'admin__text' }, view.dispute.statement));
  if (view.wouldDelist) {
    const w = view.wouldDelist;
    details.append(
      el(
        'p',
        { class: 'admin-dispute__delist', 'data-would-delist': '' },
        `Accepting delists ${name}: the lookup counts ${w.publishedReports} report(s) now, from every source (imported data and this site); ` +
          `${w.siteReports} of this site's verified report(s) become disputed. Reports made after the decision count again only once a moderator verifies them.`,
      ),
    );
  }
  // The proof-of-ownership files, when the API lists them with the dispute (the API checks for one on accepting).
  const proofs = view.dispute.evidence ?? view.evidence;
  const files = el('div', { class: 'admin-report__evidence' });
  if (proofs) files.append(el('p', {}, proofs.length ? `Proof of ownership: ${proofs.length} file(s)` : 'No proof of ownership uploaded.'));
  for (const file of proofs ?? []) {
    const button = el('button', { type: 'button', class: 'button button--secondary' }, `Proof ${file.id} (${file.contentType}, ${file.size} bytes)`);
    button.addEventListener('click', () => showEvidence(file, files).catch((err: Error) => say(err.message)));
    files.append(button);
  }
  details.append(files, decisionForm(ref, name, reasons, say, reload, onDelisting));
  article.append(details);
  details.focus();
}

export async function loadDisputes(root: HTMLElement, reasons: readonly Reason[], say: Say, showEvidence: ShowEvidence, onDelisting: OnDelisting): Promise<void> {
  const { disputes } = await call<{ disputes: DisputeSummary[] }>('/api/v1/admin/disputes?status=pending');
  const reload = () => void loadDisputes(root, reasons, say, showEvidence, onDelisting).catch((err: Error) => say(err.message));
  const items = disputes.map((d) => {
    const article = el('article', { class: 'admin__item', 'data-ref': d.ref });
    const open = el('button', { type: 'button', class: 'button button--secondary', 'aria-label': `Open ${d.ref}` }, 'Open');
    open.addEventListener('click', () => {
      open.disabled = true;
      openDispute(article, reasons, say, showEvidence, reload, onDelisting).then(
        () => open.remove(),
        (err: Error) => {
          open.disabled = false;
          say(err.message);
        },
      );
    });
    article.append(el('h3', {}, `${d.ref}: ${groupName(d.identifier)}`), el('p', {}, `Filed ${when(d.createdAt)}`));
    if (d.firstAcceptedBy) article.append(el('p', { 'data-dispute-waiting': '' }, `Accepted by ${d.firstAcceptedBy} — waiting for a second moderator`));
    article.append(open);
    return article;
  });
  root.replaceChildren(el('h2', { id: 'admin-disputes-heading' }, `Pending disputes (${disputes.length})`), ...items);
}

/**
 * Opens a pending dispute of the list (a flag's link leads here) and puts the
 * focus on it: opening it is an audited view, as a click on its Open button is.
 */
export function openDisputeByRef(root: HTMLElement, ref: string, say: Say): void {
  const article = [...root.querySelectorAll<HTMLElement>('article[data-ref]')].find((a) => a.dataset.ref === ref);
  if (!article) return say(`${ref}: not in the pending disputes (decided meanwhile?)`);
  const details = article.querySelector<HTMLElement>('.admin__details');
  if (details) return details.focus();
  article.querySelector<HTMLButtonElement>('button[aria-label^="Open"]')?.click();
}
