import type { Emotion } from '../../shared/emotions';
import type { Perception } from '../../shared/perception';
import { EMOTION_COLORS } from '../colors';
import { attentionWords, EMOTION_NAMES, percent, sureWords } from '../words';
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
    <section class="card result" aria-label="Your mood" data-testid="result-card">
      <div class="result-main">
        {/* A reopened popup has the reading from storage, which never holds pixels. */}
        {result.crop && <FaceView result={result} />}
        <div class="result-text">
          <p class="emotion">
            <span class="dot" style={{ background: EMOTION_COLORS[result.emotion] }} aria-hidden="true" />
            <span data-testid="emotion" data-value={result.emotion}>
              {EMOTION_NAMES[result.emotion]}
            </span>
          </p>
          <p class="sure" data-testid="result-words">
            {sureWords(result.confidence, result.notSure)},{' '}
            <span data-testid="confidence" data-value={result.confidence}>
              {percent(result.confidence)}
            </span>
            {result.personalised && (
              <span data-testid="personalised" title="Adjusted with the examples of your face you gave in Options">
                {' '}
                · personalised
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
          {result.maxFaces} faces in view: read the largest.
        </p>
      )}
      <UnsureChoices result={result} waiting={waiting} onPick={onPick} onRetry={onRetry} />
      <details class="details small">
        <summary>Details</summary>
        <p data-testid="result-details">
          {result.framesWithFace} of {result.framesCaptured} frames showed a face · model {result.model} on {result.backend} ·{' '}
          {(result.timings.totalMs / 1000).toFixed(1)} s
        </p>
      </details>
    </section>
  );
}
