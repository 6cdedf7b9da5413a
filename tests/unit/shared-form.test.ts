// The share target's multipart reader (worker/share/shared-form.ts), which the
// Worker runs on a POST share before the service worker is installed: whatever
// the chunks a body arrives in, it reads title, text and url whole and counts a
// picture without keeping it. Bodies are built by the platform's own FormData.
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { boundaryOf, readSharedMultipart } from '../../worker/share/shared-form.ts';

async function multipart(fields: Record<string, string>, picture?: Uint8Array): Promise<{ bytes: Uint8Array; boundary: string }> {
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) form.append(name, value);
  if (picture) form.append('gambar', new File([picture], 'gambar.png', { type: 'image/png' }));
  const request = new Request('https://form.test/', { method: 'POST', body: form });
  return { bytes: new Uint8Array(await request.arrayBuffer()), boundary: boundaryOf(request.headers.get('Content-Type') ?? '') };
}

/** `bytes` as a stream cut at the given sizes (cycled), so boundaries and line breaks fall across chunks. */
function cut(bytes: Uint8Array, sizes: number[]): ReadableStream<Uint8Array> {
  let at = 0;
  let i = 0;
  return new ReadableStream({
    pull(controller) {
      if (at >= bytes.length) return controller.close();
      const size = sizes[i++ % sizes.length]!;
      controller.enqueue(bytes.slice(at, (at += size)));
    },
  });
}

describe('reading a shared form', () => {
  test('any title, text and url, with or without a picture, in any chunks: the fields whole, the picture counted', async () => {
    // A picture's bytes may hold what looks like a boundary's start ("\r\n--"): only the real boundary ends it.
    const pictureBytes = fc.array(fc.oneof(fc.integer({ min: 0, max: 255 }), fc.constantFrom(0x0d, 0x0a, 0x2d)), { minLength: 1, maxLength: 3000 });
    await fc.assert(
      fc.asyncProperty(
        fc.record({ title: fc.string({ unit: 'grapheme', maxLength: 80 }), text: fc.string({ unit: 'grapheme', maxLength: 600 }), url: fc.webUrl() }, { requiredKeys: [] }),
        fc.option(pictureBytes.map((b) => new Uint8Array(b))),
        fc.array(fc.integer({ min: 1, max: 97 }), { minLength: 1, maxLength: 8 }),
        async (fields, picture, sizes) => {
          const { bytes, boundary } = await multipart(fields as Record<string, string>, picture ?? undefined);
          const read = await readSharedMultipart(cut(bytes, sizes), boundary);
          // FormData sends line breaks as CRLF (HTML's form encoding); the reader keeps what was sent.
          const sent = Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, (v as string).replace(/\r\n|\r|\n/g, '\r\n')]));
          expect(read.fields).toEqual(sent);
          expect(read.pictures).toBe(picture ? 1 : 0);
        },
      ),
      { numRuns: 150 },
    );
  });

  test('a body cut before its closing boundary is invalid_body, wherever it is cut', async () => {
    const { bytes, boundary } = await multipart({ text: 'Transfer ke BCA 1234567890' }, new Uint8Array(500).fill(7));
    for (let end = 0; end < bytes.length - 2; end += 37) {
      await expect(readSharedMultipart(cut(bytes.slice(0, end), [64]), boundary)).rejects.toMatchObject({ code: 'invalid_body' });
    }
  });

  test('a boundary is read quoted or bare, and a Content-Type without one is invalid_body', () => {
    expect(boundaryOf('multipart/form-data; boundary=----abc123')).toBe('----abc123');
    expect(boundaryOf('multipart/form-data; boundary="a b:c"')).toBe('a b:c');
    expect(() => boundaryOf('multipart/form-data')).toThrow(expect.objectContaining({ code: 'invalid_body' }));
  });
});
