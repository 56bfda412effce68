/** Shared launch helpers for e2e tests: the built extension in Debian's Chromium. */
import { afterAll } from 'vitest';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { writeY4m } from '../../tools/camera/y4m';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { sequenceClip } from '../../tools/camera/clip';
import { photoDataUrl } from '../../tools/camera/image';
import type { ExtensionSession } from '../../tools/browser';

export { launchExtension, chromiumPath, DIST, ROOT, type ExtensionSession } from '../../tools/browser';
export { detectInPopup, photoInPopup, readOutcome, showView } from '../../tools/popup-driver';

export const SHARED = resolve(import.meta.dirname, '../../../shared');
export const FER_DEV = join(SHARED, 'fer2013/dev');
export const hasShared = existsSync(FER_DEV);
export const SHARED_MISSING = `../shared/fer2013/dev not found at ${FER_DEV}: this test needs the shared data set (see ../shared/README.md)`;

const scratch = mkdtempSync(join(tmpdir(), 'mooddj-e2e-'));
// The clips are megabytes each; without this every test file left its folder in /tmp. (Each
// test file loads this module afresh, so this runs after the importing file's tests.)
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** A fake-camera clip showing the given images (FER faces need margin: fill < 1). */
export function clipOf(images: string[], name: string, opts: { fill?: number; seconds?: number } = {}): string {
  return sequenceClip(images, join(scratch, `${name}.y4m`), { fill: opts.fill ?? 0.55, seconds: opts.seconds ?? 1 });
}

/** An image placed in a 640x480 frame as a PNG file, for the popup's "Use a photo". */
export function photoFile(image: string, name: string, fill = 0.55): string {
  const path = join(scratch, `${name}.png`);
  writeFileSync(path, Buffer.from(photoDataUrl(image, fill).split(',')[1], 'base64'));
  return path;
}

/** Evaluates an expression in the offscreen document (where the camera and models live). */
export async function offscreenEval<T>(session: ExtensionSession, expression: string): Promise<T> {
  const target = await session.browser.waitForTarget((t) => t.url().endsWith('/src/offscreen/index.html'), { timeout: 10_000 });
  const cdp = await target.createCDPSession();
  try {
    const { result, exceptionDetails } = await cdp.send('Runtime.evaluate', { expression, returnByValue: true, awaitPromise: true });
    if (exceptionDetails) throw new Error(exceptionDetails.exception?.description ?? exceptionDetails.text);
    return result.value as T;
  } finally {
    await cdp.detach();
  }
}

/** readyState of every camera track of the latest capture (none before the first). */
export function offscreenTrackStates(session: ExtensionSession): Promise<string[]> {
  return offscreenEval<string[]>(session, 'globalThis.mooddjDebug.cameraTrackStates()');
}

/** A clip of one flat grey level: no face in it (luma 150) or too dark to see (luma 8). */
export function solidClip(name: string, luma: number): string {
  const data = new Uint8Array(640 * 480 * 4).fill(luma);
  const path = join(scratch, `${name}.y4m`);
  writeFileSync(path, writeY4m([{ width: 640, height: 480, data }], { fps: 10, framesEach: 5 }));
  return path;
}
