// Reads a submission body the same way whether it came as JSON (API clients),
// multipart/form-data (forms with files) or a urlencoded form: one view of
// named text fields and files. Anything else is invalid_body.
//
// Two caps, both checked before anything is parsed:
// - the body's size, counted as it streams (Content-Length is only a hint: a
//   chunked upload has none), so no isolate ever holds more than the cap;
// - each field's length, from a table the caller passes: a field with no entry
//   cannot be read, so no unbounded text reaches a regular expression.
import { ApiError, type ErrorCode, type ErrorField } from '../core/errors.ts';
import { MAX_EVIDENCE_TOTAL_BYTES } from './evidence.ts';

export interface BodyFields<F extends string = string> {
  /** The trimmed text of a field; '' when absent. Numbers in JSON come back as their text. */
  text(name: F): string;
  /** The raw JSON value, for fields whose type matters (lossIdr); undefined in forms. */
  json(name: F): unknown;
  files(name: string): File[];
  /** True for form posts (urlencoded or multipart), which a browser without JavaScript sends. */
  isForm: boolean;
}

/** The longest text a field may hold, and the error (naming `field`) when it is longer. */
export interface FieldLimit {
  max: number;
  code: ErrorCode;
  field: ErrorField;
}

/** Multipart: room for the largest allowed evidence plus the text fields. */
export const MAX_FORM_BODY_BYTES = MAX_EVIDENCE_TOTAL_BYTES + 1024 * 1024;
/**
 * JSON and urlencoded bodies carry no files: the longest fields (two texts of
 * 5,000 characters), fully \u-escaped or percent-encoded, fit with room to spare.
 */
export const MAX_TEXT_BODY_BYTES = 256 * 1024;

type BodyKind = 'json' | 'multipart' | 'urlencoded';

function kindOf(contentType: string): BodyKind {
  if (contentType.startsWith('application/json')) return 'json';
  if (contentType.startsWith('multipart/form-data')) return 'multipart';
  if (contentType.startsWith('application/x-www-form-urlencoded')) return 'urlencoded';
  throw new ApiError('invalid_body');
}

/** body_too_large, pointing at the evidence when files could be the cause. */
const tooLarge = (kind: BodyKind) => new ApiError('body_too_large', kind === 'multipart' ? 'evidence' : undefined);

/**
 * The body, passed through as it streams, erroring once more than `cap` bytes
 * went by; `over` tells that error apart from a malformed body.
 */
export function capStream(body: ReadableStream<Uint8Array>, cap: number): { stream: ReadableStream<Uint8Array>; over: () => boolean } {
  const reader = body.getReader();
  let seen = 0;
  let over = false;
  const stream = new ReadableStream<Uint8Array>({
    async pull(controller) {
      const { done, value } = await reader.read();
      if (done) return controller.close();
      seen += value.byteLength;
      if (seen > cap) {
        over = true;
        controller.error(new Error('body over the cap'));
        await reader.cancel().catch(() => undefined);
        return;
      }
      controller.enqueue(value);
    },
    cancel: (reason) => reader.cancel(reason),
  });
  return { stream, over: () => over };
}

/**
 * A whole body as text, counted as it streams: null once it passes `cap` (the
 * rest is cancelled, never held). Reads the body's own reader straight into the
 * text, with no second stream around it (capStream) for a small JSON body, which
 * the paste box sends on every check.
 */
export async function readTextCapped(body: ReadableStream<Uint8Array>, cap: number): Promise<string | null> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let seen = 0;
  let text = '';
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return text + decoder.decode();
    seen += value.byteLength;
    if (seen > cap) {
      await reader.cancel().catch(() => undefined);
      return null;
    }
    text += decoder.decode(value, { stream: true });
  }
}

export async function readBody<F extends string>(request: Request, limits: Record<F, FieldLimit>): Promise<BodyFields<F>> {
  const contentType = request.headers.get('Content-Type') ?? '';
  const kind = kindOf(contentType.toLowerCase());
  const cap = kind === 'multipart' ? MAX_FORM_BODY_BYTES : MAX_TEXT_BODY_BYTES;
  // A declared length over the cap is refused before a byte is read; the stream is counted anyway.
  if (Number(request.headers.get('Content-Length') ?? '0') > cap) throw tooLarge(kind);
  if (!request.body) throw new ApiError('invalid_body');
  const counted = capStream(request.body, cap);
  const capped = new Response(counted.stream, { headers: { 'Content-Type': contentType } });

  /** The field's text, refused (naming the field) when longer than its limit. */
  const limited = (name: F, text: string): string => {
    const limit = limits[name];
    if (text.length > limit.max) throw new ApiError(limit.code, limit.field);
    return text.trim();
  };

  if (kind === 'json') {
    let data: unknown;
    try {
      data = await capped.json();
    } catch {
      throw counted.over() ? tooLarge(kind) : new ApiError('invalid_body');
    }
    if (typeof data !== 'object' || data === null || Array.isArray(data)) throw new ApiError('invalid_body');
    const object = data as Record<string, unknown>;
    const own = (name: F) => (Object.hasOwn(object, name) ? object[name] : undefined);
    return {
      text: (name) => {
        const v = own(name);
        return typeof v === 'string' ? limited(name, v) : typeof v === 'number' ? limited(name, String(v)) : '';
      },
      json: (name) => own(name),
      files: () => [],
      isForm: false,
    };
  }
  let form: FormData;
  try {
    form = await capped.formData();
  } catch {
    throw counted.over() ? tooLarge(kind) : new ApiError('invalid_body');
  }
  return {
    text: (name) => {
      const v = form.get(name);
      return typeof v === 'string' ? limited(name, v) : '';
    },
    json: () => undefined,
    // A browser sends an empty, nameless file part when no file was chosen.
    files: (name) => form.getAll(name).filter((v): v is File => typeof v !== 'string' && v.size > 0),
    isForm: true,
  };
}
