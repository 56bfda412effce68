import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { readSettings, writeItems } from '../shared/storage';
import type { Settings } from '../shared/storage-schema';
import { SettingsRow } from './components/Settings';
import './popup.css';

/** Why each permission is held; the README carries the same list and a test compares it with the manifest. */
export const PERMISSION_REASONS: Record<string, string> = {
  offscreen: 'A hidden page that opens the camera for about a second and runs the models on this computer.',
  storage: 'Your settings and the last result, kept on this computer only (never synced).',
  alarms: 'Periodic mood checks, and closing the camera helper when idle.',
  'https://music.youtube.com/*': 'To search and control playback in your YouTube Music tab.',
  'https://open.spotify.com/*': 'To search and control playback in your Spotify tab.',
};

function Options() {
  const [settings, setSettings] = useState<Settings | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  useEffect(() => void readSettings().then(setSettings), []);
  const change = async (c: Partial<Settings>) => {
    if (!settings) return;
    setSettings({ ...settings, ...c });
    await writeItems(c);
    setSaved('Saved');
  };
  return (
    <main class="popup" style={{ width: 'auto', maxWidth: '640px', margin: '24px auto' }}>
      <h1>MoodDJ options</h1>
      {settings && <SettingsRow settings={settings} onChange={(c) => void change(c)} />}
      {saved && <p class="muted small">{saved}</p>}
      <section class="card" aria-label="Privacy">
        <h2 style={{ margin: 0, fontSize: '15px' }}>Privacy</h2>
        <p style={{ margin: 0 }}>
          Camera frames are processed on this computer and dropped at once: no image is stored or sent anywhere. MoodDJ
          makes no network requests of its own.
        </p>
        <ul data-testid="permissions">
          {Object.entries(PERMISSION_REASONS).map(([p, why]) => (
            <li key={p}>
              <code>{p}</code>: {why}
            </li>
          ))}
        </ul>
        <button onClick={() => void writeItems({ lastCheck: null }).then(() => setSaved('Last result cleared'))}>Clear last result</button>
      </section>
    </main>
  );
}

render(<Options />, document.getElementById('app')!);
