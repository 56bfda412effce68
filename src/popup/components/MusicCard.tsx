import { EMOTIONS, type Emotion } from '../../shared/emotions';
import type { CheckRecord } from '../../shared/state';
import type { ControlAction, Feedback } from '../api';
import type { MusicView } from '../music-view';
import { EMOTION_NAMES } from '../words';
import { NextIcon, PauseIcon, PlayIcon, ThumbDownIcon, ThumbUpIcon } from './icons';

interface Props {
  view: MusicView;
  record: CheckRecord | null;
  site: string;
  rated: Feedback | null;
  onControl: (a: ControlAction) => void;
  onFeedback: (f: Feedback) => void;
}

/** Draws what music-view.ts decided: one status line, why this music, the controls. */
export function MusicCard({ view, record, site, rated, onControl, onFeedback }: Props) {
  const { playing } = view;
  return (
    <section class="card music" aria-label="Music" data-testid="music-card" data-phase={view.phase}>
      <p class={`music-status ${view.error ? 'is-error' : ''}`} data-testid="music-status">
        {view.error ? (
          <span role="alert" data-testid="error" data-code={view.error.code} data-source="music">
            {view.text}
          </span>
        ) : (
          view.text
        )}
        {/* The track stays a hook even when none is known (then it is empty). */}
        {view.track && !view.error ? ' “' : ''}
        <span class="track-name" data-testid="now-playing">
          {view.error ? '' : (view.track ?? '')}
        </span>
        {view.track && !view.error ? '”' : ''}
      </p>
      {view.note ? (
        <p class="small muted" data-testid="music-note">
          {view.note}
        </p>
      ) : null}
      <p class="small muted why" data-testid="music-why">
        {record?.perception && record.query ? (
          <>
            {record.mode === 'match' ? 'Matching' : 'Lifting'} your {EMOTION_NAMES[record.perception.emotion].toLowerCase()} mood with{' '}
          </>
        ) : record?.perception?.notSure && !record.music ? (
          // An unsure reading chose nothing yet: it waits for the user's pick in the result card.
          'Pick the closer mood above to start music on '
        ) : (
          'Plays on '
        )}
        <strong data-testid="music-query" hidden={!record?.query}>
          {record?.query ?? '—'}
        </strong>
        {record?.query ? ' on ' : ''}
        <span data-testid="music-site" data-site={record?.site ?? site} class="site">
          {view.siteName}
        </span>
      </p>
      {record?.music?.tracks.length ? (
        <details class="small">
          <summary>
            {record.music.tracks.length} {record.music.tracks.length === 1 ? 'track' : 'tracks'} from your catalog queued next
          </summary>
          <ol class="tracks" data-testid="picked-tracks">
            {record.music.tracks.map((t) => (
              <li key={`${t.title}|${t.artist}`}>
                {t.title} <span class="muted">— {t.artist}</span>
              </li>
            ))}
          </ol>
        </details>
      ) : null}
      <div class="controls" role="group" aria-label="Music controls">
        <button data-testid="play-pause" aria-label={playing ? 'Pause' : 'Play'} disabled={!view.canControl} onClick={() => onControl('toggle')}>
          {playing ? <PauseIcon /> : <PlayIcon />}
        </button>
        <button data-testid="next" aria-label="Next track" disabled={!view.canControl} onClick={() => onControl('next')}>
          <NextIcon />
        </button>
        <span class="sep" aria-hidden="true" />
        <button
          data-testid="thumbs-up"
          aria-label="Good pick"
          aria-pressed={rated?.kind === 'up'}
          disabled={!view.canRate}
          onClick={() => onFeedback({ kind: 'up' })}
        >
          <ThumbUpIcon />
        </button>
        <button
          data-testid="thumbs-down"
          aria-label="Not for me"
          aria-pressed={rated?.kind === 'down'}
          disabled={!view.canRate}
          onClick={() => onFeedback({ kind: 'down' })}
        >
          <ThumbDownIcon />
        </button>
        <select
          data-testid="override"
          aria-label="Not my mood: pick the right one"
          value=""
          disabled={!view.canRate}
          onChange={(e) => {
            const v = e.currentTarget.value as Emotion;
            if (v) onFeedback({ kind: 'override', emotion: v });
          }}
        >
          <option value="">Not my mood…</option>
          {EMOTIONS.map((e) => (
            <option key={e} value={e}>
              {EMOTION_NAMES[e]}
            </option>
          ))}
        </select>
      </div>
    </section>
  );
}
