/**
 * Stands in for src/offscreen/assets/unpack-in-worker.ts in the bench page: the same brotli decoder on
 * the same packed runtime from dist/, run on the page's own thread (the extension's worker is a
 * Vite build product the bench bundle does not have). Caching and timing stay the extension's.
 */
import initDecoder, { decompress } from 'brotli-dec-wasm/web';

export async function unpack(packed: ArrayBuffer): Promise<ArrayBuffer> {
  await initDecoder({ module_or_path: '/brotli-decoder/brotli_dec_wasm_bg.wasm' });
  return decompress(new Uint8Array(packed)).buffer as ArrayBuffer;
}
