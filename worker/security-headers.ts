// Security headers for the HTML the Worker itself returns (the /cek/ result
// pages, the report and dispute outcome pages). Static pages get the same
// values from site/public/_headers, which Workers Static Assets applies only to
// responses it serves itself, never to a Worker's; tests/unit/security-headers.test.ts
// keeps the two in step. No page has inline scripts, styles or style
// attributes, so the policy needs no 'unsafe-inline'.

const POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "font-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
];

/** Every page but the widget's iframe page refuses to be framed (clickjacking). */
export const CONTENT_SECURITY_POLICY = [...POLICY, "frame-ancestors 'none'"].join('; ');
/** The widget's iframe page (/embed/frame/, /en/embed/frame/) is made to sit on partners' pages. */
export const FRAMEABLE_CONTENT_SECURITY_POLICY = [...POLICY, 'frame-ancestors *'].join('; ');

const COMMON: Record<string, string> = {
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'strict-origin-when-cross-origin',
  'Permissions-Policy': 'camera=(), microphone=(), geolocation=(), payment=()',
};

const isFramePage = (pathname: string): boolean => /^\/(en\/)?embed\/frame(\/|$)/.test(pathname);

/** The headers an HTML page at `pathname` carries. */
export function securityHeaders(pathname: string): Record<string, string> {
  if (isFramePage(pathname)) return { ...COMMON, 'Content-Security-Policy': FRAMEABLE_CONTENT_SECURITY_POLICY };
  return { ...COMMON, 'Content-Security-Policy': CONTENT_SECURITY_POLICY, 'X-Frame-Options': 'DENY' };
}

/** Sets them on `headers` when it describes an HTML document; JSON and other bodies are left as they are. */
export function applySecurityHeaders(headers: Headers, pathname: string): Headers {
  if (!isHtml(headers)) return headers;
  if (isFramePage(pathname)) headers.delete('X-Frame-Options');
  for (const [name, value] of Object.entries(securityHeaders(pathname))) headers.set(name, value);
  return headers;
}

export const isHtml = (headers: Headers): boolean => (headers.get('Content-Type') ?? '').startsWith('text/html');

/** The response with the headers applied when it is HTML (a copy: fetched responses' headers are immutable). */
export function withSecurityHeaders(response: Response, pathname: string): Response {
  if (!isHtml(response.headers)) return response;
  const headers = applySecurityHeaders(new Headers(response.headers), pathname);
  return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
}
