import type { AppError } from '../shared/errors';
import type { CheckRecord, MusicOutcome } from '../shared/state';
import type { Site } from '../shared/storage-schema';

/**
 * What the music card shows when: the one place that turns the latest check, what the
 * music tab reports and any music error into a single status line and which controls
 * work. Pure, so every state is unit-tested and the card itself only draws.
 */

export const SITE_NAMES: Record<Site, string> = { 'youtube-music': 'YouTube Music', spotify: 'Spotify' };

export type NowPlaying = NonNullable<MusicOutcome['nowPlaying']>;

export interface MusicInput {
  /** The latest check, only when it read a face (an errored check picks no music). */
  record: CheckRecord | null;
  /** The chosen site, for before any check. */
  site: Site;
  nowPlaying: NowPlaying | null;
  /** A check is running: its music is not chosen yet. */
  checking: boolean;
  /** A failed play/pause/next or feedback, newer than the record's own music outcome. */
  controlError: AppError | null;
}

export type MusicPhase = 'idle' | 'waiting' | 'finding' | 'playing' | 'paused' | 'queued' | 'unchanged' | 'failed';

export interface MusicView {
  phase: MusicPhase;
  /** The status line, before the track (when one is known); the track follows in quotes. */
  text: string;
  /** "Title — Artist" of what the tab reports, when it reports anything. */
  track: string | null;
  /** The music side's failure, shown as the status line itself (never beside a second one). */
  error: AppError | null;
  siteName: string;
  /** The tab reports a track playing (not paused): the toggle offers Pause. */
  playing: boolean;
  /** Play/pause and next: only when the tab reports a track to act on. */
  canControl: boolean;
  /** Thumbs and "not my mood": only about a check that picked music. */
  canRate: boolean;
}

export function musicView({ record, site, nowPlaying, checking, controlError }: MusicInput): MusicView {
  const siteName = SITE_NAMES[record?.site ?? site];
  const track = nowPlaying ? `${nowPlaying.title} — ${nowPlaying.artist}` : null;
  const base = { track, siteName, playing: nowPlaying?.playing ?? false, canControl: nowPlaying !== null, canRate: !checking && record !== null, error: null };
  const nowLine = (): Pick<MusicView, 'phase' | 'text'> =>
    nowPlaying
      ? { phase: nowPlaying.playing ? 'playing' : 'paused', text: nowPlaying.playing ? 'Playing' : 'Paused' }
      : { phase: 'idle', text: 'Nothing playing yet' };

  if (controlError) return { ...base, ...nowLine(), phase: 'failed', text: controlError.message, error: controlError };
  if (checking) return { ...base, ...(nowPlaying ? nowLine() : { phase: 'waiting' as const, text: 'Music is chosen when the check ends' }) };
  const music = record?.music;
  if (!record || !music) return { ...base, ...nowLine() };
  switch (music.status) {
    case 'pending':
      return { ...base, phase: 'finding', text: `Finding “${record.query ?? 'music'}”…`, track: null, canControl: false };
    case 'failed':
      // What the tab last reported may be another site's: nothing here to control.
      return { ...base, phase: 'failed', text: music.error?.message ?? `Could not play on ${siteName}.`, error: music.error, canControl: false };
    case 'queued':
      return { ...base, phase: 'queued', text: nowPlaying ? 'Queued to follow' : `Queued on ${siteName}` };
    case 'unchanged':
      return { ...base, phase: 'unchanged', text: nowPlaying ? 'Mood not steady yet, still playing' : 'Mood not steady yet: music unchanged' };
    case 'playing':
      return { ...base, ...(nowPlaying ? nowLine() : { phase: 'playing' as const, text: `Playing on ${siteName}` }) };
  }
}
