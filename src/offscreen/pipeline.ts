import { personalise, roundEmbedding, type Prototype } from '../shared/calibration';
import { MoodError } from '../shared/errors';
import type { Emotion, Probabilities } from '../shared/emotions';
import { send } from '../shared/messaging';
import type { Attention, ImageSource, Perception } from '../shared/perception';
import { meanBrightness } from './align';
import { openCamera, photoFrame, settle, type Frame } from './camera';
import { combineFrames, meanVector } from './combine';
import { cropPreview } from './crop-preview';
import type { FaceCrop } from './face-crop';
import { combineViews, faceCrops, type Cut } from './face-views';
import { stopReason, type Reading } from './enough-frames';
import { DARK_BELOW, judgeFrame, usableFrames, type FrameVerdict } from './face-checks';
import * as faces from './faces';
import { findFaces } from './find-faces';
import { heatmapImage } from './heatmap-image';
import { heatmapAttention } from './heatmap-regions';
import type { EmotionModel } from './models/emotion-model';
import { loadModels, modelsLoaded, type Models } from './models-loader';

/** `still`: a photo, which nobody can step back into (see STILL_MAX_OUTSIDE). */
async function inspectFrame(frame: Frame, still: boolean): Promise<FrameVerdict> {
  if (meanBrightness(frame.rgba, frame.width, frame.height) < DARK_BELOW) return { kind: 'dark' };
  const found = await findFaces({ data: frame.rgba, width: frame.width, height: frame.height }, (image) => faces.detect(image));
  return judgeFrame(frame, found, { still });
}

/**
 * How a camera check reads frames: it stops once `AGREE` consecutive frames agree with
 * confidence, or after the requested frame count plus `EXTRA_FRAMES` / `MAX_READ_MS` of reading
 * for hard cases (a face that comes and goes, a mood between two classes).
 */
const AGREE = 3;
const EXTRA_FRAMES = 5;
const MAX_READ_MS = 2500;
const SETTLE_MAX_MS = 1000;

interface Read {
  readings: Reading[];
  /** The face crop of each frame that had a readable face, by frame index. */
  crops: Map<number, Cut>;
  /** What personal calibration needs of each read face, by frame index. */
  faces: Map<number, FaceReading>;
  frameSize: { width: number; height: number };
  /** Detection and model time over all frames, without the waits for the camera. */
  computeMs: number;
}

interface FaceReading {
  /** The model's own output, before any personalisation. */
  generic: Probabilities;
  embedding?: Float32Array;
  personalised: boolean;
}

/** Drops every reading so far (frames read before the camera had settled). */
function forget(read: Read): void {
  read.readings.length = 0;
  read.crops.clear();
  read.faces.clear();
  read.computeMs = 0;
}

async function readFrame(frame: Frame, models: Models, into: Read, calibration: readonly Prototype[], still = false): Promise<void> {
  const t = performance.now();
  try {
    await readInto(frame, models, into, calibration, still);
  } finally {
    into.computeMs += performance.now() - t;
  }
}

async function readInto(frame: Frame, models: Models, into: Read, calibration: readonly Prototype[], still: boolean): Promise<void> {
  const verdict = await inspectFrame(frame, still);
  const index = into.readings.length;
  if (verdict.kind !== 'face') {
    into.readings.push({ verdict });
    return;
  }
  const { cut, views } = faceCrops(frame, verdict.face, models.emotion.inputSize, still);
  const { probabilities, ...face } = await readFace(models.emotion, views, calibration);
  into.crops.set(index, cut);
  into.faces.set(index, face);
  // The stop rule sees the personalised reading: that is the one the user gets.
  into.readings.push({ verdict, probabilities });
}

/** One face from its views: the generic probabilities, personalised by the user's prototypes when there are any. */
async function readFace(model: EmotionModel, views: FaceCrop[], calibration: readonly Prototype[]): Promise<FaceReading & { probabilities: Probabilities }> {
  if (!model.predictWithEmbeddings) {
    const generic = combineViews(await model.predict(views));
    return { probabilities: generic, generic, personalised: false };
  }
  const out = await model.predictWithEmbeddings(views);
  const generic = combineViews(out.probabilities);
  const embedding = meanVector(out.embeddings);
  const adapted = personalise(generic, embedding, calibration);
  return { probabilities: adapted.probabilities, generic, embedding, personalised: adapted.personalised };
}

/**
 * The numbers a labelled example keeps: the read frames' mean embedding and, when personalised,
 * the generic combined output.
 */
function personalFields(read: FaceReading[], notSureBelow: number): Pick<Perception, 'personalised' | 'generic' | 'embedding'> {
  const embeddings = read.flatMap((f) => (f.embedding ? [f.embedding] : []));
  if (!embeddings.length) return {};
  const personalised = read.some((f) => f.personalised);
  return {
    personalised,
    embedding: roundEmbedding(meanVector(embeddings)),
    ...(personalised
      ? {
          generic: combineFrames(
            read.map((f) => f.generic),
            notSureBelow,
          ).probabilities,
        }
      : {}),
  };
}

export async function analyze(req: { source: ImageSource; frames: number; calibration?: Prototype[]; signal: AbortSignal }): Promise<Perception> {
  const calibration = req.calibration ?? [];
  const started = performance.now();
  const aborted = () => {
    if (req.signal.aborted) throw new MoodError('timeout', 'The check was cancelled.');
  };
  // Models load while the camera opens and settles; both are slow the first time (unless warmed).
  if (!modelsLoaded())
    void send('popup', 'stage', { stage: req.source.kind === 'camera' ? 'starting-camera' : 'finding-face', detail: 'loading the models, first time only' });
  const modelsReady = loadModels();
  modelsReady.catch(() => undefined);
  const read: Read = { readings: [], crops: new Map(), faces: new Map(), frameSize: { width: 0, height: 0 }, computeMs: 0 };
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

/** Grad-CAM over the first usable face for the mood we report; a result without one is still a result. */
async function explainFace(model: EmotionModel, crop: FaceCrop, emotion: Emotion): Promise<{ image: string; attention?: Attention } | undefined> {
  if (!model.explain) return undefined;
  try {
    const map = await model.explain(crop, emotion);
    return { image: heatmapImage(map), attention: heatmapAttention(map) };
  } catch (err) {
    console.warn('MoodDJ: no heatmap for this check', err);
    return undefined;
  }
}
