// The folding of a pasted message before it is read (worker/core/extract/normalise.ts):
// what it folds, and that its map leads every folded character back to the
// characters pasted. fold() cuts and joins only the characters it changes; the
// oracle below folds one code point at a time, as the rules say it.
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { extractIdentifiers } from '../../worker/core/extract.ts';
import { fold } from '../../worker/core/extract/normalise.ts';

/** One code point as the rules fold it (normalise.ts's header), without the O-for-zero step. */
function foldCodePoint(ch: string): string {
  if ('\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d'.includes(ch)) return '-';
  if ('\u2022\u00b7\u2219\u2027\u30fb'.includes(ch)) return '.';
  const nfkc = ch.normalize('NFKC');
  return ch.codePointAt(0)! >= 0x80 && nfkc !== ch && /^[\x20-\x7e]+$/.test(nfkc) ? nfkc : ch;
}

/** The folded text's characters, each with the pasted range it came from (UTF-16 offsets). */
function oracle(source: string): { text: string; from: number[]; to: number[] } {
  let text = '';
  const from: number[] = [];
  const to: number[] = [];
  for (let i = 0; i < source.length; ) {
    const width = source.codePointAt(i)! > 0xffff ? 2 : 1;
    const out = foldCodePoint(source.slice(i, i + width));
    for (let k = 0; k < out.length; k++) {
      from.push(i);
      to.push(i + width);
    }
    text += out;
    i += width;
  }
  return { text, from, to };
}

/** Messages as pasted: ASCII, emoji, dashes, bullets, full-width and mathematical digits, ligatures, lone surrogates. */
const piece = fc.oneof(
  fc.string({ unit: 'grapheme-ascii', maxLength: 12 }),
  fc.constantFrom('🙏', '😊', '👍🏽', '–', '—', '−', '•', '·', '０８１２', '𝟎𝟖𝟏𝟑', 'ﬁ', '\u00a0', '\u202f', '½', 'é', '\ud83d', '\ude4f', 'O8', '8O'),
);
const message = fc.array(piece, { maxLength: 20 }).map((parts) => parts.join(''));

describe('fold', () => {
  test('folds as the rules say, one code point at a time, and maps each folded character back', () => {
    fc.assert(
      fc.property(message, (source) => {
        const folded = fold(source);
        const expected = oracle(source);
        if (folded === null) {
          // Nothing to fold: the text is read as pasted.
          expect(expected.text).toBe(source);
          return;
        }
        expect(folded.from).toEqual(expected.from);
        expect(folded.to).toEqual(expected.to);
        // Only O-for-zero differs from the per-character fold, and it keeps every length.
        expect(folded.text.length).toBe(expected.text.length);
        expect(folded.text.replace(/[Oo]/g, '0')).toBe(expected.text.replace(/[Oo]/g, '0'));
      }),
      { numRuns: 2000 },
    );
  });

  test('a message whose only non-ASCII is an emoji reads as pasted, with no map to build; what is found points at what was pasted', () => {
    const source = 'Halo kak, transfer ke 🙏 BCA 1234567890 ya 🙏 makasih';
    expect(fold(source)).toBeNull();
    const [found] = extractIdentifiers(source, 'id').found;
    expect(source.slice(found!.start, found!.end)).toBe('1234567890');
  });

  test('what is found in a message with emoji starts and ends on whole characters, where an unfolded text needs no map', () => {
    const part = fc.constantFrom('🙏', '😊', '👍🏽', ' ', '\n', ':', '.', 'BCA ', '0812-3456-7890', '1234567890', 'wa.me/6281234567890', '@toko.jaya', 'IG ', 'dana ', 'http://toko.shop', 'é', 'x');
    fc.assert(
      fc.property(fc.array(part, { maxLength: 16 }).map((parts) => parts.join('')), (text) => {
        const inside = (at: number) => at > 0 && at < text.length && /[\ud800-\udbff]/.test(text[at - 1]!) && /[\udc00-\udfff]/.test(text[at]!);
        const { found, unresolved } = extractIdentifiers(text, 'id');
        for (const item of [...found, ...unresolved]) {
          expect(inside(item.start!), `${JSON.stringify(text)} ${item.start}`).toBe(false);
          expect(inside(item.end!), `${JSON.stringify(text)} ${item.end}`).toBe(false);
        }
      }),
      { numRuns: 1000 },
    );
  });

  test('disguised digits and dashes fold, the rest of the message is kept', () => {
    const folded = fold('WA ０８１２–3456–7890 🙏 ok')!;
    expect(folded.text).toBe('WA 0812-3456-7890 🙏 ok');
    // Both halves of the emoji lead back to the whole emoji.
    const at = folded.text.indexOf('🙏');
    const pasted = 'WA ０８１２–3456–7890 🙏 ok'.indexOf('🙏');
    expect([folded.from[at], folded.to[at], folded.from[at + 1], folded.to[at + 1]]).toEqual([pasted, pasted + 2, pasted, pasted + 2]);
  });
});
