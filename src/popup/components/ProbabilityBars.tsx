import { useState } from 'preact/hooks';
import type { Perception } from '../../shared/perception';
import { EMOTION_COLORS } from '../colors';
import { emotionName, ranked } from '../words';
import { percent } from '../../shared/i18n/format';
import { t } from '../../shared/i18n/t';

const SHOWN = 3;

/** Likeliest first, as percentages: the top three, all seven on demand. */
export function ProbabilityBars({ probabilities }: { probabilities: Perception['probabilities'] }) {
  const [all, setAll] = useState(false);
  const order = ranked(probabilities);
  return (
    <div class="bars-wrap">
      <ul class="bars" id="mood-bars" aria-label={t('bars_label')}>
        {order.map((e, i) => (
          // Rows past the top three stay in the page (hidden) so "all" needs no new data.
          <li key={e} hidden={!all && i >= SHOWN}>
            <span class="label">{emotionName(e)}</span>
            <span class="track" aria-hidden="true">
              <span class="fill" style={{ width: percent(probabilities[e]), background: EMOTION_COLORS[e] }} />
            </span>
            <span class="value" data-testid={`prob-${e}`} data-value={probabilities[e]}>
              {percent(probabilities[e])}
            </span>
          </li>
        ))}
      </ul>
      <button class="link small" data-testid="bars-toggle" aria-expanded={all} aria-controls="mood-bars" onClick={() => setAll(!all)}>
        {all ? t('bars_top_three') : t('bars_all')}
      </button>
    </div>
  );
}
