/**
 * Stands in for src/offscreen/model/backend/pick.ts when model/load.ts imports it (bench bundle
 * only): the same pickBackend, offered just the backend under test. The extension has no
 * override of its own, and disabling WebGL to push it to wasm also breaks MediaPipe.
 */
import { pickBackend as realPick, type BackendOptions } from '../../src/offscreen/model/backend/pick';
import type { Backend } from '../../src/shared/perception';

export function pickBackend(options: BackendOptions = {}): Promise<Backend> {
  const pinned = (globalThis as { __benchBackend?: Backend }).__benchBackend ?? 'wasm';
  return realPick({ ...options, candidates: [pinned] });
}
