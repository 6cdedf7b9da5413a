// The site's service worker, built to /sw.js (site/build/service-worker-bundle.ts)
// and registered from every page after it has loaded (site/src/client/site-worker.ts).
// Two jobs, nothing more:
// - the share target (site/public/manifest.webmanifest): a POST to /cek/ is
//   answered here, on the phone. A picture is put where the page finds it
//   (share-handoff.ts) and the page is opened to read it; a message opens the
//   same GET /cek/?text=… a text share always did. The picture never goes to
//   the network.
// - keeping the files that never change (cache-policy.ts): the hashed build files and
//   the picture reader's engine and data, so a second picture needs no download.
//   Every other request goes to the network untouched: answers, pages and /api/*
//   are never kept.
// Typed by hand (the events it uses) rather than with the WebWorker lib, which
// cannot share one program with the DOM lib the site's other files need.
import { isKept, STATIC_CACHE } from './cache-policy.ts';
import { SHARED_PICTURE_CACHE, SHARED_PICTURE_KEY, shareActionPage, sharedPageUrl } from './share-handoff.ts';

interface ExtendableEvent extends Event {
  waitUntil(work: Promise<unknown>): void;
}
interface FetchEvent extends ExtendableEvent {
  request: Request;
  respondWith(answer: Response | Promise<Response>): void;
}
interface ServiceWorkerScope {
  location: Location;
  skipWaiting(): Promise<void>;
  clients: { claim(): Promise<void> };
  addEventListener(type: 'install' | 'activate', listener: (event: ExtendableEvent) => void): void;
  addEventListener(type: 'fetch', listener: (event: FetchEvent) => void): void;
}
const scope = self as unknown as ServiceWorkerScope;
const origin = scope.location.origin;

/** The field the manifest names for shared files (share_target.params.files). */
const PICTURE_FIELD = 'gambar';

async function answerShare(request: Request, page: string): Promise<Response> {
  const plainPage = () => Response.redirect(new URL(page, origin).href, 303);
  let form: FormData;
  try {
    form = await request.formData();
  } catch {
    // Not a form no share sends: the plain page, and nothing of the body to the network.
    return plainPage();
  }
  const text = (name: string) => {
    const value = form.get(name);
    return typeof value === 'string' ? value : undefined;
  };
  const picture = form.getAll(PICTURE_FIELD).find((value): value is File => typeof value !== 'string' && value.size > 0);
  if (picture) {
    try {
      const cache = await caches.open(SHARED_PICTURE_CACHE);
      // One waiting picture at most: a new share replaces the one before.
      await cache.put(new Request(new URL(SHARED_PICTURE_KEY, origin)), new Response(picture, { headers: { 'Content-Type': picture.type || 'application/octet-stream' } }));
    } catch {
      // Storage refused (full, or a private window): the page, where the picture can be chosen by hand.
      return plainPage();
    }
  }
  return Response.redirect(new URL(sharedPageUrl(page, { title: text('title'), text: text('text'), url: text('url') }, picture !== undefined), origin).href, 303);
}

async function keptOrFetched(request: Request): Promise<Response> {
  const cache = await caches.open(STATIC_CACHE);
  const kept = await cache.match(request);
  if (kept) return kept;
  const response = await fetch(request);
  // Only a whole, successful answer is kept (no 404, no partial range).
  if (response.status === 200) await cache.put(request, response.clone());
  return response;
}

scope.addEventListener('install', (event) => event.waitUntil(scope.skipWaiting()));

scope.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      // Caches of an older policy go; the waiting picture stays for its page.
      for (const name of await caches.keys()) if (name !== STATIC_CACHE && name !== SHARED_PICTURE_CACHE) await caches.delete(name);
      // An engine of an earlier tesseract.js release (another OCR_BASE) is no longer kept: its files go.
      const kept = await caches.open(STATIC_CACHE);
      for (const request of await kept.keys()) if (!isKept(request, origin)) await kept.delete(request);
      await scope.clients.claim();
    })(),
  );
});

scope.addEventListener('fetch', (event) => {
  const { request } = event;
  const url = new URL(request.url);
  const page = url.origin === origin && request.method === 'POST' ? shareActionPage(url.pathname) : null;
  if (page) return event.respondWith(answerShare(request, page));
  if (isKept(request, origin)) event.respondWith(keptOrFetched(request));
  // Anything else: no answer from here, so the browser goes to the network as if there were no service worker.
});
