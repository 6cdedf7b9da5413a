// What a QRIS code says, shown above the answer when a whole payload was looked
// up (/cek/ without JavaScript, and the lookup form's script): merchant name,
// city and NMID first, the fields the official advice says to compare with the
// seller before paying. Apart from result-view.ts so the widget and the first
// page load never carry the parser: the form's script imports this only when a
// payload was typed.
import type { Lang } from '../core/lang.ts';
import { parseQris, qrisSummary } from '../core/qris.ts';
import type { ResultView } from './result-view.ts';

const TITLE: Record<Lang, string> = { id: 'Isi kode QRIS ini', en: 'What this QRIS code says' };

/** True when the lookup's value is a QRIS payload, not an NMID: worth loading this module for. */
export const looksLikeQrisPayload = (type: string | null, value: string | null): boolean =>
  type === 'qris' && (value ?? '').trim().startsWith('000201');

/**
 * The view with the payload's contents as its first block. A payload whose CRC
 * fails was refused by the lookup (qris_crc): its contents are not shown, since
 * they may be the altered part.
 */
export function withQrisContents(view: ResultView, value: string | null, lang: Lang): ResultView {
  const parsed = parseQris(value ?? '');
  if (parsed.kind !== 'qris' || !parsed.crcOk) return view;
  return { ...view, matches: [{ title: TITLE[lang], facts: qrisSummary(parsed, lang) }, ...view.matches] };
}
