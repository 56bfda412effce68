import { useCallback, useState } from 'preact/hooks';
import type { ImageSource } from '../shared/perception';
import type { PopupApi } from './api';
import { SettingsRow } from './components/Settings';
import { TabPanel, Tabs, type TabDef } from './components/Tabs';
import { useCheck } from './hooks/useCheck';
import { useMusic } from './hooks/useMusic';
import { musicView } from './music-view';
import { MoodsView } from './views/MoodsView';
import { NowView } from './views/NowView';
import { t } from '../shared/i18n/t';

type View = 'now' | 'moods' | 'settings';
const tabs = (): TabDef<View>[] => [
  { key: 'now', label: t('tab_now') },
  { key: 'moods', label: t('tab_moods') },
  { key: 'settings', label: t('tab_settings') },
];

/** Wires the hooks (check, music) to the three views; each view and hook owns one part. */
export function App({ api }: { api: PopupApi }) {
  const [view, setView] = useState<View>('now');
  const check = useCheck(api);
  const music = useMusic(api, check.patchMusic, check.refresh);
  const { state } = check;

  const detect = useCallback(
    (source: ImageSource) => {
      setView('now');
      music.reset();
      void check.detect(source);
    },
    [check.detect, music.reset],
  );

  const last = state?.last ?? null;
  const shown = musicView({
    record: last?.perception && !check.error ? last : null,
    site: state?.settings.site ?? 'youtube-music',
    nowPlaying: music.nowPlaying,
    checking: check.busy,
    controlError: music.controlError,
  });

  return (
    <main class="popup">
      <header>
        <h1>{t('ext_name')}</h1>
        <Tabs tabs={tabs()} current={view} onPick={setView} />
      </header>
      <TabPanel id="now" current={view}>
        <NowView
          state={state}
          stage={check.stage}
          detail={check.detail}
          busy={check.busy}
          result={check.result}
          error={check.error}
          music={shown}
          rated={music.rated}
          onDetect={detect}
          onOnboarded={() => void check.finishOnboarding()}
          onControl={(a) => void music.control(a)}
          onFeedback={(f) => void music.feedback(f)}
          onPick={music.pickMood}
        />
      </TabPanel>
      <TabPanel id="moods" current={view}>
        <MoodsView recent={state?.recent ?? []} />
      </TabPanel>
      <TabPanel id="settings" current={view}>
        {state && <SettingsRow settings={state.settings} nextCheckAt={state.nextCheckAt} onChange={(c) => void check.saveSettings(c)} />}
        <button class="secondary" data-testid="open-options" onClick={() => api.openOptions()}>
          {t('more_options')}
        </button>
        <p class="muted small">{t('frames_never_leave')}</p>
      </TabPanel>
    </main>
  );
}
