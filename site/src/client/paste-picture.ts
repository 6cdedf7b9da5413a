// Pictures in the paste box (components/PasteBox.astro): chosen with the file
// field, pasted from the clipboard or dropped on the box. The reader
// (picture/read-picture.ts: Tesseract and a QR decoder, ~7 MB the first time)
// is imported only when a picture arrives, so none of it is in the page's first
// load. What it reads goes into the text box, editable, and the form is sent
// as if typed: the same POST /api/v1/check and the same "what was read" summary.
// The picture itself never leaves the device: the field has no name, and only
// text is sent. OCR and QR text are untrusted: they reach the page as text only.
import type { Lang } from '../../../worker/core/lang.ts';
import { el } from './view-dom.ts';

const STAGES = ['qr', 'engine', 'language', 'reading'] as const;

const fill = (template: string | undefined, vars: Record<string, string | number>) =>
  (template ?? '').replace(/\{(\w+)\}/g, (whole, name: string) => String(vars[name] ?? whole));

/** The first picture among pasted or dropped items, if any. */
const pictureIn = (files: FileList | null | undefined): File | undefined => [...(files ?? [])].find((f) => f.type.startsWith('image/'));

export function enhancePictures(form: HTMLFormElement, textarea: HTMLTextAreaElement, lang: Lang): void {
  const field = form.querySelector<HTMLElement>('[data-picture]');
  const input = form.querySelector<HTMLInputElement>('[data-picture-input]');
  const progress = form.querySelector<HTMLProgressElement>('[data-picture-progress]');
  const status = form.querySelector<HTMLElement>('[data-picture-status]');
  const found = form.querySelector<HTMLElement>('[data-picture-found]');
  if (!field || !input || !progress || !status || !found) return;
  field.hidden = false;
  const words = form.dataset;
  let reading = 0;

  // An arrow, not a declaration: the fields' null checks above still hold inside it.
  const read = async (file: File): Promise<void> => {
    const mine = ++reading;
    found.replaceChildren();
    progress.hidden = false;
    progress.value = 0;
    let stage = '';
    const onProgress = (p: { stage: string; fraction: number }) => {
      if (mine !== reading) return;
      progress.value = p.fraction;
      // The status (a polite live region) changes once per stage, not per percent: a screen reader hears each step once.
      if (p.stage !== stage && (STAGES as readonly string[]).includes(p.stage)) {
        stage = p.stage;
        status.textContent = words[`pictureStage${stage[0]!.toUpperCase()}${stage.slice(1)}`] ?? '';
      }
    };
    try {
      const [{ readPicture }, { describeQr }] = await Promise.all([import('./picture/read-picture.ts'), import('./picture/qr-findings.ts')]);
      const { text, qr } = await readPicture(file, { lang, onProgress });
      if (mine !== reading) return;
      const findings = qr.map((payload) =>
        describeQr(payload, lang, { qrisHeading: words.pictureQrisHeading ?? '', link: words.pictureQrLink ?? '', text: words.pictureQrText ?? '' }),
      );
      found.replaceChildren(...findings.map((f) => f.view));
      const lines = text.split('\n').filter((line) => line.trim()).length;
      status.textContent = fill(words.pictureDone, { lines, codes: qr.length });
      const parts = [text.trim(), ...findings.flatMap((f) => (f.check ? [f.check] : []))].filter(Boolean);
      textarea.value = parts.join('\n');
      if (textarea.value) form.requestSubmit();
    } catch {
      if (mine !== reading) return;
      status.textContent = words.pictureFailed ?? '';
    } finally {
      if (mine === reading) progress.hidden = true;
    }
  };

  input.addEventListener('change', () => {
    const file = pictureIn(input.files);
    if (file) void read(file);
  });
  // A picture pasted into the box (a copied screenshot): read it; pasted text goes in as before.
  form.addEventListener('paste', (event) => {
    const file = pictureIn(event.clipboardData?.files);
    if (!file) return;
    event.preventDefault();
    void read(file);
  });
  form.addEventListener('dragover', (event) => {
    if (event.dataTransfer?.types.includes('Files')) event.preventDefault();
  });
  form.addEventListener('drop', (event) => {
    const file = pictureIn(event.dataTransfer?.files);
    if (!file) return;
    event.preventDefault();
    void read(file);
  });
}
