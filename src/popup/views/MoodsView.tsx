import type { HistoryEntry } from '../../shared/history';
import { EMOTION_COLORS } from '../colors';
import { MoodChart } from '../components/MoodChart';
import { EMOTION_NAMES, percent } from '../words';

const SHOWN = 5;
const when = (at: number) => new Date(at).toLocaleString([], { weekday: 'short', hour: '2-digit', minute: '2-digit' });

/** The mood history view: the chart, then the latest checks in words. */
export function MoodsView({ recent }: { recent: HistoryEntry[] }) {
  if (!recent.length) return <p class="card muted">No checks in the last 7 days yet. Your moods appear here after each check.</p>;
  const latest = recent.slice(-SHOWN).reverse();
  return (
    <>
      <MoodChart entries={recent} />
      <section class="card" aria-labelledby="latest-title">
        <h2 id="latest-title" class="card-title">
          Latest checks
        </h2>
        <ul class="latest" data-testid="latest-checks">
          {latest.map((e) => (
            <li key={e.at}>
              <span class="dot" style={{ background: EMOTION_COLORS[e.emotion] }} aria-hidden="true" />
              <strong>{EMOTION_NAMES[e.emotion]}</strong> <span class="muted">{percent(e.confidence)}</span>
              <span class="muted small latest-when">{when(e.at)}</span>
              {e.query && <span class="small muted latest-query">{e.query}</span>}
            </li>
          ))}
        </ul>
      </section>
    </>
  );
}
