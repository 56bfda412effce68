import { useCallback, useEffect, useState } from 'preact/hooks';
import type { AppError } from '../shared/errors';
import type { ImageSource, Perception } from '../shared/perception';
import type { PopupState, Stage } from '../shared/state';
import type { Settings } from '../shared/storage-schema';
import type { ControlAction, Feedback, PopupApi } from './api';
import { MusicCard } from './components/MusicCard';
import { PhotoPicker } from './components/PhotoPicker';
import { ResultCard } from './components/ResultCard';
import { SettingsRow } from './components/Settings';
import { MoodChart } from './components/MoodChart';
import { Onboarding } from './components/Onboarding';

export const STAGE_TEXT: Record<Stage, string> = {
  idle: 'Ready when you are',
  'starting-camera': 'Starting camera…',
  'finding-face': 'Finding your face…',
  'reading-expression': 'Reading your expression…',
  'choosing-music': 'Choosing music…',
  done: 'Done',
  error: 'That did not work',
};

type NowPlaying = { title: string; artist: string; playing: boolean };

export function App({ api }: { api: PopupApi }) {
  const [state, setState] = useState<PopupState | null>(null);
  const [stage, setStage] = useState<Stage>('idle');
  const [detail, setDetail] = useState<string | undefined>();
  const [result, setResult] = useState<Perception | null>(null);
  // The check's own failure, and the music side's (sites, controls), kept apart so a late
  // music error never hides or replaces the reading.
  const [error, setError] = useState<AppError | null>(null);
  const [musicError, setMusicError] = useState<AppError | null>(null);
  const [busy, setBusy] = useState(false);
  const [nowPlaying, setNowPlaying] = useState<NowPlaying | null>(null);

  const refresh = useCallback(async () => {
    const s = await api.getState();
    setState(s);
    return s;
  }, [api]);

  const refreshNowPlaying = useCallback(async () => {
    const r = await api.nowPlaying();
    if (r.ok) setNowPlaying(r.value);
  }, [api]);

  useEffect(() => {
    refresh()
      .then((s) => {
        if (s.last?.perception) setResult(s.last.perception);
        if (s.last?.error) setError(s.last.error);
        if (s.last?.music?.error) setMusicError(s.last.music.error);
        if (s.stage !== 'idle' && s.stage !== 'done' && s.stage !== 'error') {
          setStage(s.stage);
          setBusy(true);
        }
      })
      .catch((e: unknown) => setError({ code: 'internal', message: String(e) }));
    void refreshNowPlaying();
    const offStage = api.onStage((s, d) => {
      setStage(s);
      setDetail(d);
    });
    const offMusic = api.onMusic((checkAt, music) => {
      setState((prev) => (prev?.last?.at === checkAt ? { ...prev, last: { ...prev.last, music } } : prev));
      setMusicError(music.error);
      if (music.nowPlaying) setNowPlaying(music.nowPlaying);
    });
    return () => {
      offStage();
      offMusic();
    };
  }, [api, refresh, refreshNowPlaying]);

  const finishOnboarding = useCallback(async () => {
    setState((prev) => prev && { ...prev, onboarded: true });
    await api.finishOnboarding().catch(() => undefined);
  }, [api]);

  const detect = useCallback(
    async (source: ImageSource) => {
      if (state && !state.onboarded) void finishOnboarding();
      setBusy(true);
      setError(null);
      setMusicError(null);
      setStage(source.kind === 'camera' ? 'starting-camera' : 'finding-face');
      const reply = await api.detect(source);
      if (reply.ok) {
        setResult(reply.value);
        setStage('done');
      } else {
        setResult(null);
        setError(reply.error);
        setStage('error');
      }
      await refresh().catch(() => undefined);
      setBusy(false);
    },
    [api, refresh, state, finishOnboarding],
  );

  const saveSettings = useCallback(
    async (change: Partial<Settings>) => {
      setState((prev) => prev && { ...prev, settings: { ...prev.settings, ...change } });
      await api.saveSettings(change).catch((e: unknown) => setError({ code: 'internal', message: String(e) }));
      // The worker re-arms the periodic alarm on the change; show its new time.
      if ('periodicEnabled' in change || 'periodicMinutes' in change) setTimeout(() => void refresh().catch(() => undefined), 300);
    },
    [api, refresh],
  );

  const control = useCallback(
    async (action: ControlAction) => {
      const reply = await api.control(action);
      if (!reply.ok) return setMusicError(reply.error);
      setMusicError(null);
      setNowPlaying(reply.value as NowPlaying | null);
    },
    [api],
  );

  const feedback = useCallback(
    async (f: Feedback) => {
      const reply = await api.feedback(f);
      if (!reply.ok) setMusicError(reply.error);
      else await refresh().catch(() => undefined);
    },
    [api, refresh],
  );

  const last = state?.last ?? null;
  const site = state?.settings.site ?? 'youtube-music';
  return (
    <main class="popup">
      <header>
        <h1>MoodDJ</h1>
        <button class="link" onClick={() => api.openOptions()}>
          Options
        </button>
      </header>
      <div class="detect-row">
        <button class="detect" data-testid="detect" disabled={busy} onClick={() => void detect({ kind: 'camera' })}>
          {busy ? 'Checking…' : 'Detect mood'}
        </button>
        <PhotoPicker disabled={busy} onPhoto={(dataUrl) => void detect({ kind: 'photo', dataUrl })} />
      </div>
      {state && !state.onboarded && <Onboarding onDone={() => void finishOnboarding()} />}
      <p class="status" data-testid="status" aria-live="polite" data-stage={stage}>
        {busy && stage === 'starting-camera' && <span class="cam-dot" title="Camera in use" />}
        {STAGE_TEXT[stage]}
        {detail && stage !== 'error' ? ` (${detail})` : ''}
      </p>
      {busy && detail?.includes('first time') && (
        <div class="progress" role="progressbar" aria-label="Loading the models" data-testid="model-progress">
          <span />
        </div>
      )}
      {(error ?? musicError) && (
        <p class="error" role="alert" data-testid="error" data-code={(error ?? musicError)!.code} data-source={error ? 'check' : 'music'}>
          {(error ?? musicError)!.message}
        </p>
      )}
      {result && (
        <ResultCard
          result={result}
          onRetry={() => void detect({ kind: 'camera' })}
          // Until the stored check catches up with a fresh result, that result is still waiting.
          waiting={last?.perception?.confidence === result.confidence ? !last.music : true}
          onPick={async (e) => {
            const reply = await api.pickMood(e);
            if (!reply.ok) setMusicError(reply.error);
            await refresh().catch(() => undefined);
            return reply.ok;
          }}
        />
      )}
      <MusicCard
        record={last?.perception ? last : null}
        site={site}
        nowPlaying={nowPlaying}
        onControl={(a) => void control(a)}
        onFeedback={(f) => void feedback(f)}
      />
      {state && state.recent.length > 0 && <MoodChart entries={state.recent} />}
      {state && <SettingsRow settings={state.settings} nextCheckAt={state.nextCheckAt} onChange={(c) => void saveSettings(c)} />}
      <footer class="muted small">Frames never leave this computer and are never stored.</footer>
    </main>
  );
}
