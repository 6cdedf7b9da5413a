// The widget's stylesheet, adopted by its shadow root (so neither the host
// page's CSS nor a strict CSP without 'unsafe-inline' can touch it). The theme
// is a color-scheme and every colour a light-dark() pair; hosts may restyle the
// parts title, form, button and result. A reported answer is as loud as on the
// site (site.css .result--reported): a thick red frame, the warning glyph in a
// red disc apart from the words, and the advice in bold, so colour is never the only sign.
// Font and colour are declared on the inner .w, not inherited from the host
// element, so a host rule such as `* { font-size: 2px !important }` cannot reach inside;
// and an !important :host rule beats the host page's own !important rules on the
// element (CSS Cascade 5: for important declarations the shadow context wins), so
// `* { display: none !important }` cannot hide it either. Sizes in em, never rem: rem
// follows the host's root font size (html { font-size: 62.5% } is common, and the
// hostile test page's 2px drew the widget's headings as a dotted line).
// One string literal per line for reading; esbuild folds them into one without the
// line breaks, which cost the widget 14 bytes gzipped.
export const WIDGET_CSS =
  ':host{display:block!important;color-scheme:light;--fg:light-dark(#0b0c0c,#f3f2f1);--bg:light-dark(#fff,#1b1f23);--info:light-dark(#1d70b8,#7ab8ff);--red:light-dark(#d4351c,#ff7a66);--tint:light-dark(#fcefed,#3b1f1b)}' +
  '.w{padding:1em;border:2px solid;background:var(--bg);color:var(--fg);font:16px/1.4 system-ui,sans-serif;text-align:left}' +
  ':host([theme=dark]){color-scheme:dark}:host([theme=auto]){color-scheme:light dark}' +
  '[hidden]{display:none!important}*{box-sizing:border-box}' +
  '.title{font-weight:700}.field{margin:0 0 .75em}.check{display:flex;gap:.5em;align-items:center}.check input{width:24px;min-height:24px}label,dt{font-weight:600}' +
  'input,select,button,textarea{display:block;width:100%;min-height:44px;padding:.4em;font:inherit;color:inherit;background:var(--bg);border:2px solid}' +
  'textarea{resize:vertical}button{width:auto;font-weight:700;color:#fff;background:#00703c;border-color:#00703c}' +
  ':focus-visible{outline:3px solid #fd0;outline-offset:2px}' +
  '.result>div{margin-top:1em;padding:0 .75em;border-left:6px solid var(--info)}.result>.result--reported{padding:.75em;border:6px solid var(--red);background:var(--tint)}.result--reported>.result__match{border-left-color:var(--red)}' +
  '.result__heading{display:flex;gap:.5em}.result__icon{flex:none;display:grid;place-items:center;width:1.8em;height:1.8em;border-radius:50%;background:var(--fg);color:var(--bg)}' +
  '.result--reported .result__icon{background:var(--red)}.result--reported .result__line:first-of-type{font-weight:700}' +
  'h2{font-size:1.1em}dd{margin:0}li{overflow-wrap:anywhere}a{color:var(--info)}';
