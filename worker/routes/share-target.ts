// POST /cek/ (and /en/check/): the share target (site/public/manifest.webmanifest)
// when no service worker answers it — the first share after installing, before
// the site was opened once. Once the site's service worker is installed it
// answers this POST on the phone itself (site/src/service-worker/) and the Worker
// never sees it.
// - A shared message or page (title, text, url): 303 to /cek/?title=…&text=…&url=…,
//   the same no-JavaScript answer as a GET share (routes/paste-page.ts).
// - A shared picture: the result page saying, in both languages, that pictures
//   are read on the phone and the site must be opened once first. The picture's
//   bytes stream through and are dropped (share/shared-form.ts): never stored,
//   logged or looked into.
// A body that is no form (JSON, say: API-style misuse) is a 4xx JSON error, as
// is one over the form cap with no picture in it.
import { ApiError } from '../core/errors.ts';
import type { Lang } from '../core/lang.ts';
import { RESULT_PAGES } from '../core/pages.ts';
import { capStream, MAX_FORM_BODY_BYTES, MAX_TEXT_BODY_BYTES, readTextCapped } from '../reports/request-body.ts';
import { elementToHtml, ICONS, type ViewElement } from '../presentation/result-view.ts';
import { boundaryOf, readSharedMultipart, SHARED_TEXT_FIELDS, type SharedForm } from '../share/shared-form.ts';

/** The words of the picture page, each language whole: both are shown, the page's first. */
const PICTURE_WORDS: Record<Lang, { heading: string; lines: string[] }> = {
  id: {
    heading: 'Gambar dibaca di HP Anda, tidak dikirim ke kami',
    lines: [
      'CekDulu membaca gambar (tangkapan layar atau kode QRIS) di HP Anda sendiri. Untuk itu, situs ini perlu dibuka sekali dulu.',
      'Halaman ini sudah membukanya: bagikan gambarnya ke CekDulu sekali lagi, atau pilih gambarnya di kotak di bawah. Gambar yang baru Anda bagikan tidak kami simpan.',
    ],
  },
  en: {
    heading: 'Pictures are read on your phone, never sent to us',
    lines: [
      'CekDulu reads a picture (a screenshot or a QRIS code) on your own phone. For that the site must be opened once first.',
      'This page has just opened it: share the picture to CekDulu again, or choose it in the box below. The picture you just shared was not kept.',
    ],
  },
};

function picturePageHtml(lang: Lang): string {
  const other: Lang = lang === 'id' ? 'en' : 'id';
  const block = (l: Lang, first: boolean): ViewElement[] => [
    first
      ? {
          tag: 'h2',
          className: 'result__heading',
          children: [
            { tag: 'span', className: 'result__icon', attrs: { 'aria-hidden': 'true' }, text: ICONS.not_reported },
            { tag: 'span', className: 'result__heading-text', text: PICTURE_WORDS[l].heading },
          ],
        }
      : { tag: 'h3', className: 'result__match-title', attrs: { lang: l }, text: PICTURE_WORDS[l].heading },
    ...PICTURE_WORDS[l].lines.map((line): ViewElement => ({ tag: 'p', className: 'result__line', attrs: first ? {} : { lang: l }, text: line })),
  ];
  return elementToHtml({
    tag: 'div',
    className: 'result result--not_reported',
    attrs: { 'data-shared-picture': '' },
    children: [...block(lang, true), ...block(other, false)],
  });
}

/** The text fields of a urlencoded share (a form, or an OS that sends no files): capped like any text body. */
async function readUrlencoded(request: Request): Promise<SharedForm> {
  let text: string | null;
  try {
    text = await readTextCapped(request.body!, MAX_TEXT_BODY_BYTES);
  } catch {
    throw new ApiError('invalid_body');
  }
  if (text === null) throw new ApiError('body_too_large');
  const params = new URLSearchParams(text);
  const fields: SharedForm['fields'] = {};
  for (const name of SHARED_TEXT_FIELDS) {
    const value = params.get(name);
    if (value !== null) fields[name] = value;
  }
  return { fields, pictures: 0 };
}

async function readShare(request: Request): Promise<SharedForm> {
  const contentType = request.headers.get('Content-Type') ?? '';
  const lower = contentType.toLowerCase();
  const multipart = lower.startsWith('multipart/form-data');
  if (!multipart && !lower.startsWith('application/x-www-form-urlencoded')) throw new ApiError('invalid_body');
  const cap = multipart ? MAX_FORM_BODY_BYTES : MAX_TEXT_BODY_BYTES;
  if (Number(request.headers.get('Content-Length') ?? '0') > cap) throw new ApiError('body_too_large');
  if (!request.body) throw new ApiError('invalid_body');
  if (!multipart) return readUrlencoded(request);
  const boundary = boundaryOf(contentType);
  const counted = capStream(request.body, cap);
  try {
    return await readSharedMultipart(counted.stream, boundary);
  } catch (err) {
    if (counted.over()) throw new ApiError('body_too_large');
    throw err;
  }
}

export async function handleSharePost(request: Request, assets: Fetcher): Promise<Response> {
  const url = new URL(request.url);
  const lang: Lang = url.pathname.startsWith('/en/') ? 'en' : 'id';
  const shared = await readShare(request);
  if (shared.pictures > 0) {
    const page = await assets.fetch(new Request(new URL(RESULT_PAGES[lang], url)));
    if (!page.ok) return page;
    const headers = new Headers(page.headers);
    headers.set('Cache-Control', 'no-store');
    const html = picturePageHtml(lang);
    return new HTMLRewriter()
      .on('[data-result]', {
        element(el) {
          el.setInnerContent(html, { html: true });
        },
      })
      .transform(new Response(page.body, { status: 200, headers }));
  }
  const query = new URLSearchParams();
  for (const name of SHARED_TEXT_FIELDS) {
    const value = shared.fields[name];
    if (value !== undefined && value.trim() !== '') query.set(name, value);
  }
  const search = query.size > 0 ? `?${query}` : '';
  // 303: the browser follows with a GET, so a reload never posts the share again.
  return new Response(null, { status: 303, headers: { Location: `${RESULT_PAGES[lang]}${search}`, 'Cache-Control': 'no-store' } });
}
