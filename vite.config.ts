import { crx } from '@crxjs/vite-plugin';
import { defineConfig } from 'vite';
import manifest from './manifest.config.ts';
import { bundledAssets } from './tools/build/assets-plugin.ts';

export default defineConfig({
  plugins: [crx({ manifest }), bundledAssets()],
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
