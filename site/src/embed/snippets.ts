// The code a partner pastes, written once for the embed page's default (no
// JavaScript, site/src/components/EmbedPage.astro) and its live builder
// (builder.ts). Every value is from a fixed list or matches [a-z0-9-], so none
// needs quoting; the page shows the snippets through text, never as markup.
import type { Lang } from '../../../worker/core/lang.ts';

export interface EmbedOptions {
  lang: Lang;
  /** Omitted when it is the default (bank). */
  type?: string;
  /** Omitted when it is the default (light). */
  theme?: string;
  partner?: string;
}

export const PARTNER_PATTERN = /^[a-z0-9-]{1,40}$/;
/** The iframe's height before (or without) the resize listener: the form with room for a short answer. */
const FRAME_DEFAULT_HEIGHT = 520;

/** Only the options that differ from the defaults, in a fixed order: lang, type, theme, partner. */
export function embedAttributes(options: EmbedOptions): [string, string][] {
  const chosen: [string, string][] = [['lang', options.lang]];
  if (options.type && options.type !== 'bank') chosen.push(['type', options.type]);
  if (options.theme && options.theme !== 'light') chosen.push(['theme', options.theme]);
  if (options.partner && PARTNER_PATTERN.test(options.partner)) chosen.push(['partner', options.partner]);
  return chosen;
}

export function scriptSnippet(host: string, options: EmbedOptions): string {
  const attrs = embedAttributes(options).map(([name, value]) => ` ${name}="${value}"`).join('');
  return `<script src="${host}/embed.js" async></script>\n<cek-dulu${attrs}></cek-dulu>`;
}

/**
 * The iframe, and the optional listener that sets its height from the
 * {type: 'cekdulu:resize', height} message (docs/embed.md): it trusts only
 * messages from CekDulu's origin and only for the frame that sent them.
 */
export function frameSnippet(host: string, options: EmbedOptions): string {
  const query = new URLSearchParams(embedAttributes(options)).toString();
  return (
    `<iframe src="${host}/embed/frame/?${query}" title="CekDulu" width="100%" height="${FRAME_DEFAULT_HEIGHT}" style="border:0;max-width:34rem"></iframe>\n` +
    `<script>addEventListener('message', (e) => {\n` +
    `  if (e.origin !== '${host}' || e.data?.type !== 'cekdulu:resize') return;\n` +
    `  for (const f of document.querySelectorAll('iframe')) if (f.contentWindow === e.source) f.height = String(Math.ceil(e.data.height));\n` +
    `});</script>`
  );
}
