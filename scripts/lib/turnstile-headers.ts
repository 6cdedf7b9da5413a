// The form pages' Content-Security-Policy when Turnstile is on. The site's
// static headers (site/public/_headers) allow scripts and frames from our own
// origin only, which would block the Turnstile widget on the report and dispute
// forms. A build with PUBLIC_TURNSTILE_SITE_KEY (the only builds whose forms
// carry the widget, site/src/components/TurnstileField.astro) appends these
// rules to dist/_headers (astro.config.mjs), so no other build allows more.
import { TURNSTILE_CONTENT_SECURITY_POLICY } from '../../worker/security-headers.ts';

/** The pages whose forms carry the widget, in both languages. */
export const TURNSTILE_FORM_PAGES = ['/lapor/', '/en/report/', '/sanggah/', '/en/dispute/'];

/** The _headers rules to append for a build with a Turnstile site key, or '' without one. */
export function turnstileHeaders(siteKey: string | undefined): string {
  if (!siteKey) return '';
  const rules = TURNSTILE_FORM_PAGES.map(
    (path) => `${path}\n  ! Content-Security-Policy\n  Content-Security-Policy: ${TURNSTILE_CONTENT_SECURITY_POLICY}\n`,
  );
  return `\n# Added by the build (PUBLIC_TURNSTILE_SITE_KEY is set): the forms may load Turnstile.\n${rules.join('\n')}`;
}
