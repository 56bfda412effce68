import type { Emotion } from '../../shared/emotions';
import { count, decimal, number, percent } from '../../shared/i18n/format';
import { t } from '../../shared/i18n/t';
import type { Perception } from '../../shared/perception';
import { EMOTION_COLORS } from '../colors';
import { rich } from '../rich';
import { attentionWords, emotionName, sureWords } from '../words';
import { FaceView } from './FaceView';
import { ProbabilityBars } from './ProbabilityBars';
import { UnsureChoices } from './UnsureChoices';

/** The reading: what mood, how sure, where the model looked; the numbers behind it on demand. */
interface Props {
  result: Perception;
  onRetry: () => void;
  /** An unsure reading's pick; resolves true when it was taken. */
  onPick: (e: Emotion) => Promise<boolean>;
  /** The reading has no music yet (an unsure one waits for a pick). */
  waiting: boolean;
}

export function ResultCard({ result, onRetry, onPick, waiting }: Props) {
  return (
    <section class="card result" aria-label={t('result_label')} data-testid="result-card">
      <div class="result-main">
        {/* A reopened popup has the reading from storage, which never holds pixels. */}
        {result.crop && <FaceView result={result} />}
        <div class="result-text">
          <p class="emotion">
            <span class="dot" style={{ background: EMOTION_COLORS[result.emotion] }} aria-hidden="true" />
            <span data-testid="emotion" data-value={result.emotion}>
              {emotionName(result.emotion)}
            </span>
          </p>
          <p class="sure" data-testid="result-words">
            {rich(
              (sure, pct) => t('result_sure', sure, pct),
              sureWords(result.confidence, result.notSure),
              <span data-testid="confidence" data-value={result.confidence}>
                {percent(result.confidence)}
              </span>,
            )}
            {result.personalised && (
              <span data-testid="personalised" title={t('personalised_title')}>
                {' · '}
                {t('personalised')}
              </span>
            )}
          </p>
          {result.attention && (
            <p class="small muted" data-testid="heatmap-reading">
              {attentionWords(result.attention)}
            </p>
          )}
          <ProbabilityBars probabilities={result.probabilities} />
        </div>
      </div>
      {result.maxFaces > 1 && (
        <p class="small muted" data-testid="several-faces">
          {count(result.maxFaces, 'faces_in_view')}
        </p>
      )}
      <UnsureChoices result={result} waiting={waiting} onPick={onPick} onRetry={onRetry} />
      <details class="details small">
        <summary>{t('details')}</summary>
        <p data-testid="result-details">
          {t(
            'result_details',
            number(result.framesWithFace),
            number(result.framesCaptured),
            result.model,
            result.backend,
            decimal(result.timings.totalMs / 1000),
          )}
        </p>
      </details>
    </section>
  );
}
