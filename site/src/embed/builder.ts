// The embed page's options: the preview widget and both snippets follow them,
// and the copy buttons put a snippet on the clipboard. Snippets are text (textContent).
import { embedAttributes, frameSnippet, scriptSnippet, type EmbedOptions } from './snippets.ts';

const form = document.querySelector<HTMLFormElement>('[data-embed-options]');
const preview = document.querySelector<HTMLElement>('[data-embed-preview] cek-dulu');

function options(data: FormData): EmbedOptions {
  return {
    lang: data.get('lang') === 'en' ? 'en' : 'id',
    type: String(data.get('type') ?? ''),
    theme: String(data.get('theme') ?? ''),
    partner: String(data.get('partner') ?? '').trim(),
  };
}

function update(target: HTMLFormElement): void {
  const chosen = options(new FormData(target));
  const attrs = new Map(embedAttributes(chosen));
  for (const name of ['lang', 'type', 'theme', 'partner']) {
    const value = attrs.get(name);
    if (value) preview?.setAttribute(name, value);
    else preview?.removeAttribute(name);
  }
  const script = document.querySelector('[data-snippet="script"]');
  const sri = document.querySelector('[data-snippet="sri"]');
  const frame = document.querySelector('[data-snippet="frame"]');
  const { releasePath: path, releaseIntegrity: integrity } = target.dataset;
  if (script) script.textContent = scriptSnippet(location.origin, chosen);
  if (sri && path && integrity) sri.textContent = scriptSnippet(location.origin, chosen, { path, integrity });
  if (frame) frame.textContent = frameSnippet(location.origin, chosen);
  // A partner id the code leaves out is said so beside the field (embed.css shows the message while it is invalid).
  const partner = target.elements.namedItem('partner') as HTMLInputElement | null;
  partner?.setAttribute('aria-invalid', String(!!partner.value && !partner.validity.valid));
}

if (form) {
  form.addEventListener('input', () => update(form));
  update(form);
  for (const button of document.querySelectorAll<HTMLButtonElement>('[data-copy]')) {
    // The copy buttons need the Clipboard API; without it (or without JS) the code is selectable text.
    if (!navigator.clipboard) continue;
    button.hidden = false;
    const label = button.textContent ?? '';
    button.addEventListener('click', async () => {
      const code = document.querySelector(`[data-snippet="${button.dataset.copy}"]`)?.textContent ?? '';
      try {
        await navigator.clipboard.writeText(code);
        button.textContent = form.dataset.copied ?? label;
      } catch {
        console.warn('[cekdulu embed] copying to the clipboard was refused; select the code instead');
        return;
      }
      setTimeout(() => (button.textContent = label), 2000);
    });
  }
}
