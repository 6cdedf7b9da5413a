// A pasted message's answer says what it read and what it could not check, in
// both languages and in the one set of words the site, the no-JS page and the
// widget share (result-view.ts readingTree): nothing is skipped in silence.
import { describe, expect, test } from 'vitest';
import type { CheckResponse, CheckUnresolved } from '../../worker/core/api-types.ts';
import { ERROR_MESSAGES } from '../../worker/core/errors.ts';
import { pasteViewToHtml } from '../../worker/presentation/paste-view.ts';
import { describeBatch, elementToHtml, readingTree, type ViewElement } from '../../worker/presentation/result-view.ts';

const snapshot = { version: '20260301T000000Z-abcdef01', generatedAt: '2026-03-01T00:00:00Z' };
const notReported = (query: CheckResponse['query']): CheckResponse => ({ status: 'not_reported', query, matches: [], snapshot });

const bca = notReported({ type: 'bank', value: '8720334451', bank: '014' });
const instagram = notReported({ type: 'instagram', value: 'olshop.murah.banget' });
const phone = notReported({ type: 'phone', value: '+6281234567890' });
const otherPhone = notReported({ type: 'phone', value: '+6285711112222' });

const tiktokLink: CheckUnresolved = { value: 'https://vt.tiktok.com/ZSabc123/', code: 'website_shortener', message: ERROR_MESSAGES.website_shortener.id, start: 14, end: 45 };
const noBank: CheckUnresolved = { value: '9876543210', code: 'bank_not_named', message: 'Nomor ini rekening bank apa?', start: 60, end: 70 };
const tooShort: CheckUnresolved = { value: '123456789', code: 'bank_account_length', message: 'Nomor rekening BCA terdiri dari 10 angka.', start: 10, end: 19 };

/** The summary's text, one line a paragraph or list item, as a reader goes down it. */
function lines(tree: ViewElement): string[] {
  return [...(tree.text === undefined ? [] : [tree.text]), ...(tree.children ?? []).flatMap(lines)];
}

describe('what was read', () => {
  test('each kind is counted in plain words, in the order it first appears: "Terbaca: 1 rekening, 1 akun Instagram"', () => {
    expect(lines(readingTree([bca.query, instagram.query], [], 'id'))).toEqual(['Terbaca: 1 rekening, 1 akun Instagram']);
    expect(lines(readingTree([bca.query, instagram.query], [], 'en'))).toEqual(['Read: 1 bank account, 1 Instagram account']);
    expect(lines(readingTree([phone.query, bca.query, otherPhone.query], [], 'id'))).toEqual(['Terbaca: 2 nomor HP/telepon, 1 rekening']);
    expect(lines(readingTree([phone.query, bca.query, otherPhone.query], [], 'en'))).toEqual(['Read: 2 phone numbers, 1 bank account']);
  });

  test('every kind has its own words in both languages', () => {
    const kinds = ['ewallet', 'tiktok', 'telegram', 'facebook', 'website'] as const;
    const read = kinds.map((type) => ({ type }));
    expect(lines(readingTree(read, [], 'id'))).toEqual(['Terbaca: 1 dompet digital, 1 akun TikTok, 1 akun Telegram, 1 akun Facebook, 1 situs web']);
    expect(lines(readingTree(read, [], 'en'))).toEqual(['Read: 1 e-wallet, 1 TikTok account, 1 Telegram account, 1 Facebook account, 1 website']);
  });
});

describe('what could not be checked', () => {
  test('is listed part by part, as written, each with its message, after what was read', () => {
    expect(lines(readingTree([bca.query], [tiktokLink, noBank], 'id'))).toEqual([
      'Terbaca: 1 rekening',
      'Tidak bisa dicek:',
      `https://vt.tiktok.com/ZSabc123/ — ${ERROR_MESSAGES.website_shortener.id}`,
      '9876543210 — Nomor ini rekening bank apa?',
    ]);
    expect(lines(readingTree([bca.query], [tiktokLink], 'en'))[1]).toBe('Could not be checked:');
  });

  test('when nothing could be read it says so plainly, and still lists what could not be checked', () => {
    expect(lines(readingTree([], [tooShort], 'id'))).toEqual([
      'Terbaca: tidak ada nomor atau akun yang bisa dicek',
      'Tidak bisa dicek:',
      '123456789 — Nomor rekening BCA terdiri dari 10 angka.',
    ]);
    expect(lines(readingTree([], [tooShort], 'en'))[0]).toBe('Read: no number or account that can be checked');
  });

  test('is text, never markup: a part written as HTML is escaped', () => {
    const html = elementToHtml(readingTree([], [{ value: '<img src=x onerror=alert(1)>', message: '<b>x</b>' }], 'id'));
    expect(html).not.toMatch(/<img|<b>/);
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt; — &lt;b&gt;x&lt;/b&gt;');
  });
});

describe('the widget’s answer (describeBatch)', () => {
  test('has a card per identifier read and none for what could not be checked (the summary lists those)', () => {
    const views = describeBatch({ results: [bca], unresolved: [tiktokLink, noBank], snapshot }, 'id');
    expect(views.map((v) => v.heading)).toEqual(['Belum ada laporan terverifikasi untuk rekening BCA 8720334451']);
  });

  test('a message with nothing at all in it still gets one view that says so', () => {
    const [none] = describeBatch({ results: [], unresolved: [], snapshot }, 'id');
    expect(none!.lines.join(' ')).toMatch(/^Tidak ada nomor rekening/);
  });
});

describe('the no-JavaScript page (pasteViewToHtml)', () => {
  test('starts with what was read and what could not be checked, then the answers', () => {
    const html = pasteViewToHtml({ results: [bca, instagram], unresolved: [tiktokLink] }, 'id');
    expect(html).toMatch(/^<div class="paste-result"><div class="reading"><p class="reading__read">Terbaca: 1 rekening, 1 akun Instagram<\/p>/);
    expect(html).toContain('<li class="reading__item">https://vt.tiktok.com/ZSabc123/ — ');
    expect(html.indexOf('class="reading"')).toBeLessThan(html.indexOf('class="result '));
    expect(html.match(/class="result /g)).toHaveLength(2);
  });

  test('only digits with no bank named offer the bank choice; a link or an impossible number shows its message and no chooser', () => {
    const asked = pasteViewToHtml({ results: [], unresolved: [noBank] }, 'en');
    expect(asked.match(/<select/g)).toHaveLength(1);
    expect(asked).toContain('<input type="hidden" name="value" value="9876543210" />');
    const told = pasteViewToHtml({ results: [], unresolved: [tiktokLink, tooShort] }, 'id');
    expect(told).not.toMatch(/<select|<form/);
    expect(told).toContain('<li class="reading__item">123456789 — Nomor rekening BCA terdiri dari 10 angka.</li>');
  });

  test('a message with nothing in it says so, as before, without a summary', () => {
    const html = pasteViewToHtml({ results: [], unresolved: [] }, 'en');
    expect(html).toContain('paste-result__none');
    expect(html).not.toContain('reading');
  });
});
