// Cloudflare Access tokens made in the test: a key pair from Web Crypto, its
// public half as a JWK (for a local key set, or a stubbed JWKS answer), and
// RS256 signing of any claims — so no test reaches for the network.
import type { JWK } from 'jose';

export const b64url = (bytes: Uint8Array) => btoa(String.fromCharCode(...bytes)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
export const b64text = (object: unknown) => b64url(new TextEncoder().encode(JSON.stringify(object)));

export async function keyPair(kid: string): Promise<{ privateKey: CryptoKey; jwk: JWK }> {
  const pair = (await crypto.subtle.generateKey(
    { name: 'RSASSA-PKCS1-v1_5', modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]), hash: 'SHA-256' },
    true,
    ['sign', 'verify'],
  )) as CryptoKeyPair;
  const jwk = { ...((await crypto.subtle.exportKey('jwk', pair.publicKey)) as JWK), kid, alg: 'RS256' };
  return { privateKey: pair.privateKey, jwk };
}

export async function sign(privateKey: CryptoKey, kid: string, claims: Record<string, unknown>): Promise<string> {
  const head = `${b64text({ alg: 'RS256', kid, typ: 'JWT' })}.${b64text(claims)}`;
  const signature = await crypto.subtle.sign('RSASSA-PKCS1-v1_5', privateKey, new TextEncoder().encode(head));
  return `${head}.${b64url(new Uint8Array(signature))}`;
}
