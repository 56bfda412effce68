import { beforeEach, describe, expect, it, vi } from 'vitest';

const calls: string[] = [];
vi.mock('../../../src/background/check', () => ({ checkRunning: () => false }));
vi.mock('../../../src/background/offscreen-document', () => ({
  ensureOffscreen: async () => void calls.push('ensureOffscreen'),
  scheduleOffscreenClose: async () => void calls.push('scheduleOffscreenClose'),
}));
vi.mock('../../../src/background/periodic', () => ({ PERIODIC_ALARM: 'periodic-check', periodicBlocker: async () => null }));
vi.mock('../../../src/shared/messaging', () => ({
  send: async (target: string, name: string) => {
    calls.push(`${target}:${name}`);
    return { ok: true, value: { loaded: true } };
  },
}));

const { scheduleWarmBeforePeriodic, WARM_ALARM, warmUp } = await import('../../../src/background/warm');

const alarms = new Map<string, { name: string; scheduledTime: number }>();
beforeEach(() => {
  calls.length = 0;
  alarms.clear();
  vi.stubGlobal('chrome', {
    alarms: {
      get: async (name: string) => alarms.get(name),
      clear: async (name: string) => alarms.delete(name),
      create: async (name: string, info: { when: number }) => void alarms.set(name, { name, scheduledTime: info.when }),
    },
  });
});

describe('warming', () => {
  it('creates the offscreen document, asks it to warm, and lets it close when idle', async () => {
    await warmUp();
    expect(calls).toEqual(['ensureOffscreen', 'offscreen:warm', 'scheduleOffscreenClose']);
  });

  it('warms 30 s before a periodic check that is far enough ahead, and not otherwise', async () => {
    const at = Date.now() + 10 * 60_000;
    alarms.set('periodic-check', { name: 'periodic-check', scheduledTime: at });
    await scheduleWarmBeforePeriodic();
    expect(alarms.get(WARM_ALARM)?.scheduledTime).toBe(at - 30_000);

    alarms.set('periodic-check', { name: 'periodic-check', scheduledTime: Date.now() + 40_000 });
    await scheduleWarmBeforePeriodic();
    expect(alarms.has(WARM_ALARM)).toBe(false);

    alarms.delete('periodic-check');
    alarms.set(WARM_ALARM, { name: WARM_ALARM, scheduledTime: at });
    await scheduleWarmBeforePeriodic();
    expect(alarms.has(WARM_ALARM)).toBe(false);
  });
});
