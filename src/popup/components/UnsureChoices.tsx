import { useState } from 'preact/hooks';
import { EMOTIONS, type Emotion } from '../../shared/emotions';
import { t } from '../../shared/i18n/t';
import type { Perception } from '../../shared/perception';
import { emotionInSentence, emotionName } from '../words';

/** The two likeliest moods of a reading, likeliest first. */
export function topTwo(result: Pick<Perception, 'probabilities'>): [Emotion, Emotion] {
  const [a, b] = [...EMOTIONS].sort((x, y) => result.probabilities[y] - result.probabilities[x]);
  return [a, b];
}

/**
 * An unsure reading asks instead of acting: the two likeliest moods as one-tap choices, and
 * "Try again". Nothing plays until one is picked; `waiting` is false once music was chosen.
 */
export function UnsureChoices({
  result,
  waiting,
  onPick,
  onRetry,
}: {
  result: Perception;
  waiting: boolean;
  onPick: (e: Emotion) => Promise<unknown>;
  onRetry: () => void;
}) {
  const [picked, setPicked] = useState<Emotion | null>(null);
  if (!result.notSure) return null;
  const open = waiting && !picked;
  return (
    <div class="not-sure" data-testid="not-sure">
      {open ? (
        <>
          <span>{t('unsure_question')}</span>
          <div class="choices">
            {topTwo(result).map((e) => (
              <button
                key={e}
                data-testid={`unsure-choice-${e}`}
                onClick={() => {
                  setPicked(e);
                  void onPick(e).then((ok) => ok === false && setPicked(null));
                }}
              >
                {emotionName(e)}
              </button>
            ))}
            <button class="link" data-testid="unsure-retry" onClick={onRetry}>
              {t('unsure_retry')}
            </button>
          </div>
        </>
      ) : (
        <span data-testid="unsure-picked">{picked ? t('unsure_playing_for', emotionInSentence(picked)) : t('unsure_picked')}</span>
      )}
    </div>
  );
}
