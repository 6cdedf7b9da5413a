// On every page: registers the site's service worker (/sw.js, built from
// site/src/service-worker/) once the page has loaded, so it never competes with
// the page for the network; and on the result page a shared picture opened
// (/cek/?gambar=1) loads the module that reads it. A browser without service
// workers still has everything but sharing a picture.
import { SHARED_PICTURE_PARAM } from '../service-worker/share-handoff.ts';

if ('serviceWorker' in navigator) {
  const register = () => void navigator.serviceWorker.register('/sw.js').catch(() => undefined);
  if (document.readyState === 'complete') register();
  else addEventListener('load', register, { once: true });
}

if (new URLSearchParams(location.search).get(SHARED_PICTURE_PARAM) === '1' && document.querySelector('form[data-paste]')) {
  void import('./shared-picture.ts');
}
