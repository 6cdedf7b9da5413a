// Turnstile on the forms in production: the build adds a CSP that lets its
// script and frame load on the four form pages, and nowhere else.
import { describe, expect, test } from 'vitest';
import { TURNSTILE_CONTENT_SECURITY_POLICY, TURNSTILE_FORM_PAGES, TURNSTILE_ORIGIN, turnstileHeaders } from '../../site/build/turnstile-headers.ts';
import { CONTENT_SECURITY_POLICY } from '../../worker/security-headers.ts';

const directives = (policy: string) => new Map(policy.split('; ').map((d) => [d.split(' ')[0], d.slice(d.indexOf(' ') + 1)]));

describe('the Turnstile CSP', () => {
  test("adds Turnstile's origin to script-src and frame-src only; everything else is the site's policy", () => {
    const site = directives(CONTENT_SECURITY_POLICY);
    const forms = directives(TURNSTILE_CONTENT_SECURITY_POLICY);
    expect(forms.get('script-src')).toBe(`'self' ${TURNSTILE_ORIGIN}`);
    expect(forms.get('frame-src')).toBe(TURNSTILE_ORIGIN);
    expect(TURNSTILE_CONTENT_SECURITY_POLICY).not.toContain('unsafe-inline');
    for (const [name, value] of site) if (name !== 'script-src') expect(forms.get(name), name).toBe(value);
    expect([...forms.keys()].sort()).toEqual([...site.keys(), 'frame-src'].sort());
  });

  test('a build without a site key adds nothing', () => {
    expect(turnstileHeaders(undefined)).toBe('');
    expect(turnstileHeaders('')).toBe('');
  });

  test('a build with one replaces the CSP of exactly the four form pages', () => {
    const rules = turnstileHeaders('1x00000000000000000000AA');
    const paths = rules.split('\n').filter((line) => line.startsWith('/'));
    expect(paths).toEqual(TURNSTILE_FORM_PAGES);
    expect(rules.match(/! Content-Security-Policy/g)).toHaveLength(4);
    expect(rules.match(new RegExp(`Content-Security-Policy: ${TURNSTILE_CONTENT_SECURITY_POLICY.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`, 'g'))).toHaveLength(4);
    expect(rules).not.toContain('1x00000000000000000000AA'); // the key itself is the page's, not a header's
  });
});
