/**
 * Unpacks a brotli-packed file in a worker of its own (unpack-worker.ts), terminated at once:
 * the decoder's memory goes with it instead of staying with the offscreen document.
 */
import type { UnpackReply, UnpackRequest } from './unpack-protocol';

export async function unpack(packedUrl: string): Promise<ArrayBuffer> {
  const worker = new Worker(new URL('./unpack-worker.ts', import.meta.url), { type: 'module' });
  try {
    const reply = await new Promise<UnpackReply>((resolve, reject) => {
      worker.onmessage = (event: MessageEvent<UnpackReply>) => resolve(event.data);
      worker.onerror = (event) => reject(new Error(`unpacking ${packedUrl} failed: ${event.message || 'worker error'}`));
      const request: UnpackRequest = { url: packedUrl };
      worker.postMessage(request);
    });
    if (!reply.ok) throw new Error(`unpacking ${packedUrl} failed: ${reply.error}`);
    return reply.bytes;
  } finally {
    worker.terminate();
  }
}
