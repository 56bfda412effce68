import * as tf from '@tensorflow/tfjs';
import { MoodError } from '../../../shared/errors';
import { BACKENDS, type Backend } from '../../../shared/perception';
import type { GpuKind } from './gpu-probe';
import { t } from '../../../shared/i18n/t';

export interface BackendOptions {
  /** Candidates in order of preference; Node passes ['wasm', 'cpu']. */
  candidates?: readonly Backend[];
  /**
   * Folder (ending in '/') holding tfjs-backend-wasm's .wasm files: in the extension
   * `chrome.runtime.getURL('tfjs/')`, in Node the package's dist folder. Unset, tfjs
   * looks next to its own script, which in a bundled extension is the wrong place.
   */
  wasmPaths?: string;
  /** Told why a backend was passed over. */
  onSkip?: (backend: Backend, reason: string) => void;
  /**
   * Says what each GPU backend would run on: a software renderer goes after wasm, and one with
   * no adapter or context at all is skipped without loading its code (the WebGPU backend is
   * some 300 kB of script that would otherwise stay in the document's memory for nothing).
   * The extension passes the probes in gpu-probe.ts; Node has no GPU backends to probe.
   */
  gpu?: () => Promise<Partial<Record<'webgl' | 'webgpu', GpuKind>>>;
}

/**
 * Makes the first backend that really computes correctly the active one and returns it.
 * The GPU and wasm backends are imported only when tried (the CPU one is always there).
 */
export async function pickBackend(options: BackendOptions = {}): Promise<Backend> {
  const { candidates = BACKENDS, onSkip = (b, why) => console.warn(`MoodDJ: ${b} backend skipped: ${why}`) } = options;
  let order = [...candidates];
  if (options.gpu) {
    const kinds = await options.gpu();
    const kind = (b: Backend) => (b === 'webgl' || b === 'webgpu' ? kinds[b] : undefined);
    for (const b of order.filter((b) => kind(b) === 'none')) onSkip(b, 'no GPU adapter or context here');
    order = order.filter((b) => kind(b) !== 'none');
    const slow = (b: Backend) => kind(b) === 'software';
    for (const b of order.filter(slow)) onSkip(b, 'software renderer; tried after wasm');
    const fast = order.filter((b) => !slow(b));
    const afterWasm = fast.indexOf('wasm') + 1;
    if (afterWasm > 0) order = [...fast.slice(0, afterWasm), ...order.filter(slow), ...fast.slice(afterWasm)];
  }
  for (const backend of order) {
    try {
      await prepare(backend, options);
      if (!(await tf.setBackend(backend))) {
        onSkip(backend, 'not available here');
        continue;
      }
      const problem = await selfTest();
      if (!problem) return backend;
      onSkip(backend, problem);
    } catch (err) {
      onSkip(backend, err instanceof Error ? err.message : String(err));
    }
    forget(backend);
  }
  throw new MoodError('model-failed', t('error_no_backend'));
}

/** Frees what a half-working backend holds (a GPU device, a wasm heap) and never retries it. */
function forget(backend: Backend): void {
  try {
    tf.removeBackend(backend);
  } catch {
    // Never registered: nothing to free.
  }
}

async function prepare(backend: Backend, options: BackendOptions): Promise<void> {
  if (backend === 'webgl') {
    await import('@tensorflow/tfjs-backend-webgl');
  } else if (backend === 'webgpu') {
    await import('@tensorflow/tfjs-backend-webgpu');
    // Importing a <video> as an external texture fails in our setting; copying it works.
    tf.env().set('WEBGPU_IMPORT_EXTERNAL_TEXTURE', false);
  } else if (backend === 'wasm') {
    const wasm = await import('@tensorflow/tfjs-backend-wasm');
    // Left to itself, tfjs picks the multi-threaded build in extension pages, where it
    // crashes; the single-threaded (SIMD) build works everywhere we run.
    tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
    if (options.wasmPaths) wasm.setWasmPaths(options.wasmPaths);
  }
}

/**
 * A tiny computation with known answers, shaped after the failures seen in the wild:
 * webgpu has returned all zeros for a non-last-axis reduction that follows an int->float
 * cast, so the check casts, then reduces over axis 0, then multiplies matrices. An
 * elementwise op sits after the cast, as in our preprocessing, so a pass means the
 * pattern we use works. Returns what went wrong, or null.
 */
async function selfTest(): Promise<string | null> {
  const expected = [10, 14, 18, 56, 128, 128, 308];
  const result = tf.tidy(() => {
    const x = tf.mul(
      tf.cast(
        tf.tensor2d(
          [
            [1, 2, 3],
            [4, 5, 6],
          ],
          [2, 3],
          'int32',
        ),
        'float32',
      ),
      2,
    );
    return tf.concat([tf.sum(x, 0), tf.reshape(tf.matMul(x, x, false, true), [-1])]);
  });
  try {
    const got = Array.from(await result.data());
    const ok = got.length === expected.length && got.every((v, i) => Math.abs(v - expected[i]) < 1e-3 * expected[i]);
    return ok ? null : `self-test returned [${got.join(', ')}] instead of [${expected.join(', ')}]`;
  } finally {
    result.dispose();
  }
}
