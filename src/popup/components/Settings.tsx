import { rangeOf, type Settings as SettingsValues } from '../../shared/storage-schema';

const MINUTES = rangeOf('periodicMinutes');

export function SettingsRow({
  settings,
  nextCheckAt,
  onChange,
}: {
  settings: SettingsValues;
  nextCheckAt?: number | null;
  onChange: (c: Partial<SettingsValues>) => void;
}) {
  return (
    <section class="card settings" aria-label="Settings">
      <label>
        Mode
        <select data-testid="mode" value={settings.mode} onChange={(e) => onChange({ mode: e.currentTarget.value as SettingsValues['mode'] })}>
          <option value="match">Match my mood</option>
          <option value="lift">Lift my mood</option>
        </select>
      </label>
      <label>
        Play on
        <select data-testid="site-choice" value={settings.site} onChange={(e) => onChange({ site: e.currentTarget.value as SettingsValues['site'] })}>
          <option value="youtube-music">YouTube Music</option>
          <option value="spotify">Spotify</option>
        </select>
      </label>
      <label class="inline">
        <input
          type="checkbox"
          data-testid="periodic-toggle"
          checked={settings.periodicEnabled}
          onChange={(e) => onChange({ periodicEnabled: e.currentTarget.checked })}
        />
        Check every
        <input
          type="number"
          data-testid="periodic-interval"
          min={MINUTES.min}
          max={MINUTES.max}
          value={settings.periodicMinutes}
          aria-label="Minutes between checks"
          onChange={(e) => {
            const n = Math.round(Number(e.currentTarget.value));
            if (n >= MINUTES.min && n <= MINUTES.max) onChange({ periodicMinutes: n });
          }}
        />
        min
        {settings.periodicEnabled && nextCheckAt ? (
          <span class="muted" data-testid="next-check">
            · next at {new Date(nextCheckAt).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' })}
          </span>
        ) : null}
      </label>
    </section>
  );
}
