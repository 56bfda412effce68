/**
 * One check, from the source to the result: frames from the camera (read as they come until
 * they agree) or one photo, each read by read.ts, then combined, explained and reported.
 */
import type { Prototype } from '../../shared/calibration';
import { MoodError } from '../../shared/errors';
import type { Probabilities } from '../../shared/emotions';
import { send } from '../../shared/messaging';
import type { ImageSource, Perception } from '../../shared/perception';
import { openCamera } from '../capture/camera';
import { photoFrame } from '../capture/photo';
import { settle } from '../capture/settle';
import { explainFace } from '../explain/face';
import { cropPreview } from '../explain/crop-preview';
import { usableFrames } from '../faces/checks';
import type { Cut } from '../faces/views';
import { combineFrames } from '../model/combine';
import { loadModels, modelsLoaded, type Models } from '../model/load';
import { personalFields } from '../model/personal';
import type { FaceReading } from '../model/read-face';
import { stopReason } from './enough-frames';
import { forget, newRead, readFrame, type Read } from './read';
import { t } from '../../shared/i18n/t';

/**
 * How a camera check reads frames: it stops once `AGREE` consecutive frames agree with
 * confidence, or after the requested frame count plus `EXTRA_FRAMES` / `MAX_READ_MS` of reading
 * for hard cases (a face that comes and goes, a mood between two classes).
 */
const AGREE = 3;
const EXTRA_FRAMES = 5;
const MAX_READ_MS = 2500;
const SETTLE_MAX_MS = 1000;

export async function analyze(req: { source: ImageSource; frames: number; calibration?: Prototype[]; signal: AbortSignal }): Promise<Perception> {
  const calibration = req.calibration ?? [];
  const started = performance.now();
  const aborted = () => {
    if (req.signal.aborted) throw new MoodError('timeout', t('error_cancelled'));
  };
  // Models load while the camera opens and settles; both are slow the first time (unless warmed).
  if (!modelsLoaded()) void send('popup', 'stage', { stage: req.source.kind === 'camera' ? 'starting-camera' : 'finding-face', detail: 'loading-models' });
  const modelsReady = loadModels();
  modelsReady.catch(() => undefined);
  const read: Read = newRead();
  const capture = { cameraOpenMs: 0, settleMs: 0, modelWaitMs: 0, readMs: 0 };
  let models: Models;

  if (req.source.kind === 'camera') {
    const camera = await openCamera({ signal: req.signal });
    try {
      capture.cameraOpenMs = camera.openMs;
      let t = performance.now();
      const first = await camera.next();
      // When the first two frames match in brightness the camera had settled from the first frame
      // on, and the first frame is read too (one frame interval sooner). Warm, it is read while
      // the camera delivers the second, and the reading is dropped if the camera had not settled.
      const early = modelsLoaded() ? modelsReady.then((m) => readFrame(first, m, read, calibration)) : null;
      early?.catch(() => undefined); // awaited below; a failed settle must not leave it unhandled
      const settled = await settle(camera, { first, maxMs: SETTLE_MAX_MS });
      const firstCounts = settled.frames === 2;
      let frame = settled.frame;
      capture.settleMs = performance.now() - t;
      void send('popup', 'stage', { stage: 'finding-face' });
      t = performance.now();
      models = await modelsReady;
      capture.modelWaitMs = performance.now() - t;
      if (early) {
        await early;
        if (!firstCounts) forget(read);
      }
      aborted();
      read.frameSize = { width: frame.width, height: frame.height };
      const rule = {
        agree: Math.min(AGREE, req.frames),
        minFrames: req.frames,
        maxFrames: req.frames + EXTRA_FRAMES,
        notSureBelow: models.emotion.notSureBelow,
      };
      const readStart = performance.now();
      if (firstCounts && !early) await readFrame(first, models, read, calibration);
      // Then the settled frame, and later frames as the camera delivers them.
      for (;;) {
        await readFrame(frame, models, read, calibration);
        aborted();
        if (stopReason(read.readings, rule) || performance.now() - readStart > MAX_READ_MS) break;
        frame = await camera.next();
      }
      capture.readMs = performance.now() - readStart;
    } finally {
      // Off as soon as the frames are read, before the heatmap.
      camera.stop();
    }
  } else {
    const frame = await photoFrame(req.source.dataUrl);
    void send('popup', 'stage', { stage: 'finding-face' });
    models = await modelsReady;
    aborted();
    read.frameSize = { width: frame.width, height: frame.height };
    const t = performance.now();
    await readFrame(frame, models, read, calibration, true);
    capture.readMs = performance.now() - t;
  }

  const verdicts = read.readings.map((r) => r.verdict);
  const judged = usableFrames(verdicts);
  if (!judged.ok) throw new MoodError(judged.code);
  void send('popup', 'stage', { stage: 'reading-expression' });
  const probabilities = judged.frames.map((i) => read.readings[i].probabilities as Probabilities);
  const combined = combineFrames(probabilities, models.emotion.notSureBelow);
  const first = read.crops.get(judged.frames[0]) as Cut;
  const heatmap = await explainFace(models.emotion, first.crop, combined.emotion);

  return {
    ...combined,
    framesCaptured: verdicts.length,
    framesWithFace: judged.frames.length,
    maxFaces: Math.max(...judged.frames.map((i) => ('faces' in verdicts[i] ? verdicts[i].faces : 0))),
    frameSize: read.frameSize,
    backend: models.backend,
    model: models.emotion.id,
    timings: {
      cameraMs: capture.cameraOpenMs + capture.settleMs,
      perFrameMs: read.computeMs / verdicts.length,
      totalMs: performance.now() - started,
      modelLoadMs: models.loadMs,
      ...capture,
    },
    ...personalFields(
      judged.frames.map((i) => read.faces.get(i) as FaceReading),
      models.emotion.notSureBelow,
    ),
    crop: cropPreview(first.rgba, first.size),
    ...(heatmap ? { heatmap: heatmap.image } : {}),
    ...(heatmap?.attention ? { attention: heatmap.attention } : {}),
  };
}
