import type { Emotion } from '../../shared/emotions';
import type { AppError } from '../../shared/errors';
import type { ImageSource, Perception } from '../../shared/perception';
import type { PopupState, Stage } from '../../shared/state';
import type { ControlAction, Feedback } from '../api';
import { MusicCard } from '../components/MusicCard';
import { Onboarding } from '../components/Onboarding';
import { PhotoPicker } from '../components/PhotoPicker';
import { ResultCard } from '../components/ResultCard';
import type { MusicView } from '../music-view';
import { resultWords } from '../words';

const STAGE_TEXT: Record<Stage, string> = {
  idle: 'Ready when you are',
  'starting-camera': 'Starting camera…',
  'finding-face': 'Finding your face…',
  'reading-expression': 'Reading your expression…',
  'choosing-music': 'Choosing music…',
  done: 'Done',
  error: 'That did not work',
};

const clock = (at: number) => new Date(at).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });

/** The status line under Detect: progress while checking, otherwise when the last or next check is. */
function statusText(stage: Stage, detail: string | undefined, state: PopupState | null): string {
  if (stage !== 'idle' && stage !== 'done') return STAGE_TEXT[stage] + (detail && stage !== 'error' ? ` (${detail})` : '');
  const periodic = state?.settings.periodicEnabled
    ? `Checking every ${state.settings.periodicMinutes} min${state.nextCheckAt ? `, next at ${clock(state.nextCheckAt)}` : ''}`
    : null;
  const last = state?.last ? `Checked at ${clock(state.last.at)}` : null;
  // One line: with periodic checks on, when the next one comes matters more than the last.
  return periodic ?? last ?? STAGE_TEXT[stage];
}

interface Props {
  state: PopupState | null;
  stage: Stage;
  detail: string | undefined;
  busy: boolean;
  result: Perception | null;
  error: AppError | null;
  music: MusicView;
  rated: Feedback | null;
  onDetect: (source: ImageSource) => void;
  onOnboarded: () => void;
  onControl: (a: ControlAction) => void;
  onFeedback: (f: Feedback) => void;
  /** Answers an unsure reading; resolves true when the pick was taken. */
  onPick: (e: Emotion) => Promise<boolean>;
}

/** The main flow, fitted to 380x600: Detect, the reading, what plays and its controls. */
export function NowView(p: Props) {
  const last = p.state?.last ?? null;
  // One live region: progress while checking, then the reading (errors speak through role=alert).
  const announce = p.busy ? STAGE_TEXT[p.stage] : p.error ? '' : p.result ? `Your mood: ${resultWords(p.result)}.` : '';
  return (
    <>
      <div class="detect-row">
        <button class="detect" data-testid="detect" disabled={p.busy} onClick={() => p.onDetect({ kind: 'camera' })}>
          {p.busy ? 'Checking…' : 'Detect mood'}
        </button>
        <PhotoPicker disabled={p.busy} onPhoto={(dataUrl) => p.onDetect({ kind: 'photo', dataUrl })} />
      </div>
      <p class="status" data-testid="status" data-stage={p.stage}>
        {p.busy && p.stage === 'starting-camera' && <span class="cam-dot" title="Camera in use" />}
        {statusText(p.stage, p.detail, p.state)}
      </p>
      <p class="sr-only" aria-live="polite" data-testid="announce">
        {announce}
      </p>
      {p.busy && p.detail?.includes('first time') && (
        <div class="progress" role="progressbar" aria-label="Loading the models" data-testid="model-progress">
          <span />
        </div>
      )}
      {p.state && !p.state.onboarded && <Onboarding onDone={p.onOnboarded} />}
      {p.error && (
        <p class="error" role="alert" data-testid="error" data-code={p.error.code} data-source="check">
          {p.error.message}
        </p>
      )}
      {p.result && !p.error && (
        <ResultCard
          result={p.result}
          onRetry={() => p.onDetect({ kind: 'camera' })}
          // Until the stored check catches up with a fresh result, that result is still waiting.
          waiting={last?.perception?.confidence === p.result.confidence ? !last.music : true}
          onPick={p.onPick}
        />
      )}
      <MusicCard
        view={p.music}
        record={last?.perception ? last : null}
        site={p.state?.settings.site ?? 'youtube-music'}
        rated={p.rated}
        onControl={p.onControl}
        onFeedback={p.onFeedback}
      />
    </>
  );
}
