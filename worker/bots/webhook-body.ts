// A webhook's body, read once as bytes (WhatsApp's signature is over exactly
// these) and at most `max` of them, counted as it streams; then as a JSON object.
import { ApiError } from '../core/errors.ts';
import { capStream } from '../reports/request-body.ts';

export async function readRawBody(request: Request, max: number): Promise<ArrayBuffer> {
  if (Number(request.headers.get('Content-Length') ?? '0') > max) throw new ApiError('request_too_large');
  if (!request.body) return new ArrayBuffer(0);
  const counted = capStream(request.body, max);
  try {
    return await new Response(counted.stream).arrayBuffer();
  } catch {
    throw new ApiError(counted.over() ? 'request_too_large' : 'invalid_json');
  }
}

export function jsonObject(bytes: ArrayBuffer): Record<string, unknown> {
  let data: unknown;
  try {
    data = JSON.parse(new TextDecoder().decode(bytes));
  } catch {
    throw new ApiError('invalid_json');
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) throw new ApiError('invalid_json');
  return data as Record<string, unknown>;
}
