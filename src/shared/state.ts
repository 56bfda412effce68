import { z } from 'zod';
import type { HistoryEntry } from './history';
import type { checkRecordSchema, musicOutcomeSchema, Settings } from './storage-schema';

export const STAGES = ['idle', 'starting-camera', 'finding-face', 'reading-expression', 'choosing-music', 'done', 'error'] as const;
export const stageSchema = z.enum(STAGES);
export type Stage = z.infer<typeof stageSchema>;

/** Why a stage takes longer than usual; the popup words it in its own language. */
export const STAGE_DETAILS = ['camera-permission', 'loading-models'] as const;
export const stageDetailSchema = z.enum(STAGE_DETAILS);
export type StageDetail = z.infer<typeof stageDetailSchema>;

export type MusicOutcome = z.infer<typeof musicOutcomeSchema>;
export type MusicStatus = MusicOutcome['status'];
export type CheckRecord = z.infer<typeof checkRecordSchema>;

export interface PopupState {
  stage: Stage;
  last: CheckRecord | null;
  settings: Settings;
  /** When the next periodic check is due (ms since epoch), if periodic checks are on. */
  nextCheckAt: number | null;
  /** The user has read the first-run note on what happens to camera frames. */
  onboarded: boolean;
  /** Checks of the last 7 days, oldest first, for the mood chart. */
  recent: HistoryEntry[];
}
