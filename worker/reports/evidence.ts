// Evidence files: what a file really is comes from its first bytes (magic
// numbers), never from the name or the declared Content-Type, so a "bukti.png"
// that holds HTML is refused. The sniffed type is what is stored and served.
import { ApiError } from '../core/errors.ts';

const MAX_EVIDENCE_FILES = 5;
const MAX_EVIDENCE_BYTES = 5 * 1024 * 1024;
export const MAX_EVIDENCE_TOTAL_BYTES = 20 * 1024 * 1024;

export type EvidenceType = 'image/jpeg' | 'image/png' | 'image/webp' | 'application/pdf';

export interface EvidenceFile {
  bytes: Uint8Array;
  contentType: EvidenceType;
}

const startsWith = (bytes: Uint8Array, signature: number[], offset = 0) =>
  bytes.length >= offset + signature.length && signature.every((b, i) => bytes[offset + i] === b);
const ascii = (text: string) => [...text].map((c) => c.charCodeAt(0));

/** The type the content itself declares, or undefined when it is none of the accepted ones. */
export function sniffEvidenceType(bytes: Uint8Array): EvidenceType | undefined {
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return 'image/jpeg';
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
  if (startsWith(bytes, ascii('RIFF')) && startsWith(bytes, ascii('WEBP'), 8)) return 'image/webp';
  if (startsWith(bytes, ascii('%PDF-'))) return 'application/pdf';
  return undefined;
}

/** Checks count, sizes and content; throws evidence_too_large or evidence_type naming `field` (a report's evidence, a dispute's proof). */
export async function readEvidence(files: File[], field: 'evidence' | 'proof' = 'evidence'): Promise<EvidenceFile[]> {
  if (files.length > MAX_EVIDENCE_FILES) throw new ApiError('evidence_too_large', field);
  let total = 0;
  const out: EvidenceFile[] = [];
  for (const file of files) {
    if (file.size > MAX_EVIDENCE_BYTES) throw new ApiError('evidence_too_large', field);
    total += file.size;
    if (total > MAX_EVIDENCE_TOTAL_BYTES) throw new ApiError('evidence_too_large', field);
    const bytes = new Uint8Array(await file.arrayBuffer());
    const contentType = sniffEvidenceType(bytes);
    if (!contentType) throw new ApiError('evidence_type', field);
    out.push({ bytes, contentType });
  }
  return out;
}
