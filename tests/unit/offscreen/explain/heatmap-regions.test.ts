import { describe, expect, it } from 'vitest';
import { heatmapAttention, regionBands } from '../../../../src/offscreen/explain/heatmap-regions';
import { attentionWords } from '../../../../src/popup/words';

const SIZE = 48;
/** A heatmap hot only in rows [from, to) of the crop (fractions of its height). */
function rows(from: number, to: number) {
  const data = new Float32Array(SIZE * SIZE);
  for (let y = Math.round(from * SIZE); y < Math.round(to * SIZE); y++) for (let x = 0; x < SIZE; x++) data[y * SIZE + x] = 1;
  return { size: SIZE, data };
}

describe('reading a heatmap by face band', () => {
  it('places the eye band on the crop framing’s eye line', () => {
    const b = regionBands();
    const eyeLine = 0.5 - 0.3 / 2.7;
    expect(b.eyes[0]).toBeLessThan(eyeLine);
    expect(b.eyes[1]).toBeGreaterThan(eyeLine);
    expect(b.brow[0]).toBe(0);
    expect(b.mouth[1]).toBe(1);
    expect(b.nose[1]).toBeGreaterThan(b.nose[0]);
  });

  it('a map hot at the bottom reads as the mouth, at the eye line as the eyes', () => {
    const mouth = heatmapAttention(rows(0.8, 0.95))!;
    expect(mouth.mouth).toBeCloseTo(1);
    expect(attentionWords(mouth)).toBe('Looked mostly at your mouth');
    const eyes = heatmapAttention(rows(0.34, 0.44))!;
    expect(attentionWords(eyes)).toBe('Looked mostly at your eyes');
  });

  it('an even map names the two strongest bands, and an empty map reads nothing', () => {
    const even = heatmapAttention({ size: SIZE, data: new Float32Array(SIZE * SIZE).fill(0.5) })!;
    for (const share of Object.values(even)) expect(share).toBeCloseTo(0.25, 1);
    expect(attentionWords(even)).toMatch(/^Looked at your \w+ and \w+$/);
    expect(heatmapAttention({ size: SIZE, data: new Float32Array(SIZE * SIZE) })).toBeUndefined();
  });
});
