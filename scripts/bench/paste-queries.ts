// What the paste-box rows of the lookup benchmark ask: seller messages of three
// identifiers each, written from reported sample identities the way a seller
// names them ("BCA 1234567890", "WA 0812…", "IG @handle"), as the request of
// POST /api/v1/check and as the three GET paths of the same identifiers.
import { bankByCode } from '../../worker/core/banks.ts';
import type { LoadRequest } from './workerd/load.ts';

/** A GET query as a seller would name it in a message. */
function named(params: URLSearchParams): string {
  const value = params.get('value') ?? '';
  switch (params.get('type')) {
    case 'bank':
      return `${bankByCode(params.get('bank') ?? '')?.short ?? 'Bank'} ${value}`;
    case 'ewallet':
      return `${params.get('provider')} ${value}`;
    case 'phone':
      return `WA ${value}`;
    case 'instagram':
      return `IG @${value.replace(/^@/, '').replace(/^.*instagram\.com\//, '').replace(/\/.*$/, '')}`;
    case 'tiktok':
      return `tiktok ${value}`;
    case 'telegram':
      return `telegram ${value}`;
    default:
      return value;
  }
}

export interface PasteQueries {
  /** One POST per message. */
  posts: LoadRequest[];
  /** The same messages' identifiers as GET paths, three per message. */
  gets: string[];
  texts: string[];
}

/** Messages of three identifiers from GET paths of reported identities (bank, e-wallet and phone only: their names are unambiguous in text). */
export function pasteQueries(paths: string[], messages: number): PasteQueries {
  // One path per number: the sample holds some numbers typed several ways (08…, +62…), which a message names once.
  const seen = new Set<string>();
  const usable = paths.filter((path) => {
    if (!/type=(bank|ewallet|phone)&/.test(path)) return false;
    const digits = (new URLSearchParams(path.slice(path.indexOf('?') + 1)).get('value') ?? '').replace(/\D/g, '').slice(-9);
    if (seen.has(digits)) return false;
    seen.add(digits);
    return true;
  });
  const posts: LoadRequest[] = [];
  const gets: string[] = [];
  const texts: string[] = [];
  for (let i = 0; i + 3 <= usable.length && texts.length < messages; i += 3) {
    const three = usable.slice(i, i + 3);
    const [a, b, c] = three.map((path) => named(new URLSearchParams(path.slice(path.indexOf('?') + 1))));
    const text = `Halo kak, bisa transfer ke ${a} ya. Kalau gagal pakai ${b}, konfirmasi ${c} setelah bayar. Makasih 🙏`;
    texts.push(text);
    posts.push({ method: 'POST', path: '/api/v1/check', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ text }) });
    gets.push(...three);
  }
  return { posts, gets, texts };
}
