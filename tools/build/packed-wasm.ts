/**
 * Brotli-packs MediaPipe's vision wasm for the extension (9.6 MB -> about 2 MB; the store zip's
 * deflate gets it only to 2.9 MB). Quality 11 takes ~20 s on two cores, so the result is cached
 * under node_modules/.cache, keyed by the input's hash: one slow build per MediaPipe version.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, constants } from 'node:zlib';

export function packWasm(input: Buffer, cacheDir: string): Buffer {
  const key = createHash('sha256').update(input).digest('hex').slice(0, 16);
  const cached = join(cacheDir, `${key}.br`);
  if (existsSync(cached)) return readFileSync(cached);
  const packed = brotliCompressSync(input, {
    params: {
      [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
      // A 4 MB window: 0.5 % bigger output than 16 MB, and a quarter of the decoder's memory.
      [constants.BROTLI_PARAM_LGWIN]: 22,
      [constants.BROTLI_PARAM_SIZE_HINT]: input.length,
    },
  });
  mkdirSync(cacheDir, { recursive: true });
  // Written aside and renamed, so an interrupted build never leaves a truncated cache entry.
  writeFileSync(`${cached}.tmp`, packed);
  renameSync(`${cached}.tmp`, cached);
  return packed;
}
