import { EMOTIONS, type Emotion } from '../../shared/emotions';
import type { Perception } from '../../shared/perception';

export const EMOTION_COLORS: Record<Emotion, string> = {
  angry: '#d64545',
  disgust: '#7a9a2e',
  fear: '#7b5cc4',
  happy: '#e6a817',
  sad: '#3f7fd1',
  surprise: '#e0672b',
  neutral: '#7d8a96',
};

export function ResultCard({ result, onRetry }: { result: Perception; onRetry: () => void }) {
  const color = EMOTION_COLORS[result.emotion];
  return (
    <section class="card result" aria-label="Detected mood">
      <div class="result-head">
        <div class="face">
          <figure class="heatmap" data-testid="heatmap" title={result.heatmap ? 'Where the model looked' : 'Your face, as the model saw it'}>
            {result.crop ? <img src={result.crop} alt="Face crop" width={72} height={72} /> : <div class="no-crop" />}
            {result.heatmap && <img class="overlay" src={result.heatmap} alt="Grad-CAM heatmap" width={72} height={72} />}
          </figure>
        </div>
        <div>
          <div class="emotion" style={{ color }}>
            <span class="dot" style={{ background: color }} />
            <span data-testid="emotion">{result.emotion}</span>
          </div>
          <div class="muted">
            confidence <span data-testid="confidence">{result.confidence.toFixed(3)}</span>
            {result.maxFaces > 1 && <span> · {result.maxFaces} faces, used the largest</span>}
            {result.personalised && (
              <span data-testid="personalised" title="Adjusted with the examples of your face you gave in Options">
                {' '}
                · personalised
              </span>
            )}
          </div>
          {result.notSure && (
            <div class="not-sure">
              Not sure about this one.{' '}
              <button class="link" onClick={onRetry}>
                Try again
              </button>
            </div>
          )}
        </div>
      </div>
      <ul class="bars">
        {EMOTIONS.map((e) => (
          <li key={e}>
            <span class="label">{e}</span>
            <span class="track">
              <span class="fill" style={{ width: `${Math.round(result.probabilities[e] * 100)}%`, background: EMOTION_COLORS[e] }} />
            </span>
            <span class="value" data-testid={`prob-${e}`}>
              {result.probabilities[e].toFixed(3)}
            </span>
          </li>
        ))}
      </ul>
      <div class="muted small">
        {result.framesWithFace}/{result.framesCaptured} frames · {result.backend} · {Math.round(result.timings.totalMs)} ms
      </div>
    </section>
  );
}
