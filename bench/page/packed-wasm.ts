/**
 * Stands in for src/offscreen/packed-wasm.ts in the bench page: the same brotli decoder on the
 * same packed runtime from dist/, run on the page's own thread (the extension's worker is a
 * Vite build product the bench bundle does not have).
 */
import initDecoder, { decompress } from 'brotli-dec-wasm/web';

let lastUnpackMs: number | null = null;

export function unpackMs(): number | null {
  return lastUnpackMs;
}

/** Always unpacks: each bench page is a fresh profile, like a first run after install. */
export async function unpackedWasmUrl(packedUrl: string): Promise<string> {
  const started = performance.now();
  await initDecoder({ module_or_path: '/brotli-decoder/brotli_dec_wasm_bg.wasm' });
  const res = await fetch(packedUrl);
  if (!res.ok) throw new Error(`${packedUrl}: HTTP ${res.status}`);
  const bytes = decompress(new Uint8Array(await res.arrayBuffer()));
  const url = URL.createObjectURL(new Blob([bytes as Uint8Array<ArrayBuffer>], { type: 'application/wasm' }));
  lastUnpackMs = performance.now() - started;
  return url;
}
