// The report form's QRIS picture (components/ReportForm.astro): a photo or
// screenshot of the seller's QRIS code, its QR code decoded on the phone by the
// picture reader's decoder (client/picture/qr-decode.ts, loaded only once a
// picture is chosen; not readPicture: the NMID is in the QR code, so the text
// reader's ±MB download would buy nothing here), its payload parsed
// (worker/core/qris.ts) and its NMID put in the form's value field with the
// kind QRIS chosen. The picture itself is never sent: its field has no name.
// A code whose CRC fails is not used (the Worker refuses such a payload too):
// the buyer is told the code is damaged or altered. QR text is untrusted: it
// reaches the page as text only.
import type { Lang } from '../../../worker/core/lang.ts';

function enhance(field: HTMLElement): void {
  const form = field.closest('form');
  const input = field.querySelector<HTMLInputElement>('[data-qris-picture-input]');
  const status = field.querySelector<HTMLElement>('[data-qris-picture-status]');
  const type = form?.querySelector<HTMLSelectElement>('select[name="type"]');
  const value = form?.querySelector<HTMLInputElement>('input[name="value"]');
  if (!form || !input || !status || !type || !value) return;
  field.hidden = false;
  const words = field.dataset;
  const lang: Lang = document.documentElement.lang === 'en' ? 'en' : 'id';
  let reading = 0;

  input.addEventListener('change', async () => {
    const file = input.files?.[0];
    if (!file) return;
    const mine = ++reading;
    status.textContent = words.reading ?? '';
    try {
      const [{ qrCodesInFile }, { parseQris, qrisCrcWarning }] = await Promise.all([import('./picture/qr-decode.ts'), import('../../../worker/core/qris.ts')]);
      const qr = await qrCodesInFile(file);
      if (mine !== reading) return;
      const parsed = qr.map((payload) => parseQris(payload)).filter((p) => p.kind === 'qris');
      const good = parsed.find((p) => p.crcOk && p.nmid);
      if (good?.kind === 'qris' && good.nmid) {
        type.value = 'qris';
        type.dispatchEvent(new Event('change', { bubbles: true }));
        value.value = good.nmid;
        status.textContent = (words.found ?? '').replace('{nmid}', good.nmid).replace('{merchant}', good.merchantName ?? '—');
      } else {
        status.textContent = parsed.length > 0 ? qrisCrcWarning(lang) : (words.none ?? '');
      }
    } catch {
      if (mine === reading) status.textContent = words.failed ?? '';
    }
  });
}

for (const field of document.querySelectorAll<HTMLElement>('[data-qris-picture]')) enhance(field);
