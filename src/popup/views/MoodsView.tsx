import type { HistoryEntry } from '../../shared/history';
import { percent, weekdayClock } from '../../shared/i18n/format';
import { t } from '../../shared/i18n/t';
import { EMOTION_COLORS } from '../colors';
import { MoodChart } from '../components/MoodChart';
import { emotionName } from '../words';

const SHOWN = 5;

/** The mood history view: the chart, then the latest checks in words. */
export function MoodsView({ recent }: { recent: HistoryEntry[] }) {
  if (!recent.length) return <p class="card muted">{t('moods_none')}</p>;
  const latest = recent.slice(-SHOWN).reverse();
  return (
    <>
      <MoodChart entries={recent} />
      <section class="card" aria-labelledby="latest-title">
        <h2 id="latest-title" class="card-title">
          {t('moods_latest')}
        </h2>
        <ul class="latest" data-testid="latest-checks">
          {latest.map((e) => (
            <li key={e.at}>
              <span class="dot" style={{ background: EMOTION_COLORS[e.emotion] }} aria-hidden="true" />
              <strong>{emotionName(e.emotion)}</strong> <span class="muted">{percent(e.confidence)}</span>
              <span class="muted small latest-when">{weekdayClock(e.at)}</span>
              {e.query && <span class="small muted latest-query">{e.query}</span>}
            </li>
          ))}
        </ul>
      </section>
    </>
  );
}
