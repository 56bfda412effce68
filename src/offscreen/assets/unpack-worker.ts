/**
 * Unpacks one brotli-compressed file in a worker of its own: the decoder's wasm memory (the
 * window plus the whole output, ~30 MB at peak) is freed when the caller terminates the
 * worker, instead of staying with the offscreen document for its whole life.
 */
import initDecoder, { decompress } from 'brotli-dec-wasm/web';
import decoderUrl from 'brotli-dec-wasm/web/bg.wasm?url';
import { parseUnpackRequest, type UnpackReply } from './unpack-protocol';

self.onmessage = async (event: MessageEvent<unknown>) => {
  let reply: UnpackReply;
  try {
    const { packed } = parseUnpackRequest(event.data);
    await initDecoder({ module_or_path: decoderUrl });
    const bytes = decompress(new Uint8Array(packed));
    reply = { ok: true, bytes: bytes.buffer as ArrayBuffer };
    postMessage(reply, { transfer: [reply.bytes] });
    return;
  } catch (err) {
    reply = { ok: false, error: err instanceof Error ? err.message : String(err) };
  }
  postMessage(reply);
};
