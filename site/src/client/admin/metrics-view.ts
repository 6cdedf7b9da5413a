// The queue's health (GET /api/v1/admin/metrics) as a small panel: backlog,
// median and 90th-percentile age of what waits, disputes waiting, and who
// decided how much each day.
import { el } from '../view-dom.ts';
import type { Metrics } from './queue-types.ts';
import { age } from './words.ts';

export function metricsView(m: Metrics): HTMLElement[] {
  const dl = el('dl', { class: 'admin-facts admin-health__facts' });
  const rows: Array<[string, string]> = [
    ['Pending reports', String(m.pending)],
    ['Median age', age(m.pendingAgeSeconds.median)],
    ['90th percentile age', age(m.pendingAgeSeconds.p90)],
    ['Disputes pending', String(m.disputesPending)],
  ];
  if (m.awaitingConfirmation !== undefined) rows.push(['Waiting for a 2nd moderator', String(m.awaitingConfirmation)]);
  for (const [label, value] of rows) dl.append(el('dt', {}, label), el('dd', { 'data-metric': label }, value));
  if (!m.decisionsByDay.length) return [dl, el('p', {}, 'No decisions yet.')];
  const table = el('table', { class: 'admin-health__table' });
  table.append(el('caption', {}, 'Decisions per day per moderator'));
  const head = el('tr');
  for (const name of ['Day', 'Moderator', 'Verified', 'Rejected']) head.append(el('th', { scope: 'col' }, name));
  table.append(el('thead'), el('tbody'));
  table.tHead!.append(head);
  for (const row of m.decisionsByDay) {
    const tr = el('tr');
    tr.append(el('td', {}, row.day), el('td', {}, row.moderator), el('td', {}, String(row.verified)), el('td', {}, String(row.rejected)));
    table.tBodies[0]!.append(tr);
  }
  return [dl, table];
}
