// The moderators' page (/admin/): the pending reports grouped by account,
// sorted by the API's priority, decided a whole group or a few reports at a
// time, keyboard first (the keys are listed on the page: j/k, Enter or o, x, v,
// r then a number, e, u, Esc). The queue shows no personal data; opening a
// group shows every report's chronology and contact, and the API audits that
// view — so the page opens nothing by itself. Outcomes are announced in the
// live region ("verified 5; 2 wait for a second moderator; 1 decided meanwhile
// by alice — not changed"), and focus always lands where the next key acts.
import { AdminApiError, call, rememberToken } from './admin/api.ts';
import { loadDisputes, openDisputeByRef } from './admin/disputes.ts';
import { showEvidence } from './admin/evidence.ts';
import { groupName, groupSummary, missingFile, queueItem, reportCard } from './admin/group-view.ts';
import { metricsView } from './admin/metrics-view.ts';
import type { DecisionOutcome, Metrics, OpenedGroup, QueueGroup, QueuePage, Reason } from './admin/queue-types.ts';
import { describeOutcome } from './admin/words.ts';
import { el } from './view-dom.ts';
// The API keeps a decision undoable for this long; the page only hides the button after it.
import { UNDO_WINDOW_MS } from '../../../worker/core/undo-window.ts';

const $ = <T extends HTMLElement>(selector: string) => document.querySelector<T>(selector)!;

const message = $('[data-admin-message]');
const undoButton = $<HTMLButtonElement>('[data-admin-undo]');
const workspace = $('[data-admin-workspace]');
const queueList = $('[data-admin-queue]');
const queueHeading = $('[data-admin-queue-heading]');
const queueCount = $('[data-admin-queue-count]');
const queueStatus = $('[data-admin-queue-status]');
const openStatus = $('[data-admin-open-status]');
const verifyButton = $<HTMLButtonElement>('[data-admin-verify]');
const rejectButton = $<HTMLButtonElement>('[data-admin-reject]');
const moreButton = $<HTMLButtonElement>('[data-admin-more]');
const filters = $<HTMLFormElement>('[data-admin-filters]');
const openSection = $('[data-admin-open]');
const openHeading = $('[data-admin-open-heading]');
const openSummary = $('[data-admin-open-summary]');
const openReports = $('[data-admin-open-reports]');
const reasonsForm = $<HTMLFormElement>('[data-admin-reasons]');
const reasonList = $('[data-admin-reason-list]');
const rejectNote = $<HTMLInputElement>('#admin-reject-note');
const healthSection = $('[data-admin-health-section]');
const health = $('[data-admin-health]');
const disputesRoot = $('[data-admin-disputes]');


let groups: QueueGroup[] = [];
let nextCursor: string | null = null;
let opened: OpenedGroup | null = null;
let reasons: Reason[] = [];
/** What the reason picker will reject, and where focus goes back to when it closes. */
let rejecting: { key: string; refs?: string[]; returnTo: HTMLElement | null } | null = null;
/**
 * What u undoes, newest last: decisions that changed something, and delistings
 * (a dispute this moderator accepted second), each with the words that name it.
 */
const undoable: Array<{ kind: 'decision' | 'delisting'; id: number; at: number; name: string; key?: string }> = [];

/**
 * Announce. With `near` (the live region beside the group acted on) the words
 * are announced there, where the moderator is working; the top line keeps them
 * on screen without announcing them twice.
 */
const say = (text: string, near?: HTMLElement) => {
  message.setAttribute('aria-live', near ? 'off' : 'polite');
  message.textContent = text;
  if (near) near.textContent = text;
};
const fail = (err: unknown) => say(err instanceof Error ? err.message : String(err));

// ---- the queue ----

function filterQuery(): URLSearchParams {
  const query = new URLSearchParams();
  for (const [name, value] of new FormData(filters)) if (typeof value === 'string' && value.trim()) query.set(name, value.trim());
  return query;
}

const groupButtons = () => [...queueList.querySelectorAll<HTMLButtonElement>('[data-group-open]')];

/** "12 groups waiting (matching the filter)", "25 groups waiting on this page; more follow": what the list holds now. */
function groupsWaiting(): string {
  const filtered = [...filterQuery().keys()].length > 0;
  return `${groups.length} group${groups.length === 1 ? '' : 's'} waiting${filtered ? ' (matching the filter)' : ''}${nextCursor ? ' on this page; more follow' : ''}`;
}

function renderQueue(): void {
  queueList.replaceChildren(...groups.map(queueItem));
  queueHeading.textContent = `Pending reports by account (${groups.length}${nextCursor ? '+' : ''} groups)`;
  queueCount.textContent = groupsWaiting();
  moreButton.hidden = nextCursor === null;
}

function focusGroup(index: number): void {
  const buttons = groupButtons();
  if (!buttons.length) {
    queueHeading.setAttribute('tabindex', '-1');
    queueHeading.focus();
    return;
  }
  buttons[Math.max(0, Math.min(index, buttons.length - 1))]!.focus();
}

/** The group the focus is on in the queue, or -1. */
function focusedGroupIndex(): number {
  const item = document.activeElement?.closest<HTMLElement>('.admin-group');
  return item ? groups.findIndex((g) => g.key === item.dataset.key) : -1;
}

async function loadQueue(append: boolean): Promise<void> {
  const query = filterQuery();
  if (append && nextCursor) query.set('cursor', nextCursor);
  const page = await call<QueuePage>(`/api/v1/admin/queue?${query}`);
  const first = append ? groups.length : 0;
  groups = append ? [...groups, ...page.groups] : page.groups;
  nextCursor = page.next;
  renderQueue();
  if (append) focusGroup(first);
}

// ---- an opened group ----

const reportBoxes = () => [...openReports.querySelectorAll<HTMLInputElement>('[data-report-select]')];

function renderOpened(focusIndex = 0): void {
  if (!opened) return;
  openHeading.textContent = `${groupName(opened.group)}: ${opened.reports.length} report${opened.reports.length === 1 ? '' : 's'}`;
  openSummary.replaceChildren(groupSummary(opened));
  openReports.replaceChildren(...opened.reports.map(reportCard));
  openSection.hidden = false;
  openStatus.textContent = '';
  updateActions();
  const boxes = reportBoxes();
  (boxes[Math.min(focusIndex, boxes.length - 1)] ?? openHeading).focus();
}

/** The decision buttons say what they would act on now: the selected reports, or (reject only) every report shown. */
function updateActions(): void {
  const n = reportBoxes().filter((box) => box.checked).length;
  const all = opened?.reports.length ?? 0;
  verifyButton.disabled = n === 0;
  verifyButton.textContent = n ? `Verify ${n} selected report${n === 1 ? '' : 's'} (v)` : 'Verify (v): select reports first (x)';
  rejectButton.textContent = n ? `Reject ${n} selected report${n === 1 ? '' : 's'} (r)` : all === 1 ? 'Reject the one report (r)' : `Reject all ${all} reports (r)`;
}

async function openGroup(key: string): Promise<void> {
  opened = await call<OpenedGroup>(`/api/v1/admin/queue/${encodeURIComponent(key)}`);
  renderOpened();
  say(`Opened ${groupName(opened.group)}: ${opened.reports.length} reports`);
}

function closeGroup(): void {
  const key = opened?.group.key;
  opened = null;
  openSection.hidden = true;
  openReports.replaceChildren();
  const index = groups.findIndex((g) => g.key === key);
  focusGroup(index < 0 ? 0 : index);
}

/** The report the focus is in, in the opened group. */
function focusedReport(): HTMLElement | null {
  return document.activeElement?.closest<HTMLElement>('.admin-report') ?? openReports.querySelector<HTMLElement>('.admin-report');
}

const inOpenGroup = () => !openSection.hidden && openSection.contains(document.activeElement);

// ---- decisions ----

/**
 * What v does (seen before decided, docs/reports.md): from the queue it opens
 * the group instead of deciding it; in an opened group it verifies the selected
 * reports, and with nothing selected it asks which (the API verifies only
 * reports this moderator opened, evidence files included: 409 not_seen).
 */
function verifyKey(): void {
  if (!(opened && (inOpenGroup() || focusedGroupIndex() < 0))) {
    const index = focusedGroupIndex();
    const group = groups[index < 0 ? 0 : index];
    if (group) openGroup(group.key).catch(fail);
    return;
  }
  const chosen = reportBoxes().filter((box) => box.checked);
  if (!chosen.length) return say('Verify which reports? Open each one’s evidence (e), select it (x), then press v.', openStatus);
  decide({ key: opened.group.key, refs: chosen.map((box) => box.closest<HTMLElement>('.admin-report')!.dataset.ref!) }, 'verify').catch(fail);
}

/**
 * The group and reports an r acts on. In an opened group: the selected
 * reports, or else every report shown — always the refs the moderator saw, so
 * a report filed since is not decided unseen and one decided meanwhile comes
 * back as a conflict. From the queue: the whole group (no refs).
 */
function decisionTarget(): { key: string; refs?: string[] } | null {
  if (opened && (inOpenGroup() || focusedGroupIndex() < 0)) {
    const boxes = reportBoxes();
    const chosen = boxes.some((box) => box.checked) ? boxes.filter((box) => box.checked) : boxes;
    return { key: opened.group.key, refs: chosen.map((box) => box.closest<HTMLElement>('.admin-report')!.dataset.ref!) };
  }
  const index = focusedGroupIndex();
  const group = groups[index < 0 ? 0 : index];
  return group ? { key: group.key } : null;
}

async function decide(target: { key: string; refs?: string[] }, decision: 'verify' | 'reject', reason?: string, note?: string): Promise<void> {
  const index = Math.max(0, groups.findIndex((g) => g.key === target.key));
  const outcome = await call<DecisionOutcome>(`/api/v1/admin/queue/${encodeURIComponent(target.key)}/decision`, {
    decision,
    ...(target.refs ? { refs: target.refs } : {}),
    ...(reason ? { reason } : {}),
    ...(note ? { note } : {}),
  });
  const name = groupName(groups[index] ?? opened?.group ?? { type: '', value: target.key, bank: null, provider: null });
  const words = `${name}: ${describeOutcome(outcome)}`;
  if (outcome.verified.length || outcome.rejected.length || outcome.awaitingConfirmation.length) {
    const n = outcome.verified.length + outcome.rejected.length + outcome.awaitingConfirmation.length;
    undoable.push({ kind: 'decision', id: outcome.decisionId, at: Date.now(), name: `${decision} of ${n} report${n === 1 ? '' : 's'} of ${name}`, key: target.key });
    undoButton.hidden = false;
  }
  const done = new Set([...outcome.verified, ...outcome.rejected, ...outcome.awaitingConfirmation, ...outcome.conflicts.map((c) => c.ref)]);
  const openedHere = opened?.group.key === target.key;
  const remaining = opened && openedHere ? opened.reports.filter((r) => !done.has(r.ref)) : [];
  // Nothing of the group left pending: every report it showed (or, from the queue, the whole group) decided,
  // none waiting for a second moderator. Its GET would answer 404, which the browser logs as an error:
  // not asked. A report filed since the group was opened shows with the next queue load.
  const emptied =
    outcome.awaitingConfirmation.length === 0 &&
    outcome.conflicts.every((c) => c.status !== 'pending') &&
    (target.refs ? openedHere && remaining.length === 0 : true);
  // Otherwise the group as it stands now (pending, loss, reporters, flags): read again, never counted down on the page.
  const fresh = emptied
    ? null
    : await call<OpenedGroup>(`/api/v1/admin/queue/${encodeURIComponent(target.key)}`).catch((err: unknown) => {
        if (err instanceof AdminApiError && err.status === 404) return null; // decided meanwhile by someone else
        throw err;
      });
  if (fresh && fresh.group.waitingForAnotherModerator) {
    // Verified once by this moderator and nothing else left for them: it sinks to the end of their queue (the API's order).
    groups = groups.filter((g) => g.key !== target.key);
    if (!nextCursor) groups.push(fresh.group);
  } else if (fresh) groups = groups.map((g) => (g.key === target.key ? fresh.group : g));
  else groups = groups.filter((g) => g.key !== target.key);
  if (opened && opened.group.key === target.key && remaining.length && fresh) {
    // Some reports of the opened group still wait: stay in it, with its counts as they are now.
    const left = new Set(remaining.map((r) => r.ref));
    opened = { ...fresh, reports: fresh.reports.filter((r) => left.has(r.ref)) };
    renderQueue();
    renderOpened();
    say(words, openStatus);
    showOutcome(openStatus);
  } else {
    renderQueue();
    opened = null;
    openSection.hidden = true;
    focusGroup(groups[index]?.key === target.key ? index + 1 : index);
    say(words, queueStatus);
    showOutcome(queueStatus);
  }
  void loadMetrics();
}

/**
 * The outcome on screen: on a phone (360 px) the live region that holds it sits
 * above the list, far from where the focus lands, and the top line further up.
 * The outcome comes first; the focused control is scrolled to as well when both fit.
 */
function showOutcome(status: HTMLElement): void {
  status.scrollIntoView({ block: 'start' });
  const focused = document.activeElement instanceof HTMLElement ? document.activeElement : null;
  const box = focused?.getBoundingClientRect();
  if (focused && box && box.bottom > window.innerHeight && box.bottom - status.getBoundingClientRect().top <= window.innerHeight) {
    focused.scrollIntoView({ block: 'end' });
  }
}

function openReasons(target: { key: string; refs?: string[] }): void {
  const choices = reasons.filter((r) => r.for === 'reject');
  if (!choices.length) return say('No rejection reasons loaded: reload the page.');
  rejecting = { ...target, returnTo: document.activeElement as HTMLElement | null };
  reasonList.replaceChildren(
    ...choices.slice(0, 9).map((r, i) => {
      const label = el('label', { class: 'admin-reason' });
      label.append(
        el('input', { type: 'radio', name: 'reason', value: r.code, 'aria-keyshortcuts': String(i + 1) }),
        el('kbd', {}, String(i + 1)),
        ` ${r.en} · `,
        el('span', { lang: 'id' }, r.id),
      );
      return label;
    }),
  );
  rejectNote.value = '';
  reasonsForm.hidden = false;
  reasonList.querySelector<HTMLInputElement>('input')!.focus();
  const selected = reportBoxes().filter((box) => box.checked).length;
  const what = !target.refs ? 'the whole group' : selected ? `${selected} selected report${selected === 1 ? '' : 's'}` : `all ${target.refs.length} reports shown`;
  say(`Reject ${what}: press a reason’s number, then Enter`);
}

function closeReasons(): void {
  const back = rejecting?.returnTo;
  rejecting = null;
  reasonsForm.hidden = true;
  if (back?.isConnected) back.focus();
}

reasonsForm.addEventListener('submit', (event) => {
  event.preventDefault();
  const reason = new FormData(reasonsForm).get('reason');
  if (!rejecting || typeof reason !== 'string') return say('Pick a reason first: press its number.');
  const { returnTo: _, ...target } = rejecting;
  const note = rejectNote.value.trim();
  rejecting = null;
  reasonsForm.hidden = true;
  decide(target, 'reject', reason, note || undefined).catch(fail);
});
$('[data-admin-reasons-cancel]').addEventListener('click', closeReasons);

/** Undo the newest undoable step, naming it; the queue keeps the moderator's place (the same group, or the same position). */
async function undo(): Promise<void> {
  while (undoable.length && Date.now() - undoable[undoable.length - 1]!.at > UNDO_WINDOW_MS) undoable.pop();
  const last = undoable.pop();
  undoButton.hidden = undoable.length === 0;
  if (!last) return say('Nothing to undo: a decision can be undone for 5 minutes.');
  const place = Math.max(0, focusedGroupIndex());
  try {
    if (last.kind === 'delisting') {
      const { reportsRelisted } = await call<{ reportsRelisted: number }>(`/api/v1/admin/delistings/${last.id}/undo`, {});
      say(`Undone: ${last.name} — listed again (${reportsRelisted} site report${reportsRelisted === 1 ? '' : 's'} verified again); the dispute waits again`);
      loadDisputes(disputesRoot, reasons, say, showEvidence, onDelisting).catch(fail);
      return;
    }
    // All or nothing: a decision decided again since is refused (undo_superseded) with the API's words, below.
    const { undone } = await call<{ undone: string[] }>(`/api/v1/admin/decisions/${last.id}/undo`, {});
    say(`Undone: ${last.name} — ${undone.length} report${undone.length === 1 ? '' : 's'} pending again`);
  } catch (err) {
    say(err instanceof AdminApiError ? `Not undone (${last.name}): ${err.message}` : String(err));
    return;
  }
  opened = null;
  openSection.hidden = true;
  await loadQueue(false);
  const again = last.key ? groups.findIndex((g) => g.key === last.key) : -1;
  focusGroup(again >= 0 ? again : place);
  void loadMetrics();
}

const onDelisting = ({ id, name }: { id: number; name: string }) => {
  undoable.push({ kind: 'delisting', id, at: Date.now(), name });
  undoButton.hidden = false;
};

// ---- evidence, health, disputes ----

async function evidenceOf(card: HTMLElement | null): Promise<void> {
  const ref = card?.dataset.ref;
  const report = opened?.reports.find((r) => r.ref === ref);
  if (!card || !report) return;
  if (!report.evidence.length) return say(`${report.ref}: no evidence files`);
  const into = card.querySelector<HTMLElement>('[data-report-evidence]')!;
  let missing = 0;
  for (const file of report.evidence) {
    try {
      await showEvidence(file, into);
    } catch (err) {
      if (!(err instanceof AdminApiError) || err.status !== 404) throw err;
      missing++;
      if (!into.querySelector(`[data-evidence-missing="${CSS.escape(file.id)}"]`)) into.append(missingFile(file.id));
    }
  }
  const shown = report.evidence.length - missing;
  say(`${report.ref}: ${shown} evidence file${shown === 1 ? '' : 's'} shown${missing ? `; ${missing} not stored (not counted as evidence)` : ''}`);
}

async function loadMetrics(): Promise<void> {
  try {
    health.replaceChildren(...metricsView(await call<Metrics>('/api/v1/admin/metrics')));
  } catch (err) {
    health.replaceChildren(el('p', {}, `Queue health unavailable: ${err instanceof Error ? err.message : String(err)}`));
  }
  healthSection.hidden = false;
}

async function loadAll(): Promise<void> {
  try {
    reasons = (await call<{ reasons: Reason[] }>('/api/v1/admin/reasons')).reasons;
    await loadQueue(false);
  } catch (err) {
    return fail(err);
  }
  workspace.hidden = false;
  disputesRoot.hidden = false;
  say(groupsWaiting());
  focusGroup(0);
  // The queue at the top of the screen: the first groups in view, not only the focused one.
  queueHeading.scrollIntoView({ block: 'start' });
  void loadMetrics();
  loadDisputes(disputesRoot, reasons, say, showEvidence, onDelisting).catch(fail);
}

// ---- wiring: clicks and keys do the same things ----

$('[data-admin-login]').addEventListener('submit', (event) => {
  event.preventDefault();
  rememberToken($<HTMLInputElement>('#admin-token').value.trim());
  void loadAll();
});
filters.addEventListener('submit', (event) => {
  event.preventDefault();
  loadQueue(false).then(() => {
    focusGroup(0);
    say(groupsWaiting(), queueStatus);
  }, fail);
});
openReports.addEventListener('change', updateActions);
// Flags that lead somewhere: a link opens the other group, or the dispute below with the focus on it.
document.addEventListener('click', (event) => {
  const link = (event.target as Element | null)?.closest<HTMLAnchorElement>('a[data-open-group], a[data-open-dispute]');
  if (!link) return;
  event.preventDefault();
  if (link.dataset.openGroup) openGroup(link.dataset.openGroup).catch(fail);
  else openDisputeByRef(disputesRoot, link.dataset.openDispute ?? '', say);
});
moreButton.addEventListener('click', () => void loadQueue(true).catch(fail));
queueList.addEventListener('click', (event) => {
  const item = (event.target as HTMLElement).closest<HTMLElement>('[data-group-open]')?.closest<HTMLElement>('.admin-group');
  if (item?.dataset.key) openGroup(item.dataset.key).catch(fail);
});
openReports.addEventListener('click', (event) => {
  const button = (event.target as HTMLElement).closest<HTMLButtonElement>('[data-evidence]');
  const report = opened?.reports.find((r) => r.ref === button?.closest<HTMLElement>('.admin-report')?.dataset.ref);
  const file = report?.evidence.find((f) => f.id === button?.dataset.evidence);
  if (button && file) showEvidence(file, button.parentElement!).catch(fail);
});
$('[data-admin-verify]').addEventListener('click', verifyKey);
$('[data-admin-reject]').addEventListener('click', () => {
  const target = decisionTarget();
  if (target) openReasons(target);
});
$('[data-admin-close]').addEventListener('click', closeGroup);
undoButton.addEventListener('click', () => void undo());

function moveIn<T extends HTMLElement>(items: T[], current: number, step: number): void {
  const next = current < 0 ? 0 : Math.max(0, Math.min(items.length - 1, current + step));
  items[next]?.focus();
}

function onKey(event: KeyboardEvent): void {
  if (event.ctrlKey || event.metaKey || event.altKey || workspace.hidden) return;
  const target = event.target as HTMLElement;
  const typing = target.matches('input:not([type="checkbox"]):not([type="radio"]), textarea, select');
  if (rejecting) {
    if (event.key === 'Escape') closeReasons();
    else if (!typing && /^[1-9]$/.test(event.key)) {
      const radio = reasonList.querySelectorAll<HTMLInputElement>('input[type="radio"]')[Number(event.key) - 1];
      if (!radio) return;
      radio.checked = true;
      rejectNote.focus();
    } else if (event.key === 'Enter' && target.matches('input[type="radio"]')) reasonsForm.requestSubmit();
    else return;
    event.preventDefault();
    return;
  }
  if (typing) return;
  const key = event.key.length === 1 ? event.key.toLowerCase() : event.key;
  switch (key) {
    case 'j':
    case 'k': {
      const step = key === 'j' ? 1 : -1;
      if (inOpenGroup()) {
        const boxes = reportBoxes();
        const card = focusedReport();
        moveIn(boxes, document.activeElement?.closest('.admin-report') ? boxes.findIndex((b) => card?.contains(b)) : -1, step);
      } else if (step === 1 && nextCursor && focusedGroupIndex() === groups.length - 1) {
        // j past the last card loads the next page and moves onto its first group.
        loadQueue(true).catch(fail);
      } else moveIn(groupButtons(), focusedGroupIndex(), step);
      break;
    }
    case 'o': {
      const index = focusedGroupIndex();
      if (index >= 0) openGroup(groups[index]!.key).catch(fail);
      break;
    }
    case 'x': {
      const box = inOpenGroup() ? focusedReport()?.querySelector<HTMLInputElement>('[data-report-select]') : null;
      if (!box) return;
      box.checked = !box.checked;
      box.focus();
      updateActions();
      say(`${box.checked ? 'Selected' : 'Unselected'} ${focusedReport()?.dataset.ref ?? ''}`);
      break;
    }
    case 'v':
      verifyKey();
      break;
    case 'r': {
      const t = decisionTarget();
      if (t) openReasons(t);
      break;
    }
    case 'e':
      if (inOpenGroup()) evidenceOf(focusedReport()).catch(fail);
      break;
    case 'u':
      void undo();
      break;
    case 'Escape':
      if (!opened) return;
      closeGroup();
      break;
    default:
      return;
  }
  event.preventDefault();
}

document.addEventListener('keydown', onKey);
// The token field focused on load: type, Enter (behind Access it is not shown and nothing needs typing).
$<HTMLInputElement>('#admin-token').focus();
