import { describe, expect, it } from 'vitest';
import { musicView, type MusicInput } from '../../../src/popup/music-view';
import { appError } from '../../../src/shared/errors';
import type { MusicOutcome } from '../../../src/shared/state';
import { happyCheck } from './popup-fixtures';

const record = happyCheck;
const track = { title: 'Happy', artist: 'Pharrell Williams', playing: true };
const input = (o: Partial<MusicInput>): MusicInput => ({ record: null, site: 'spotify', nowPlaying: null, checking: false, controlError: null, ...o });
const outcome = (status: MusicOutcome['status'], extra: Partial<MusicOutcome> = {}): MusicOutcome => ({
  status,
  error: null,
  nowPlaying: null,
  tracks: [],
  ...extra,
});

describe('what the music card shows when', () => {
  it('before any check: the chosen site, nothing to control or rate', () => {
    expect(musicView(input({}))).toMatchObject({
      phase: 'idle',
      text: 'Nothing playing yet',
      siteName: 'Spotify',
      canControl: false,
      canRate: false,
      track: null,
    });
  });

  it('follows searching, then playing, then paused', () => {
    expect(musicView(input({ record: record(outcome('pending')) }))).toMatchObject({
      phase: 'finding',
      text: 'Finding “pop dance music”…',
      canControl: false,
      canRate: true,
    });
    expect(musicView(input({ record: record(outcome('playing')), nowPlaying: track }))).toMatchObject({
      phase: 'playing',
      text: 'Playing',
      track: 'Happy — Pharrell Williams',
      canControl: true,
      playing: true,
    });
    expect(musicView(input({ record: record(outcome('playing')), nowPlaying: { ...track, playing: false } }))).toMatchObject({
      phase: 'paused',
      text: 'Paused',
      playing: false,
    });
  });

  it('while a check runs, says what still plays and allows no rating of the old pick', () => {
    expect(musicView(input({ record: record(outcome('playing')), nowPlaying: track, checking: true }))).toMatchObject({
      phase: 'playing',
      canRate: false,
      canControl: true,
    });
    expect(musicView(input({ checking: true }))).toMatchObject({ phase: 'waiting', canControl: false });
  });

  it('a site failure is the status line itself', () => {
    const error = appError('site-logged-out');
    const v = musicView(input({ record: record(outcome('failed', { error })), nowPlaying: track }));
    expect(v).toMatchObject({ phase: 'failed', text: error.message, error, canControl: false });
  });

  it('a failed command replaces the line until the next one', () => {
    const error = appError('tab-closed');
    expect(musicView(input({ record: record(outcome('playing')), nowPlaying: track, controlError: error }))).toMatchObject({
      phase: 'failed',
      text: error.message,
    });
  });

  it('periodic checks that queue or hold keep naming what plays', () => {
    expect(musicView(input({ record: record(outcome('queued')), nowPlaying: track }))).toMatchObject({
      phase: 'queued',
      text: 'Queued to follow',
      track: 'Happy — Pharrell Williams',
    });
    expect(musicView(input({ record: record(outcome('unchanged')) }))).toMatchObject({ phase: 'unchanged', text: 'Mood not steady yet: music unchanged' });
  });

  it('an ad is never shown as the song: the music follows it', () => {
    const ad = { title: '', artist: '', playing: true, ad: true };
    expect(musicView(input({ record: record(outcome('ad', { nowPlaying: ad })), nowPlaying: ad }))).toMatchObject({
      phase: 'ad',
      text: 'An ad is playing on YouTube Music; your music follows',
      track: null,
    });
    // Once the tab reports the music itself, that is what shows.
    expect(musicView(input({ record: record(outcome('ad')), nowPlaying: track }))).toMatchObject({ phase: 'playing', text: 'Playing' });
    expect(musicView(input({ nowPlaying: ad }))).toMatchObject({ phase: 'ad', track: null });
  });

  it('a start held back is said as such, never as "Playing on …"', () => {
    const hidden = appError(
      'autoplay-blocked',
      'Chrome waits for you to look at a new Spotify tab before it plays. Switch to the Spotify tab once; the music starts there.',
    );
    const v = musicView(input({ record: record(outcome('playing', { error: hidden })), nowPlaying: { ...track, playing: false } }));
    expect(v).toMatchObject({ phase: 'waiting', text: hidden.message, track: null });
    expect(musicView(input({ record: record(outcome('playing', { error: hidden })) }))).toMatchObject({ phase: 'waiting', text: hidden.message });
    // Looked at, it plays: the warning is history.
    expect(musicView(input({ record: record(outcome('playing', { error: hidden })), nowPlaying: track }))).toMatchObject({ phase: 'playing', text: 'Playing' });
  });

  it('music on another device says where it plays', () => {
    const other = appError('other-device', 'Spotify is playing on another device (it says “Playing on Kitchen”), not in this browser.');
    const elsewhere = { ...track, elsewhere: 'Playing on Kitchen' };
    expect(musicView(input({ record: record(outcome('playing', { error: other })), nowPlaying: elsewhere }))).toMatchObject({
      phase: 'elsewhere',
      text: other.message,
    });
    expect(musicView(input({ nowPlaying: elsewhere }))).toMatchObject({
      phase: 'elsewhere',
      text: 'Spotify is playing on another device (“Playing on Kitchen”)',
    });
    expect(musicView(input({ record: record(outcome('playing')), nowPlaying: elsewhere }))).toMatchObject({ phase: 'elsewhere', track: null });
  });

  it('a note that does not stop the music goes under the line', () => {
    const note = appError('site-logged-out', 'Spotify is playing without your account.');
    expect(musicView(input({ record: record(outcome('playing', { error: note })), nowPlaying: track }))).toMatchObject({
      phase: 'playing',
      text: 'Playing',
      note: note.message,
      error: null,
    });
  });

  it('never says "queued" into a paused player (or behind an ad) without saying so', () => {
    expect(musicView(input({ record: record(outcome('queued')), nowPlaying: { ...track, playing: false } }))).toMatchObject({
      phase: 'queued',
      text: 'Queued, but YouTube Music is paused',
    });
    expect(musicView(input({ record: record(outcome('queued')), nowPlaying: { title: '', artist: '', playing: true, ad: true } }))).toMatchObject({
      text: 'Queued; an ad is playing on YouTube Music, your music follows',
      track: null,
    });
  });
});
