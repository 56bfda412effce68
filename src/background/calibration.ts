import { addExample, countsByMood, type CalibrationExample } from '../shared/calibration';
import type { Emotion } from '../shared/emotions';
import { MoodError } from '../shared/errors';
import type { ImageSource, Perception } from '../shared/perception';
import { readItems, writeItems } from '../shared/storage';
import { analyzeWithPermission, checkRunning } from './check';
import { scheduleOffscreenClose } from './offscreen-document';
import { setStage } from './stage';
import { t } from '../shared/i18n/t';

/** The numbers a reading leaves as an example: its embedding and the generic model's output. */
export function exampleFrom(perception: Perception, emotion: Emotion, source: CalibrationExample['source']): CalibrationExample | null {
  if (!perception.embedding?.length) return null;
  return { emotion, embedding: perception.embedding, output: perception.generic ?? perception.probabilities, at: Date.now(), source };
}

/** Stores a labelled example (a correction, an unsure pick); readings without an embedding add nothing. */
export async function rememberExample(perception: Perception, emotion: Emotion, source: CalibrationExample['source']): Promise<void> {
  const example = exampleFrom(perception, emotion, source);
  if (!example) return;
  const { calibration } = await readItems(['calibration']);
  await writeItems({ calibration: addExample(calibration, example) });
}

/**
 * One calibration step: the user shows `emotion`, the normal check path reads the face
 * (generic model, no music, no history), and its numbers become an example.
 */
export async function captureExample(source: ImageSource, emotion: Emotion): Promise<{ read: Emotion; counts: Record<Emotion, number> }> {
  if (checkRunning()) throw new MoodError('busy');
  const { framesPerCheck } = await readItems(['framesPerCheck']);
  try {
    const perception = await analyzeWithPermission(source, framesPerCheck, 'popup');
    const example = exampleFrom(perception, emotion, 'calibration');
    if (!example) throw new MoodError('model-failed', t('error_not_calibratable'));
    const { calibration } = await readItems(['calibration']);
    const next = addExample(calibration, example);
    await writeItems({ calibration: next });
    return { read: perception.emotion, counts: countsByMood(next) };
  } finally {
    await setStage('done');
    await scheduleOffscreenClose();
  }
}
