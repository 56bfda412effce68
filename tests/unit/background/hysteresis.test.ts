import { describe, expect, it } from 'vitest';
import { acceptNow, INITIAL_HYSTERESIS, observe, type HysteresisState } from '../../../src/background/hysteresis';
import type { Emotion } from '../../../src/shared/emotions';

function run(readings: [Emotion, boolean?][], start: HysteresisState = INITIAL_HYSTERESIS, required = 2) {
  let state = start;
  const changes: (Emotion | null)[] = [];
  for (const [emotion, notSure] of readings) {
    const r = observe(state, { emotion, notSure: notSure ?? false }, required);
    // Round-trip through JSON, as chrome.storage does between worker restarts.
    state = JSON.parse(JSON.stringify(r.state));
    changes.push(r.change);
  }
  return { state, changes };
}

describe('hysteresis', () => {
  it('changes only after two confident checks of the new mood', () => {
    const { changes } = run([['happy'], ['happy'], ['sad'], ['sad']]);
    expect(changes).toEqual([null, 'happy', null, 'sad']);
  });

  it('a flicker does not change the music', () => {
    const { changes, state } = run([['sad'], ['happy'], ['sad'], ['happy']], acceptNow('neutral'));
    expect(changes).toEqual([null, null, null, null]);
    expect(state.current).toBe('neutral');
  });

  it('unsure readings neither count nor break a streak', () => {
    const { changes } = run([['sad'], ['angry', true], ['sad']], acceptNow('happy'));
    expect(changes).toEqual([null, null, 'sad']);
  });

  it('returning to the current mood resets the candidate', () => {
    const { changes, state } = run([['sad'], ['happy'], ['sad']], acceptNow('happy'));
    expect(changes).toEqual([null, null, null]);
    expect(state).toEqual({ current: 'happy', candidate: 'sad', streak: 1 });
  });

  it('honours a configured number of checks', () => {
    expect(run([['sad'], ['sad'], ['sad']], acceptNow('happy'), 3).changes).toEqual([null, null, 'sad']);
  });
});
