// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { App } from '../../../src/popup/App';
import { appError } from '../../../src/shared/errors';
import { fakeApi, happy, happyCheck } from './popup-fixtures';

afterEach(cleanup);

describe('popup', () => {
  it('warms the models once when it opens, before any click', async () => {
    const { api } = fakeApi();
    render(<App api={api} />);
    await screen.findByTestId('detect');
    expect(api.warm).toHaveBeenCalledTimes(1);
    expect(api.detect).not.toHaveBeenCalled();
  });

  it('shows the result, every probability and the music after Detect', async () => {
    const { api } = fakeApi();
    render(<App api={api} />);
    fireEvent.click(await screen.findByTestId('detect'));
    await waitFor(() => expect(screen.getByTestId('emotion').getAttribute('data-value')).toBe('happy'));
    expect(screen.getByTestId('emotion').textContent).toBe('Happy');
    expect(screen.getByTestId('result-words').textContent).toBe('fairly sure, 81%');
    expect(screen.getByTestId('confidence').getAttribute('data-value')).toBe('0.81');
    expect(screen.getByTestId('prob-sad').textContent).toBe('5%');
    // Top three shown, all seven on demand.
    const rows = () => [...screen.getByTestId('result-card').querySelectorAll('.bars li')].filter((li) => !(li as HTMLElement).hidden);
    expect(rows().map((li) => li.querySelector('.label')!.textContent)).toEqual(['Happy', 'Sad', 'Surprised']);
    fireEvent.click(screen.getByTestId('bars-toggle'));
    expect(rows()).toHaveLength(7);
    expect(screen.getByTestId('result-details').textContent).toContain('5 of 5 frames showed a face');
    await waitFor(() => expect(screen.getByTestId('announce').textContent).toBe('Your mood: Happy · fairly sure, 81%.'));
    expect(screen.getByTestId('status').getAttribute('data-stage')).toBe('done');
    await waitFor(() => expect(screen.getByTestId('music-query').textContent).toBe('pop dance music'));
    expect(screen.getByTestId('music-site').getAttribute('data-site')).toBe('youtube-music');
    expect(screen.queryByTestId('error')).toBeNull();
    expect(screen.getByTestId('music-why').textContent).toBe('Matching your happy mood with pop dance music on YouTube Music');
    expect(screen.getByTestId('picked-tracks').textContent).toContain('Good as Hell');
  });

  it('several faces in view are said once, in the result', async () => {
    const { api } = fakeApi({}, { last: { ...happyCheck(null), perception: { ...happy, maxFaces: 2 } }, stage: 'done' });
    render(<App api={api} />);
    await screen.findByTestId('several-faces');
    expect(screen.getByTestId('result-card').textContent.match(/largest/g)).toHaveLength(1);
  });

  it('an unsure reading waiting for a pick says so on the music card, and names no music', async () => {
    const unsure = { ...happy, confidence: 0.32, notSure: true };
    const last = { ...happyCheck(null), perception: unsure, query: null, terms: [] };
    const { api } = fakeApi({}, { last, stage: 'done' });
    render(<App api={api} />);
    await waitFor(() => expect(screen.getByTestId('music-why').textContent).toMatch(/^Pick the closer mood above to start music on .*YouTube Music$/));
    expect(screen.getByTestId('music-query').hidden).toBe(true);
  });

  it('shows when the music starts, and a site failure in the error hook', async () => {
    const { api, music } = fakeApi();
    render(<App api={api} />);
    await waitFor(() => expect(screen.getByTestId('music-status').textContent).toBe('Nothing playing yet'));
    expect(screen.getByTestId<HTMLButtonElement>('play-pause').disabled).toBe(true);
    fireEvent.click(await screen.findByTestId('detect'));
    await waitFor(() => expect(screen.getByTestId('music-status').textContent).toBe('Finding “pop dance music”…'));
    music(1, { status: 'playing', error: null, nowPlaying: { title: 'Happy', artist: 'Pharrell Williams', playing: true }, tracks: [] });
    await waitFor(() => expect(screen.getByTestId('now-playing').textContent).toBe('Happy — Pharrell Williams'));
    expect(screen.getByTestId('music-status').textContent).toBe('Playing “Happy — Pharrell Williams”');
    expect(screen.getByTestId('play-pause').getAttribute('aria-label')).toBe('Pause');
    expect(screen.getByTestId<HTMLButtonElement>('play-pause').disabled).toBe(false);
    music(1, {
      status: 'failed',
      error: appError('site-logged-out', 'Log in to YouTube Music in its tab to play music, then try again.'),
      nowPlaying: null,
      tracks: [],
    });
    await waitFor(() => expect(screen.getByTestId('error').getAttribute('data-code')).toBe('site-logged-out'));
    // The failure is the status line itself: no second line saying something else.
    expect(screen.getByTestId('music-status').textContent).toBe('Log in to YouTube Music in its tab to play music, then try again.');
    expect(screen.getByTestId('emotion').getAttribute('data-value')).toBe('happy');
  });

  it('sends feedback and overrides', async () => {
    const { api } = fakeApi();
    render(<App api={api} />);
    fireEvent.click(await screen.findByTestId('detect'));
    await screen.findByTestId('emotion');
    await waitFor(() => expect(screen.getByTestId<HTMLButtonElement>('thumbs-down').disabled).toBe(false));
    fireEvent.click(screen.getByTestId('thumbs-down'));
    await waitFor(() => expect(screen.getByTestId('thumbs-down').getAttribute('aria-pressed')).toBe('true'));
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
    // Nothing to control or rate after a failed check.
    for (const id of ['play-pause', 'next', 'thumbs-up', 'thumbs-down', 'override']) expect(screen.getByTestId<HTMLButtonElement>(id).disabled, id).toBe(true);
  });

  it('saves the mode and the periodic interval', async () => {
    const { api } = fakeApi();
    render(<App api={api} />);
    fireEvent.click(await screen.findByTestId('tab-settings'));
    expect(screen.getByTestId('panel-settings').hidden).toBe(false);
    expect(screen.getByTestId('panel-now').hidden).toBe(true);
    const mode = await screen.findByTestId<HTMLSelectElement>('mode');
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
    await waitFor(() => expect(screen.getByTestId('result-words').textContent).toBe('not sure, 30%'));
    fireEvent.click(await screen.findByText('Try again'));
    await waitFor(() => expect(detect).toHaveBeenCalledTimes(2));
  });
});

describe('views', () => {
  it('tabs switch views by click and by arrow keys, and the heatmap reading shows with the result', async () => {
    const withAttention = {
      ...happy,
      attention: { brow: 0.1, eyes: 0.15, nose: 0.2, mouth: 0.55 },
      heatmap: 'data:image/png;base64,AA==',
      crop: 'data:image/png;base64,AA==',
    };
    const { api } = fakeApi({ detect: vi.fn(async () => ({ ok: true as const, value: withAttention })) });
    render(<App api={api} />);
    fireEvent.click(await screen.findByTestId('detect'));
    expect((await screen.findByTestId('heatmap-reading')).textContent).toBe('Looked mostly at your mouth');
    fireEvent.click(screen.getByTestId('heatmap-toggle'));
    expect(screen.getByTestId('heatmap-overlay').hidden).toBe(true);
    fireEvent.keyDown(screen.getByTestId('tab-now'), { key: 'ArrowRight' });
    expect(screen.getByTestId('panel-moods').hidden).toBe(false);
    expect(screen.getByTestId('tab-moods').getAttribute('aria-selected')).toBe('true');
    fireEvent.keyDown(screen.getByTestId('tab-moods'), { key: 'ArrowLeft' });
    expect(screen.getByTestId('panel-now').hidden).toBe(false);
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
    fireEvent.click(await screen.findByTestId('tab-moods'));
    await screen.findByTestId('mood-chart');
    expect(screen.getAllByTestId('chart-point')).toHaveLength(1); // 24 h view
    fireEvent.click(screen.getByText('7 days'));
    expect(screen.getAllByTestId('chart-point')).toHaveLength(2);
    fireEvent.click(screen.getAllByTestId('chart-point')[1]);
    expect(screen.getByTestId('chart-detail').textContent).toContain('Sad');
    expect(screen.getByTestId('chart-detail').textContent).toContain('soft classical music, Clair de Lune');
  });
});
