import { useCallback, useEffect, useState } from 'preact/hooks';
import { toAppError, type AppError } from '../../shared/errors';
import type { ImageSource, Perception } from '../../shared/perception';
import type { MusicOutcome, PopupState, Stage, StageDetail } from '../../shared/state';
import type { Settings } from '../../shared/storage-schema';
import type { PopupApi } from '../api';

const RUNNING = (s: Stage) => s !== 'idle' && s !== 'done' && s !== 'error';

/**
 * The mood check and the worker's state: the stage, the reading or the check's own
 * failure, settings and the first-run flag. Music lives in useMusic.
 */
export function useCheck(api: PopupApi) {
  const [state, setState] = useState<PopupState | null>(null);
  const [stage, setStage] = useState<Stage>('idle');
  const [detail, setDetail] = useState<StageDetail | undefined>();
  const [result, setResult] = useState<Perception | null>(null);
  const [error, setError] = useState<AppError | null>(null);
  const [busy, setBusy] = useState(false);

  const refresh = useCallback(async () => {
    const s = await api.getState();
    setState(s);
    return s;
  }, [api]);

  // Models load while the user looks at the popup, so a click only has to open the camera.
  useEffect(() => api.warm(), [api]);

  useEffect(() => {
    refresh()
      .then((s) => {
        if (s.last?.perception) setResult(s.last.perception);
        if (s.last?.error) setError(s.last.error);
        // Reopened mid-check (a periodic one, or the popup closed and opened again).
        if (RUNNING(s.stage)) {
          setStage(s.stage);
          setBusy(true);
        }
      })
      .catch((e: unknown) => setError(toAppError(e)));
    return api.onStage((s, d) => {
      setStage(s);
      setDetail(d);
    });
  }, [api, refresh]);

  /** The music side of the latest check finished: keep it on the record it belongs to. */
  const patchMusic = useCallback((checkAt: number, music: MusicOutcome) => {
    setState((prev) => (prev?.last?.at === checkAt ? { ...prev, last: { ...prev.last, music } } : prev));
  }, []);

  const finishOnboarding = useCallback(async () => {
    setState((prev) => prev && { ...prev, onboarded: true });
    await api.finishOnboarding().catch(() => undefined);
  }, [api]);

  const detect = useCallback(
    async (source: ImageSource) => {
      if (state && !state.onboarded) void finishOnboarding();
      setBusy(true);
      setError(null);
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
      await api.saveSettings(change).catch((e: unknown) => setError(toAppError(e)));
      // The worker re-arms the periodic alarm on the change; show its new time.
      if ('periodicEnabled' in change || 'periodicMinutes' in change) setTimeout(() => void refresh().catch(() => undefined), 300);
    },
    [api, refresh],
  );

  return { state, stage, detail, result, error, busy, refresh, patchMusic, finishOnboarding, detect, saveSettings };
}
