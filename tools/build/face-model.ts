/**
 * Builds the face detector model the extension ships. No npm package has MediaPipe's
 * `blaze_face_short_range.tflite`; the legacy `@mediapipe/face_detection` package has the
 * same network as `face_detection_short_range.tflite`, but without the TFLite metadata that
 * `@mediapipe/tasks-vision` needs to know how to normalise a float input image. We add it.
 *
 * Field slots below follow tensorflow/lite/schema/schema.fbs and tflite-support's
 * metadata_schema.fbs (a union field takes two slots: its type, then its value).
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Builder, ByteBuffer } from 'flatbuffers';

const root = resolve(import.meta.dirname, '../..');
export const FACE_MODEL_SOURCE = join(root, 'node_modules/@mediapipe/face_detection/face_detection_short_range.tflite');

/** The name MediaPipe's metadata extractor looks for in Model.metadata. */
const METADATA_NAME = 'TFLITE_METADATA';
const MODEL = { version: 0, operatorCodes: 1, subgraphs: 2, description: 3, buffers: 4, metadataBuffer: 5, metadata: 6, signatureDefs: 7 };
const MODEL_FIELDS = 8;
const SUBGRAPH = { tensors: 0, inputs: 1 };
const TENSOR = { buffer: 2, name: 3 };
// ContentProperties / ProcessUnitOptions union tags, and ColorSpaceType (0 is NONE/UNKNOWN).
const IMAGE_PROPERTIES = 2;
const NORMALIZATION_OPTIONS = 1;
const COLOR_SPACES = ['UNKNOWN', 'RGB', 'GRAYSCALE'] as const;
const RGB = 1;

/** Just enough of a flatbuffer table reader for the fields touched here. */
class Table {
  constructor(
    readonly bb: ByteBuffer,
    readonly pos: number,
  ) {}

  static root(bytes: Uint8Array): Table {
    const bb = new ByteBuffer(bytes);
    return new Table(bb, bb.readUint32(0));
  }

  /** Where a field's value lies, or 0 when the field is absent. */
  field(slot: number): number {
    const o = this.bb.__offset(this.pos, 4 + 2 * slot);
    return o ? this.pos + o : 0;
  }

  /** How many slots the table's vtable has, set or not. */
  slots(): number {
    return (this.bb.readUint16(this.pos - this.bb.readInt32(this.pos)) - 4) / 2;
  }

  uint(slot: number): number {
    const at = this.field(slot);
    return at ? this.bb.readUint32(at) : 0;
  }

  ubyte(slot: number): number {
    const at = this.field(slot);
    return at ? this.bb.readUint8(at) : 0;
  }

  /** Absolute position of the object an offset field points to (0 if absent). */
  target(slot: number): number {
    const at = this.field(slot);
    return at ? this.bb.__indirect(at) : 0;
  }

  table(slot: number): Table | null {
    const at = this.target(slot);
    return at ? new Table(this.bb, at) : null;
  }

  string(slot: number): string | null {
    const at = this.field(slot);
    return at ? (this.bb.__string(at) as string) : null;
  }

  tables(slot: number): Table[] {
    const at = this.field(slot);
    if (!at) return [];
    const start = this.bb.__vector(at);
    return Array.from({ length: this.bb.__vector_len(at) }, (_, i) => new Table(this.bb, this.bb.__indirect(start + 4 * i)));
  }

  numbers(slot: number, kind: 'float32' | 'int32'): number[] {
    const at = this.field(slot);
    if (!at) return [];
    const start = this.bb.__vector(at);
    const read = (p: number) => (kind === 'float32' ? this.bb.readFloat32(p) : this.bb.readInt32(p));
    return Array.from({ length: this.bb.__vector_len(at) }, (_, i) => read(start + 4 * i));
  }

  bytes(slot: number): Uint8Array {
    const at = this.field(slot);
    if (!at) return new Uint8Array(0);
    const start = this.bb.__vector(at);
    return this.bb.bytes().subarray(start, start + this.bb.__vector_len(at));
  }
}

function modelRoot(model: Uint8Array): Table {
  const t = Table.root(model);
  if (t.bb.getBufferIdentifier() !== 'TFL3') throw new Error('not a TFLite model (file identifier is not TFL3)');
  return t;
}

function floatVector(b: Builder, values: number[]): number {
  b.startVector(4, values.length, 4);
  for (let i = values.length - 1; i >= 0; i--) b.addFloat32(values[i]);
  return b.endVector();
}

/** Offsets must already be written; the builder writes back to front, so the list is reversed. */
function offsetVector(b: Builder, offsets: number[]): number {
  b.startVector(4, offsets.length, 4);
  for (let i = offsets.length - 1; i >= 0; i--) b.addOffset(offsets[i]);
  return b.endVector();
}

/** A ModelMetadata flatbuffer ("M001") describing input 0 as an RGB image normalised by (x - mean) / std. */
function imageMetadata(opts: { mean: number; std: number; name: string; inputName: string | null }): Uint8Array {
  const b = new Builder(512);
  const mean = floatVector(b, [opts.mean]);
  const std = floatVector(b, [opts.std]);
  b.startObject(2); // NormalizationOptions
  b.addFieldOffset(0, mean, 0);
  b.addFieldOffset(1, std, 0);
  const normalization = b.endObject();
  b.startObject(2); // ProcessUnit
  b.addFieldInt8(0, NORMALIZATION_OPTIONS, 0);
  b.addFieldOffset(1, normalization, 0);
  const processUnit = b.endObject();
  const processUnits = offsetVector(b, [processUnit]);
  b.startObject(2); // ImageProperties
  b.addFieldInt8(0, RGB, 0);
  const image = b.endObject();
  b.startObject(3); // Content
  b.addFieldInt8(0, IMAGE_PROPERTIES, 0);
  b.addFieldOffset(1, image, 0);
  const content = b.endObject();
  const inputName = opts.inputName ? b.createString(opts.inputName) : 0;
  b.startObject(7); // TensorMetadata
  b.addFieldOffset(0, inputName, 0);
  b.addFieldOffset(3, content, 0);
  b.addFieldOffset(4, processUnits, 0);
  const input = b.endObject();
  const inputs = offsetVector(b, [input]);
  b.startObject(7); // SubGraphMetadata
  b.addFieldOffset(2, inputs, 0);
  const subgraph = b.endObject();
  const subgraphs = offsetVector(b, [subgraph]);
  const name = b.createString(opts.name);
  // Only 1.0.0 features are used, so any metadata parser can read it.
  const version = b.createString('1.0.0');
  b.startObject(8); // ModelMetadata
  b.addFieldOffset(0, name, 0);
  b.addFieldOffset(3, subgraphs, 0);
  b.addFieldOffset(7, version, 0);
  b.finish(b.endObject(), 'M001');
  return b.asUint8Array().slice();
}

/**
 * Returns a copy of `model` whose first input carries image metadata. The original bytes
 * are kept verbatim at the end of the new file (then padding), 16-byte aligned, so every old object and
 * the relative offsets between them stay valid; a new root Model table in front points
 * into them, with a buffers vector and a metadata vector that each gain one entry.
 */
export function addImageMetadata(model: Uint8Array, opts: { mean: number; std: number; name?: string }): Uint8Array {
  const old = modelRoot(model);
  for (let slot = MODEL_FIELDS; slot < old.slots(); slot++) {
    // A field from a newer schema could be an offset into the old bytes that we would drop.
    if (old.field(slot)) throw new Error(`Model field ${slot} is newer than this tool knows; refusing to rewrite it`);
  }
  const oldBuffers = old.tables(MODEL.buffers);
  // Buffer.offset is an absolute file position (for models over 2 GB); moving the bytes would break it.
  if (oldBuffers.some((buf) => buf.field(1) || buf.field(2))) throw new Error('models with external buffer offsets are not supported');
  const subgraph = old.tables(MODEL.subgraphs)[0];
  const inputIndex = subgraph?.numbers(SUBGRAPH.inputs, 'int32')[0];
  const inputTensor = inputIndex === undefined ? undefined : subgraph.tables(SUBGRAPH.tensors)[inputIndex];
  const metadata = imageMetadata({ mean: opts.mean, std: opts.std, name: opts.name ?? 'model', inputName: inputTensor?.string(TENSOR.name) ?? null });

  const b = new Builder(model.length + metadata.length + 1024);
  // The builder counts offsets from the end of the file, so once the old bytes are
  // written first (last in the file), old position p sits at builder offset start - p.
  b.prep(16, model.length);
  const start = b.createByteVector(model) - 4; // minus the vector's length prefix
  const moved = (position: number) => start - position;

  b.prep(16, metadata.length); // Buffer.data is force_align: 16
  const data = b.createByteVector(metadata);
  b.startObject(3); // Buffer
  b.addFieldOffset(0, data, 0);
  const metadataBuffer = b.endObject();
  const buffers = offsetVector(b, [...oldBuffers.map((t) => moved(t.pos)), metadataBuffer]);

  const keptMetadata = old.tables(MODEL.metadata).filter((t) => t.string(0) !== METADATA_NAME);
  const name = b.createString(METADATA_NAME);
  b.startObject(2); // Metadata
  b.addFieldOffset(0, name, 0);
  b.addFieldInt32(1, oldBuffers.length, 0); // the buffer appended above
  const entry = b.endObject();
  const metadataVector = offsetVector(b, [...keptMetadata.map((t) => moved(t.pos)), entry]);

  b.startObject(MODEL_FIELDS);
  b.addFieldInt32(MODEL.version, old.uint(MODEL.version), 0);
  for (const slot of [MODEL.operatorCodes, MODEL.subgraphs, MODEL.description, MODEL.metadataBuffer, MODEL.signatureDefs]) {
    const target = old.target(slot);
    if (target) b.addFieldOffset(slot, moved(target), 0);
  }
  b.addFieldOffset(MODEL.buffers, buffers, 0);
  b.addFieldOffset(MODEL.metadata, metadataVector, 0);
  b.finish(b.endObject(), 'TFL3');
  return b.asUint8Array().slice();
}

/** The model the extension ships as models/face_detection_short_range.tflite. */
export function buildFaceModel(): Uint8Array {
  return addImageMetadata(new Uint8Array(readFileSync(FACE_MODEL_SOURCE)), { mean: 127.5, std: 127.5, name: 'face_detection_short_range' });
}

export interface ImageMetadata {
  name: string | null;
  minParserVersion: string | null;
  inputName: string | null;
  colorSpace: (typeof COLOR_SPACES)[number];
  mean: number[];
  std: number[];
}

/** What the model's TFLITE_METADATA says about input 0, or null when it has none. */
export function readTfliteMetadata(model: Uint8Array): ImageMetadata | null {
  const m = modelRoot(model);
  const entry = m.tables(MODEL.metadata).find((t) => t.string(0) === METADATA_NAME);
  if (!entry) return null;
  const bytes = m.tables(MODEL.buffers)[entry.uint(1)].bytes(0);
  const meta = Table.root(bytes);
  if (meta.bb.getBufferIdentifier() !== 'M001') throw new Error('TFLITE_METADATA buffer is not a ModelMetadata (M001) flatbuffer');
  const input = meta.tables(3)[0]?.tables(2)[0];
  const content = input?.table(3);
  const image = content?.ubyte(0) === IMAGE_PROPERTIES ? content.table(1) : null;
  const normalization = input
    ?.tables(4)
    .find((u) => u.ubyte(0) === NORMALIZATION_OPTIONS)
    ?.table(1);
  return {
    name: meta.string(0),
    minParserVersion: meta.string(7),
    inputName: input?.string(0) ?? null,
    colorSpace: COLOR_SPACES[image?.ubyte(0) ?? 0] ?? 'UNKNOWN',
    mean: normalization?.numbers(0, 'float32') ?? [],
    std: normalization?.numbers(1, 'float32') ?? [],
  };
}

/** The parts of a model a rewrite must keep: for tests that compare before and after. */
export interface ModelTables {
  version: number;
  description: string | null;
  buffers: Uint8Array[];
  /** Per subgraph, each tensor's buffer index. */
  tensorBuffers: number[][];
  metadata: { name: string | null; buffer: number }[];
}

export function readModelTables(model: Uint8Array): ModelTables {
  const m = modelRoot(model);
  return {
    version: m.uint(MODEL.version),
    description: m.string(MODEL.description),
    buffers: m.tables(MODEL.buffers).map((t) => t.bytes(0)),
    tensorBuffers: m.tables(MODEL.subgraphs).map((s) => s.tables(SUBGRAPH.tensors).map((t) => t.uint(TENSOR.buffer))),
    metadata: m.tables(MODEL.metadata).map((t) => ({ name: t.string(0), buffer: t.uint(1) })),
  };
}
