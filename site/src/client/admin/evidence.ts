// An evidence file opened on the page (each fetch is audited by the API). The
// API serves it as an attachment with a sandboxing CSP; here an image is shown
// as a data: URL thumbnail (the site's CSP allows data: images, not blob:) and
// anything else (a PDF) is saved, never rendered in the admin's origin.
import { el } from '../view-dom.ts';
import { fetchFile } from './api.ts';
import type { EvidenceFile } from './queue-types.ts';

const dataUrl = (blob: Blob) =>
  new Promise<string>((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result));
    reader.onerror = () => reject(reader.error ?? new Error('unreadable file'));
    reader.readAsDataURL(blob);
  });

export async function showEvidence(file: EvidenceFile, into: HTMLElement): Promise<void> {
  const blob = await fetchFile(file.url ?? `/api/v1/admin/evidence/${encodeURIComponent(file.id)}`);
  if (/^image\/(png|jpeg|webp)$/.test(file.contentType)) {
    if (into.querySelector(`img[data-evidence-image="${CSS.escape(file.id)}"]`)) return;
    into.append(el('img', { class: 'admin-evidence', src: await dataUrl(blob), alt: `Evidence ${file.id}`, 'data-evidence-image': file.id }));
    return;
  }
  const url = URL.createObjectURL(blob);
  const a = el('a', { href: url, download: file.id });
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
