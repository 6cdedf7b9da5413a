// What a reader skips before reading a number, folded away before the message
// is read, so that a number disguised to get past filters is read as the
// number it spells:
// - Unicode digits of every script and style: NFKC folds "𝟎𝟖𝟏𝟑" (mathematical
//   bold) and "０８１３" (full width) to ASCII digits, and other compatibility
//   characters (full-width letters, no-break spaces) to their plain form.
// - Dashes of every kind (– — ‒ −) are "-"; bullets (• · ∙) are ".".
// - The letter O written for zero among digits ("O85717O1O224") is 0, but
//   only where the result is an Indonesian mobile number (08…, 628…), so
//   words and codes keep their letters.
// The folded text is read instead of the original; `from`/`to` map each folded
// character back to the original's UTF-16 offsets, so what is found still
// points at what the person pasted.
const DASHES = new Set(['\u2010', '\u2011', '\u2012', '\u2013', '\u2014', '\u2015', '\u2212', '\ufe58', '\ufe63', '\uff0d']);
const BULLETS = new Set(['\u2022', '\u00b7', '\u2219', '\u2027', '\u30fb']);

export interface Folded {
  text: string;
  /** The original offset where folded character i starts. */
  from: number[];
  /** The original offset where folded character i ends (exclusive). */
  to: number[];
}

/** The text to read and its map back; null when there is nothing to fold (plain ASCII, no O among digits). */
export function fold(source: string): Folded | null {
  // eslint-disable-next-line no-control-regex
  const plain = !/[^\x00-\x7f]/.test(source);
  const oForZero = /[0-9][Oo]|[Oo][0-9]/.test(source);
  // Nothing folds (plain ASCII, or an emoji, an accented name): the text is read as pasted, with no map to build —
  // what is found starts and ends on whole characters, where the map is the identity.
  if (!oForZero && (plain || !foldsAny(source))) return null;
  // The folded text is the source with the characters that fold replaced: only those are cut and joined.
  let text = '';
  let copied = 0;
  const from: number[] = [];
  const to: number[] = [];
  let i = 0;
  while (i < source.length) {
    if (source.charCodeAt(i) < 0x80) {
      from.push(i);
      to.push(i + 1);
      i++;
      continue;
    }
    const cp = source.codePointAt(i)!;
    const width = cp > 0xffff ? 2 : 1;
    const ch = source.slice(i, i + width);
    const out = foldChar(ch);
    for (let k = 0; k < out.length; k++) {
      from.push(i);
      to.push(i + width);
    }
    if (out !== ch) {
      text += source.slice(copied, i) + out;
      copied = i + width;
    }
    i += width;
  }
  text += source.slice(copied);
  return { text: zeroesForOs(text), from, to };
}

/** One character that is not ASCII, as it folds (itself when it does not). */
function foldChar(ch: string): string {
  if (DASHES.has(ch)) return '-';
  if (BULLETS.has(ch)) return '.';
  const nfkc = ch.normalize('NFKC');
  // eslint-disable-next-line no-control-regex
  return nfkc !== ch && /^[\x20-\x7e]+$/.test(nfkc) ? nfkc : ch;
}

/** Whether any character that is not ASCII folds. */
function foldsAny(source: string): boolean {
  for (let i = 0; i < source.length; i++) {
    if (source.charCodeAt(i) < 0x80) continue;
    const width = source.codePointAt(i)! > 0xffff ? 2 : 1;
    if (foldChar(source.slice(i, i + width)) !== source.slice(i, i + width)) return true;
    i += width - 1;
  }
  return false;
}

const isAlnum = (c: string | undefined): boolean => c !== undefined && /[0-9A-Za-z]/.test(c);

/** "O85717O1O224" → "085717010224": a run of digits and O's that spells a mobile number. Same length, so offsets hold. */
function zeroesForOs(text: string): string {
  if (!/[0-9][Oo]|[Oo][0-9]/.test(text)) return text;
  let out = '';
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    if ((c >= '0' && c <= '9') || c === 'O' || c === 'o') {
      let end = i;
      while (end < text.length && /[0-9Oo]/.test(text[end]!)) end++;
      const run = text.slice(i, end);
      const spelled = run.replace(/[Oo]/g, '0');
      const bounded = !isAlnum(text[i - 1]) && !isAlnum(text[end]);
      const digits = run.replace(/[^0-9]/g, '').length;
      out += bounded && run !== spelled && digits >= 6 && /^(?:08[1-9][0-9]{7,10}|628[1-9][0-9]{7,10})$/.test(spelled) ? spelled : run;
      i = end;
    } else {
      out += c;
      i++;
    }
  }
  return out;
}
