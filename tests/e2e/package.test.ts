/**
 * `npm run package` makes a zip Chrome accepts: its contents pass Chromium's own packer
 * (`--pack-extension`, which loads the extension and checks the manifest, every messages file
 * and every icon, as the Web Store's upload does) and run when loaded, in German for a German
 * browser. The zip is written from the dist/ the e2e tests use (the script's `vite build`
 * half is every e2e test's own first step).
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { packagePath } from '../../tools/package/zip';
import { chromiumPath, launchExtension, ROOT } from './harness';
import { say } from './messages';

const scratch = join(ROOT, '.out');
mkdirSync(scratch, { recursive: true });
const work = mkdtempSync(join(scratch, 'package-test-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** Chromium's packer on a folder: its exit status, what it printed, and the .crx it wrote. */
function pack(dir: string): { status: number | null; output: string; crx: Buffer | null } {
  const run = spawnSync(chromiumPath(), ['--no-sandbox', '--headless', `--pack-extension=${dir}`, `--user-data-dir=${join(work, 'packer-profile')}`], {
    encoding: 'utf8',
    timeout: 60_000,
  });
  const crx = `${dir}.crx`;
  return { status: run.status, output: `${run.stdout}${run.stderr}`, crx: existsSync(crx) ? readFileSync(crx) : null };
}

/** Width and height from a PNG's header (IHDR follows the 8-byte signature). */
function pngSize(file: Buffer): [number, number] {
  expect(file.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
  return [file.readUInt32BE(16), file.readUInt32BE(20)];
}

describe('the store zip', () => {
  const unpacked = join(work, 'mooddj');
  let zip: Buffer;

  beforeAll(() => {
    const run = spawnSync('npx', ['tsx', 'tools/package.ts'], { cwd: ROOT, encoding: 'utf8' });
    expect(run.status, run.stderr).toBe(0);
    const { version } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string };
    zip = readFileSync(packagePath(ROOT, version));
    console.log(`store zip: ${(zip.length / 1024).toFixed(1)} kB`);
    for (const [name, data] of Object.entries(unzipSync(zip))) {
      if (name.endsWith('/')) continue;
      mkdirSync(dirname(join(unpacked, name)), { recursive: true });
      writeFileSync(join(unpacked, name), data);
    }
  });

  it('holds the manifest at its top, every file the manifest names, both languages and the four icon sizes', () => {
    const manifest = JSON.parse(readFileSync(join(unpacked, 'manifest.json'), 'utf8'));
    expect(manifest.default_locale).toBe('en');
    const named: string[] = [
      manifest.action.default_popup,
      manifest.options_page,
      manifest.background.service_worker,
      ...manifest.content_scripts.flatMap((c: { js: string[] }) => c.js),
      ...Object.values(manifest.icons as Record<string, string>),
      ...Object.values(manifest.action.default_icon as Record<string, string>),
      '_locales/en/messages.json',
      '_locales/de/messages.json',
    ];
    expect(named.filter((f) => !existsSync(join(unpacked, f)))).toEqual([]);
    for (const size of [16, 32, 48, 128]) {
      expect(pngSize(readFileSync(join(unpacked, manifest.icons[String(size)]))), `icon ${size}`).toEqual([size, size]);
    }
    // Nothing but the extension: no source maps, no tests, no repository files.
    expect(Object.keys(unzipSync(zip)).filter((n) => /\.map$|^tests\/|^src\/.*\.tsx?$|package\.json$/.test(n))).toEqual([]);
  });

  it('passes Chromium’s own packer, which refuses a broken one', () => {
    const packed = pack(unpacked);
    expect(packed.status, packed.output).toBe(0);
    // A CRX3 file: "Cr24", then format version 3.
    expect(packed.crx?.subarray(0, 4).toString('latin1')).toBe('Cr24');
    expect(packed.crx?.readUInt32LE(4)).toBe(3);
    expect(statSync(`${unpacked}.pem`).size).toBeGreaterThan(0);

    // The same files with the name's message gone, or an icon gone: the packer says no.
    const noName = join(work, 'no-name');
    cpSync(unpacked, noName, { recursive: true });
    const messages = JSON.parse(readFileSync(join(noName, '_locales/en/messages.json'), 'utf8'));
    delete messages.ext_name;
    writeFileSync(join(noName, '_locales/en/messages.json'), JSON.stringify(messages));
    const refused = pack(noName);
    expect(refused.status).not.toBe(0);
    expect(refused.output).toContain('__MSG_ext_name__');
    expect(refused.crx).toBeNull();

    const noIcon = join(work, 'no-icon');
    cpSync(unpacked, noIcon, { recursive: true });
    rmSync(join(noIcon, 'icons/icon-48.png'));
    expect(pack(noIcon).status).not.toBe(0);
  });

  it('runs when loaded, and speaks German to a German browser', async () => {
    const session = await launchExtension({ dist: unpacked, lang: 'de' });
    try {
      const worker = await session.worker();
      const self = await worker.evaluate(() => chrome.management.getSelf());
      expect(self).toMatchObject({ enabled: true, name: say('de', 'ext_name'), description: say('de', 'ext_description'), installType: 'development' });
      const popup = await session.openPopup();
      await popup.waitForSelector('[data-testid="detect"]');
      expect(await popup.$eval('[data-testid="detect"]', (e) => e.textContent)).toBe(say('de', 'detect_mood'));
      expect(await popup.$eval('html', (e) => e.lang)).toBe('de');
    } finally {
      await session.close();
    }
  });
});
