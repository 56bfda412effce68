import { PERMISSIONS, HOST_PERMISSIONS } from '../../shared/permissions';

/** Why each permission is held; the README carries the same list and a test compares both with the manifest. */
export const PERMISSION_REASONS: Record<(typeof PERMISSIONS)[number] | (typeof HOST_PERMISSIONS)[number], string> = {
  offscreen: 'A hidden page that opens the camera for about a second and runs the models on this computer.',
  storage: 'Your settings, catalog and history, kept on this computer only (never synced).',
  alarms: 'Periodic mood checks, and closing the camera helper when idle.',
  idle: 'Periodic checks skip while you are away or the screen is locked.',
  scripting:
    'After MoodDJ is installed or updated, to put its helper back into the music tabs already open, without reloading them (which would stop the music).',
  'https://music.youtube.com/*': 'To search and control playback in your YouTube Music tab.',
  'https://open.spotify.com/*': 'To search and control playback in your Spotify tab.',
};

export function PrivacyPanel({ backend, model }: { backend: string | null; model: string | null }) {
  return (
    <section class="card" aria-label="Privacy">
      <h2>Privacy</h2>
      <p>
        Camera frames are processed on this computer and dropped at once: no image is stored or sent anywhere. MoodDJ makes no network requests of its own; it
        only talks to the music tab you have open.
      </p>
      <ul data-testid="permissions">
        {Object.entries(PERMISSION_REASONS).map(([p, why]) => (
          <li key={p}>
            <code>{p}</code>: {why}
          </li>
        ))}
      </ul>
      <p class="muted small" data-testid="model-info">
        Emotion model: {model ?? 'not loaded yet'} · TF.js backend: {backend ?? 'chosen at the first check'} (WebGPU, then WebGL, WASM, CPU)
      </p>
    </section>
  );
}
