import { z } from 'zod';
import type { AppError } from './errors';
import type { Perception } from './perception';

export const STAGES = ['idle', 'starting-camera', 'finding-face', 'reading-expression', 'choosing-music', 'done', 'error'] as const;
export const stageSchema = z.enum(STAGES);
export type Stage = z.infer<typeof stageSchema>;

export interface CheckRecord {
  at: number;
  perception: Perception | null;
  error: AppError | null;
  query: string | null;
  site: 'youtube-music' | 'spotify';
}

export interface PopupState {
  stage: Stage;
  last: CheckRecord | null;
  settings: import('./storage-schema').Settings;
}
