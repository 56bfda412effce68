import { crx } from '@crxjs/vite-plugin';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import manifest from './manifest.config.ts';
import { bundledAssets } from './tools/build/assets-plugin.ts';

export default defineConfig({
  plugins: [
    // Self-contained content scripts: no loader chunks listed as web-accessible, so pages
    // cannot probe for MoodDJ, and the MAIN-world helper carries no imports.
    crx({ manifest, contentScripts: { standaloneFiles: ['src/content/index.ts', 'src/content/main-world/youtube-music.ts'] } }),
    bundledAssets(),
  ],
  resolve: {
    // The extension's TF.js without the layers and data APIs it never calls (see the file).
    alias: [{ find: /^@tensorflow\/tfjs$/, replacement: fileURLToPath(new URL('src/offscreen/tfjs-slim.ts', import.meta.url)) }],
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'chrome116',
    chunkSizeWarningLimit: 4096,
    rollupOptions: {
      input: {
        offscreen: 'src/offscreen/index.html',
        permission: 'src/popup/permission.html',
      },
    },
  },
  server: { port: 5173, strictPort: true, hmr: { port: 5173 } },
  legacy: {},
});
