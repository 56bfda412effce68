import { render } from 'preact';
import { useCallback, useEffect, useState } from 'preact/hooks';
import { countsByMood, forgetMood } from '../shared/calibration';
import { send } from '../shared/messaging';
import { defaultMapping } from '../shared/mood-mapping';
import { t } from '../shared/i18n/t';
import { readItems, writeItems } from '../shared/storage';
import { rangeOf, SETTINGS_KEYS, type Settings, type StorageValues } from '../shared/storage-schema';
import { SettingsRow } from './components/Settings';
import { Calibration } from './options/Calibration';
import { CatalogImport } from './options/CatalogImport';
import { HistoryPanel } from './options/HistoryPanel';
import { MappingEditor } from './options/MappingEditor';
import { PrivacyPanel } from './options/PrivacyPanel';
import { SetAsideNotice } from './options/SetAsideNotice';
import { SiteCheck } from './options/SiteCheck';
import { applyPageLanguage } from './page-language';
import './popup.css';

const KEYS = [...SETTINGS_KEYS, 'mappings', 'catalog', 'history', 'lastCheck', 'calibration', 'setAside'] as const;
type Loaded = Pick<StorageValues, (typeof KEYS)[number]>;
const HYSTERESIS = rangeOf('hysteresisChecks');
const PICKS = rangeOf('catalogPicks');

function Options() {
  const [data, setData] = useState<Loaded | null>(null);
  const reload = useCallback(() => readItems(KEYS).then(setData), []);
  useEffect(() => {
    void reload();
    // History grows while this page is open (periodic checks): keep it current.
    const onChange = () => void reload();
    chrome.storage.onChanged.addListener(onChange);
    return () => chrome.storage.onChanged.removeListener(onChange);
  }, [reload]);
  if (!data) return null;

  const settings = Object.fromEntries(SETTINGS_KEYS.map((k) => [k, data[k]])) as Settings;
  const mappings = data.mappings ?? { match: defaultMapping('match'), lift: defaultMapping('lift') };
  const perception = data.lastCheck?.perception;
  return (
    <main class="options">
      <h1>{t('options_title')}</h1>
      <SettingsRow settings={settings} onChange={(c) => void writeItems(c)} />
      <section class="card" aria-label={t('options_periodic_label')}>
        <label class="field">
          <span>{t('options_hysteresis')}</span>
          <input
            type="number"
            min={HYSTERESIS.min}
            max={HYSTERESIS.max}
            data-testid="hysteresis-checks"
            value={settings.hysteresisChecks}
            onChange={(e) => {
              const n = Math.round(Number(e.currentTarget.value));
              if (n >= HYSTERESIS.min && n <= HYSTERESIS.max) void writeItems({ hysteresisChecks: n });
            }}
          />
        </label>
        <label class="field">
          <span>{t('options_catalog_picks')}</span>
          <input
            type="number"
            min={PICKS.min}
            max={PICKS.max}
            value={settings.catalogPicks}
            onChange={(e) => {
              const n = Math.round(Number(e.currentTarget.value));
              if (n >= PICKS.min && n <= PICKS.max) void writeItems({ catalogPicks: n });
            }}
          />
        </label>
      </section>
      <Calibration
        counts={countsByMood(data.calibration)}
        capture={(source, emotion) => send('background', 'calibrate', { source, emotion })}
        // Read fresh, so a correction stored since the page loaded is not lost.
        forget={async (emotion) => writeItems({ calibration: emotion ? forgetMood((await readItems(['calibration'])).calibration, emotion) : [] })}
      />
      <MappingEditor mappings={mappings} onSave={(m) => writeItems({ mappings: m })} />
      <CatalogImport
        current={data.catalog && { name: data.catalog.name, importedAt: data.catalog.importedAt, count: data.catalog.tracks.length }}
        onImport={(catalog) => writeItems({ catalog })}
        onClear={() => writeItems({ catalog: null })}
      />
      <SetAsideNotice entries={data.setAside} onDiscard={() => writeItems({ setAside: [] })} />
      <HistoryPanel history={data.history} onClear={() => writeItems({ history: [], lastCheck: null })} />
      <SiteCheck check={(site) => send('background', 'musicCheck', { site })} />
      <PrivacyPanel backend={perception?.backend ?? null} model={perception?.model ?? null} />
    </main>
  );
}

applyPageLanguage(t('options_title'));
render(<Options />, document.getElementById('app')!);
