import { useState } from 'preact/hooks';
import type { HistoryEntry } from '../../shared/history';
import { EMOTION_COLORS } from '../colors';
import { plural } from '../plural';
import { EMOTION_NAMES } from '../words';

const W = 310;
const H = 120;
const PAD = 6;
const SPANS = { day: 24 * 3600_000, week: 7 * 24 * 3600_000 } as const;

/**
 * Checks over time: x is when, y is how confident, colour is the emotion. A tap shows
 * what played for that check.
 */
export function MoodChart({ entries, now = Date.now() }: { entries: HistoryEntry[]; now?: number }) {
  const [span, setSpan] = useState<keyof typeof SPANS>('day');
  const [picked, setPicked] = useState<HistoryEntry | null>(null);
  const from = now - SPANS[span];
  const shown = entries.filter((e) => e.at >= from);
  const x = (at: number) => PAD + ((at - from) / SPANS[span]) * (W - 2 * PAD);
  const y = (c: number) => H - PAD - c * (H - 2 * PAD);
  return (
    <section class="card chart" aria-label="Mood history" data-testid="mood-chart">
      <div class="chart-head">
        <strong>Your moods</strong>
        <span class="controls">
          {(['day', 'week'] as const).map((s) => (
            <button key={s} class={span === s ? 'selected small' : 'small'} aria-pressed={span === s} onClick={() => setSpan(s)}>
              {s === 'day' ? '24 h' : '7 days'}
            </button>
          ))}
        </span>
      </div>
      {shown.length ? (
        <svg
          width="100%"
          height={H}
          viewBox={`0 0 ${W} ${H}`}
          preserveAspectRatio="none"
          role="group"
          aria-label={`${plural(shown.length, 'check')}, by time and how sure`}
        >
          <line x1={PAD} x2={W - PAD} y1={y(0.5)} y2={y(0.5)} class="grid" />
          {shown.map((e) => (
            <circle
              key={e.at}
              cx={x(e.at)}
              cy={y(e.confidence)}
              r={picked?.at === e.at ? 6 : 4}
              fill={EMOTION_COLORS[e.emotion]}
              tabindex={0}
              role="button"
              aria-label={`${EMOTION_NAMES[e.emotion]}, ${Math.round(e.confidence * 100)}%, at ${new Date(e.at).toLocaleString()}`}
              data-testid="chart-point"
              onClick={() => setPicked(e)}
              onKeyDown={(k) => (k.key === 'Enter' || k.key === ' ') && setPicked(e)}
            />
          ))}
        </svg>
      ) : (
        <p class="muted small">No checks in this period yet.</p>
      )}
      {picked && (
        <p class="small" data-testid="chart-detail">
          {new Date(picked.at).toLocaleString([], { weekday: 'short', hour: '2-digit', minute: '2-digit' })}: <strong>{EMOTION_NAMES[picked.emotion]}</strong> (
          {Math.round(picked.confidence * 100)}%) → {picked.query ?? 'no music'}
          {picked.tracks.length ? `, ${picked.tracks.map((t) => t.title).join(', ')}` : ''}
        </p>
      )}
    </section>
  );
}
