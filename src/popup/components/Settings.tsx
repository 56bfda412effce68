import { clock } from '../../shared/i18n/format';
import { t } from '../../shared/i18n/t';
import { SITE_INFO } from '../../shared/sites';
import { rangeOf, SITES, type Settings as SettingsValues } from '../../shared/storage-schema';
import { rich } from '../rich';

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
  const minutes = (
    <input
      type="number"
      data-testid="periodic-interval"
      min={MINUTES.min}
      max={MINUTES.max}
      value={settings.periodicMinutes}
      aria-label={t('settings_minutes_label')}
      onChange={(e) => {
        const n = Math.round(Number(e.currentTarget.value));
        if (n >= MINUTES.min && n <= MINUTES.max) onChange({ periodicMinutes: n });
      }}
    />
  );
  return (
    <section class="card settings" aria-label={t('settings_label')}>
      <label>
        {t('settings_mode')}
        <select data-testid="mode" value={settings.mode} onChange={(e) => onChange({ mode: e.currentTarget.value as SettingsValues['mode'] })}>
          <option value="match">{t('mode_match')}</option>
          <option value="lift">{t('mode_lift')}</option>
        </select>
      </label>
      <label>
        {t('settings_play_on')}
        <select data-testid="site-choice" value={settings.site} onChange={(e) => onChange({ site: e.currentTarget.value as SettingsValues['site'] })}>
          {SITES.map((site) => (
            <option key={site} value={site}>
              {SITE_INFO[site].name}
            </option>
          ))}
        </select>
      </label>
      <label class="inline">
        <input
          type="checkbox"
          data-testid="periodic-toggle"
          checked={settings.periodicEnabled}
          onChange={(e) => onChange({ periodicEnabled: e.currentTarget.checked })}
        />
        {rich((field) => t('settings_check_every', field), minutes)}
        {settings.periodicEnabled && nextCheckAt ? (
          <span class="muted" data-testid="next-check">
            {' · '}
            {t('settings_next_at', clock(nextCheckAt))}
          </span>
        ) : null}
      </label>
    </section>
  );
}
