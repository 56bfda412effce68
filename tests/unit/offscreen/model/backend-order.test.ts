import { createRequire } from 'node:module';
import { dirname, join, sep } from 'node:path';
import { describe, expect, it } from 'vitest';
import { pickBackend } from '../../../../src/offscreen/model/backend/pick';

const wasmPaths = join(dirname(createRequire(import.meta.url).resolve('@tensorflow/tfjs-backend-wasm/package.json')), 'dist') + sep;

describe('backend order', () => {
  it('a software GPU renderer goes after wasm', async () => {
    const skipped: string[] = [];
    const picked = await pickBackend({
      candidates: ['webgl', 'wasm', 'cpu'],
      wasmPaths,
      gpu: async () => ({ webgl: 'software' }),
      onSkip: (b, why) => skipped.push(`${b}: ${why}`),
    });
    expect(picked).toBe('wasm');
    // webgl was never tried (Node has none, so trying it would have logged a failure).
    expect(skipped).toEqual(['webgl: software renderer; tried after wasm']);
  });

  it('a hardware renderer keeps its place', async () => {
    const skipped: string[] = [];
    await pickBackend({
      candidates: ['webgl', 'wasm'],
      wasmPaths,
      gpu: async () => ({ webgl: 'hardware' }),
      onSkip: (b, why) => skipped.push(`${b}: ${why}`),
    });
    expect(skipped).toHaveLength(1);
    expect(skipped[0]).toMatch(/^webgl: /);
    expect(skipped[0]).not.toMatch(/software/);
  });

  it('a GPU backend with no adapter is skipped without being loaded', async () => {
    const skipped: string[] = [];
    const picked = await pickBackend({
      candidates: ['webgpu', 'wasm'],
      wasmPaths,
      gpu: async () => ({ webgpu: 'none' }),
      onSkip: (b, why) => skipped.push(`${b}: ${why}`),
    });
    expect(picked).toBe('wasm');
    // Tried, the webgpu backend would have failed in Node with a different reason.
    expect(skipped).toEqual(['webgpu: no GPU adapter or context here']);
  });
});
