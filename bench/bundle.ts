/** Builds the three bench pages' scripts with esbuild, in memory. */
import { build, type Plugin } from 'esbuild';
import { join, sep } from 'node:path';
import { BENCH, ROOT } from './paths';
import type { EngineId } from './table';

const PAGE = join(BENCH, 'page');
const ENTRIES: Record<EngineId, string> = {
  mooddj: join(PAGE, 'mooddj.ts'),
  'face-api': join(PAGE, 'faceapi.ts'),
  human: join(PAGE, 'human.ts'),
};

/**
 * Three swaps, only for imports made by src/offscreen itself: messaging (needs an extension)
 * becomes a no-op, the backend picker gets pinned to the backend under test, and MediaPipe's
 * packed runtime is unpacked on the page instead of in a Vite-built worker.
 */
const shims: Plugin = {
  name: 'bench-shims',
  setup(b) {
    const offscreen = join(ROOT, 'src', 'offscreen') + sep;
    b.onResolve({ filter: /\/shared\/messaging$/ }, (args) => (args.importer.startsWith(offscreen) ? { path: join(PAGE, 'no-messaging.ts') } : undefined));
    // The extension unpacks MediaPipe's runtime in a worker that Vite bundles; the page does the same unpacking on its own thread.
    b.onResolve({ filter: /^\.\/unpack-in-worker$/ }, (args) => (args.importer.startsWith(offscreen) ? { path: join(PAGE, 'unpack-on-page.ts') } : undefined));
    b.onResolve({ filter: /^\.\/backend\/pick$/ }, (args) =>
      args.importer === join(offscreen, 'model', 'load.ts') ? { path: join(PAGE, 'pinned-backend.ts') } : undefined,
    );
  },
};

export async function bundlePages(): Promise<Record<EngineId, string>> {
  const out = {} as Record<EngineId, string>;
  for (const [engine, entry] of Object.entries(ENTRIES) as [EngineId, string][]) {
    const result = await build({
      entryPoints: [entry],
      bundle: true,
      write: false,
      format: 'esm',
      platform: 'browser',
      target: 'chrome116',
      logLevel: 'error',
      metafile: true,
      plugins: [shims],
    });
    const inputs = Object.keys(result.metafile.inputs);
    if (inputs.some((i) => i.includes('webextension-polyfill'))) throw new Error(`${engine} bench bundle pulled in webextension-polyfill; a shim is missing`);
    out[engine] = result.outputFiles[0].text;
  }
  return out;
}

export function pageHtml(engine: EngineId): string {
  return (
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>bench: ${engine}</title></head>` +
    `<body><script type="module" src="/bundle/${engine}.js"></script></body></html>`
  );
}
