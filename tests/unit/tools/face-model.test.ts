import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { addImageMetadata, buildFaceModel, FACE_MODEL_SOURCE, readModelTables, readTfliteMetadata } from '../../../tools/build/face-model';

const original = new Uint8Array(readFileSync(FACE_MODEL_SOURCE));
const built = buildFaceModel();

describe('the generated face detector model', () => {
  it('carries the image metadata tasks-vision needs', () => {
    expect(readTfliteMetadata(original)).toBeNull();
    expect(readTfliteMetadata(built)).toEqual({
      name: 'face_detection_short_range',
      minParserVersion: '1.0.0',
      inputName: 'input',
      colorSpace: 'RGB',
      mean: [127.5],
      std: [127.5],
    });
    const tables = readModelTables(built);
    expect(tables.metadata).toEqual([{ name: 'TFLITE_METADATA', buffer: tables.buffers.length - 1 }]);
  });

  it('keeps every subgraph, tensor and weight of the original', () => {
    const before = readModelTables(original);
    const after = readModelTables(built);
    expect(after.version).toBe(before.version);
    expect(after.description).toBe(before.description);
    expect(after.buffers).toHaveLength(before.buffers.length + 1);
    expect(after.tensorBuffers).toEqual(before.tensorBuffers);
    expect(after.tensorBuffers[0]).toHaveLength(250);
    before.buffers.forEach((bytes, i) => expect(Buffer.from(after.buffers[i]).equals(Buffer.from(bytes)), `buffer ${i}`).toBe(true));
    // The largest weight tensor, compared on its own so a failure names it.
    const largest = before.buffers.reduce((best, b, i) => (b.length > before.buffers[best].length ? i : best), 0);
    expect(before.buffers[largest].length).toBeGreaterThan(1000);
    expect(Buffer.from(after.buffers[largest]).equals(Buffer.from(before.buffers[largest]))).toBe(true);
  });

  it('keeps the original bytes verbatim at a 16-byte aligned position', () => {
    // Weights stay exactly as aligned as the converter left them.
    const at = Buffer.from(built).indexOf(Buffer.from(original));
    expect(at).toBeGreaterThan(0);
    expect(at % 16).toBe(0);
    expect(built.length % 16).toBe(0);
  });

  it('replaces earlier metadata instead of adding a second entry', () => {
    const again = addImageMetadata(built, { mean: 0, std: 255, name: 'again' });
    expect(readTfliteMetadata(again)).toMatchObject({ name: 'again', mean: [0], std: [255], colorSpace: 'RGB' });
    const tables = readModelTables(again);
    expect(tables.metadata.map((m) => m.name)).toEqual(['TFLITE_METADATA']);
    expect(tables.tensorBuffers).toEqual(readModelTables(original).tensorBuffers);
  });

  it('refuses a file that is not a TFLite model', () => {
    expect(() => addImageMetadata(new Uint8Array(64), { mean: 127.5, std: 127.5 })).toThrow(/TFL3/);
  });
});
