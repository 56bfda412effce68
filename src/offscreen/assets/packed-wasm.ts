/**
 * MediaPipe's vision runtime is 9.6 MB of wasm, two thirds of the extension. It ships
 * brotli-compressed (about 2 MB, tools/build/packed-wasm.ts) and is unpacked here, once per
 * install or update (unpacked-cache.ts keeps the result), into an object URL that MediaPipe's
 * loader fetches like a file.
 */
import { readUnpacked, storeUnpacked } from './unpacked-cache';
import { unpack } from './unpack-in-worker';

let lastUnpackMs: number | null = null;
let lastFromCache = false;

/** How long the last unpack took, to the object URL; a cache hit counts too (part of the models' load times, model/load.ts). */
export function unpackMs(): number | null {
  return lastUnpackMs;
}

/** Whether the last runtime came from the cache rather than a fresh unpack (the debug handle shows it). */
export function runtimeFromCache(): boolean {
  return lastFromCache;
}

/**
 * An object URL of `packedUrl`'s unpacked bytes, from the cache or unpacked now (and then
 * cached); revoke it once it is loaded. The cache is keyed by the packed file's SHA-256 (about
 * 10 ms for 2 MB), so an update that brings another MediaPipe is unpacked again.
 */
export async function unpackedWasmUrl(packedUrl: string): Promise<string> {
  const started = performance.now();
  // Read once: hashed for the cache key, and on a miss handed to the unpacker as they are.
  const packed = await fetchBytes(packedUrl);
  const key = await sha256(packed);
  let blob = await readUnpacked(key);
  lastFromCache = blob !== undefined;
  if (!blob) {
    blob = new Blob([await unpack(packed)], { type: 'application/wasm' });
    await storeUnpacked(key, blob);
  }
  lastUnpackMs = performance.now() - started;
  return URL.createObjectURL(blob);
}

async function fetchBytes(url: string): Promise<ArrayBuffer> {
  const res = await fetch(url);
  if (!res.ok) throw new Error(`${url}: HTTP ${res.status}`);
  return res.arrayBuffer();
}

async function sha256(bytes: ArrayBuffer): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes));
  return Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join('');
}
