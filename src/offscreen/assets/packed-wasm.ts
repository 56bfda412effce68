/**
 * MediaPipe's vision runtime is 9.6 MB of wasm, two thirds of the extension. It ships
 * brotli-compressed (about 2 MB, tools/build/packed-wasm.ts) and is unpacked here, in each
 * offscreen document that loads the face detector, into an object URL that MediaPipe's loader
 * fetches like a file. No copy is kept: one took 9.6 MB of the user's disk to save about 0.25 s
 * of the first check in a new document (bench/README.md, "Packing MediaPipe's runtime").
 */
import { unpack } from './unpack-in-worker';

/** Builds before that weighing kept the unpacked runtime in this IndexedDB database: an update frees it. */
const EARLIER_COPY_DB = 'mooddj-runtime';

let lastUnpackMs: number | null = null;

/** How long the last unpack took, to the object URL (part of the models' load times, model/load.ts). */
export function unpackMs(): number | null {
  return lastUnpackMs;
}

/** An object URL of `packedUrl`'s unpacked bytes; revoke it once it is loaded. */
export async function unpackedWasmUrl(packedUrl: string): Promise<string> {
  const started = performance.now();
  dropEarlierCopy();
  const res = await fetch(packedUrl);
  if (!res.ok) throw new Error(`${packedUrl}: HTTP ${res.status}`);
  const blob = new Blob([await unpack(await res.arrayBuffer())], { type: 'application/wasm' });
  lastUnpackMs = performance.now() - started;
  return URL.createObjectURL(blob);
}

/** Deleting a database that is not there costs one quick request; nothing waits for it. */
function dropEarlierCopy(): void {
  try {
    indexedDB.deleteDatabase(EARLIER_COPY_DB);
  } catch {
    // No IndexedDB here (an http page running the pipeline, the bench's): nothing to free.
  }
}
