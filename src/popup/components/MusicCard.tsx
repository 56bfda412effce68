import { EMOTIONS, type Emotion } from '../../shared/emotions';
import type { Site } from '../../shared/storage-schema';
import type { ControlAction, Feedback } from '../api';
import { NextIcon, PauseIcon, PlayIcon, ThumbDownIcon, ThumbUpIcon } from './icons';

export const SITE_NAMES: Record<Site, string> = { 'youtube-music': 'YouTube Music', spotify: 'Spotify' };

interface Props {
  query: string | null;
  site: Site;
  nowPlaying: string | null;
  playing: boolean;
  onControl: (a: ControlAction) => void;
  onFeedback: (f: Feedback) => void;
}

export function MusicCard({ query, site, nowPlaying, playing, onControl, onFeedback }: Props) {
  return (
    <section class="card music" aria-label="Music">
      <div>
        <span class="muted">Playing for you: </span>
        <strong data-testid="music-query">{query ?? '—'}</strong>
        <span class="muted"> on </span>
        <span data-testid="music-site" data-site={site} class="site">
          {site}
        </span>
        <span class="muted"> ({SITE_NAMES[site]})</span>
      </div>
      <div class="now" data-testid="now-playing">
        {nowPlaying ?? 'Nothing playing yet'}
      </div>
      <div class="controls">
        <button data-testid="play-pause" aria-label={playing ? 'Pause' : 'Play'} onClick={() => onControl('toggle')}>
          {playing ? <PauseIcon /> : <PlayIcon />}
        </button>
        <button data-testid="next" aria-label="Next track" onClick={() => onControl('next')}>
          <NextIcon />
        </button>
        <button data-testid="thumbs-up" aria-label="I like this" onClick={() => onFeedback({ kind: 'up' })}>
          <ThumbUpIcon />
        </button>
        <button data-testid="thumbs-down" aria-label="Not for me" onClick={() => onFeedback({ kind: 'down' })}>
          <ThumbDownIcon />
        </button>
        <select
          data-testid="override"
          aria-label="Not my mood: pick the right one"
          value=""
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
