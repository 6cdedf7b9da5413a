// Reads a submission body the same way whether it came as JSON (API clients),
// multipart/form-data (forms with files) or a urlencoded form: one view of
// named text fields and files. Anything else is invalid_body.
import { ApiError } from '../core/errors.ts';
import { MAX_EVIDENCE_TOTAL_BYTES } from './evidence.ts';

export interface BodyFields {
  /** The trimmed text of a field; '' when absent. Numbers in JSON come back as their text. */
  text(name: string): string;
  /** The raw JSON value, for fields whose type matters (lossIdr); undefined in forms. */
  json(name: string): unknown;
  files(name: string): File[];
  /** True for form posts (urlencoded or multipart), which a browser without JavaScript sends. */
  isForm: boolean;
}

/** Room for the largest allowed evidence plus the text fields. */
const MAX_BODY_BYTES = MAX_EVIDENCE_TOTAL_BYTES + 1024 * 1024;

export async function readBody(request: Request): Promise<BodyFields> {
  const length = Number(request.headers.get('Content-Length') ?? '0');
  if (length > MAX_BODY_BYTES) throw new ApiError('evidence_too_large', 'evidence');
  const type = (request.headers.get('Content-Type') ?? '').toLowerCase();
  if (type.startsWith('application/json')) {
    let data: unknown;
    try {
      data = await request.json();
    } catch {
      throw new ApiError('invalid_body');
    }
    if (typeof data !== 'object' || data === null || Array.isArray(data)) throw new ApiError('invalid_body');
    const object = data as Record<string, unknown>;
    return {
      text: (name) => {
        const v = object[name];
        return typeof v === 'string' ? v.trim() : typeof v === 'number' ? String(v) : '';
      },
      json: (name) => object[name],
      files: () => [],
      isForm: false,
    };
  }
  if (type.startsWith('multipart/form-data') || type.startsWith('application/x-www-form-urlencoded')) {
    let form: FormData;
    try {
      form = await request.formData();
    } catch {
      throw new ApiError('invalid_body');
    }
    return {
      text: (name) => {
        const v = form.get(name);
        return typeof v === 'string' ? v.trim() : '';
      },
      json: () => undefined,
      // A browser sends an empty, nameless file part when no file was chosen.
      files: (name) => form.getAll(name).filter((v): v is File => typeof v !== 'string' && v.size > 0),
      isForm: true,
    };
  }
  throw new ApiError('invalid_body');
}
