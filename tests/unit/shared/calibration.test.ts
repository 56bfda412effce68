import { describe, expect, it, vi } from 'vitest';
import {
  addExample,
  blendWeight,
  countsByMood,
  EXAMPLES_CAP,
  EXAMPLES_PER_MOOD,
  forgetMood,
  personalise,
  prototypes,
  roundEmbedding,
  salvageCalibration,
  type CalibrationExample,
} from '../../../src/shared/calibration';
import { EMOTIONS, toProbabilities, type Emotion } from '../../../src/shared/emotions';
import { writeItems, readItem, type StorageArea } from '../../../src/shared/storage';

const generic = toProbabilities([0.05, 0.02, 0.08, 0.1, 0.3, 0.05, 0.4]);

/** A unit-ish embedding pointing mostly along axis `i`. */
const along = (i: number, dim = 8, noise = 0): number[] => Array.from({ length: dim }, (_, j) => (j === i ? 1 : noise * ((j * 7 + i) % 3)));

const example = (emotion: Emotion, embedding: number[], at: number): CalibrationExample => ({ emotion, embedding, output: generic, at, source: 'calibration' });

function memoryArea(): StorageArea & { data: Record<string, unknown> } {
  const data: Record<string, unknown> = {};
  return {
    data,
    get: async (keys) => Object.fromEntries((keys ?? Object.keys(data)).filter((k) => k in data).map((k) => [k, data[k]])),
    set: async (items) => void Object.assign(data, items),
    remove: async (keys) => keys.forEach((k) => delete data[k]),
  };
}

describe('personal calibration math', () => {
  it('with no examples returns the generic probabilities exactly', () => {
    const out = personalise(generic, along(0), []);
    expect(out.personalised).toBe(false);
    expect(out.probabilities).toEqual(generic);
  });

  it('ignores examples from a model with another embedding width', () => {
    const protos = prototypes([example('sad', along(1, 16), 1)]);
    expect(personalise(generic, along(1, 8), protos)).toEqual({ probabilities: generic, personalised: false });
  });

  it('lifts the mood whose examples the face resembles, and more with more examples', () => {
    const face = along(3, 8, 0.05);
    let list: CalibrationExample[] = [];
    let previous = generic.sad;
    for (let n = 1; n <= 4; n++) {
      list = addExample(list, example('sad', along(3, 8, 0.02 * n), n));
      const out = personalise(generic, face, prototypes(list));
      expect(out.personalised).toBe(true);
      expect(out.probabilities.sad).toBeGreaterThan(previous);
      expect(EMOTIONS.reduce((s, e) => s + out.probabilities[e], 0)).toBeCloseTo(1, 10);
      previous = out.probabilities.sad;
    }
    expect(blendWeight(0)).toBe(0);
    expect(blendWeight(1)).toBeLessThan(blendWeight(2));
    expect(blendWeight(1000)).toBeLessThanOrEqual(1);
  });

  it('leaves a face unlike every example as the generic model read it', () => {
    const protos = prototypes([example('happy', along(0), 1), example('sad', along(1), 2)]);
    const out = personalise(generic, along(5), protos);
    for (const e of EMOTIONS) expect(out.probabilities[e]).toBeCloseTo(generic[e], 12);
  });

  it('keeps the newest examples per mood, drops other widths, forgets one mood', () => {
    let list: CalibrationExample[] = [example('angry', along(0, 4), 0)];
    for (let i = 1; i <= EXAMPLES_PER_MOOD + 5; i++) list = addExample(list, example('happy', along(1), i));
    expect(list).toHaveLength(EXAMPLES_PER_MOOD); // the 4-wide angry example went with the model change
    expect(list[0].at).toBe(6);
    for (const e of EMOTIONS) for (let i = 0; i < EXAMPLES_PER_MOOD + 2; i++) list = addExample(list, example(e, along(2), 100 + i));
    expect(list.length).toBe(EXAMPLES_CAP);
    expect(Object.values(countsByMood(list)).every((c) => c === EXAMPLES_PER_MOOD)).toBe(true);
    expect(countsByMood(forgetMood(list, 'fear')).fear).toBe(0);
    expect(forgetMood(list, 'fear')).toHaveLength(EXAMPLES_CAP - EXAMPLES_PER_MOOD);
  });

  it('storage rejects over-long lists, mixed widths, huge or non-finite embeddings', async () => {
    const area = memoryArea();
    const full = Array.from({ length: EXAMPLES_CAP + 1 }, (_, i) => example('happy', along(1), i));
    await expect(writeItems({ calibration: full }, area)).rejects.toThrow(/calibration/);
    await expect(writeItems({ calibration: [example('happy', along(1, 4), 0), example('sad', along(1, 8), 1)] }, area)).rejects.toThrow(/calibration/);
    await expect(writeItems({ calibration: [example('happy', along(1, 2000), 0)] }, area)).rejects.toThrow(/calibration/);
    await expect(writeItems({ calibration: [example('happy', [NaN, 1], 0)] }, area)).rejects.toThrow(/calibration/);
    area.data.calibration = [{ emotion: 'happy', embedding: 'pixels' }];
    expect(await readItem('calibration', area)).toEqual([]);
    await writeItems({ calibration: [example('happy', roundEmbedding([0.123456789, 1]), 0)] }, area);
    expect((await readItem('calibration', area))[0].embedding).toEqual([0.1235, 1]);
  });
});

describe('stored calibration that fails its checks', () => {
  it('keeps the valid examples of the width most of them share, not one damaged embedding', () => {
    const list = [example('happy', along(1), 1), example('sad', along(2), 2), example('angry', along(3), 3)];
    const damaged = example('neutral', along(0, 5), 9);
    const salvaged = salvageCalibration([...list, damaged, { emotion: 'happy', embedding: 'pixels' }]);
    expect(salvaged).toEqual({ value: list, kept: 3, of: 5 });
  });

  it("on a tie of widths keeps the newest example's, as a model update would", () => {
    const old = [example('happy', along(1, 4), 1), example('sad', along(2, 4), 2)];
    const fresh = [example('happy', along(1, 8), 3), example('sad', along(2, 8), 4)];
    expect(salvageCalibration([...fresh, ...old])?.value).toEqual(fresh);
  });

  it('keeps the newest examples per mood when over the cap', () => {
    const many = Array.from({ length: EXAMPLES_PER_MOOD + 4 }, (_, i) => example('happy', along(1), i));
    const value = salvageCalibration([...many, { bad: true }])!.value;
    expect(value.map((ex) => ex.at)).toEqual(many.slice(-EXAMPLES_PER_MOOD).map((ex) => ex.at));
  });

  it('is what a read of mixed widths gives, with the original set aside', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const area = memoryArea();
    const list = [example('happy', along(1), 1), example('sad', along(2), 2), example('angry', along(0, 5), 3)];
    area.data.calibration = list;
    expect(await readItem('calibration', area)).toEqual(list.slice(0, 2));
    expect(area.data.setAside).toEqual([expect.objectContaining({ key: 'calibration', raw: list, kept: 2, of: 3 })]);
    vi.restoreAllMocks();
  });
});
