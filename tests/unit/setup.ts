import { vi } from 'vitest';
import english from '../../_locales/en/messages.json';
import { setMessages } from '../../src/shared/i18n/t';

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

// Without chrome.i18n, words come from the English messages file, as Chrome falls back to it;
// a test that renders another language sets its file and puts English back after.
setMessages(english);
