import { z } from 'zod';
import type { AppError } from './errors';
import type { Perception } from './perception';
import type { Settings, Site } from './storage-schema';

export const STAGES = ['idle', 'starting-camera', 'finding-face', 'reading-expression', 'choosing-music', 'done', 'error'] as const;
export const stageSchema = z.enum(STAGES);
export type Stage = z.infer<typeof stageSchema>;

export const MUSIC_STATUSES = ['pending', 'playing', 'queued', 'unchanged', 'failed'] as const;
export type MusicStatus = (typeof MUSIC_STATUSES)[number];

/** What the music side did with a check (it runs after the reading is shown). */
export interface MusicOutcome {
  status: MusicStatus;
  error: AppError | null;
  nowPlaying: { title: string; artist: string; playing: boolean } | null;
  /** Catalog picks queued after the playlist. */
  tracks: { title: string; artist: string; popularity?: number }[];
}

export interface CheckRecord {
  at: number;
  trigger: 'popup' | 'shortcut' | 'alarm';
  perception: Perception | null;
  error: AppError | null;
  query: string | null;
  /** Mapping terms the query came from, shown as "why" and re-weighed by feedback. */
  terms: string[];
  mode: 'match' | 'lift';
  site: Site;
  music: MusicOutcome | null;
}

export interface PopupState {
  stage: Stage;
  last: CheckRecord | null;
  settings: Settings;
  /** When the next periodic check is due (ms since epoch), if periodic checks are on. */
  nextCheckAt: number | null;
  /** The user has read the first-run note on what happens to camera frames. */
  onboarded: boolean;
  /** Checks of the last 7 days, oldest first, for the mood chart. */
  recent: import('./history').HistoryEntry[];
}
