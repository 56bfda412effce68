import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { initSync, decompress } from 'brotli-dec-wasm/web';
import { afterAll, describe, expect, it } from 'vitest';
import { parseUnpackRequest } from '../../../src/offscreen/assets/unpack-protocol';
import { packWasm } from '../../../tools/build/packed-wasm';

const require = createRequire(import.meta.url);
const cache = mkdtempSync(join(tmpdir(), 'mooddj-pack-'));
afterAll(() => rmSync(cache, { recursive: true, force: true }));

// Wasm-like bytes: repetitive code with some noise, 300 kB (the real runtime takes ~20 s to pack).
const input = Buffer.from(Array.from({ length: 300_000 }, (_, i) => ((i * 2654435761) >>> 24) & (i % 97 < 60 ? 0x0f : 0xff)));

describe('the packed MediaPipe runtime', () => {
  it('is what the shipped decoder unpacks, byte for byte, and smaller', () => {
    const packed = packWasm(input, cache);
    initSync({ module: readFileSync(require.resolve('brotli-dec-wasm/web/bg.wasm')) });
    expect(Buffer.from(decompress(packed)).equals(input)).toBe(true);
    expect(packed.length).toBeLessThan(input.length / 2);
  });

  it('is packed once per input and read from the cache after', () => {
    const first = packWasm(input, cache);
    const [entry] = readdirSync(cache);
    writeFileSync(join(cache, entry), Buffer.from('cached'));
    expect(packWasm(input, cache).toString()).toBe('cached');
    expect(packWasm(Buffer.concat([input, Buffer.from([1])]), cache).equals(first)).toBe(false);
  });

  it('takes unpack requests only with packed bytes', () => {
    expect(parseUnpackRequest({ packed: new Uint8Array([1, 2, 3]).buffer }).packed.byteLength).toBe(3);
    expect(() => parseUnpackRequest({})).toThrow(/packed bytes/);
    expect(() => parseUnpackRequest({ packed: new ArrayBuffer(0) })).toThrow(/packed bytes/);
    expect(() => parseUnpackRequest({ packed: 'chrome-extension://x/mediapipe/wasm/a.wasm.br' })).toThrow(/packed bytes/);
    expect(() => parseUnpackRequest('x')).toThrow(/packed bytes/);
  });
});
