/** Page side of every bench page: the Detect button, frame cache and `window.bench`. */
import { combineFrames } from '../../src/offscreen/model/combine';
import { EMOTIONS, type Probabilities } from '../../src/shared/emotions';
import { captureFrames } from './capture';
import { PAGE_BACKEND_PARAM, PAGE_FRAMES_PARAM, type BenchApi, type BenchBackend, type CheckOutcome, type FrameRun } from './protocol';

export interface PageEngine<F> {
  name: string;
  /** A Detect check: camera, frames, detect + classify each, average. */
  check(frames: number): Promise<CheckOutcome>;
  prepare(image: Blob): Promise<F>;
  run(frame: F): Promise<FrameRun>;
  classifyFace?(face: HTMLCanvasElement): Promise<number[]>;
  numTensors(): number;
  backend(): string;
}

export const pageBackend = (): BenchBackend => (new URLSearchParams(location.search).get(PAGE_BACKEND_PARAM) ?? 'wasm') as BenchBackend;

export const toVector = (p: Probabilities): number[] => EMOTIONS.map((e) => p[e]);

/** Same scaling as MoodDJ's photoFrame, so every engine sees the same pixels. */
export async function canvasFrom(image: Blob, maxSide = 1280): Promise<HTMLCanvasElement> {
  const bitmap = await createImageBitmap(image);
  const scale = Math.min(1, maxSide / Math.max(bitmap.width, bitmap.height));
  const canvas = document.createElement('canvas');
  canvas.width = Math.max(1, Math.round(bitmap.width * scale));
  canvas.height = Math.max(1, Math.round(bitmap.height * scale));
  canvas.getContext('2d')!.drawImage(bitmap, 0, 0, canvas.width, canvas.height);
  bitmap.close();
  return canvas;
}

/**
 * A peer's Detect check built from MoodDJ's own capture and averaging code, so only the
 * engine differs: models load while the camera starts, as in src/offscreen/check/analyze.ts.
 */
export async function peerCheck(
  count: number,
  load: () => Promise<void>,
  detect: (c: HTMLCanvasElement) => Promise<Probabilities | null>,
): Promise<CheckOutcome> {
  const started = performance.now();
  const loading = load().then(() => performance.now() - started);
  loading.catch(() => undefined);
  const { frames } = await captureFrames({ count });
  const loadMs = await loading;
  const canvas = document.createElement('canvas');
  const found: Probabilities[] = [];
  for (const f of frames) {
    canvas.width = f.width;
    canvas.height = f.height;
    canvas.getContext('2d')!.putImageData(new ImageData(f.rgba, f.width, f.height), 0, 0);
    const p = await detect(canvas);
    if (p) found.push(p);
  }
  // An answer all the same: the time to say "no face" is still the check's time.
  if (!found.length) return { probs: null, loadMs, error: 'no-face' };
  // Peers have no not-sure bar, and the bench reads only the averaged probabilities.
  return { probs: toVector(combineFrames(found, 0).probabilities), loadMs, error: null };
}

function glRenderer(): string | null {
  const gl = document.createElement('canvas').getContext('webgl2');
  if (!gl) return null;
  const info = gl.getExtension('WEBGL_debug_renderer_info');
  const renderer = String(gl.getParameter(info ? info.UNMASKED_RENDERER_WEBGL : gl.RENDERER));
  gl.getExtension('WEBGL_lose_context')?.loseContext();
  return renderer;
}

export function serve<F>(engine: PageEngine<F>): void {
  const framesPerCheck = Number(new URLSearchParams(location.search).get(PAGE_FRAMES_PARAM) ?? 5);
  const button = Object.assign(document.createElement('button'), { textContent: 'Detect' });
  button.dataset.testid = 'detect';
  const output = document.createElement('output');
  output.dataset.testid = 'result';
  output.dataset.count = '0';
  document.body.append(button, output);
  const runCheck = async () => {
    button.disabled = true;
    let outcome: CheckOutcome;
    try {
      outcome = await engine.check(framesPerCheck);
    } catch (err) {
      outcome = { probs: null, loadMs: null, error: err instanceof Error ? err.message : String(err) };
    }
    output.textContent = JSON.stringify(outcome);
    output.dataset.count = String(Number(output.dataset.count) + 1);
    button.disabled = false;
  };
  button.addEventListener('click', () => void runCheck());

  let frames: F[] = [];
  const fetchBlob = async (url: string) => {
    const res = await fetch(url);
    if (!res.ok) throw new Error(`${url}: HTTP ${res.status}`);
    return res.blob();
  };
  const api: BenchApi = {
    async loadFrames(urls) {
      frames = [];
      for (const url of urls) frames.push(await engine.prepare(await fetchBlob(url)));
    },
    async runFrames(indices) {
      const out: FrameRun[] = [];
      for (const i of indices) out.push(await engine.run(frames[i]));
      return out;
    },
    releaseFrames() {
      frames = [];
    },
    numTensors: () => engine.numTensors(),
    info: () => ({ engine: engine.name, backend: engine.backend(), glRenderer: glRenderer() }),
  };
  const classify = engine.classifyFace?.bind(engine);
  if (classify) {
    api.classifyFaces = async (urls) => {
      const out: number[][] = [];
      for (const url of urls) out.push(await classify(await canvasFrom(await fetchBlob(url))));
      return out;
    };
  }
  (globalThis as { bench?: BenchApi }).bench = api;
}
