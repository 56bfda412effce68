import type { Emotion } from '../shared/emotions';

/**
 * Periodic checks change the music only when a new mood has held for `required`
 * consecutive confident checks, so a face flickering between moods does not thrash.
 * Pure and serialisable: the state lives in chrome.storage across worker restarts.
 */
export interface HysteresisState {
  /** The mood the music currently follows. */
  current: Emotion | null;
  /** A different mood seen lately, and how many confident checks in a row showed it. */
  candidate: Emotion | null;
  streak: number;
}

export const INITIAL_HYSTERESIS: HysteresisState = { current: null, candidate: null, streak: 0 };

export function observe(
  state: HysteresisState,
  reading: { emotion: Emotion; notSure: boolean },
  required = 2,
): { state: HysteresisState; change: Emotion | null } {
  // An unsure reading neither confirms nor breaks a streak.
  if (reading.notSure) return { state, change: null };
  if (reading.emotion === state.current) return { state: { ...state, candidate: null, streak: 0 }, change: null };
  const streak = reading.emotion === state.candidate ? state.streak + 1 : 1;
  if (streak >= required) return { state: { current: reading.emotion, candidate: null, streak: 0 }, change: reading.emotion };
  return { state: { ...state, candidate: reading.emotion, streak }, change: null };
}

/** A check the user asked for acts at once and becomes the new reference. */
export function acceptNow(emotion: Emotion): HysteresisState {
  return { current: emotion, candidate: null, streak: 0 };
}
