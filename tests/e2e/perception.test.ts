import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  clipOf,
  solidClip,
  detectInPopup,
  FER_DEV,
  hasShared,
  launchExtension,
  offscreenEval,
  offscreenTrackStates,
  photoFile,
  photoInPopup,
  SHARED_MISSING,
  type ExtensionSession,
} from './harness';

/** FER2013 dev faces our model reads clearly and the detector finds at this scale. */
const HAPPY = ['happy/PublicTest_11060787.jpg'];
const SURPRISE = ['surprise/PublicTest_16568907.jpg'];
const SAD = 'sad/PublicTest_20668878.jpg';

if (!hasShared) console.warn(`SKIPPED face e2e tests: ${SHARED_MISSING}`);

describe.skipIf(!hasShared)('seeing a face through the fake camera', () => {
  const sessions: ExtensionSession[] = [];
  afterAll(async () => {
    for (const s of sessions) await s.close();
  });
  async function checkWith(camera: string) {
    const session = await launchExtension({ camera });
    sessions.push(session);
    const page = await session.openPopup();
    const outcome = await detectInPopup(page);
    return { session, page, outcome };
  }

  it('a happy face reads as happy, and the camera is off afterwards', async () => {
    const { session, outcome } = await checkWith(
      clipOf(
        HAPPY.map((p) => join(FER_DEV, p)),
        'happy',
      ),
    );
    expect(outcome.error).toBeNull();
    expect(outcome.emotion).toBe('happy');
    expect(Object.keys(outcome.probabilities ?? {})).toHaveLength(7);
    expect(outcome.heatmap).toBe(true);
    const tracks = await offscreenTrackStates(session);
    expect(tracks.length).toBeGreaterThan(0);
    expect(tracks.every((s) => s === 'ended')).toBe(true);
  });

  it('a surprised face reads as surprise', async () => {
    const { outcome } = await checkWith(
      clipOf(
        SURPRISE.map((p) => join(FER_DEV, p)),
        'surprise',
      ),
    );
    expect(outcome.error).toBeNull();
    expect(outcome.emotion).toBe('surprise');
    expect(outcome.heatmap).toBe(true);
  });

  it('a photo picked in the popup, on a machine without a camera, reads as sad with its heatmap', async () => {
    const session = await launchExtension({ noCamera: true });
    sessions.push(session);
    const page = await session.openPopup();
    const outcome = await photoInPopup(page, photoFile(join(FER_DEV, SAD), 'sad-photo'));
    expect(outcome.error).toBeNull();
    expect(outcome.emotion).toBe('sad');
    expect(outcome.heatmap).toBe(true);
  });

  it('an empty frame says no face, a black frame says too dark', async () => {
    const empty = await checkWith(solidClip('empty', 150));
    expect(empty.outcome.errorCode).toBe('no-face');
    const dark = await checkWith(solidClip('dark', 8));
    expect(dark.outcome.errorCode).toBe('too-dark');
    expect((await offscreenTrackStates(dark.session)).every((s) => s === 'ended')).toBe(true);
  });

  it('tensor count does not grow over 20 checks', async () => {
    const { session, page } = await checkWith(
      clipOf(
        HAPPY.map((p) => join(FER_DEV, p)),
        'happy-loop',
      ),
    );
    const before = await offscreenEval<number>(session, 'globalThis.mooddjDebug.numTensors()');
    for (let i = 0; i < 20; i++) {
      const o = await detectInPopup(page);
      expect(o.error).toBeNull();
    }
    const after = await offscreenEval<number>(session, 'globalThis.mooddjDebug.numTensors()');
    expect(after).toBe(before);
  });
});
