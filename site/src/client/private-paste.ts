// The private check of a pasted text: the text is read here in the browser
// (worker/core/extract.ts, the same reader as POST /api/v1/check) and each
// identifier found is checked through the range API (private-check.ts), so only
// 5-hex-digit hash prefixes leave the device. Loaded by the paste box only when
// "private check" is ticked: the reader brings libphonenumber and tldts.
// Apart from private-check.ts so the widget's private check module (/embed/v/<hash>/private.js) does not carry it.
import { errorBody, ApiError } from '../../../worker/core/errors.ts';
import { extractIdentifiers } from '../../../worker/core/extract.ts';
import { parseIdentifier } from '../../../worker/core/identifiers.ts';
import type { Lang } from '../../../worker/core/lang.ts';
import type { PasteAnswer, PasteReading } from './paste-box.ts';
import { privateCheck } from './private-check.ts';

export async function privatePaste(text: string, lang: Lang, signal: AbortSignal): Promise<PasteReading> {
  const { found, unresolved } = extractIdentifiers(text, lang);
  const reading: PasteReading = { answers: [], unresolved: [...unresolved] };
  const checks: Promise<PasteAnswer>[] = [];
  for (const { input } of found) {
    try {
      const id = parseIdentifier(input);
      const query = { type: id.type, value: id.value, ...(id.bank && { bank: id.bank }), ...(id.provider && { provider: id.provider }) };
      checks.push(privateCheck('', new URLSearchParams(query), lang, signal).then((view) => ({ query, view })));
    } catch (err) {
      if (!(err instanceof ApiError)) throw err;
      reading.unresolved.push({ value: input.value, code: err.code, message: errorBody(err, lang).error.message });
    }
  }
  reading.answers = await Promise.all(checks);
  return reading;
}
