/**
 * npm start [-- --camera FILE | --test-pattern] [--headless] [--no-build] [--screenshot FILE]
 * Builds the extension, opens Chromium with it loaded and runs one mood check through the
 * popup, as a user pressing Detect would; prints one JSON line with the result.
 * - Without --camera the fake camera shows a sample face (tools/camera/sample-face.ts);
 *   --test-pattern shows Chromium's own green test pattern instead (no face in it).
 * - With a display (and no --headless) the window stays open afterwards for you to use;
 *   close it (or press Ctrl+C) to quit. Without one it saves a screenshot and exits.
 * Exit codes: 0 a reading (check "notSure"), 3 the check failed (the JSON's "error" says
 * why, e.g. no face), 1 MoodDJ could not be built or started.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { ROOT, launchExtension, type ExtensionSession } from './browser.ts';
import { cameraClip } from './camera/clip.ts';
import { SAMPLE_FACE, sampleFaceClip } from './camera/sample-face.ts';
import { detectInPopup } from './popup-driver.ts';

const { values } = parseArgs({
  options: {
    camera: { type: 'string' },
    'test-pattern': { type: 'boolean' },
    headless: { type: 'boolean' },
    'no-build': { type: 'boolean' },
    screenshot: { type: 'string' },
  },
});

function log(line: string): void {
  process.stderr.write(`${line}\n`);
}

let session: ExtensionSession | null = null;

function fakeCamera(outDir: string): string | undefined {
  if (values.camera) {
    log(`Fake camera: ${values.camera}`);
    return cameraClip(values.camera, join(outDir, 'camera.y4m'));
  }
  if (values['test-pattern']) {
    log("Fake camera: Chromium's green test pattern (no face in it).");
    return undefined;
  }
  log(`Fake camera: a sample face (${SAMPLE_FACE.credit}). Use --camera FILE for your own photo or clip.`);
  return sampleFaceClip(join(outDir, 'sample-face.y4m'));
}

async function main(): Promise<number> {
  if (!values['no-build']) {
    log('Building the extension…');
    const built = spawnSync('npx', ['vite', 'build', '--logLevel', 'warn'], { cwd: ROOT, stdio: ['ignore', 2, 2] });
    if (built.status !== 0) return (log('Build failed.'), 1);
  }
  const outDir = join(ROOT, '.out');
  mkdirSync(outDir, { recursive: true });
  const camera = fakeCamera(outDir);
  const headless = values.headless ?? !process.env.DISPLAY;
  session = await launchExtension({ camera, headless });
  log(`MoodDJ loaded (extension id ${session.extensionId}) in ${headless ? 'headless' : 'windowed'} mode.`);
  const popup = await session.openPopup();

  const outcome = await detectInPopup(popup);
  const { emotion, confidence, notSure, probabilities, query, site, error } = outcome;
  process.stdout.write(`${JSON.stringify({ emotion, confidence, notSure, probabilities, query, site, error })}\n`);
  const code = outcome.error ? 3 : 0;
  if (!headless) {
    log('Chromium is open with MoodDJ: press Detect mood in the MoodDJ tab to check again. Close the browser (or press Ctrl+C) to quit.');
    const browser = session.browser;
    await new Promise<void>((resolve) => browser.on('disconnected', () => resolve()));
    return code;
  }
  const shot = values.screenshot ?? join(outDir, 'popup.png');
  await popup.screenshot({ path: shot, fullPage: true });
  log(`Screenshot of the popup: ${shot}`);
  return code;
}

async function quit(code: number): Promise<never> {
  await session?.close();
  process.exit(code);
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => void quit(0));

main().then(
  (code) => quit(code),
  async (err: unknown) => {
    log(`MoodDJ could not start: ${err instanceof Error ? err.message : String(err)}`);
    await quit(1);
  },
);
