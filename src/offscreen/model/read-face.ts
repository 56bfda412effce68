/**
 * One face through the emotion model: its views (faces/views.ts) predicted in one batch, combined
 * into one reading, then personalised by the user's calibration prototypes when there are any
 * (src/shared/calibration.ts). A second opinion on the face (another model) would join here.
 */
import { personalise, type Prototype } from '../../shared/calibration';
import type { Probabilities } from '../../shared/emotions';
import type { FaceCrop } from '../faces/crop';
import { combineViews, meanVector } from './combine';
import type { EmotionModel } from './emotion/emotion-model';

/** What a check keeps of each face it read. */
export interface FaceReading {
  /** The model's own output, before any personalisation. */
  generic: Probabilities;
  embedding?: Float32Array;
  personalised: boolean;
}

/** One face from its views: the generic probabilities, personalised by the user's prototypes when there are any. */
export async function readFace(
  model: EmotionModel,
  views: FaceCrop[],
  calibration: readonly Prototype[],
): Promise<FaceReading & { probabilities: Probabilities }> {
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
