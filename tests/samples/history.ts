import { toProbabilities } from '../../src/shared/emotions';
import type { HistoryEntry } from '../../src/shared/history';

/** A history entry as a camera check stores it. */
export const historyEntry = (at: number, over: Partial<HistoryEntry> = {}): HistoryEntry => ({
  at,
  emotion: 'happy',
  confidence: 0.8,
  probabilities: toProbabilities([0, 0, 0, 0.8, 0.1, 0, 0.1]),
  mode: 'match',
  trigger: 'popup',
  query: 'pop dance music',
  terms: ['pop', 'dance'],
  tracks: [{ title: 'Song, with comma', artist: 'A "quoted" band' }],
  site: 'youtube-music',
  feedback: null,
  ...over,
});
