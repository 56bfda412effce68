import { defineManifest } from '@crxjs/vite-plugin';
import pkg from './package.json' with { type: 'json' };

// The least the features need; src/shared/permissions.ts explains where they are documented.
import { HOST_PERMISSIONS, PERMISSIONS } from './src/shared/permissions.ts';
import { MAIN_WORLD_MATCHES, SITE_MATCHES } from './src/shared/sites.ts';

// Drawn at build time by tools/build/icon.ts.
const ICONS = Object.fromEntries([16, 32, 48, 128].map((n) => [String(n), `icons/icon-${n}.png`]));

export default defineManifest({
  manifest_version: 3,
  // Chrome fills these from _locales/<the browser's language>/messages.json, English by default.
  name: '__MSG_ext_name__',
  version: pkg.version,
  description: '__MSG_ext_description__',
  default_locale: 'en',
  // 140: chrome.storage.local.setAccessLevel, which keeps content scripts out of our storage.
  minimum_chrome_version: '140',
  icons: ICONS,
  action: { default_popup: 'src/popup/index.html', default_title: '__MSG_action_title__', default_icon: ICONS },
  options_page: 'src/popup/options.html',
  background: { service_worker: 'src/background/index.ts', type: 'module' },
  permissions: [...PERMISSIONS],
  host_permissions: [...HOST_PERMISSIONS],
  commands: {
    'detect-mood': { suggested_key: { default: 'Alt+Shift+M' }, description: '__MSG_command_detect__' },
  },
  content_security_policy: {
    // wasm-unsafe-eval lets TF.js and MediaPipe compile their bundled WebAssembly; no eval of JS.
    extension_pages: "script-src 'self' 'wasm-unsafe-eval'; object-src 'self'",
  },
  content_scripts: [
    {
      matches: [...SITE_MATCHES],
      js: ['src/content/index.ts'],
      run_at: 'document_idle',
    },
    {
      // The page's own player API is reachable only from its MAIN world. document_start: the
      // helper must listen before any page script does, so the handshake stays private.
      matches: [...MAIN_WORLD_MATCHES],
      js: ['src/content/main-world/youtube-music.ts'],
      run_at: 'document_start',
      world: 'MAIN',
    },
  ],
  web_accessible_resources: [],
});
