/** What the bench pages expose to Node (as `window.bench`); shared by both sides. */

export const BENCH_BACKENDS = ['wasm', 'webgl', 'webgpu'] as const;
export type BenchBackend = (typeof BENCH_BACKENDS)[number];

/** Probabilities in src/shared/emotions.ts order; null when no face was found. */
export type ProbVector = number[] | null;

export interface FrameRun {
  /** Detect + classify on an already decoded frame; NaN when the engine cannot tell. */
  ms: number;
  probs: ProbVector;
}

/** What a Detect click leaves in the page's result element (JSON). */
export interface CheckOutcome {
  probs: ProbVector;
  /** Model load time inside this check; only the first check of a page loads. */
  loadMs: number | null;
  error: string | null;
}

export interface PageInfo {
  engine: string;
  /** The backend the engine's tfjs really runs on. */
  backend: string;
  /** WebGL renderer string: tells SwiftShader (software) from a GPU. */
  glRenderer: string | null;
}

export interface BenchApi {
  loadFrames(urls: string[]): Promise<void>;
  runFrames(indices: number[]): Promise<FrameRun[]>;
  /** Drops the frames so the heap figure is the engine's alone. */
  releaseFrames(): void;
  /** Classifier only, on face crops; absent for MoodDJ (measured in Node, see bench/accuracy.ts). */
  classifyFaces?(urls: string[]): Promise<number[][]>;
  numTensors(): number;
  info(): PageInfo;
}

export const PAGE_BACKEND_PARAM = 'backend';
/** Frames per Detect check: the extension's `framesPerCheck` default, passed by Node. */
export const PAGE_FRAMES_PARAM = 'frames';
