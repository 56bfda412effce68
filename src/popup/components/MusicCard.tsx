import { EMOTIONS, type Emotion } from '../../shared/emotions';
import { count } from '../../shared/i18n/format';
import { t } from '../../shared/i18n/t';
import type { CheckRecord } from '../../shared/state';
import type { ControlAction, Feedback } from '../api';
import type { MusicView } from '../music-view';
import { rich } from '../rich';
import { emotionInSentence, emotionName } from '../words';
import { NextIcon, PauseIcon, PlayIcon, ThumbDownIcon, ThumbUpIcon } from './icons';

interface Props {
  view: MusicView;
  record: CheckRecord | null;
  site: string;
  rated: Feedback | null;
  onControl: (a: ControlAction) => void;
  onFeedback: (f: Feedback) => void;
}

/**
 * Why this music, with the query and the site as hooks for tests: the query is always in the
 * page (hidden when there is none) and the site always carries its id.
 */
function whyLine(record: CheckRecord | null, siteName: string, site: string) {
  const query = (
    <strong key="query" data-testid="music-query" hidden={!record?.query}>
      {record?.query ?? ''}
    </strong>
  );
  const siteTag = (
    <span data-testid="music-site" data-site={record?.site ?? site} class="site">
      {siteName}
    </span>
  );
  if (record?.perception && record.query) {
    const mood = emotionInSentence(record.perception.emotion);
    const key = record.mode === 'match' ? 'music_why_match' : 'music_why_lift';
    return rich((q, s) => t(key, mood, q, s), query, siteTag);
  }
  // An unsure reading chose nothing yet: it waits for the user's pick in the result card.
  const key = record?.perception?.notSure && !record.music ? 'music_why_pick' : 'music_why_plays_on';
  return [...rich((s) => t(key, s), siteTag), query];
}

/** Draws what music-view.ts decided: one status line, why this music, the controls. */
export function MusicCard({ view, record, site, rated, onControl, onFeedback }: Props) {
  const { playing } = view;
  return (
    <section class="card music" aria-label={t('music_label')} data-testid="music-card" data-phase={view.phase}>
      <p class={`music-status ${view.error ? 'is-error' : ''}`} data-testid="music-status">
        {view.error ? (
          <span role="alert" data-testid="error" data-code={view.error.code} data-source="music">
            {view.text}
          </span>
        ) : (
          view.text
        )}
        {/* The track stays a hook even when none is known (then it is empty). */}
        {view.track && !view.error ? ` ${t('quote_open')}` : ''}
        <span class="track-name" data-testid="now-playing">
          {view.error ? '' : (view.track ?? '')}
        </span>
        {view.track && !view.error ? t('quote_close') : ''}
      </p>
      {view.note ? (
        <p class="small muted" data-testid="music-note">
          {view.note}
        </p>
      ) : null}
      <p class="small muted why" data-testid="music-why">
        {whyLine(record, view.siteName, site)}
      </p>
      {record?.music?.tracks.length ? (
        <details class="small">
          <summary>{count(record.music.tracks.length, 'catalog_queued')}</summary>
          <ol class="tracks" data-testid="picked-tracks">
            {record.music.tracks.map((track) => (
              <li key={`${track.title}|${track.artist}`}>
                {track.title} <span class="muted">— {track.artist}</span>
              </li>
            ))}
          </ol>
        </details>
      ) : null}
      <div class="controls" role="group" aria-label={t('music_controls')}>
        <button
          data-testid="play-pause"
          aria-label={playing ? t('control_pause') : t('control_play')}
          disabled={!view.canControl}
          onClick={() => onControl('toggle')}
        >
          {playing ? <PauseIcon /> : <PlayIcon />}
        </button>
        <button data-testid="next" aria-label={t('control_next')} disabled={!view.canControl} onClick={() => onControl('next')}>
          <NextIcon />
        </button>
        <span class="sep" aria-hidden="true" />
        <button
          data-testid="thumbs-up"
          aria-label={t('feedback_up')}
          aria-pressed={rated?.kind === 'up'}
          disabled={!view.canRate}
          onClick={() => onFeedback({ kind: 'up' })}
        >
          <ThumbUpIcon />
        </button>
        <button
          data-testid="thumbs-down"
          aria-label={t('feedback_down')}
          aria-pressed={rated?.kind === 'down'}
          disabled={!view.canRate}
          onClick={() => onFeedback({ kind: 'down' })}
        >
          <ThumbDownIcon />
        </button>
        <select
          data-testid="override"
          aria-label={t('override_label')}
          value=""
          disabled={!view.canRate}
          onChange={(e) => {
            const v = e.currentTarget.value as Emotion;
            if (v) onFeedback({ kind: 'override', emotion: v });
          }}
        >
          <option value="">{t('override_prompt')}</option>
          {EMOTIONS.map((e) => (
            <option key={e} value={e}>
              {emotionName(e)}
            </option>
          ))}
        </select>
      </div>
    </section>
  );
}
