import { useState } from 'preact/hooks';
import type { HistoryEntry } from '../../shared/history';
import { EMOTION_COLORS } from '../colors';
import { emotionName } from '../words';
import { count, dateTime, percent, weekdayClock } from '../../shared/i18n/format';
import { t } from '../../shared/i18n/t';

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
    <section class="card chart" aria-label={t('chart_label')} data-testid="mood-chart">
      <div class="chart-head">
        <strong>{t('chart_title')}</strong>
        <span class="controls">
          {(['day', 'week'] as const).map((s) => (
            <button key={s} class={span === s ? 'selected small' : 'small'} aria-pressed={span === s} onClick={() => setSpan(s)}>
              {s === 'day' ? t('chart_day') : t('chart_week')}
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
          aria-label={t('chart_points', count(shown.length, 'count_check'))}
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
              aria-label={t('chart_point', emotionName(e.emotion), percent(e.confidence), dateTime(e.at))}
              data-testid="chart-point"
              onClick={() => setPicked(e)}
              onKeyDown={(k) => (k.key === 'Enter' || k.key === ' ') && setPicked(e)}
            />
          ))}
        </svg>
      ) : (
        <p class="muted small">{t('chart_empty')}</p>
      )}
      {picked && (
        <p class="small" data-testid="chart-detail">
          {weekdayClock(picked.at)}: <strong>{emotionName(picked.emotion)}</strong> ({percent(picked.confidence)}) → {picked.query ?? t('chart_no_music')}
          {picked.tracks.length ? `, ${picked.tracks.map((track) => track.title).join(', ')}` : ''}
        </p>
      )}
    </section>
  );
}
