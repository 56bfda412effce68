import { describe, expect, it } from 'vitest';
import { stopReason, type Reading } from '../../../../src/offscreen/check/enough-frames';
import type { Face } from '../../../../src/offscreen/faces/types';
import { EMOTIONS, type Emotion, type Probabilities } from '../../../../src/shared/emotions';

function face(x: number, size = 200): Face {
  const k = (fx: number, fy: number) => ({ x: x + fx * size, y: 100 + fy * size });
  const keypoints = [k(0.3, 0.35), k(0.7, 0.35), k(0.5, 0.55), k(0.5, 0.75), k(0.05, 0.4), k(0.95, 0.4)];
  return { box: { x, y: 100, width: size, height: size }, score: 0.9, rightEye: keypoints[0], leftEye: keypoints[1], keypoints };
}
function probs(top: Emotion, confidence: number): Probabilities {
  const p = Object.fromEntries(EMOTIONS.map((e) => [e, (1 - confidence) / 6])) as Probabilities;
  p[top] = confidence;
  return p;
}
const read = (emotion: Emotion, confidence: number, x = 200): Reading => ({
  verdict: { kind: 'face', face: face(x), faces: 1 },
  probabilities: probs(emotion, confidence),
});
const none: Reading = { verdict: { kind: 'none' } };
const rule = { agree: 3, minFrames: 5, maxFrames: 10, notSureBelow: 0.4 };

describe('when a check has read enough frames', () => {
  it('stops at three confident frames of one face that agree', () => {
    expect(stopReason([read('happy', 0.8), read('happy', 0.7)], rule)).toBeNull();
    expect(stopReason([read('happy', 0.8), read('happy', 0.7), read('happy', 0.9, 210)], rule)).toBe('agreed');
    expect(stopReason([read('sad', 0.8), read('happy', 0.8), read('happy', 0.7), read('happy', 0.9)], rule)).toBe('agreed');
  });

  it('reads on while frames disagree, are unsure, or the face moves', () => {
    expect(stopReason([read('happy', 0.8), read('sad', 0.8), read('happy', 0.8)], rule)).toBeNull();
    expect(stopReason([read('happy', 0.8), read('happy', 0.3), read('happy', 0.8)], rule)).toBeNull();
    // A detection that jumps across the frame is not the same face.
    expect(stopReason([read('happy', 0.8), read('happy', 0.8, 420), read('happy', 0.8)], rule)).toBeNull();
    expect(stopReason([read('happy', 0.8), none, read('happy', 0.8)], rule)).toBeNull();
  });

  it('keeps the face-in-half-the-frames rule over all frames read', () => {
    // Three agreeing frames after four without a face: 3 of 7 is under half.
    expect(stopReason([none, none, none, none, read('happy', 0.9), read('happy', 0.9), read('happy', 0.9)], { ...rule, minFrames: 8 })).toBeNull();
    expect(stopReason([none, read('happy', 0.9), read('happy', 0.9), read('happy', 0.9)], rule)).toBe('agreed');
  });

  it('gives up without a face after the requested frames, and always at the cap', () => {
    expect(stopReason([none, none, none, none], rule)).toBeNull();
    expect(stopReason([none, none, none, none, none], rule)).toBe('no-face');
    const mixed = Array.from({ length: 10 }, (_, i) => read(i % 2 ? 'sad' : 'happy', 0.8));
    expect(stopReason(mixed.slice(0, 9), rule)).toBeNull();
    expect(stopReason(mixed, rule)).toBe('max-frames');
  });

  it('with one frame asked for, one confident frame is enough', () => {
    expect(stopReason([read('angry', 0.6)], { agree: 1, minFrames: 1, maxFrames: 6, notSureBelow: 0.4 })).toBe('agreed');
  });
});
