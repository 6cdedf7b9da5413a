// The iframe version (/embed/frame/?lang=&mode=&type=&theme=&partner=) for site
// builders that allow no scripts: the widget, configured from the query, and
// its height posted to the parent page whenever it changes, as
// {type: 'cekdulu:resize', height} — a number only, so any origin may receive it.
const params = new URLSearchParams(location.search);
const widget = document.querySelector('cek-dulu');
// The page's own language (/embed/frame/ or /en/embed/frame/) unless the query names one.
const lang = (params.get('lang') ?? document.documentElement.lang) === 'en' ? 'en' : 'id';
document.documentElement.lang = lang;
if (widget) {
  // The form for browsers without JavaScript (FramePage.astro) is never shown here: gone from the page too.
  widget.replaceChildren();
  widget.setAttribute('lang', lang);
  for (const name of ['mode', 'type', 'theme', 'partner']) {
    const value = params.get(name);
    if (value) widget.setAttribute(name, value);
  }
}

let last = 0;
const report = () => {
  const height = Math.ceil(document.documentElement.getBoundingClientRect().height);
  if (height === last || window.parent === window) return;
  last = height;
  window.parent.postMessage({ type: 'cekdulu:resize', height }, '*');
};
new ResizeObserver(report).observe(document.documentElement);
