import { vi } from 'vitest';

// The polyfill refuses to load outside an extension; unit tests pass their own
// storage areas and message senders, so an empty stand-in is enough.
vi.mock('webextension-polyfill', () => ({ default: { runtime: { id: 'unit-test' } } }));

// Node has no ImageData; the offscreen modules under test only need its shape.
globalThis.ImageData ??= class {
  constructor(
    readonly data: Uint8ClampedArray,
    readonly width: number,
    readonly height: number,
  ) {}
} as unknown as typeof ImageData;
