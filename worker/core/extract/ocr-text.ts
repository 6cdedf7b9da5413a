// Text read from a picture (Tesseract's output on a chat screenshot), made to
// read like the message that was typed, before the extractor sees it.
//
// What the chat screenshots of real messages showed (tests/fixtures/
// screenshots/, dev set; docs/performance.md, "Reading a screenshot"): the
// letters and digits come out right; what goes wrong is the layout. A chat
// bubble wraps a message at its width, and OCR turns every wrap into a line
// break. The extractor reads a label and its number on one line ("Mandiri …
// norek 9000…" split as "…a/n Resti" / "Amanda norek 9000…" loses the bank),
// and a link or an account wrapped after a hyphen ("lady-" / "ticket.webs.com",
// "2219-01-001948-50-" / "7.") arrives in two pieces. Tesseract's blank lines
// do not mark bubbles either: it put one inside a sentence ("…BRI.A/n.A.SRI" /
// "" / "NARTI NO.rek.2219…"). So lines are joined with a space, and a line
// ending in a hyphen after a letter or digit is joined without one (the
// browser and the phone wrap after the hyphen, so it belongs to the word). A
// blank line stays a break only after a sentence's end (. ! ? …), where a
// message or a paragraph ends. A line that is only a time ("15.52": the time
// stamp an SMS app puts under each bubble) is the app's, not the message's:
// joined, stamps glued to the number before them ("+777 15.52 15.55" read as
// a phone), so it is left out.
//
// Linear: one split into paragraphs, one into lines, no backtracking pattern.
// Pure and runtime-neutral, like the extractor: the phone calls it on the text
// it read before showing it.

const isWordChar = (c: string | undefined): boolean => c !== undefined && /[\p{L}\p{N}]/u.test(c);

const ENDS_SENTENCE = /[.!?…]$/;
const TIME_ALONE = /^\d{1,2}[.:]\d{2}$/;

/** OCR text → the same text with wrapped lines joined; a blank line after a sentence's end kept. */
export function cleanOcrText(text: string): string {
  const paragraphs: string[] = [];
  let joined = '';
  let blank = false;
  for (const raw of text.split(/\r\n?|\n/)) {
    const line = raw.trim();
    if (line === '') {
      blank = joined !== '';
      continue;
    }
    if (TIME_ALONE.test(line)) continue;
    if (joined === '') joined = line;
    else if (blank && ENDS_SENTENCE.test(joined)) {
      paragraphs.push(joined);
      joined = line;
    } else if (joined.endsWith('-') && isWordChar(joined[joined.length - 2]) && isWordChar(line[0])) joined += line;
    else joined += ` ${line}`;
    blank = false;
  }
  if (joined !== '') paragraphs.push(joined);
  return paragraphs.join('\n\n');
}
