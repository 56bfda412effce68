import { useState } from 'preact/hooks';
import { EXAMPLES_PER_MOOD } from '../../shared/calibration';
import { EMOTIONS, type Emotion } from '../../shared/emotions';
import type { Reply } from '../../shared/messaging';
import type { ImageSource } from '../../shared/perception';
import { number } from '../../shared/i18n/format';
import { t } from '../../shared/i18n/t';
import { PhotoPicker } from '../components/PhotoPicker';
import { rich } from '../rich';
import { emotionName } from '../words';

/** The moods the guided calibration asks for, in order; fearful and disgusted faces are hard to pose, so optional. */
export const CALIBRATION_STEPS: readonly Emotion[] = ['neutral', 'happy', 'sad', 'angry', 'surprise'];
const OPTIONAL_STEPS: readonly Emotion[] = ['fear', 'disgust'];

/** What to show for a mood, inside "show ___, then capture". */
const prompt = (e: Emotion) => t(`calibration_prompt_${e}`);

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
    <section class="card" aria-label={t('calibration_label')}>
      <h2>{t('calibration_title')}</h2>
      <p class="small">{t('calibration_intro', number(EXAMPLES_PER_MOOD))}</p>
      {current ? (
        <div class="calibration-step" data-testid="calibration-step" data-mood={current}>
          <p>{rich((face) => t('calibration_step', number(at + 1), number(steps!.length), face), <strong>{prompt(current)}</strong>)}</p>
          <div class="row">
            <button class="primary" data-testid="calibration-capture" disabled={busy} onClick={() => void take({ kind: 'camera' })}>
              {busy ? t('calibration_reading') : t('calibration_capture')}
            </button>
            <PhotoPicker disabled={busy} onPhoto={(dataUrl) => void take({ kind: 'photo', dataUrl })} />
            <button class="secondary" disabled={busy} data-testid="calibration-skip" onClick={advance}>
              {t('calibration_skip')}
            </button>
            <button class="secondary" disabled={busy} onClick={() => setSteps(null)}>
              {t('calibration_stop')}
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
            {total ? t('calibration_again') : t('calibration_start')}
          </button>
          <label class="small">
            <input type="checkbox" checked={withOptional} onChange={(e) => setWithOptional(e.currentTarget.checked)} /> {t('calibration_also_optional')}
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
              <td>{emotionName(e)}</td>
              <td data-testid={`calibration-count-${e}`}>{counts[e]}</td>
              <td>
                <button class="link" disabled={busy || !!current} onClick={() => void forget(e).then(() => start([e]))}>
                  {t('calibration_redo')}
                </button>{' '}
                <button class="link" disabled={busy || !counts[e]} data-testid={`calibration-forget-${e}`} onClick={() => void forget(e)}>
                  {t('calibration_forget')}
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <button class="secondary" disabled={busy || !total} data-testid="calibration-forget-all" onClick={() => void forget(null)}>
        {t('calibration_forget_all', number(total))}
      </button>
    </section>
  );
}
