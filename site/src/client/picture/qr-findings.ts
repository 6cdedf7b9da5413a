// What a QR code found in a picture holds, said for the buyer, and what of it
// the paste box checks. A QRIS code: its merchant name, city, NMID, provider,
// static or dynamic and amount (qrisSummary, the words /cek/ uses too), and the
// payload is checked (the API reads it as the kind qris). A QRIS code whose CRC
// does not match: the warning, and it is not checked at all, so a damaged or
// altered code can never come back "not reported". A link: checked as a
// website; any other text: checked as a message. Loaded with the reader, not
// with the page. QR text is a stranger's: it reaches the page only as text.
import { isQrisPayload, parseQris, qrisCrcWarning, qrisSummary } from '../../../../worker/core/qris.ts';
import { el } from '../view-dom.ts';

interface QrWords {
  qrisHeading: string;
  /** With a {value} placeholder. */
  link: string;
  /** With a {value} placeholder. */
  text: string;
}

interface QrFinding {
  /** What is shown under the picture field. */
  view: HTMLElement;
  /** The text the paste box checks with the picture's text; absent: nothing to check. */
  check?: string;
}

const fill = (template: string, value: string) => template.replace('{value}', value);

export function describeQr(payload: string, lang: 'id' | 'en', words: QrWords): QrFinding {
  if (isQrisPayload(payload)) {
    const parsed = parseQris(payload);
    if (parsed.kind === 'qris') {
      const view = el('section', { class: 'qris' });
      view.append(el('h3', { class: 'qris__heading' }, words.qrisHeading));
      if (!parsed.crcOk) view.append(el('p', { class: 'qris__warning', role: 'alert' }, qrisCrcWarning(lang)));
      const list = el('dl', { class: 'qris__fields' });
      for (const { label, value } of qrisSummary(parsed, lang)) list.append(el('dt', {}, label), el('dd', {}, value));
      view.append(list);
      return parsed.crcOk ? { view, check: payload.trim() } : { view };
    }
  }
  const isLink = /^https?:\/\/\S+$/i.test(payload.trim());
  return { view: el('p', { class: 'qr-text' }, fill(isLink ? words.link : words.text, payload)), check: payload.trim() };
}
