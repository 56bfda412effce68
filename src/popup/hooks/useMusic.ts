import { useCallback, useEffect, useState } from 'preact/hooks';
import type { Emotion } from '../../shared/emotions';
import type { AppError } from '../../shared/errors';
import type { MusicOutcome } from '../../shared/state';
import type { ControlAction, Feedback, PopupApi } from '../api';
import type { NowPlaying } from '../music-view';

/**
 * What the music tab reports and the user's commands to it. A check's own music outcome
 * is kept on its record (`onOutcome`); a failed command is kept here until the next one.
 */
export function useMusic(api: PopupApi, onOutcome: (checkAt: number, music: MusicOutcome) => void, afterFeedback: () => Promise<unknown>) {
  const [nowPlaying, setNowPlaying] = useState<NowPlaying | null>(null);
  const [controlError, setControlError] = useState<AppError | null>(null);
  const [rated, setRated] = useState<Feedback | null>(null);

  useEffect(() => {
    void api.nowPlaying().then((r) => r.ok && setNowPlaying(r.value));
    return api.onMusic((checkAt, music) => {
      onOutcome(checkAt, music);
      if (music.nowPlaying) setNowPlaying(music.nowPlaying);
    });
  }, [api, onOutcome]);

  const control = useCallback(
    async (action: ControlAction) => {
      const reply = await api.control(action);
      if (!reply.ok) return setControlError(reply.error);
      setControlError(null);
      setNowPlaying(reply.value as NowPlaying | null);
    },
    [api],
  );

  const feedback = useCallback(
    async (f: Feedback) => {
      const reply = await api.feedback(f);
      if (!reply.ok) return setControlError(reply.error);
      setControlError(null);
      setRated(f);
      await afterFeedback().catch(() => undefined);
    },
    [api, afterFeedback],
  );

  /** The user's answer to an unsure reading: music for the picked mood. True when it was taken. */
  const pickMood = useCallback(
    async (emotion: Emotion) => {
      const reply = await api.pickMood(emotion);
      setControlError(reply.ok ? null : reply.error);
      await afterFeedback().catch(() => undefined);
      return reply.ok;
    },
    [api, afterFeedback],
  );

  /** A new check starts: earlier command failures and ratings are about the old one. */
  const reset = useCallback(() => {
    setControlError(null);
    setRated(null);
  }, []);

  return { nowPlaying, controlError, rated, control, feedback, pickMood, reset };
}
