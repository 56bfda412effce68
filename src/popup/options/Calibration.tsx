import { useState } from 'preact/hooks';
import { EXAMPLES_PER_MOOD } from '../../shared/calibration';
import { EMOTIONS, type Emotion } from '../../shared/emotions';
import { EMOTION_NAMES } from '../words';
import type { Reply } from '../../shared/messaging';
import type { ImageSource } from '../../shared/perception';
import { PhotoPicker } from '../components/PhotoPicker';

/** The moods the guided calibration asks for, in order; fearful and disgusted faces are hard to pose, so optional. */
export const CALIBRATION_STEPS: readonly Emotion[] = ['neutral', 'happy', 'sad', 'angry', 'surprise'];
const OPTIONAL_STEPS: readonly Emotion[] = ['fear', 'disgust'];

const PROMPTS: Record<Emotion, string> = {
  neutral: 'a relaxed, neutral face',
  happy: 'a happy face (smile)',
  sad: 'a sad face',
  angry: 'an angry face',
  surprise: 'a surprised face',
  fear: 'a fearful face',
  disgust: 'a disgusted face',
};

export interface CalibrationProps {
  counts: Record<Emotion, number>;
  /** Reads the face showing `emotion` through the normal check path and keeps its numbers. */
  capture: (source: ImageSource, emotion: Emotion) => Promise<Reply<unknown>>;
  /** Forgets one mood's examples, or all with null. */
  forget: (emotion: Emotion | null) => Promise<void>;
}

/**
 * Personal calibration: the user shows a few moods in turn (about 20 seconds with the camera),
 * each read like a normal check; only the model's numbers are kept. Also lists what is stored
 * per mood, with one-click redo and forget.
 */
export function Calibration({ counts, capture, forget }: CalibrationProps) {
  const [steps, setSteps] = useState<readonly Emotion[] | null>(null);
  const [at, setAt] = useState(0);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [withOptional, setWithOptional] = useState(false);
  const total = EMOTIONS.reduce((s, e) => s + counts[e], 0);
  const current = steps?.[at] ?? null;

  const start = (list: readonly Emotion[]) => {
    setProblem(null);
    setSteps(list);
    setAt(0);
  };
  const advance = () => {
    if (steps && at + 1 < steps.length) setAt(at + 1);
    else setSteps(null);
  };
  const take = async (source: ImageSource) => {
    if (!current) return;
    setBusy(true);
    setProblem(null);
    const reply = await capture(source, current);
    setBusy(false);
    if (reply.ok) advance();
    else setProblem(reply.error.message);
  };

  return (
    <section class="card" aria-label="Personal calibration">
      <h2>Learn my face</h2>
      <p class="small">
        Show MoodDJ a few of your own expressions and it reads your moods better. Each one is read like a normal check; only the model's numbers are kept on
        this computer (no picture), at most {EXAMPLES_PER_MOOD} per mood. Every “Not my mood” correction adds one too.
      </p>
      {current ? (
        <div class="calibration-step" data-testid="calibration-step" data-mood={current}>
          <p>
            Step {at + 1} of {steps!.length}: show <strong>{PROMPTS[current]}</strong>, then capture.
          </p>
          <div class="row">
            <button class="primary" data-testid="calibration-capture" disabled={busy} onClick={() => void take({ kind: 'camera' })}>
              {busy ? 'Reading…' : 'Capture'}
            </button>
            <PhotoPicker disabled={busy} onPhoto={(dataUrl) => void take({ kind: 'photo', dataUrl })} />
            <button class="secondary" disabled={busy} data-testid="calibration-skip" onClick={advance}>
              Skip
            </button>
            <button class="secondary" disabled={busy} onClick={() => setSteps(null)}>
              Stop
            </button>
          </div>
        </div>
      ) : (
        <div class="row">
          <button
            class="secondary"
            data-testid="calibration-start"
            onClick={() => start(withOptional ? [...CALIBRATION_STEPS, ...OPTIONAL_STEPS] : CALIBRATION_STEPS)}
          >
            {total ? 'Calibrate again' : 'Start (about 20 s)'}
          </button>
          <label class="small">
            <input type="checkbox" checked={withOptional} onChange={(e) => setWithOptional(e.currentTarget.checked)} /> also{' '}
            {OPTIONAL_STEPS.map((e) => EMOTION_NAMES[e].toLowerCase()).join(' and ')}
          </label>
        </div>
      )}
      {problem && (
        <p class="error small" role="alert">
          {problem}
        </p>
      )}
      <table class="small" data-testid="calibration-counts">
        <tbody>
          {EMOTIONS.map((e) => (
            <tr key={e} data-mood={e}>
              <td>{EMOTION_NAMES[e]}</td>
              <td data-testid={`calibration-count-${e}`}>{counts[e]}</td>
              <td>
                <button class="link" disabled={busy || !!current} onClick={() => void forget(e).then(() => start([e]))}>
                  Redo
                </button>{' '}
                <button class="link" disabled={busy || !counts[e]} data-testid={`calibration-forget-${e}`} onClick={() => void forget(e)}>
                  Forget
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <button class="secondary" disabled={busy || !total} data-testid="calibration-forget-all" onClick={() => void forget(null)}>
        Forget all ({total})
      </button>
    </section>
  );
}
