/**
 * When a check has read enough frames: pure, so the rule is unit-tested. A check stops as soon
 * as the latest `agree` frames each show the same face (issue 15's cross-frame agreement over
 * every frame read so far) and the same top emotion with confidence; it stops at `maxFrames`
 * for hard cases, and early when `minFrames` frames showed no face at all, so a missing face
 * is reported as quickly as before.
 */
import { topEmotion, type Probabilities } from '../../shared/emotions';
import { usableFrames, type FrameVerdict } from '../faces/checks';

export interface Reading {
  verdict: FrameVerdict;
  /** The model's output for the frame's face, when the frame had a readable face. */
  probabilities?: Probabilities;
}

export interface StopRule {
  /** Consecutive confident frames with the same top emotion that end a check. */
  agree: number;
  /** Frames after which a check that saw no face at all gives up. */
  minFrames: number;
  /** Frames after which a check stops whatever they showed. */
  maxFrames: number;
  /** The model's own "not sure" bar. */
  notSureBelow: number;
}

export type StopReason = 'agreed' | 'no-face' | 'max-frames';

export function stopReason(readings: readonly Reading[], rule: StopRule): StopReason | null {
  const n = readings.length;
  if (n >= rule.maxFrames) return 'max-frames';
  if (n >= rule.minFrames && !readings.some((r) => r.verdict.kind === 'face')) return 'no-face';
  if (n < rule.agree) return null;
  const last = readings.slice(n - rule.agree);
  const tops = last.map((r) => (r.verdict.kind === 'face' && r.probabilities ? topEmotion(r.probabilities) : null));
  if (tops.some((t) => !t || t.confidence < rule.notSureBelow)) return null;
  if (new Set(tops.map((t) => t?.emotion)).size !== 1) return null;
  // The same face in those frames, and seen in at least half of all frames read.
  const judged = usableFrames(readings.map((r) => r.verdict));
  if (!judged.ok) return null;
  for (let i = n - rule.agree; i < n; i++) if (!judged.frames.includes(i)) return null;
  return 'agreed';
}
