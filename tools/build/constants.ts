import pkg from '../../package.json' with { type: 'json' };

/**
 * Values written into the built code (vite's `define`; the unit tests get the same). The version
 * names the YouTube Music bridge's handshake, so a helper left in an open tab by another version
 * of MoodDJ steps aside for the one injected with the update (src/content/main-world/protocol.ts).
 */
export const buildConstants = {
  __MOODDJ_VERSION__: JSON.stringify(pkg.version),
};
