/** The shape of bench/results.json. */
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

export interface ExtensionRun extends RunFigures {
  model: string;
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
