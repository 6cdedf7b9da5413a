// The SNAPSHOTS namespace for the lookup benchmark: a workerd service behind
// the Worker's kvNamespace binding, holding a whole namespace in memory. It
// speaks the part of the binding's internal HTTP protocol that reads need (as
// Miniflare's KV gateway does, node_modules/miniflare/dist/src/workers/kv):
//
//   GET /<key, percent-encoded>?urlencoded=true[&cache_ttl=N]
//     → 200 with the value as the body (the binding parses text/json/arrayBuffer
//       itself), or 404 when the key is absent.
//
// Writes, lists and bulk reads are refused: the lookup routes only read. The
// namespace is kv-file.ts's file, fetched once from the `DATA` disk service on
// the first request (workerd allows no I/O at startup) and indexed in memory,
// so a read costs one hash-table probe. esbuild bundles this file for workerd.
import { KvTable } from './kv-file.ts';

interface Env {
  /** A workerd disk service holding `kv.bin` (server.ts). */
  DATA: { fetch(url: string): Promise<Response> };
}

let table: Promise<KvTable> | null = null;

async function load(env: Env): Promise<KvTable> {
  const res = await env.DATA.fetch('http://data/kv.bin');
  if (!res.ok) throw new Error(`kv.bin: ${res.status}`);
  return new KvTable(new Uint8Array(await res.arrayBuffer()));
}

export default {
  async fetch(request: Request, env: Env): Promise<Response> {
    if (request.method !== 'GET') return new Response('read-only KV service', { status: 405 });
    const url = new URL(request.url);
    const raw = url.pathname.slice(1);
    if (raw === '') return new Response('list is not supported', { status: 501 });
    const key = url.searchParams.get('urlencoded') === 'true' ? decodeURIComponent(raw) : raw;
    if (!table) {
      table = load(env);
      table.catch(() => (table = null));
    }
    const value = (await table).get(key);
    return value ? new Response(value) : new Response(null, { status: 404 });
  },
};
