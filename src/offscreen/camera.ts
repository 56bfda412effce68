import { MoodError } from '../shared/errors';

export interface Frame {
  width: number;
  height: number;
  rgba: Uint8ClampedArray<ArrayBuffer>;
}

export interface CaptureOptions {
  count: number;
  /** Frames are spread over this long so one blink does not decide the result. */
  spreadMs?: number;
  /** Lets auto-exposure settle after the first real frame. */
  settleMs?: number;
  startTimeoutMs?: number;
  signal?: AbortSignal;
}

/**
 * Tracks of the latest capture, kept so tests can prove the camera light went off
 * (every track `ended`). Holds no pixels.
 */
export const lastCameraTracks: MediaStreamTrack[] = [];
(globalThis as { mooddjCameraTracks?: MediaStreamTrack[] }).mooddjCameraTracks = lastCameraTracks;

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
  return new MoodError('camera-busy', `The camera could not be started (${name || String(err)}).`);
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(new MoodError('timeout', 'The check was cancelled.'));
    const t = setTimeout(resolve, ms);
    signal?.addEventListener('abort', () => {
      clearTimeout(t);
      reject(new MoodError('timeout', 'The check was cancelled.'));
    }, { once: true });
  });
}

function withDeadline<T>(p: Promise<T>, ms: number, signal?: AbortSignal): Promise<T> {
  return Promise.race([p, sleep(ms, signal).then(() => Promise.reject(new MoodError('camera-timeout')))]);
}

async function firstFrame(video: HTMLVideoElement): Promise<void> {
  await video.play();
  while (!video.videoWidth || video.readyState < HTMLMediaElement.HAVE_CURRENT_DATA) {
    await new Promise<void>((r) => video.requestVideoFrameCallback(() => r()));
  }
}

function grab(video: HTMLVideoElement, ctx: CanvasRenderingContext2D): Frame {
  const { videoWidth: width, videoHeight: height } = video;
  ctx.canvas.width = width;
  ctx.canvas.height = height;
  ctx.drawImage(video, 0, 0, width, height);
  return { width, height, rgba: ctx.getImageData(0, 0, width, height).data };
}

/** Opens the camera, takes `count` frames, and always stops every track before returning. */
export async function captureFrames(opts: CaptureOptions): Promise<{ frames: Frame[]; cameraMs: number }> {
  const started = performance.now();
  const { count, spreadMs = 500, settleMs = 300, startTimeoutMs = 10_000, signal } = opts;
  let stream: MediaStream | null = null;
  const video = document.createElement('video');
  video.muted = true;
  video.playsInline = true;
  try {
    const request = navigator.mediaDevices
      .getUserMedia({ video: { width: { ideal: 640 }, height: { ideal: 480 }, facingMode: 'user' }, audio: false })
      .then((s) => {
        stream = s;
        lastCameraTracks.splice(0, lastCameraTracks.length, ...s.getTracks());
        // A stream that arrives after we gave up must still be switched off.
        if (signal?.aborted) s.getTracks().forEach((t) => t.stop());
        return s;
      });
    const s = await withDeadline(request.catch(async (e) => Promise.reject(await cameraErrorFor(e))), startTimeoutMs, signal);
    video.srcObject = s;
    await withDeadline(firstFrame(video), startTimeoutMs, signal);
    await sleep(settleMs, signal);
    const ctx = document.createElement('canvas').getContext('2d', { willReadFrequently: true });
    if (!ctx) throw new MoodError('internal', 'No 2D canvas available.');
    const frames: Frame[] = [];
    const gap = count > 1 ? spreadMs / (count - 1) : 0;
    for (let i = 0; i < count; i++) {
      if (i) await sleep(gap, signal);
      frames.push(grab(video, ctx));
    }
    return { frames, cameraMs: performance.now() - started };
  } finally {
    (stream as MediaStream | null)?.getTracks().forEach((t) => t.stop());
    video.pause();
    video.srcObject = null;
  }
}

/** A photo the user dropped in, as one frame (large photos are scaled down first). */
export async function photoFrame(dataUrl: string, maxSide = 1280): Promise<Frame> {
  let bitmap: ImageBitmap;
  try {
    // Decoded by hand rather than fetch(): nothing of ours should even look like a request.
    const comma = dataUrl.indexOf(',');
    if (!dataUrl.slice(0, comma).endsWith(';base64')) throw new Error('not base64');
    const bin = atob(dataUrl.slice(comma + 1));
    const bytes = Uint8Array.from(bin, (c) => c.charCodeAt(0));
    bitmap = await createImageBitmap(new Blob([bytes]));
  } catch {
    throw new MoodError('bad-image');
  }
  const scale = Math.min(1, maxSide / Math.max(bitmap.width, bitmap.height));
  const width = Math.max(1, Math.round(bitmap.width * scale));
  const height = Math.max(1, Math.round(bitmap.height * scale));
  const ctx = document.createElement('canvas').getContext('2d', { willReadFrequently: true });
  if (!ctx) throw new MoodError('internal', 'No 2D canvas available.');
  ctx.canvas.width = width;
  ctx.canvas.height = height;
  ctx.drawImage(bitmap, 0, 0, width, height);
  bitmap.close();
  return { width, height, rgba: ctx.getImageData(0, 0, width, height).data };
}
