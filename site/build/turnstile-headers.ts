// The form pages' Content-Security-Policy when Turnstile is on. The site's
// static headers (site/public/_headers) allow scripts and frames from our own
// origin only, which would block the Turnstile widget on the report and dispute
// forms. A build with PUBLIC_TURNSTILE_SITE_KEY (the only builds whose forms
// carry the widget, site/src/components/TurnstileField.astro) appends these
// rules to dist/_headers (astro.config.mjs), so no other build allows more.
import { CONTENT_SECURITY_POLICY } from '../../worker/security-headers.ts';

/** Where Cloudflare Turnstile's script and challenge frame come from (its CSP reference). */
export const TURNSTILE_ORIGIN = 'https://challenges.cloudflare.com';

/** The site's policy with Turnstile's script and its challenge frame allowed, and nothing else. */
export const TURNSTILE_CONTENT_SECURITY_POLICY = CONTENT_SECURITY_POLICY.split('; ')
  .flatMap((directive) => {
    if (directive.startsWith('script-src ')) return [`${directive} ${TURNSTILE_ORIGIN}`];
    if (directive.startsWith('frame-ancestors ')) return [`frame-src ${TURNSTILE_ORIGIN}`, directive];
    return [directive];
  })
  .join('; ');

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
