/**
 * Unpacks brotli-packed bytes in a worker of its own (unpack-worker.ts), terminated at once:
 * the decoder's memory goes with it instead of staying with the offscreen document.
 */
import type { UnpackReply, UnpackRequest } from './unpack-protocol';

/** `packed` is transferred to the worker: the caller must not use it afterwards. */
export async function unpack(packed: ArrayBuffer): Promise<ArrayBuffer> {
  const worker = new Worker(new URL('./unpack-worker.ts', import.meta.url), { type: 'module' });
  try {
    const reply = await new Promise<UnpackReply>((resolve, reject) => {
      worker.onmessage = (event: MessageEvent<UnpackReply>) => resolve(event.data);
      worker.onerror = (event) => reject(new Error(`unpacking failed: ${event.message || 'worker error'}`));
      const request: UnpackRequest = { packed };
      worker.postMessage(request, { transfer: [packed] });
    });
    if (!reply.ok) throw new Error(`unpacking failed: ${reply.error}`);
    return reply.bytes;
  } finally {
    worker.terminate();
  }
}
