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

/**
 * A partner id, as the embed page's field `pattern` takes it: browsers compile a
 * pattern with the `v` flag, where a bare "-" in a class is a syntax error (and
 * the field then checks nothing), hence the escaped "\-".
 */
export const PARTNER_INPUT_PATTERN = '[a-z0-9\\-]{1,40}';
export const PARTNER_PATTERN = new RegExp(`^${PARTNER_INPUT_PATTERN}$`);

/** A release of embed.js under its own immutable address, and its Subresource Integrity hash. */
interface EmbedRelease {
  /** e.g. /embed/v/3f2a9c1d0b7e4a65/embed.js */
  path: string;
  /** sha384-…, base64 */
  integrity: string;
}
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

/**
 * The script and the element. With a release: that release's immutable file, with its
 * `integrity` (so the browser runs it only if it is exactly that file) and `crossorigin`
 * (integrity needs a CORS fetch); without: /embed.js, always the latest v1.
 */
export function scriptSnippet(host: string, options: EmbedOptions, release?: EmbedRelease): string {
  const attrs = embedAttributes(options).map(([name, value]) => ` ${name}="${value}"`).join('');
  const script = release
    ? `<script src="${host}${release.path}" integrity="${release.integrity}" crossorigin="anonymous" async></script>`
    : `<script src="${host}/embed.js" async></script>`;
  return `${script}\n<cek-dulu${attrs}></cek-dulu>`;
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
