// The result page opened by a shared picture (/cek/?gambar=1): takes the picture
// the service worker left in Cache Storage (service-worker/share-handoff.ts),
// deletes it there, and gives it to the paste box as if chosen in its picture
// field (client/paste-picture.ts then reads it on the phone, shows what it read
// and checks it: one path for a chosen and a shared picture). Where the box has
// no picture field, the picture is read here and its text checked the way a
// pasted message is. Loaded only on that page (client/site-worker.ts).
import type { Lang } from '../../../worker/core/lang.ts';
import { SHARED_PICTURE_CACHE, SHARED_PICTURE_KEY, SHARED_PICTURE_PARAM } from '../service-worker/share-handoff.ts';

/** The waiting picture, taken out once: a reload of the page does not read it again. */
async function takeSharedPicture(): Promise<File | null> {
  if (!('caches' in window)) return null;
  const cache = await caches.open(SHARED_PICTURE_CACHE);
  const kept = await cache.match(SHARED_PICTURE_KEY);
  const blob = kept ? await kept.blob() : null;
  await cache.delete(SHARED_PICTURE_KEY);
  return blob && blob.size > 0 ? new File([blob], 'gambar', { type: blob.type }) : null;
}

/** Resolves once the paste box's script has shown its picture field (it starts hidden), or after `ms`. */
function fieldReady(field: HTMLElement, ms: number): Promise<void> {
  return new Promise((resolve) => {
    const started = performance.now();
    const look = () => (!field.hidden || performance.now() - started > ms ? resolve() : requestAnimationFrame(look));
    look();
  });
}

async function readShared(): Promise<void> {
  const form = document.querySelector<HTMLFormElement>('form[data-paste]');
  const textarea = form?.querySelector<HTMLTextAreaElement>('textarea[name="text"]');
  if (!form || !textarea) return;
  const picture = await takeSharedPicture();
  // The address loses ?gambar=1: a reload or a bookmark is the plain page, not a wait for a picture that is gone.
  const url = new URL(location.href);
  url.searchParams.delete(SHARED_PICTURE_PARAM);
  history.replaceState(history.state, '', url);
  if (!picture) return;

  const field = form.querySelector<HTMLElement>('[data-picture]');
  const input = form.querySelector<HTMLInputElement>('[data-picture-input]');
  if (field && input) {
    await fieldReady(field, 5000);
    const chosen = new DataTransfer();
    chosen.items.add(picture);
    input.files = chosen.files;
    input.dispatchEvent(new Event('change', { bubbles: true }));
    return;
  }
  const lang: Lang = document.documentElement.lang === 'en' ? 'en' : 'id';
  const { readPicture } = await import('./picture/read-picture.ts');
  const { text, qr } = await readPicture(picture, { lang });
  textarea.value = [text.trim(), ...qr].filter(Boolean).join('\n');
  if (textarea.value) form.requestSubmit();
}

void readShared();
