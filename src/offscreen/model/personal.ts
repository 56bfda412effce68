import { roundEmbedding } from '../../shared/calibration';
import type { Perception } from '../../shared/perception';
import { combineFrames, meanVector } from './combine';
import type { FaceReading } from './read-face';

/**
 * The numbers a labelled example keeps (personal calibration): the read frames' mean embedding
 * and, when personalised, the generic combined output.
 */
export function personalFields(read: FaceReading[], notSureBelow: number): Pick<Perception, 'personalised' | 'generic' | 'embedding'> {
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
