/**
 * The generated face model really loads in @mediapipe/tasks-vision and finds faces:
 * src/offscreen/faces/mediapipe.ts, bundled as is, runs in a page of Debian's headless
 * Chromium that a loopback-only server feeds with the wasm runtime, the model and frames.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { build } from 'esbuild';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildFaceModel } from '../../tools/build/face-model';
import { decodeImage, placeInFrame } from '../../tools/camera/image';
import { chromiumPath, FER_DEV, hasShared, ROOT, SHARED_MISSING } from './harness';
import type * as FaceDetector from '../../src/offscreen/faces/mediapipe';
import type { Face } from '../../src/offscreen/faces/mediapipe';
import type { FilesetResolver } from '@mediapipe/tasks-vision';

const W = 640;
const H = 480;
/** FER crops are face-only; 0.42 of the frame's height puts a ~200 px face on grey margin. */
const FILL = 0.42;
/**
 * FER2013 dev happy faces found as one face scoring over 0.7 at every fill from 0.3 to 0.7.
 * (Over all 895 dev happy images, 99.6% are found at fill 0.42 and 95.8% at 0.3.)
 */
const HAPPY = ['PublicTest_10130075.jpg', 'PublicTest_10181609.jpg', 'PublicTest_10248771.jpg'];

if (!hasShared) console.warn(`SKIPPED FER face detection e2e tests: ${SHARED_MISSING}`);

const TYPES: Record<string, string> = { '.mjs': 'text/javascript', '.js': 'text/javascript', '.wasm': 'application/wasm', '.html': 'text/html' };
const tasksVision = join(ROOT, 'node_modules/@mediapipe/tasks-vision');

async function detectorBundle(): Promise<string> {
  // The page maps the bare tasks-vision import to the npm bundle, the file the extension uses.
  const out = await build({
    entryPoints: [join(ROOT, 'src/offscreen/faces/mediapipe.ts')],
    bundle: true,
    format: 'esm',
    write: false,
    external: ['@mediapipe/tasks-vision'],
    logLevel: 'silent',
  });
  return out.outputFiles[0].text;
}

function startServer(files: Record<string, { body: Uint8Array | string; type: string }>): Promise<Server> {
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    let file = files[url.pathname];
    const wasm = join(tasksVision, 'wasm', basename(url.pathname));
    if (!file && url.pathname.startsWith('/wasm/') && existsSync(wasm)) {
      const name = basename(url.pathname);
      file = { body: readFileSync(wasm), type: TYPES[name.slice(name.lastIndexOf('.'))] ?? 'application/octet-stream' };
    }
    if (!file && url.pathname.startsWith('/frame/')) {
      // A FER image placed the way the fake-camera clips place it, as raw RGBA.
      const fill = Number(url.searchParams.get('fill') ?? FILL);
      const frame = placeInFrame(decodeImage(join(FER_DEV, 'happy', basename(url.pathname))), { width: W, height: H, fill });
      file = { body: new Uint8Array(frame.data.buffer, frame.data.byteOffset, frame.data.byteLength), type: 'application/octet-stream' };
    }
    if (!file) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': file.type }).end(file.body);
  });
  return new Promise((done) => server.listen(0, '127.0.0.1', () => done(server)));
}

type Shown = { kind: 'frame'; name: string; fill?: number } | { kind: 'blank' };
type PageWindow = { faces: typeof FaceDetector; FilesetResolver: typeof FilesetResolver };
type InputKind = 'canvas' | 'imagedata' | 'bitmap' | 'offscreen';

describe('face detector in headless Chromium', () => {
  let server: Server;
  let browser: Browser;
  let page: Page;
  let profile: string;

  beforeAll(async () => {
    const executablePath = chromiumPath(); // throws, failing the suite, when Chromium is missing
    server = await startServer({
      '/': {
        type: 'text/html',
        body: [
          '<!doctype html>',
          '<script type="importmap">{"imports":{"@mediapipe/tasks-vision":"/vision_bundle.mjs"}}</script>',
          // A page script, not an import() in page.evaluate: vitest rewrites dynamic imports in test code.
          '<script type="module">import * as faces from "/face-detector.js"; import { FilesetResolver } from "@mediapipe/tasks-vision"; window.faces = faces; window.FilesetResolver = FilesetResolver;</script>',
        ].join(''),
      },
      '/vision_bundle.mjs': { body: readFileSync(join(tasksVision, 'vision_bundle.mjs')), type: 'text/javascript' },
      '/face-detector.js': { body: await detectorBundle(), type: 'text/javascript' },
      '/model.tflite': { body: buildFaceModel(), type: 'application/octet-stream' },
    });
    profile = mkdtempSync(join(tmpdir(), 'mooddj-face-'));
    browser = await puppeteer.launch({
      executablePath,
      headless: true,
      userDataDir: profile,
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
    });
    page = await browser.newPage();
    page.on('pageerror', (err) => console.error('page error:', err));
    await page.goto(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`);
    await page.waitForFunction(() => 'faces' in window);
    const loadMs = await page.evaluate(async () => {
      const started = performance.now();
      // MediaPipe's own unpacked files from this server, where the extension has its packed runtime.
      const { faces, FilesetResolver } = window as unknown as PageWindow;
      await faces.load(async () => ({ fileset: await FilesetResolver.forVisionTasks('/wasm'), modelUrl: '/model.tflite' }));
      return performance.now() - started;
    });
    console.log(`face detector loaded in ${loadMs.toFixed(0)} ms`);
  });

  afterAll(async () => {
    await browser?.close();
    server?.close();
    if (profile) rmSync(profile, { recursive: true, force: true });
  });

  /** `ms` is the median over `repeat` calls on the same input. */
  async function detectIn(shown: Shown, as: InputKind = 'canvas', repeat = 1): Promise<{ faces: Face[]; ms: number }> {
    const url = shown.kind === 'frame' ? `/frame/${shown.name}?fill=${shown.fill ?? FILL}` : null;
    return page.evaluate(
      async (url, as, repeat, W, H) => {
        const rgba = url ? new Uint8ClampedArray(await (await fetch(url)).arrayBuffer()) : new Uint8ClampedArray(W * H * 4).fill(128);
        const pixels = new ImageData(rgba, W, H);
        const canvas = document.createElement('canvas');
        canvas.width = W;
        canvas.height = H;
        canvas.getContext('2d')!.putImageData(pixels, 0, 0);
        const offscreen = new OffscreenCanvas(W, H);
        offscreen.getContext('2d')!.putImageData(pixels, 0, 0);
        const input = { canvas, imagedata: pixels, bitmap: await createImageBitmap(pixels), offscreen }[as];
        const faces = (window as unknown as PageWindow).faces;
        const times: number[] = [];
        let found: Face[] = [];
        for (let i = 0; i < repeat; i++) {
          const started = performance.now();
          found = faces.detect(input);
          times.push(performance.now() - started);
        }
        return { faces: found, ms: times.sort((a, b) => a - b)[Math.floor(repeat / 2)] };
      },
      url,
      as,
      repeat,
      W,
      H,
    );
  }

  it('finds nothing in a blank grey frame', async () => {
    expect((await detectIn({ kind: 'blank' })).faces).toEqual([]);
    expect((await detectIn({ kind: 'blank' }, 'imagedata')).faces).toEqual([]);
  });

  it.skipIf(!hasShared)('finds the face in FER2013 happy faces, in pixels, eyes the right way round', async () => {
    for (const name of HAPPY) {
      const { faces, ms } = await detectIn({ kind: 'frame', name });
      expect(faces, name).toHaveLength(1);
      const [face] = faces;
      const side = Math.round(48 * ((H * FILL) / 48));
      console.log(
        `${name}: score ${face.score.toFixed(3)}, box ${face.box.width}x${face.box.height} at ${face.box.x},${face.box.y} (face image ${side}px), ${ms.toFixed(1)} ms`,
      );
      expect(face.score).toBeGreaterThan(0.5);
      // The box is in pixels and sits on the placed image, which is centred in the frame.
      const cx = face.box.x + face.box.width / 2;
      const cy = face.box.y + face.box.height / 2;
      expect(Math.abs(cx - W / 2)).toBeLessThan(side / 4);
      expect(Math.abs(cy - H / 2)).toBeLessThan(side / 3);
      expect(face.box.width).toBeGreaterThan(side * 0.5);
      expect(face.box.width).toBeLessThan(side * 1.5);
      // The subject's right eye is on the image's left; both lie above the box centre.
      expect(face.keypoints).toHaveLength(6);
      expect(face.rightEye).toEqual(face.keypoints[0]);
      expect(face.rightEye.x).toBeLessThan(face.leftEye.x);
      expect(face.rightEye.y).toBeLessThan(cy);
      expect(face.leftEye.x - face.rightEye.x).toBeGreaterThan(side * 0.2);
      const [, , nose, mouth] = face.keypoints;
      expect(nose.y).toBeGreaterThan(face.rightEye.y);
      expect(mouth.y).toBeGreaterThan(nose.y);
    }
  });

  it.skipIf(!hasShared)('finds small and large faces, largest first', async () => {
    for (const fill of [0.3, 0.7]) {
      const { faces } = await detectIn({ kind: 'frame', name: HAPPY[0], fill });
      expect(faces.length, `fill ${fill}`).toBeGreaterThanOrEqual(1);
      expect(faces[0].box.width, `fill ${fill}`).toBeGreaterThan(H * fill * 0.5);
      for (let i = 1; i < faces.length; i++) expect(faces[i].box.width * faces[i].box.height).toBeLessThanOrEqual(faces[0].box.width * faces[0].box.height);
    }
  });

  it.skipIf(!hasShared)('accepts every input type the offscreen document has, with the same result', async () => {
    const shown: Shown = { kind: 'frame', name: HAPPY[0] };
    const { faces: reference, ms } = await detectIn(shown, 'canvas', 21);
    console.log(`detect on CPU, 640x480: canvas median ${ms.toFixed(1)} ms`);
    expect(reference).toHaveLength(1);
    for (const as of ['imagedata', 'bitmap', 'offscreen'] as const) {
      const { faces, ms } = await detectIn(shown, as, 21);
      console.log(`${as} median ${ms.toFixed(1)} ms`);
      expect(faces, as).toHaveLength(1);
      expect(faces[0].box.x, as).toBeCloseTo(reference[0].box.x, -1);
      expect(faces[0].leftEye.x, as).toBeCloseTo(reference[0].leftEye.x, -1);
    }
  });
});
