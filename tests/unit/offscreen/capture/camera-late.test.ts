// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { openCamera } from '../../../../src/offscreen/capture/camera';

/** A camera whose getUserMedia answers only when `answer()` is called, as a slow driver does. */
function slowCamera() {
  const track = { readyState: 'live', stop: vi.fn(() => (track.readyState = 'ended')), getSettings: () => ({}) };
  const stream = { getTracks: () => [track], getVideoTracks: () => [track] } as unknown as MediaStream;
  let answer!: () => void;
  const pending = new Promise<MediaStream>((resolve) => (answer = () => resolve(stream)));
  Object.defineProperty(navigator, 'mediaDevices', { configurable: true, value: { getUserMedia: () => pending } });
  return { track, answer: async () => (answer(), await Promise.resolve(), await Promise.resolve()) };
}

afterEach(() => vi.useRealTimers());

describe('a camera that answers after MoodDJ gave up', () => {
  it('is switched off when it arrives after the start deadline', async () => {
    vi.useFakeTimers();
    const camera = slowCamera();
    const opening = openCamera({ startTimeoutMs: 10_000 });
    const failed = expect(opening).rejects.toMatchObject({ code: 'camera-timeout' });
    await vi.advanceTimersByTimeAsync(10_001);
    await failed;
    // The user already read "did not start in time"; the light must not come on now.
    await camera.answer();
    expect(camera.track.stop).toHaveBeenCalled();
    expect(camera.track.readyState).toBe('ended');
  });

  it('is switched off when it arrives after the check was cancelled', async () => {
    const camera = slowCamera();
    const controller = new AbortController();
    const opening = openCamera({ startTimeoutMs: 10_000, signal: controller.signal });
    const failed = expect(opening).rejects.toMatchObject({ code: 'timeout' });
    controller.abort();
    await failed;
    await camera.answer();
    expect(camera.track.readyState).toBe('ended');
  });
});
