// The embed page's options: the preview widget and both snippets follow them,
// and the copy buttons put a snippet on the clipboard. Snippets are text (textContent).
const form = document.querySelector<HTMLFormElement>('[data-embed-options]');
const preview = document.querySelector<HTMLElement>('[data-embed-preview] cek-dulu');
const PARTNER = /^[a-z0-9-]{1,40}$/;

function options(): Record<string, string> {
  const data = new FormData(form!);
  const chosen: Record<string, string> = { lang: String(data.get('lang')) };
  if (data.get('type') !== 'bank') chosen.type = String(data.get('type'));
  if (data.get('theme') !== 'light') chosen.theme = String(data.get('theme'));
  const partner = String(data.get('partner') ?? '').trim();
  if (PARTNER.test(partner)) chosen.partner = partner;
  return chosen;
}

function update(): void {
  const chosen = options();
  const host = location.origin;
  for (const name of ['lang', 'type', 'theme', 'partner']) {
    if (chosen[name]) preview?.setAttribute(name, chosen[name]);
    else preview?.removeAttribute(name);
  }
  const attrs = Object.entries(chosen).map(([name, value]) => ` ${name}="${value}"`).join('');
  const query = new URLSearchParams(chosen).toString();
  const script = document.querySelector('[data-snippet="script"]');
  const frame = document.querySelector('[data-snippet="frame"]');
  if (script) script.textContent = `<script src="${host}/embed.js" async></script>\n<cek-dulu${attrs}></cek-dulu>`;
  if (frame) {
    frame.textContent =
      `<iframe src="${host}/embed/frame/?${query}" title="CekDulu" width="100%" height="520" style="border:0;max-width:34rem"></iframe>\n` +
      `<script>addEventListener('message', (e) => { if (e.origin === '${host}' && e.data?.type === 'cekdulu:resize')\n  for (const f of document.querySelectorAll('iframe[src^="${host}/embed/frame/"]')) f.height = e.data.height; });</script>`;
  }
}

if (form) {
  form.addEventListener('input', update);
  update();
  for (const button of document.querySelectorAll<HTMLButtonElement>('[data-copy]')) {
    button.hidden = false;
    const label = button.textContent ?? '';
    button.addEventListener('click', async () => {
      const code = document.querySelector(`[data-snippet="${button.dataset.copy}"]`)?.textContent ?? '';
      await navigator.clipboard.writeText(code);
      button.textContent = form.dataset.copied ?? label;
      setTimeout(() => (button.textContent = label), 2000);
    });
  }
}
