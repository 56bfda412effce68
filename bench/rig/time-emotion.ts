/**
 * Runs inside the built extension's offscreen document (injected by tools/rig.ts, for
 * `npm run bench:models`): milliseconds per face for one emotion model on one backend, through
 * the same predict() and explain() a check calls, reached through the document's debug handle.
 */
import type { DebugHandle } from '../../src/offscreen/debug-handle';
import { PHOTO_VIEWS } from '../../src/offscreen/faces/views';
import type { EmotionModelId } from '../../src/offscreen/model/emotion/default-model';
import type { Backend } from '../../src/shared/perception';

const handle = () => (globalThis as unknown as { mooddjDebug: DebugHandle }).mooddjDebug;

/**
 * On a synthetic crop, the median of `runs` after a warm-up that compiles kernels. Puts the
 * backend the checks use back afterwards.
 */
export async function timeEmotion(
  id: EmotionModelId,
  backend: Backend,
  runs = 20,
): Promise<{ backend: string; predictMs: number; viewsMs: number; explainMs: number | null }> {
  const debug = handle();
  const previous = debug.backend() as Backend;
  try {
    const used = await debug.useBackend(backend);
    const model = await debug.emotionModel(id);
    try {
      const crop = { size: model.inputSize, data: Float32Array.from({ length: model.inputSize ** 2 }, (_, i) => (i % 7) / 7) };
      const median = async (step: () => Promise<unknown>) => {
        await step();
        const times: number[] = [];
        for (let i = 0; i < runs; i++) {
          const t = performance.now();
          await step();
          times.push(performance.now() - t);
        }
        return times.sort((a, b) => a - b)[Math.floor(runs / 2)];
      };
      const predictMs = await median(() => model.predict([crop]));
      // A photo check reads its face from PHOTO_VIEWS crops in one call (faces/views.ts).
      const viewsMs = await median(() => model.predict(Array.from({ length: PHOTO_VIEWS }, () => crop)));
      const explain = model.explain?.bind(model);
      const explainMs = explain ? await median(() => explain(crop, 'happy')) : null;
      return { backend: used, predictMs, viewsMs, explainMs };
    } finally {
      model.dispose();
    }
  } finally {
    await debug.useBackend(previous);
  }
}
