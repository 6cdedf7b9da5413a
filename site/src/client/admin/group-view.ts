// A group of the queue, as DOM: one account with its pending reports counted
// (no personal data: the queue carries none), and the opened group with every
// report's chronology side by side. Everything a reporter wrote goes in as
// text (el sets textContent), so markup in a report stays text.
import { bankByCode } from '../../../../worker/core/banks.ts';
import { CATEGORY_LABELS, PROVIDER_NAMES } from '../../../../worker/presentation/result-view.ts';
import { el } from '../view-dom.ts';
import type { DisputeLink, GroupReport, OpenedGroup, QueueGroup, ReportLinks } from './queue-types.ts';
import { counts, flagWords, rupiah, when } from './words.ts';

/** "bank BCA (014) 1234567890", "ewallet DANA +6285711112222", "website tokomurah.com". */
export function groupName(g: Pick<QueueGroup, 'type' | 'value' | 'bank' | 'provider'>): string {
  const bank = g.bank ? `${bankByCode(g.bank)?.short ?? 'bank'} (${g.bank})` : null;
  const provider = g.provider ? (PROVIDER_NAMES[g.provider] ?? g.provider) : null;
  return [g.type, bank ?? provider, g.value].filter(Boolean).join(' ');
}

function facts(list: Array<[string, string | number | null | undefined]>): HTMLElement {
  const dl = el('dl', { class: 'admin-facts' });
  for (const [label, value] of list) {
    if (value === null || value === undefined || value === '') continue;
    dl.append(el('dt', {}, label), el('dd', {}, String(value)));
  }
  return dl;
}

const categoryCounts = (map: Record<string, number>) =>
  counts(Object.fromEntries(Object.entries(map).map(([k, n]) => [CATEGORY_LABELS.en[k] ?? k, n])));

/**
 * Flags as readable labels: English, the Indonesian beside it (lang="id"), what
 * the flag asks the moderator to do, and (in an opened group) links to what it is about.
 */
function flagList(flags: readonly string[], linksFor: (code: string) => HTMLElement | null = () => null): HTMLElement | null {
  if (!flags.length) return null;
  const list = el('ul', { class: 'admin-flags', 'aria-label': 'Flags' });
  for (const code of flags) {
    const words = flagWords(code);
    const item = el('li', { class: 'admin-flag', 'data-flag': code });
    item.append(el('strong', {}, words.en), ' · ', el('span', { lang: 'id' }, words.id));
    if (words.explain) item.append(el('span', { class: 'admin-flag__explain' }, ` — ${words.explain}`));
    const links = linksFor(code);
    if (links) item.append(links);
    list.append(item);
  }
  return list;
}

/** A link that opens another group of the queue (the page handles data-open-group); a decided account is named, not linked. */
function accountLink(a: { key: string; type: string; value: string; bank: string | null; provider: string | null }, open: boolean, suffix: string): HTMLElement {
  const item = el('li', {});
  if (open) item.append(el('a', { href: `#group=${encodeURIComponent(a.key)}`, 'data-open-group': a.key }, groupName(a)));
  else item.append(groupName(a));
  item.append(suffix);
  return item;
}

function linkList(label: string, items: HTMLElement[]): HTMLElement {
  const box = el('div', { class: 'admin-flag__links' });
  const list = el('ul', { 'aria-label': label });
  list.append(...items);
  box.append(el('span', {}, `${label}: `), list);
  return box;
}

/** What each flag of a report links to: the other report with the same file, the reporter's other reports, the network's other accounts. */
function reportLinks(related: ReportLinks | undefined): (code: string) => HTMLElement | null {
  return (code) => {
    const reports = code === 'shared_evidence' ? related?.sameEvidence : code === 'one_contact_many_accounts' ? related?.sameReporter : undefined;
    if (reports?.length) {
      const label = code === 'shared_evidence' ? 'The same file is on' : 'This reporter’s other reports';
      return linkList(label, reports.map((r) => accountLink(r, r.status === 'pending', ` — ${r.ref}, ${r.status}`)));
    }
    if (code === 'one_network_many_accounts' && related?.sameNetwork.length) {
      return linkList(
        'This network’s other accounts',
        related.sameNetwork.map((a) => accountLink(a, a.pending > 0, a.pending > 0 ? ` — ${a.pending} pending` : ' — decided')),
      );
    }
    return null;
  };
}

/** The disputes to read before deciding: a pending one opens in the disputes list below (the page handles data-open-dispute). */
function disputeLinks(disputes: readonly DisputeLink[] | undefined): (code: string) => HTMLElement | null {
  return (code) => {
    if (code !== 'after_dispute' || !disputes?.length) return null;
    return linkList(
      'Dispute',
      disputes.map((d) => {
        const item = el('li', {});
        if (d.status === 'pending') item.append(el('a', { href: `#dispute=${encodeURIComponent(d.ref)}`, 'data-open-dispute': d.ref }, `Read dispute ${d.ref}`));
        else item.append(d.ref);
        item.append(` — ${d.status}, filed ${when(d.createdAt)}`);
        return item;
      }),
    );
  };
}

/** One group in the queue: its button opens it (Enter or o); j and k move between these buttons. */
export function queueItem(g: QueueGroup): HTMLLIElement {
  const item = el('li', { class: 'admin-group', 'data-key': g.key });
  const heading = el('h3', { class: 'admin-group__name' });
  heading.append(el('button', { type: 'button', class: 'admin-group__open', 'data-group-open': '', 'aria-keyshortcuts': 'Enter O' }, groupName(g)));
  item.append(heading);
  if (g.waitingForAnotherModerator) {
    // Verified once by this moderator: nothing here for them until a different moderator confirms (it sinks in their queue).
    const mark = el('p', { class: 'admin-group__waiting', 'data-group-waiting': '' });
    mark.append(el('strong', { lang: 'id' }, 'Menunggu moderator lain'), ' · waiting for another moderator (you verified it once)');
    item.append(mark);
  }
  item.append(
    facts([
      ['Pending', g.pending],
      ['Reporters', g.reporters],
      ['Total loss', rupiah(g.lossIdr)],
      ['First', when(g.firstAt)],
      ['Last', when(g.lastAt)],
      ['Categories', categoryCounts(g.categories)],
      ['Channels', counts(g.channels)],
      ['Evidence files', g.evidence],
      ['Waiting for a 2nd moderator', g.awaitingConfirmation || null],
      ['Priority', Math.round(g.priority * 10) / 10],
    ]),
  );
  const flags = flagList(g.flags);
  if (flags) item.append(flags);
  return item;
}

/** One report of an opened group: x selects it for a decision of its own; e shows its evidence. */
export function reportCard(r: GroupReport, index: number): HTMLElement {
  const card = el('article', { class: 'admin-report', 'data-ref': r.ref, 'aria-labelledby': `admin-report-${index}` });
  const select = el('label', { class: 'admin-report__select' });
  select.append(el('input', { type: 'checkbox', 'data-report-select': '', 'aria-keyshortcuts': 'X' }), el('span', { id: `admin-report-${index}` }, `Select ${r.ref}`));
  card.append(
    select,
    facts([
      ['Reported', when(r.createdAt)],
      ['Status', r.firstVerifiedBy ? `verified once by ${r.firstVerifiedBy}, waiting for a second moderator` : r.status],
      ['Category', CATEGORY_LABELS.en[r.category] ?? r.category],
      ['Channel', r.channel],
      ['Loss', rupiah(r.lossIdr)],
      ['Profile link', r.profileUrl],
      ['Reporter contact (never published)', r.reporterContact],
      ['Evidence files', r.evidence.length],
    ]),
    el('p', { class: 'admin__text admin-report__chronology' }, r.chronology),
  );
  const flags = flagList(r.flags, reportLinks(r.related));
  if (flags) card.append(flags);
  const files = el('div', { class: 'admin-report__evidence', 'data-report-evidence': '' });
  for (const file of r.evidence) {
    files.append(
      el('button', { type: 'button', class: 'button button--secondary', 'data-evidence': file.id, 'data-content-type': file.contentType, 'aria-keyshortcuts': 'E' }, `Evidence ${file.id} (${file.contentType}, ${file.size} bytes)`),
    );
    if (file.stored === false) files.append(missingFile(file.id));
  }
  card.append(files);
  return card;
}

/** Said beside a file whose bytes are not stored (or not of the recorded type): it does not count as evidence. */
export function missingFile(id: string): HTMLElement {
  const p = el('p', { class: 'admin-evidence-missing', 'data-evidence-missing': id }, `${id}: file not stored — it does not count as evidence; this report needs a second moderator. · `);
  p.append(el('span', { lang: 'id' }, 'Berkas tidak tersimpan — tidak dihitung sebagai bukti; laporan ini perlu moderator kedua.'));
  return p;
}

export function groupSummary({ group: g, disputes }: Pick<OpenedGroup, 'group' | 'disputes'>): HTMLElement {
  const box = el('div', { class: 'admin-open__summary' });
  box.append(
    facts([
      ['Pending', g.pending],
      ['Reporters', g.reporters],
      ['Total loss', rupiah(g.lossIdr)],
      ['First', when(g.firstAt)],
      ['Last', when(g.lastAt)],
      ['Evidence files', g.evidence],
    ]),
  );
  const flags = flagList(g.flags, disputeLinks(disputes));
  if (flags) box.append(flags);
  // A pending dispute without reports after it raises no flag, but is still read before deciding (it ranks the group first too).
  if (!g.flags.includes('after_dispute') && disputes?.some((d) => d.status === 'pending')) {
    const note = el('div', { class: 'admin-flag', 'data-flag': 'pending_dispute' });
    note.append(el('strong', {}, 'Disputed by its owner'), ' · ', el('span', { lang: 'id' }, 'Disanggah pemiliknya'), ' — read the dispute before deciding.');
    note.append(disputeLinks(disputes.filter((d) => d.status === 'pending'))('after_dispute')!);
    box.append(note);
  }
  return box;
}
