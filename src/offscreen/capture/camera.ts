/**
 * The camera: opened for one check, frames as it delivers them, every track stopped on every
 * path (a stream that arrives after a time-out or cancel included).
 */
import { MoodError } from '../../shared/errors';
import type { Frame } from './frame';
import { t } from '../../shared/i18n/t';

/**
 * The tracks of the latest session, so that a debugger attached to this document can tell
 * whether the camera is on (every track `ended` once a check is over). Holds no pixels.
 */
const lastTracks: MediaStreamTrack[] = [];

/** readyState of each track of the latest camera session (none before the first). */
export function cameraTrackStates(): MediaStreamTrackState[] {
  return lastTracks.map((t) => t.readyState);
}

async function cameraErrorFor(err: unknown): Promise<MoodError> {
  const name = err instanceof DOMException ? err.name : '';
  if (name === 'NotFoundError' || name === 'OverconstrainedError' || name === 'DevicesNotFoundError') return new MoodError('no-camera');
  if (name === 'NotReadableError' || name === 'TrackStartError' || name === 'AbortError') return new MoodError('camera-busy');
  if (name === 'NotAllowedError' || name === 'SecurityError') {
    // An offscreen document cannot prompt: "prompt" means the user was never asked.
    const state = await navigator.permissions
      .query({ name: 'camera' })
      .then((s) => s.state)
      .catch(() => 'prompt' as const);
    return new MoodError(state === 'denied' ? 'permission-denied' : 'permission-needed');
  }
  return new MoodError('camera-busy', t('error_camera_failed', name || String(err)));
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(new MoodError('timeout', t('error_cancelled')));
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener(
      'abort',
      () => {
        clearTimeout(timer);
        reject(new MoodError('timeout', t('error_cancelled')));
      },
      { once: true },
    );
  });
}

function withDeadline<T>(p: Promise<T>, ms: number, signal?: AbortSignal): Promise<T> {
  return Promise.race([p, sleep(ms, signal).then(() => Promise.reject(new MoodError('camera-timeout')))]);
}

async function firstFrame(video: HTMLVideoElement): Promise<void> {
  await video.play();
  while (!video.videoWidth || video.readyState < HTMLMediaElement.HAVE_CURRENT_DATA) await nextVideoFrame(video);
}

function nextVideoFrame(video: HTMLVideoElement): Promise<void> {
  return new Promise<void>((r) => video.requestVideoFrameCallback(() => r()));
}

/**
 * Resolves when the camera has delivered a new frame: requestVideoFrameCallback says so where
 * the video is rendered, but an offscreen document is never rendered, so one frame interval
 * (from the track's frame rate) is the fallback there.
 */
function newFrame(video: HTMLVideoElement, frameMs: number): Promise<void> {
  return new Promise<void>((resolve) => {
    const t = setTimeout(resolve, frameMs);
    void nextVideoFrame(video).then(() => {
      clearTimeout(t);
      resolve();
    });
  });
}

function grab(video: HTMLVideoElement, ctx: CanvasRenderingContext2D): Frame {
  const { videoWidth: width, videoHeight: height } = video;
  if (ctx.canvas.width !== width || ctx.canvas.height !== height) {
    ctx.canvas.width = width;
    ctx.canvas.height = height;
  }
  ctx.drawImage(video, 0, 0, width, height);
  return { width, height, rgba: ctx.getImageData(0, 0, width, height).data };
}

/**
 * Starts the browser's media-device service ahead of a check by listing the devices, which
 * opens no camera (no track, no light); the first getUserMedia is then quicker.
 */
export async function prepareCamera(): Promise<void> {
  await navigator.mediaDevices.enumerateDevices().catch(() => undefined);
}

/** An open camera: frames as the camera delivers them, until `stop()`. */
export interface CameraSession {
  /** Time from the request to the first decoded frame. */
  openMs: number;
  /** The next frame the camera delivers (never the same frame twice). */
  next(): Promise<Frame>;
  /** Switches every track off; safe to call more than once. */
  stop(): void;
}

/**
 * Opens the camera and waits for its first frame. The caller must `stop()` the session (in a
 * finally block); a failed open stops whatever it started itself.
 */
export async function openCamera(opts: { startTimeoutMs?: number; signal?: AbortSignal } = {}): Promise<CameraSession> {
  const started = performance.now();
  const { startTimeoutMs = 10_000, signal } = opts;
  let stream: MediaStream | null = null;
  let stopped = false;
  const video = document.createElement('video');
  video.muted = true;
  video.playsInline = true;
  const stop = () => {
    stopped = true;
    stream?.getTracks().forEach((t) => t.stop());
    video.pause();
    video.srcObject = null;
  };
  try {
    const request = navigator.mediaDevices
      .getUserMedia({ video: { width: { ideal: 640 }, height: { ideal: 480 }, facingMode: 'user' }, audio: false })
      .then((s) => {
        stream = s;
        lastTracks.splice(0, lastTracks.length, ...s.getTracks());
        // A stream that arrives after we gave up (the start deadline passed, the check was
        // cancelled) must still be switched off: nobody else holds it.
        if (stopped || signal?.aborted) s.getTracks().forEach((t) => t.stop());
        return s;
      });
    const s = await withDeadline(
      request.catch(async (e) => Promise.reject(await cameraErrorFor(e))),
      startTimeoutMs,
      signal,
    );
    video.srcObject = s;
    await withDeadline(firstFrame(video), startTimeoutMs, signal);
  } catch (err) {
    stop();
    throw err;
  }
  // One canvas per session, reused for every frame; each frame gets its own pixel buffer.
  const ctx = document.createElement('canvas').getContext('2d', { willReadFrequently: true });
  if (!ctx) {
    stop();
    throw new MoodError('internal', t('error_no_canvas'));
  }
  let first = true;
  const fps = (stream as MediaStream | null)?.getVideoTracks()[0]?.getSettings().frameRate;
  const frameMs = 1000 / (fps && fps > 0 ? Math.min(fps, 60) : 30);
  return {
    openMs: performance.now() - started,
    next: async () => {
      // The frame shown when the camera opened is the first; later calls wait for a new one.
      if (!first) await withDeadline(newFrame(video, frameMs), startTimeoutMs, signal);
      first = false;
      return grab(video, ctx);
    },
    stop,
  };
}
