import { describe, expect, it } from 'vitest';
import { calibrationRow, calibrationSet, crossSubjectRow, otherFacesRow, subjectOf, type Reading } from '../../../tools/eval/calibrate';
import { toProbabilities, type Emotion } from '../../../src/shared/emotions';

// Generic model: reads every face as 60 % happy, 40 % sad.
const HAPPY_ISH = toProbabilities([0, 0, 0, 0.6, 0.4, 0, 0]);
const axis = (i: number) => Float32Array.from({ length: 6 }, (_, j) => (j === i ? 1 : 0));

function sequence(subject: string, seq: string, truth: Emotion, direction: number, frames = 3): Reading[] {
  return Array.from({ length: frames }, (_, f) => ({
    file: `S${subject}_${seq}_0000000${f}.png`,
    truth,
    subject,
    sequence: `${subject}_${seq}`,
    probabilities: HAPPY_ISH,
    embedding: axis(direction),
  }));
}

describe('calibration eval protocol', () => {
  it('reads subject and sequence from CK+ file names, and nothing from others', () => {
    expect(subjectOf('/x/sad/S010_004_00000017.png')).toEqual({ subject: '010', sequence: '010_004', frame: 17 });
    expect(subjectOf('/x/sad/PublicTest_1.jpg')).toBeNull();
  });

  it('takes k frames per sequence as examples', () => {
    const protos = calibrationSet([...sequence('1', '001', 'sad', 0), ...sequence('1', '002', 'happy', 1)], 2);
    expect(protos.map((p) => [p.emotion, p.count])).toEqual([
      ['happy', 2],
      ['sad', 2],
    ]);
  });

  it('never calibrates with the sequence it scores', () => {
    // Sad faces the model reads as happy; were their own frames calibration examples, they would turn sad.
    const readings = [...sequence('1', '001', 'sad', 0), ...sequence('1', '002', 'happy', 1)];
    const row = calibrationRow(readings, 3);
    expect(row.n).toBe(6);
    expect(row.uncalibrated.accuracy).toBe(0.5);
    expect(row.calibrated.accuracy).toBe(0.5);
    expect(row.wrongMadeRight).toBe(0);
  });

  it('cross-subject: another person showing the same mood fixes the reading', () => {
    const readings = [...sequence('1', '001', 'sad', 0), ...sequence('2', '001', 'sad', 0), ...sequence('2', '002', 'happy', 1)];
    const row = crossSubjectRow(readings, 1);
    expect(row.uncalibrated.accuracy).toBeCloseTo(3 / 9);
    expect(row.calibrated.accuracy).toBeGreaterThan(row.uncalibrated.accuracy);
    expect(row.wrongMadeRight).toBeGreaterThan(0);
  });

  it('scores other faces per simulated user', () => {
    const users = [...sequence('1', '001', 'sad', 0), ...sequence('2', '001', 'happy', 1)];
    const others = [...sequence('', 'x', 'happy', 2, 1), ...sequence('', 'y', 'sad', 0, 1)];
    const row = otherFacesRow(users, others, 1, 'others');
    expect(row.users).toBe(2);
    expect(row.uncalibrated.accuracy).toBe(0.5);
    expect(row.calibrated.bestAccuracy).toBe(1);
    expect(row.calibrated.worstAccuracy).toBe(0.5);
  });
});
