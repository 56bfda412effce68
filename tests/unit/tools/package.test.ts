import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { assetCopies, shipsBaseline } from '../../../tools/build/assets-plugin';
import { packageParts, partsTable } from '../../../tools/package/parts';

describe('what the build ships', () => {
  it('only the tfjs wasm binary the backend can pick, and no baseline model unless asked for', () => {
    const names = assetCopies({}).map((c) => c.to);
    expect(names.filter((n) => n.startsWith('tfjs/'))).toEqual(['tfjs/tfjs-backend-wasm-simd.wasm']);
    expect(names.some((n) => n.includes('nosimd'))).toBe(false);
    expect(names.some((n) => n.startsWith('models/baseline/'))).toBe(false);
    expect(names).toContain('models/mooddj/model.json');
    expect(shipsBaseline({ MOODDJ_BASELINE: '1' })).toBe(true);
    expect(assetCopies({ MOODDJ_BASELINE: '1' }).map((c) => c.to)).toContain('models/baseline/emotion.bin');
  });
});

describe('the package by part', () => {
  function dist(files: Record<string, string>): string {
    const root = mkdtempSync(join(tmpdir(), 'mooddj-parts-'));
    for (const [name, text] of Object.entries(files)) {
      mkdirSync(dirname(join(root, name)), { recursive: true });
      writeFileSync(join(root, name), text);
    }
    return root;
  }

  it('gives each context its own code and names what contexts share', () => {
    const root = dist({
      'manifest.json': JSON.stringify({
        action: { default_popup: 'src/popup/index.html' },
        background: { service_worker: 'sw.js' },
        content_scripts: [{ js: ['src/content/index.js'] }],
      }),
      'src/popup/index.html': '<script type="module" src="/assets/popup.js"></script>',
      'src/offscreen/index.html': '<script type="module" src="/assets/offscreen.js"></script>',
      'assets/popup.js': 'import{a}from"./shared.js";',
      'assets/offscreen.js': 'import{a}from"./shared.js";const w=()=>import(`./wasm-backend.js`);',
      'assets/wasm-backend.js': 'x'.repeat(500),
      'assets/shared.js': 'export const a=1;',
      'sw.js': 'import "./assets/worker.js";',
      'assets/worker.js': '1',
      'src/content/index.js': 'c',
      'tfjs/tfjs-backend-wasm-simd.wasm': 'w'.repeat(1000),
    });
    const parts = Object.fromEntries(packageParts(root).map((p) => [p.part, p]));
    // The page, its script, and the chunk it imports only when the wasm backend is tried.
    expect(parts['code: offscreen'].files).toBe(3);
    expect(parts['code: offscreen'].bytes).toBeGreaterThan(500);
    expect(parts['code shared by popup, offscreen'].files).toBe(1);
    expect(parts['code: service worker'].files).toBe(2);
    expect(parts['code: content scripts'].files).toBe(1);
    expect(parts['TF.js wasm backend binary'].bytes).toBe(1000);
    expect(Object.keys(parts).some((p) => p.startsWith('other'))).toBe(false);
    const table = partsTable(packageParts(root));
    expect(table.split('\n').at(-1)).toMatch(/^\| \*\*total\*\* \| 11 \|/);
  });
});
