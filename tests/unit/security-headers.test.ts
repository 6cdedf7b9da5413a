// The Worker's HTML and the static pages must carry the same headers: the
// values in worker/security-headers.ts and in site/public/_headers are compared
// here, so changing one without the other fails.
import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import {
  applySecurityHeaders,
  CONTENT_SECURITY_POLICY,
  FRAMEABLE_CONTENT_SECURITY_POLICY,
  securityHeaders,
  withSecurityHeaders,
} from '../../worker/security-headers.ts';

/** site/public/_headers as { pattern: { header: value } } (detach lines `! Name` are skipped). */
function headersFile(): Record<string, Record<string, string>> {
  const rules: Record<string, Record<string, string>> = {};
  let current: Record<string, string> | undefined;
  for (const line of readFileSync('site/public/_headers', 'utf8').split('\n')) {
    if (line.trim() === '' || line.startsWith('#')) continue;
    if (!/^\s/.test(line)) rules[line.trim()] = current = {};
    else if (current && !line.trim().startsWith('!')) {
      const at = line.indexOf(':');
      current[line.slice(0, at).trim()] = line.slice(at + 1).trim();
    }
  }
  return rules;
}

describe('security headers', () => {
  const file = headersFile();

  test('site/public/_headers gives every static file what the Worker gives its HTML', () => {
    expect(file['/*']).toEqual(securityHeaders('/cek/'));
  });

  test('only the widget iframe page, in both languages, may be framed by any site', () => {
    for (const path of ['/embed/frame/*', '/en/embed/frame/*']) {
      expect(file[path]).toEqual({ 'Content-Security-Policy': FRAMEABLE_CONTENT_SECURITY_POLICY });
    }
    expect(securityHeaders('/en/embed/frame/')['Content-Security-Policy']).toContain('frame-ancestors *');
    expect(securityHeaders('/en/embed/frame/')['X-Frame-Options']).toBeUndefined();
    expect(securityHeaders('/embed/')['X-Frame-Options']).toBe('DENY');
    expect(securityHeaders('/embed/')['Content-Security-Policy']).toContain("frame-ancestors 'none'");
  });

  test("the policy has no 'unsafe-inline' and allows nothing from other origins", () => {
    for (const policy of [CONTENT_SECURITY_POLICY, FRAMEABLE_CONTENT_SECURITY_POLICY]) {
      expect(policy).not.toContain('unsafe-inline');
      expect(policy).not.toMatch(/https?:/);
    }
  });

  test('JSON responses are left as they are; HTML gets the headers', () => {
    const json = new Response('{}', { headers: { 'Content-Type': 'application/json', 'Access-Control-Allow-Origin': '*' } });
    expect(withSecurityHeaders(json, '/api/v1/check')).toBe(json);
    const html = withSecurityHeaders(new Response('<p>', { status: 400, headers: { 'Content-Type': 'text/html; charset=utf-8' } }), '/cek/');
    expect(html.status).toBe(400);
    expect(html.headers.get('X-Frame-Options')).toBe('DENY');
    expect(html.headers.get('Content-Security-Policy')).toBe(CONTENT_SECURITY_POLICY);
    const framed = applySecurityHeaders(new Headers({ 'Content-Type': 'text/html', 'X-Frame-Options': 'DENY' }), '/embed/frame/');
    expect(framed.get('X-Frame-Options')).toBeNull();
  });
});
