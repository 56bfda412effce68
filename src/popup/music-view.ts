import type { AppError } from '../shared/errors';
import { t } from '../shared/i18n/t';
import { SITE_INFO } from '../shared/sites';
import type { CheckRecord, MusicOutcome } from '../shared/state';
import type { Site } from '../shared/storage-schema';

/**
 * What the music card shows when: the one place that turns the latest check, what the
 * music tab reports and any music error into a single status line and which controls
 * work. Pure, so every state is unit-tested and the card itself only draws.
 */

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

/**
 * `ad`: an ad plays and the music follows it; `elsewhere`: the site plays on another
 * device; `waiting`: nothing chosen yet, or asked to play and held back (a background
 * tab Chrome waits for the user to look at).
 */
export type MusicPhase = 'idle' | 'waiting' | 'finding' | 'playing' | 'paused' | 'ad' | 'elsewhere' | 'queued' | 'unchanged' | 'failed';

export interface MusicView {
  phase: MusicPhase;
  /** The status line, before the track (when one is known); the track follows in quotes. */
  text: string;
  /** "Title — Artist" of what the tab reports, when it reports a song (never an ad). */
  track: string | null;
  /** The music side's failure, shown as the status line itself (never beside a second one). */
  error: AppError | null;
  /** A note under the status line that does not stop the music (logged out, songs not found). */
  note: string | null;
  siteName: string;
  /** The tab reports a track playing (not paused): the toggle offers Pause. */
  playing: boolean;
  /** Play/pause and next: only when the tab reports a track to act on. */
  canControl: boolean;
  /** Thumbs and "not my mood": only about a check that picked music. */
  canRate: boolean;
}

/** Warnings that say the music is not (yet) playing here: they replace "Playing", while that is still so. */
const HOLDING: ReadonlySet<string> = new Set(['autoplay-blocked', 'other-device', 'ad-playing']);

export function musicView({ record, site, nowPlaying, checking, controlError }: MusicInput): MusicView {
  const siteName = SITE_INFO[record?.site ?? site].name;
  const song = nowPlaying && !nowPlaying.ad ? nowPlaying : null;
  const track = song ? `${song.title} — ${song.artist}` : null;
  const base = {
    track,
    siteName,
    note: null,
    playing: nowPlaying?.playing ?? false,
    canControl: nowPlaying !== null,
    canRate: !checking && record !== null,
    error: null,
  };
  const adLine = { phase: 'ad' as const, text: t('music_ad', siteName), track: null };
  const nowLine = (): Pick<MusicView, 'phase' | 'text' | 'track'> => {
    if (!nowPlaying) return { phase: 'idle', text: t('music_nothing_yet'), track };
    if (nowPlaying.ad) return adLine;
    if (nowPlaying.elsewhere) return { phase: 'elsewhere', text: t('music_elsewhere', siteName, nowPlaying.elsewhere), track: null };
    return nowPlaying.playing ? { phase: 'playing', text: t('music_playing'), track } : { phase: 'paused', text: t('music_paused'), track };
  };

  if (controlError) return { ...base, ...nowLine(), phase: 'failed', text: controlError.message, error: controlError };
  if (checking) return { ...base, ...(nowPlaying ? nowLine() : { phase: 'waiting' as const, text: t('music_chosen_after_check') }) };
  const music = record?.music;
  if (!record || !music) return { ...base, ...nowLine() };
  const warning = music.error;
  switch (music.status) {
    case 'pending':
      return { ...base, phase: 'finding', text: record.query ? t('music_finding_query', record.query) : t('music_finding'), track: null, canControl: false };
    case 'failed':
      // What the tab last reported may be another site's: nothing here to control.
      return { ...base, phase: 'failed', text: warning?.message ?? t('music_could_not_play', siteName), error: warning, canControl: false };
    case 'ad':
      // Until the tab reports the music itself.
      return { ...base, ...(song ? nowLine() : adLine) };
    case 'queued': {
      if (!nowPlaying) return { ...base, phase: 'queued', text: t('music_queued_on', siteName) };
      if (nowPlaying.ad) return { ...base, ...adLine, phase: 'queued', text: t('music_queued_ad', siteName) };
      if (nowPlaying.elsewhere) return { ...base, ...nowLine(), phase: 'queued', text: t('music_queued_elsewhere', siteName, nowPlaying.elsewhere) };
      // Queued behind a paused player: it plays only when the user resumes.
      return { ...base, phase: 'queued', text: nowPlaying.playing ? t('music_queued_next') : t('music_queued_paused', siteName) };
    }
    case 'unchanged':
      return { ...base, phase: 'unchanged', text: nowPlaying ? t('music_unsteady_playing') : t('music_unsteady') };
    case 'playing': {
      const playingHere = song?.playing && !song.elsewhere;
      if (warning && HOLDING.has(warning.code) && !playingHere) {
        return {
          ...base,
          phase: warning.code === 'other-device' ? 'elsewhere' : warning.code === 'ad-playing' ? 'ad' : 'waiting',
          text: warning.message,
          track: null,
        };
      }
      const note = warning && !HOLDING.has(warning.code) ? warning.message : null;
      return { ...base, note, ...(nowPlaying ? nowLine() : { phase: 'playing' as const, text: t('music_playing_on', siteName) }) };
    }
  }
}
