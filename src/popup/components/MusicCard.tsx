import { EMOTIONS, type Emotion } from '../../shared/emotions';
import type { NowPlaying } from '../../shared/messages/content';
import type { CheckRecord, MusicStatus } from '../../shared/state';
import type { Site } from '../../shared/storage-schema';
import type { ControlAction, Feedback } from '../api';
import { NextIcon, PauseIcon, PlayIcon, ThumbDownIcon, ThumbUpIcon } from './icons';

export const SITE_NAMES: Record<Site, string> = { 'youtube-music': 'YouTube Music', spotify: 'Spotify' };

const STATUS_TEXT: Record<MusicStatus, (site: string) => string> = {
  pending: (site) => `Starting it on ${site}…`,
  playing: (site) => `Playing on ${site}`,
  queued: (site) => `Queued on ${site} to follow the current track`,
  unchanged: () => 'Music unchanged: the new mood has not held long enough yet',
  failed: (site) => `Could not play on ${site}`,
};

interface Props {
  record: CheckRecord | null;
  site: Site;
  nowPlaying: NowPlaying | null;
  onControl: (a: ControlAction) => void;
  onFeedback: (f: Feedback) => void;
}

export function MusicCard({ record, site, nowPlaying, onControl, onFeedback }: Props) {
  const siteName = SITE_NAMES[record?.site ?? site];
  const playing = nowPlaying?.playing ?? false;
  return (
    <section class="card music" aria-label="Music">
      <div>
        <strong data-testid="music-query">{record?.query ?? '—'}</strong>
        <span class="muted"> on </span>
        <span data-testid="music-site" data-site={record?.site ?? site} class="site">
          {siteName}
        </span>
      </div>
      {record?.perception && (
        <div class="muted small" data-testid="music-why">
          {record.mode === 'match' ? 'Matching' : 'Lifting'} your {record.perception.emotion} mood with {record.terms.join(' + ') || 'music'}
          {record.music && <> · <span data-testid="music-status">{STATUS_TEXT[record.music.status](siteName)}</span></>}
        </div>
      )}
      {record?.music?.tracks.length ? (
        <ol class="tracks small" data-testid="picked-tracks">
          {record.music.tracks.map((t) => (
            <li key={`${t.title}|${t.artist}`}>
              {t.title} <span class="muted">— {t.artist}{t.popularity !== undefined ? ` · popularity ${t.popularity}` : ''}</span>
            </li>
          ))}
        </ol>
      ) : null}
      <div class="now" data-testid="now-playing">
        {nowPlaying ? `${nowPlaying.title} — ${nowPlaying.artist}` : 'Nothing playing yet'}
      </div>
      <div class="controls">
        <button data-testid="play-pause" aria-label={playing ? 'Pause' : 'Play'} onClick={() => onControl('toggle')}>
          {playing ? <PauseIcon /> : <PlayIcon />}
        </button>
        <button data-testid="next" aria-label="Next track" onClick={() => onControl('next')}>
          <NextIcon />
        </button>
        <button data-testid="thumbs-up" aria-label="I like this" disabled={!record} onClick={() => onFeedback({ kind: 'up' })}>
          <ThumbUpIcon />
        </button>
        <button data-testid="thumbs-down" aria-label="Not for me" disabled={!record} onClick={() => onFeedback({ kind: 'down' })}>
          <ThumbDownIcon />
        </button>
        <select
          data-testid="override"
          aria-label="Not my mood: pick the right one"
          value=""
          disabled={!record}
          onChange={(e) => {
            const v = e.currentTarget.value as Emotion;
            if (v) onFeedback({ kind: 'override', emotion: v });
          }}
        >
          <option value="">Not my mood…</option>
          {EMOTIONS.map((e) => (
            <option key={e} value={e}>
              {e}
            </option>
          ))}
        </select>
      </div>
    </section>
  );
}
