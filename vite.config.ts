import { crx } from '@crxjs/vite-plugin';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import manifest from './manifest.config.ts';
import { buildConstants } from './tools/build/constants.ts';
import { bundledAssets } from './tools/build/assets-plugin.ts';

export default defineConfig({
  plugins: [
    // Self-contained content scripts: no loader chunks listed as web-accessible, so pages
    // cannot probe for MoodDJ, and the MAIN-world helper carries no imports.
    crx({ manifest, contentScripts: { standaloneFiles: ['src/content/index.ts', 'src/content/main-world/youtube-music.ts'] } }),
    bundledAssets(),
  ],
  define: buildConstants,
  resolve: {
    // The extension's TF.js without the layers and data APIs it never calls (see the file).
    alias: [{ find: /^@tensorflow\/tfjs$/, replacement: fileURLToPath(new URL('src/offscreen/model/backend/tfjs-slim.ts', import.meta.url)) }],
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
      // One non-Latin-1 character (an arrow in a message, a BOM constant) makes V8 keep a whole
      // script's source as UTF-16, twice its size, in every page that loads it: escaped, the
      // shared chunk's 139 kB of source take 139 kB of memory instead of 278 kB.
      output: { charset: 'ascii' },
    },
  },
  server: { port: 5173, strictPort: true, hmr: { port: 5173 } },
  legacy: {},
});
