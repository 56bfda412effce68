/** Shared launch helpers for e2e tests: the built extension in Debian's Chromium. */
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { sequenceClip } from '../../tools/camera/clip';

export { launchExtension, chromiumPath, DIST, ROOT, type ExtensionSession } from '../../tools/browser';
export { detectInPopup, readOutcome } from '../../tools/popup-driver';

export const SHARED = resolve(import.meta.dirname, '../../../shared');
export const FER_DEV = join(SHARED, 'fer2013/dev');
export const hasShared = existsSync(FER_DEV);
export const SHARED_MISSING = `../shared/fer2013/dev not found at ${FER_DEV}: this test needs the shared data set (see ../shared/README.md)`;

const scratch = mkdtempSync(join(tmpdir(), 'mooddj-e2e-'));

/** A fake-camera clip showing the given images (FER faces need margin: fill < 1). */
export function clipOf(images: string[], name: string, opts: { fill?: number; seconds?: number } = {}): string {
  return sequenceClip(images, join(scratch, `${name}.y4m`), { fill: opts.fill ?? 0.55, seconds: opts.seconds ?? 1 });
}
