/**
 * npm start [-- --camera FILE] [--headless] [--no-build]
 * Builds the extension and opens Chromium with it loaded. Without a display (or with
 * --headless) it runs one mood check through the popup, prints one JSON line and saves
 * a screenshot of the popup.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { ROOT, launchExtension } from './browser.ts';
import { cameraClip } from './camera/clip.ts';
import { detectInPopup } from './popup-driver.ts';

const { values } = parseArgs({
  options: {
    camera: { type: 'string' },
    headless: { type: 'boolean' },
    'no-build': { type: 'boolean' },
    screenshot: { type: 'string' },
  },
});

function log(line: string): void {
  process.stderr.write(`${line}\n`);
}

async function main(): Promise<number> {
  if (!values['no-build']) {
    log('Building the extension…');
    const built = spawnSync('npx', ['vite', 'build', '--logLevel', 'warn'], { cwd: ROOT, stdio: ['ignore', 2, 2] });
    if (built.status !== 0) return log('Build failed.'), 1;
  }
  const outDir = join(ROOT, '.out');
  mkdirSync(outDir, { recursive: true });
  const camera = values.camera ? cameraClip(values.camera, join(outDir, 'camera.y4m')) : undefined;
  const headless = values.headless ?? !process.env.DISPLAY;
  const session = await launchExtension({ camera, headless });
  log(`MoodDJ loaded (extension id ${session.extensionId}).`);
  const popup = await session.openPopup();

  if (!headless) {
    log('Chromium is open with MoodDJ. Press Detect mood in the MoodDJ tab; close the browser to quit.');
    await new Promise<void>((resolve) => session.browser.on('disconnected', () => resolve()));
    return 0;
  }
  try {
    const outcome = await detectInPopup(popup);
    const shot = values.screenshot ?? join(outDir, 'popup.png');
    await popup.screenshot({ path: shot as `${string}.png`, fullPage: true });
    log(`Screenshot of the popup: ${shot}`);
    const { emotion, confidence, notSure, probabilities, query, site, error } = outcome;
    process.stdout.write(`${JSON.stringify({ emotion, confidence, notSure, probabilities, query, site, error })}\n`);
    return outcome.error ? 3 : 0;
  } finally {
    await session.close();
  }
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    log(`MoodDJ could not start: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  },
);
