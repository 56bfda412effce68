/**
 * `npm run bench:packing -- --variant NAME=DIR ...`: what a way of shipping the extension costs
 * its users and its developers, for builds of the same source that differ only in how they
 * ship MediaPipe's runtime (bench/README.md, "Packing MediaPipe's runtime"). DIR is a source
 * tree (with node_modules); each is built here, then measured in turns, so every variant
 * meets the machine's load alike:
 * - `npm run build` (vite build) with the packer's cache empty, as after `npm ci`, and full;
 * - the store zip (`npm run package`'s) and the installed footprint: the unpacked extension plus
 *   what it writes to its IndexedDB in the browser profile;
 * - install to first result: the browser and extension start, the popup opens at once, Detect is
 *   clicked as soon as it can be (the install warm-up may still be running);
 * - cold Detect: a new offscreen document (as after the idle alarm), clicked as soon as the popup
 *   shows; warm Detect: the median of the checks after it.
 * Prints a table and writes bench/results-packing.json; asserts nothing.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { launchExtension } from '../tools/browser';
import { storeZip } from '../tools/package/zip';
import { timedDetectInPopup } from '../tools/popup-driver';
import { evaluateIn, NO_MUSIC_SITES, OFFSCREEN, targetSession } from './cdp';
import { cameraClip, timingFrames } from './frames';
import { BENCH, FER_DEV } from './paths';
import { median } from './stats';

interface Variant {
  name: string;
  root: string;
}

interface Round {
  installToResultMs: number;
  firstClickMs: number;
  coldMs: number;
  warmMs: number[];
  /** The cold check's new document: its models' load, and the runtime's unpack or read-back inside it. */
  coldLoad: { total: number; unpack: number | null } | null;
  indexedDbBytes: number;
  errors: string[];
}

interface Measured {
  name: string;
  buildColdMs: number;
  buildWarmMs: number;
  distBytes: number;
  zipBytes: number;
  rounds: Round[];
}

const log = (s: string) => console.error(s);

function bytesUnder(path: string): number {
  const s = statSync(path);
  if (!s.isDirectory()) return s.size;
  return readdirSync(path).reduce((sum, name) => sum + bytesUnder(join(path, name)), 0);
}

/** `vite build` in `root`; with `cold`, the packer's cache emptied first, as a fresh `npm ci` leaves it. */
function timedBuild(root: string, cold: boolean): number {
  if (cold) rmSync(join(root, 'node_modules/.cache/mooddj-packed-wasm'), { recursive: true, force: true });
  const started = performance.now();
  const run = spawnSync('npx', ['vite', 'build'], { cwd: root, encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`vite build failed in ${root}:\n${run.stdout}${run.stderr}`);
  return performance.now() - started;
}

/** What the extension keeps in its IndexedDB in this profile (MediaPipe's runtime, when it is copied there). */
function indexedDbBytes(profile: string, extensionId: string): number {
  const dir = join(profile, 'Default', 'IndexedDB');
  if (!existsSync(dir)) return 0;
  return readdirSync(dir)
    .filter((name) => name.includes(extensionId))
    .reduce((sum, name) => sum + bytesUnder(join(dir, name)), 0);
}

const LOAD = 'globalThis.mooddjDebug?.modelsLoaded() ? globalThis.mooddjDebug.firstLoad() : null';

async function documentLoad(session: Awaited<ReturnType<typeof launchExtension>>): Promise<{ total: number; unpack: number | null } | null> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    const cdp = await targetSession(session.browser, OFFSCREEN).catch(() => null);
    if (cdp) {
      try {
        const load = await evaluateIn<{ total: number; unpack: number | null } | null>(cdp, LOAD);
        if (load) return load;
      } finally {
        await cdp.detach();
      }
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return null;
}

async function measureRound(dist: string, clip: string, warmChecks: number): Promise<Round> {
  const launched = performance.now();
  const session = await launchExtension({ dist, camera: clip, extraArgs: [NO_MUSIC_SITES] });
  const errors: string[] = [];
  try {
    // The extension is installed once its worker runs: from here on, the user's clock.
    const installed = performance.now();
    log(`  browser and extension started in ${(installed - launched).toFixed(0)} ms`);
    const popup = await session.openPopup();
    const first = await timedDetectInPopup(popup, 180_000);
    const installToResultMs = performance.now() - installed;
    if (first.outcome.error) errors.push(`first: ${first.outcome.error}`);
    await popup.close();
    // Whatever the install warm-up stores is written by now; give IndexedDB a moment to flush.
    await new Promise((r) => setTimeout(r, 1500));
    const idb = indexedDbBytes(session.profile, session.extensionId);

    await session.closeOffscreen();
    const coldPopup = await session.openPopup();
    await coldPopup.waitForSelector('[data-testid="detect"]');
    const cold = await timedDetectInPopup(coldPopup, 180_000);
    if (cold.outcome.error) errors.push(`cold: ${cold.outcome.error}`);
    const coldLoad = await documentLoad(session);
    const warmMs: number[] = [];
    for (let i = 0; i < warmChecks; i++) {
      const warm = await timedDetectInPopup(coldPopup, 180_000);
      if (warm.outcome.error) errors.push(`warm: ${warm.outcome.error}`);
      warmMs.push(warm.ms);
    }
    return { installToResultMs, firstClickMs: first.ms, coldMs: cold.ms, warmMs, coldLoad, indexedDbBytes: idb, errors };
  } finally {
    await session.close();
  }
}

function parse(argv: string[]): { variants: Variant[]; rounds: number; warmChecks: number; json: string } {
  const variants: Variant[] = [];
  let rounds = 3;
  let warmChecks = 5;
  let json = join(BENCH, 'results-packing.json');
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i].split(/=(.*)/s, 2) as [string, string | undefined];
    const value = () => inline ?? argv[++i];
    if (flag === '--variant') {
      const [name, root] = value().split('=');
      if (!name || !root) throw new Error('--variant NAME=DIR');
      variants.push({ name, root: resolve(root) });
    } else if (flag === '--rounds') rounds = Number(value());
    else if (flag === '--warm-checks') warmChecks = Number(value());
    else if (flag === '--json') json = resolve(value());
    else throw new Error(`unknown flag ${flag}`);
  }
  if (!variants.length) throw new Error('Usage: npm run bench:packing -- --variant NAME=DIR [--variant ...] [--rounds 3] [--warm-checks 5] [--json OUT]');
  return { variants, rounds, warmChecks, json };
}

const mb = (b: number) => `${(b / 1e6).toFixed(2)} MB`;
const ms = (x: number) => `${x.toFixed(0)} ms`;

async function main(): Promise<void> {
  const { variants, rounds, warmChecks, json } = parse(process.argv.slice(2));
  if (!existsSync(FER_DEV)) throw new Error(`the shared data set is not at ${FER_DEV}: the camera clip needs one of its faces`);
  const loadAtStart = loadavg()[0];
  log(`Load average at start ${loadAtStart.toFixed(2)} on ${cpus().length} cores`);
  const scratch = mkdtempSync(join(tmpdir(), 'mooddj-packing-'));
  try {
    const clip = cameraClip(FER_DEV, timingFrames(FER_DEV, 1), join(scratch, 'face.y4m'));
    const results: Measured[] = [];
    for (const v of variants) {
      log(`${v.name}: building (packer cache empty, then full)`);
      const buildColdMs = timedBuild(v.root, true);
      const buildWarmMs = timedBuild(v.root, false);
      const dist = join(v.root, 'dist');
      results.push({ name: v.name, buildColdMs, buildWarmMs, distBytes: bytesUnder(dist), zipBytes: storeZip(dist).length, rounds: [] });
      log(`  build ${ms(buildColdMs)} cold, ${ms(buildWarmMs)} warm; dist ${mb(bytesUnder(dist))}`);
    }
    for (let r = 0; r < rounds; r++) {
      // Each round starts with another variant, so none always runs first or last.
      for (let k = 0; k < variants.length; k++) {
        const i = (r + k) % variants.length;
        log(`round ${r + 1}: ${variants[i].name} (load ${loadavg()[0].toFixed(2)})`);
        const round = await measureRound(join(variants[i].root, 'dist'), clip, warmChecks);
        results[i].rounds.push(round);
        log(
          `  install -> first result ${ms(round.installToResultMs)} (click -> result ${ms(round.firstClickMs)}); cold ${ms(round.coldMs)}, warm ${round.warmMs.map(ms).join('/')}; IndexedDB ${mb(round.indexedDbBytes)}${round.errors.length ? `; ${round.errors.join(', ')}` : ''}`,
        );
      }
    }
    const loadAtEnd = loadavg()[0];
    const rows = results.map((m) => {
      const idb = median(m.rounds.map((r) => r.indexedDbBytes));
      const unpack = m.rounds.map((r) => r.coldLoad?.unpack).filter((u): u is number => typeof u === 'number');
      return [
        m.name,
        mb(m.zipBytes),
        mb(m.distBytes),
        mb(idb),
        mb(m.distBytes + idb),
        ms(median(m.rounds.map((r) => r.installToResultMs))),
        ms(median(m.rounds.map((r) => r.coldMs))),
        ms(median(m.rounds.flatMap((r) => r.warmMs))),
        ms(median(m.rounds.map((r) => r.coldLoad?.total ?? NaN))),
        unpack.length ? ms(median(unpack)) : '—',
        `${(m.buildColdMs / 1000).toFixed(1)} s / ${(m.buildWarmMs / 1000).toFixed(1)} s`,
      ];
    });
    console.log(
      `MediaPipe runtime packing, ${new Date().toISOString().slice(0, 16)} UTC, ${cpus()[0]?.model ?? '?'} ${cpus().length} cores, load average ${loadAtStart.toFixed(2)} at start, ${loadAtEnd.toFixed(2)} at end`,
    );
    console.log(`Medians over ${rounds} rounds per variant (${warmChecks} warm checks each), variants in turn.\n`);
    console.log(
      '| variant | store zip | dist/ | IndexedDB | installed | install → first result | cold Detect | warm Detect | cold doc: models load | of which runtime | `npm run build` (cache empty / full) |',
    );
    console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
    for (const r of rows) console.log(`| ${r.join(' | ')} |`);
    writeFileSync(json, JSON.stringify({ loadAtStart, loadAtEnd, rounds, warmChecks, results }, null, 1));
    log(`Wrote ${json}`);
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exitCode = 1;
});
