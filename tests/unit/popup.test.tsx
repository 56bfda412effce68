// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { App } from '../../src/popup/App';
import type { PopupApi } from '../../src/popup/api';
import { toProbabilities } from '../../src/shared/emotions';
import { appError } from '../../src/shared/errors';
import type { Perception } from '../../src/shared/perception';
import type { MusicOutcome, PopupState, Stage } from '../../src/shared/state';

const happy: Perception = {
  emotion: 'happy',
  confidence: 0.81,
  notSure: false,
  probabilities: toProbabilities([0.02, 0.01, 0.03, 0.81, 0.05, 0.04, 0.04]),
  framesCaptured: 5,
  framesWithFace: 5,
  maxFaces: 1,
  frameSize: { width: 640, height: 480 },
  backend: 'wasm',
  model: 'baseline',
  timings: { cameraMs: 700, perFrameMs: 20, totalMs: 900, modelLoadMs: 0 },
};

function fakeApi(overrides: Partial<PopupApi> = {}, initial: Partial<PopupState> = {}) {
  let stageListener: ((s: Stage, d?: string) => void) | null = null;
  let musicListener: ((at: number, m: MusicOutcome) => void) | null = null;
  const state: PopupState = {
    stage: 'idle',
    last: null,
    settings: { mode: 'match', site: 'youtube-music', periodicEnabled: false, periodicMinutes: 10, framesPerCheck: 5, hysteresisChecks: 2, catalogPicks: 5 },
    nextCheckAt: null,
    onboarded: true,
    recent: [],
    ...initial,
  };
  const api: PopupApi = {
    getState: vi.fn(async () => structuredClone(state)),
    detect: vi.fn(async () => {
      stageListener?.('reading-expression');
      state.last = {
        at: 1,
        trigger: 'popup',
        perception: happy,
        error: null,
        query: 'pop dance music',
        terms: ['pop', 'dance'],
        mode: 'match',
        site: 'youtube-music',
        music: { status: 'pending', error: null, nowPlaying: null, tracks: [{ title: 'Good as Hell', artist: 'Lizzo', popularity: 77 }] },
      };
      return { ok: true as const, value: happy };
    }),
    saveSettings: vi.fn(async (c) => void Object.assign(state.settings, c)),
    control: vi.fn(async () => ({ ok: true as const, value: null })),
    nowPlaying: vi.fn(async () => ({ ok: true as const, value: null })),
    feedback: vi.fn(async () => ({ ok: true as const, value: null })),
    pickMood: vi.fn(async () => ({ ok: true as const, value: null })),
    onStage: (l) => {
      stageListener = l;
      return () => (stageListener = null);
    },
    onMusic: (l) => {
      musicListener = l;
      return () => (musicListener = null);
    },
    openOptions: vi.fn(),
    finishOnboarding: vi.fn(async () => undefined),
    ...overrides,
  };
  return { api, state, music: (at: number, m: MusicOutcome) => musicListener?.(at, m) };
}

afterEach(cleanup);

describe('popup', () => {
  it('shows the result, every probability and the music after Detect', async () => {
    const { api } = fakeApi();
    render(<App api={api} />);
    fireEvent.click(await screen.findByTestId('detect'));
    await waitFor(() => expect(screen.getByTestId('emotion').textContent).toBe('happy'));
    expect(screen.getByTestId('confidence').textContent).toBe('0.810');
    expect(screen.getByTestId('prob-sad').textContent).toBe('0.050');
    expect(screen.getByTestId('status').getAttribute('data-stage')).toBe('done');
    await waitFor(() => expect(screen.getByTestId('music-query').textContent).toBe('pop dance music'));
    expect(screen.getByTestId('music-site').getAttribute('data-site')).toBe('youtube-music');
    expect(screen.queryByTestId('error')).toBeNull();
    expect(screen.getByTestId('music-why').textContent).toContain('Matching your happy mood with pop + dance');
    expect(screen.getByTestId('picked-tracks').textContent).toContain('Good as Hell');
  });

  it('shows when the music starts, and a site failure in the error hook', async () => {
    const { api, music } = fakeApi();
    render(<App api={api} />);
    fireEvent.click(await screen.findByTestId('detect'));
    await screen.findByTestId('music-status');
    expect(screen.getByTestId('music-status').textContent).toBe('Starting it on YouTube Music…');
    music(1, { status: 'playing', error: null, nowPlaying: { title: 'Happy', artist: 'Pharrell Williams', playing: true }, tracks: [] });
    await waitFor(() => expect(screen.getByTestId('now-playing').textContent).toBe('Happy — Pharrell Williams'));
    expect(screen.getByTestId('play-pause').getAttribute('aria-label')).toBe('Pause');
    music(1, { status: 'failed', error: appError('site-logged-out', 'Log in to YouTube Music in its tab to play music, then try again.'), nowPlaying: null, tracks: [] });
    await waitFor(() => expect(screen.getByTestId('error').getAttribute('data-code')).toBe('site-logged-out'));
    expect(screen.getByTestId('emotion').textContent).toBe('happy');
  });

  it('sends feedback and overrides', async () => {
    const { api } = fakeApi();
    render(<App api={api} />);
    fireEvent.click(await screen.findByTestId('detect'));
    await screen.findByTestId('emotion');
    fireEvent.click(screen.getByTestId('thumbs-down'));
    fireEvent.change(screen.getByTestId('override'), { target: { value: 'sad' } });
    await waitFor(() => expect(api.feedback).toHaveBeenCalledWith({ kind: 'override', emotion: 'sad' }));
    expect(api.feedback).toHaveBeenCalledWith({ kind: 'down' });
  });

  it('shows a failure in plain words and no stale result', async () => {
    const { api } = fakeApi({ detect: vi.fn(async () => ({ ok: false as const, error: appError('no-face') })) });
    render(<App api={api} />);
    fireEvent.click(await screen.findByTestId('detect'));
    const error = await screen.findByTestId('error');
    expect(error.textContent).toMatch(/No face found/);
    expect(error.getAttribute('data-code')).toBe('no-face');
    expect(screen.queryByTestId('emotion')).toBeNull();
  });

  it('saves the mode and the periodic interval', async () => {
    const { api } = fakeApi();
    render(<App api={api} />);
    const mode = (await screen.findByTestId('mode')) as HTMLSelectElement;
    fireEvent.change(mode, { target: { value: 'lift' } });
    await waitFor(() => expect(api.saveSettings).toHaveBeenCalledWith({ mode: 'lift' }));
    fireEvent.change(screen.getByTestId('periodic-interval'), { target: { value: '15' } });
    await waitFor(() => expect(api.saveSettings).toHaveBeenCalledWith({ periodicMinutes: 15 }));
    fireEvent.change(screen.getByTestId('periodic-interval'), { target: { value: '600' } });
    expect(api.saveSettings).not.toHaveBeenCalledWith({ periodicMinutes: 600 });
  });

  it('offers a retry when the model is not sure', async () => {
    const unsure = { ...happy, notSure: true, confidence: 0.3 };
    const detect = vi.fn(async () => ({ ok: true as const, value: unsure }));
    const { api } = fakeApi({ detect });
    render(<App api={api} />);
    fireEvent.click(await screen.findByTestId('detect'));
    fireEvent.click(await screen.findByText('Try again'));
    await waitFor(() => expect(detect).toHaveBeenCalledTimes(2));
  });
});

describe('first run and history', () => {
  it('explains what happens to camera frames until the user acknowledges it', async () => {
    const { api } = fakeApi({}, { onboarded: false });
    render(<App api={api} />);
    expect((await screen.findByTestId('onboarding')).textContent).toMatch(/never sent anywhere and never stored/);
    fireEvent.click(screen.getByTestId('onboarding-done'));
    await waitFor(() => expect(screen.queryByTestId('onboarding')).toBeNull());
    expect(api.finishOnboarding).toHaveBeenCalled();
  });

  it('draws recent checks and tells what played for a tapped point', async () => {
    const now = Date.now();
    const entry = (at: number, emotion: 'happy' | 'sad', query: string) => ({
      at,
      emotion,
      confidence: 0.7,
      probabilities: happy.probabilities,
      mode: 'match' as const,
      trigger: 'popup' as const,
      query,
      terms: [],
      tracks: [{ title: 'Clair de Lune', artist: 'Debussy' }],
      site: 'youtube-music' as const,
      feedback: null,
    });
    const recent = [entry(now - 3 * 24 * 3600_000, 'happy', 'pop dance music'), entry(now - 3600_000, 'sad', 'soft classical music')];
    const { api } = fakeApi({}, { recent });
    render(<App api={api} />);
    await screen.findByTestId('mood-chart');
    expect(screen.getAllByTestId('chart-point')).toHaveLength(1); // 24 h view
    fireEvent.click(screen.getByText('7 days'));
    expect(screen.getAllByTestId('chart-point')).toHaveLength(2);
    fireEvent.click(screen.getAllByTestId('chart-point')[1]);
    expect(screen.getByTestId('chart-detail').textContent).toContain('sad');
    expect(screen.getByTestId('chart-detail').textContent).toContain('soft classical music, Clair de Lune');
  });
});
