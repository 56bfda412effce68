import type { Emotion } from '../../shared/emotions';
import { underscored, type AppError } from '../../shared/errors';
import type { ImageSource, Perception } from '../../shared/perception';
import { clock, number } from '../../shared/i18n/format';
import { t } from '../../shared/i18n/t';
import type { PopupState, Stage, StageDetail } from '../../shared/state';
import type { ControlAction, Feedback } from '../api';
import { MusicCard } from '../components/MusicCard';
import { Onboarding } from '../components/Onboarding';
import { PhotoPicker } from '../components/PhotoPicker';
import { ResultCard } from '../components/ResultCard';
import type { MusicView } from '../music-view';
import { resultWords } from '../words';

const stageText = (stage: Stage) => t(`stage_${underscored(stage)}`);

/** The status line under Detect: progress while checking, otherwise when the last or next check is. */
function statusText(stage: Stage, detail: StageDetail | undefined, state: PopupState | null): string {
  if (stage !== 'idle' && stage !== 'done') {
    return detail && stage !== 'error' ? t('stage_with_detail', stageText(stage), t(`stage_detail_${underscored(detail)}`)) : stageText(stage);
  }
  const minutes = state ? number(state.settings.periodicMinutes) : '';
  const periodic = state?.settings.periodicEnabled
    ? state.nextCheckAt
      ? t('status_periodic_next', minutes, clock(state.nextCheckAt))
      : t('status_periodic', minutes)
    : null;
  const last = state?.last ? t('status_checked_at', clock(state.last.at)) : null;
  // One line: with periodic checks on, when the next one comes matters more than the last.
  return periodic ?? last ?? stageText(stage);
}

interface Props {
  state: PopupState | null;
  stage: Stage;
  detail: StageDetail | undefined;
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
  const announce = p.busy ? stageText(p.stage) : p.error ? '' : p.result ? t('announce_mood', resultWords(p.result)) : '';
  return (
    <>
      <div class="detect-row">
        <button class="detect" data-testid="detect" disabled={p.busy} onClick={() => p.onDetect({ kind: 'camera' })}>
          {p.busy ? t('detect_busy') : t('detect_mood')}
        </button>
        <PhotoPicker disabled={p.busy} onPhoto={(dataUrl) => p.onDetect({ kind: 'photo', dataUrl })} />
      </div>
      <p class="status" data-testid="status" data-stage={p.stage}>
        {p.busy && p.stage === 'starting-camera' && <span class="cam-dot" title={t('camera_in_use')} />}
        {statusText(p.stage, p.detail, p.state)}
      </p>
      <p class="sr-only" aria-live="polite" data-testid="announce">
        {announce}
      </p>
      {p.busy && p.detail === 'loading-models' && (
        <div class="progress" role="progressbar" aria-label={t('loading_models')} data-testid="model-progress">
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
