/** The shape of bench/results.json. */
import type { Part } from '../tools/package/parts';
import type { HeapFigures } from './cdp';
import type { BenchBackend } from './page/protocol';
import type { TimingSummary } from './stats';
import type { EngineId } from './table';

/** A pipeline's verdicts on labelled images: right, wrong, or no face found. */
export interface Tally {
  n: number;
  correct: number;
  notFound: number;
}

export interface RunFigures {
  /** Backend the engine's tfjs really ran on, as it reports it. */
  activeBackend: string;
  glRenderer: string | null;
  coldCheckMs: number | null;
  /** Model load inside the cold check (runs while the camera starts). */
  coldLoadMs: number | null;
  checkErrors: string[];
  warmCheckMs: number[];
  perFrame: TimingSummary;
  /** Runs whose time is known (MoodDJ reports none for a frame without a face). */
  timedRuns: number;
  runs: number;
  /** First pass over the frame set. */
  frames: Tally;
  tensors: { afterWarmup: number; after: number };
  heap: HeapFigures;
}

export interface EngineRun extends RunFigures {
  engine: EngineId;
  backend: BenchBackend;
}

/**
 * One popup Detect in parts (ms): the offscreen document's own timings, and what the worker,
 * the messages and the music step add around them (click → result minus the offscreen total).
 */
export interface CheckBreakdown {
  clickToResult: number;
  cameraOpen: number;
  settle: number;
  /** Waiting for models still loading after the camera settled (0 when warm). */
  modelWait: number;
  /** Reading frames as the camera delivers them: detection + emotion model + waiting for frames. */
  frames: number;
  /** Of `frames`, detection and emotion model compute. */
  models: number;
  framesRead: number;
  /** Combining, Grad-CAM, crop preview. */
  afterFrames: number;
  /** Service worker: messages, storage, music choice (the site step itself runs after the result). */
  workerAndMusic: number;
}

/** One offscreen document's model load: ms from its start to each part done. */
export interface ModelLoad {
  backend: number;
  emotion: number;
  faces: number;
  total: number;
  /** Until MediaPipe's runtime was unpacked (null on the TF.js detector). */
  unpack: number | null;
}

export interface ExtensionRun extends RunFigures {
  model: string;
  breakdown: { cold: CheckBreakdown | null; warm: CheckBreakdown | null };
  /** The load right after install (the worker warms the extension then). */
  installLoad: ModelLoad | null;
  /** The cold check's offscreen document's load (started by the popup's warm-up), ms from its start to each part done. */
  firstLoad: ModelLoad | null;
  /** The models' load in a new offscreen document of the same profile (every popup after the idle alarm). */
  laterLoad: { total: number } | null;
}

export interface ClassifierScore {
  engine: EngineId;
  how: string;
  n: number;
  accuracy: number;
  macroF1: number;
}

export interface BenchResults {
  date: string;
  machine: Record<string, string | number>;
  contended: boolean;
  options: Record<string, unknown>;
  backends: Partial<Record<BenchBackend, { label: string; engines: Partial<Record<EngineId, EngineRun>> } | { skipped: string }>>;
  extension: ExtensionRun | null;
  sizes: Record<EngineId, { bytes: number; zipped: number; files: number; what: string }>;
  /** The extension's package by part (tools/package/parts.ts). */
  packageParts: Part[];
  accuracy: {
    classifier: ClassifierScore[];
    /** MoodDJ's other shipped model (the baseline), when the default is not it: context, not a column. */
    reference: ClassifierScore | null;
    photos: { dir: string; engines: Partial<Record<EngineId, Tally>> } | null;
  };
  /** Requests that left the machine (must stay empty: every file comes from the loopback server). */
  externalRequests: string[];
  /** Parts that failed; the rest of the results still stand. */
  errors: string[];
  seconds: number;
}
