import type { Emotion } from '../shared/emotions';
import type { Reply } from '../shared/messaging';
import type { ImageSource, Perception } from '../shared/perception';
import type { MusicOutcome, PopupState, Stage, StageDetail } from '../shared/state';
import type { Settings } from '../shared/storage-schema';

export type { ControlAction } from '../shared/messages/content';
export type { Feedback } from '../shared/messages/background';
import type { ControlAction, NowPlaying } from '../shared/messages/content';
import type { Feedback } from '../shared/messages/background';

/**
 * Everything the popup can ask of the extension. The real one talks to the service
 * worker; tests render the popup against a fake.
 */
export interface PopupApi {
  getState(): Promise<PopupState>;
  detect(source: ImageSource): Promise<Reply<Perception>>;
  saveSettings(change: Partial<Settings>): Promise<void>;
  control(action: ControlAction): Promise<Reply<unknown>>;
  nowPlaying(): Promise<Reply<NowPlaying | null>>;
  feedback(feedback: Feedback): Promise<Reply<null>>;
  /** Answers an unsure reading with the user's mood; its music starts then. */
  pickMood(emotion: Emotion): Promise<Reply<null>>;
  /** Prepares models before a click (no camera); the popup calls it when it opens. */
  warm(): void;
  onStage(listener: (stage: Stage, detail?: StageDetail) => void): () => void;
  /** The music side of a check finished. */
  onMusic(listener: (checkAt: number, music: MusicOutcome) => void): () => void;
  openOptions(): void;
  /** First run: the user has read what happens to camera frames. */
  finishOnboarding(): Promise<void>;
}
