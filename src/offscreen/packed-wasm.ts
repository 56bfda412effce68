/**
 * MediaPipe's vision runtime is 9.6 MB of wasm, two thirds of the extension. It ships
 * brotli-compressed (about 2 MB, tools/build/packed-wasm.ts) and is unpacked here, once per
 * offscreen document, into an object URL that MediaPipe's loader fetches like a file.
 */
import type { UnpackReply, UnpackRequest } from './unpack-protocol';

let lastUnpackMs: number | null = null;

/** How long the last unpack took, worker start to object URL (for the bench). */
export function unpackMs(): number | null {
  return lastUnpackMs;
}

/** Unpacks `packedUrl` and returns an object URL of the wasm; revoke it once it is loaded. */
export async function unpackedWasmUrl(packedUrl: string): Promise<string> {
  const started = performance.now();
  const worker = new Worker(new URL('./unpack-worker.ts', import.meta.url), { type: 'module' });
  try {
    const reply = await new Promise<UnpackReply>((resolve, reject) => {
      worker.onmessage = (event: MessageEvent<UnpackReply>) => resolve(event.data);
      worker.onerror = (event) => reject(new Error(`unpacking ${packedUrl} failed: ${event.message || 'worker error'}`));
      const request: UnpackRequest = { url: packedUrl };
      worker.postMessage(request);
    });
    if (!reply.ok) throw new Error(`unpacking ${packedUrl} failed: ${reply.error}`);
    const url = URL.createObjectURL(new Blob([reply.bytes], { type: 'application/wasm' }));
    lastUnpackMs = performance.now() - started;
    return url;
  } finally {
    worker.terminate();
  }
}
