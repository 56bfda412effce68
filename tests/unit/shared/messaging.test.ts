import { describe, expect, it } from 'vitest';
import { dispatch, type Handlers } from '../../../src/shared/messaging';

const OWN = 'our-extension-id';
const me = { id: OWN };

const offscreen: Handlers<'offscreen'> = {
  analyze: async () => {
    throw new Error('not used here');
  },
  cancel: ({ checkId }) => (checkId === 'boom' ? Promise.reject(new Error('kaput')) : null),
  ping: () => ({ ready: true }),
  warm: () => ({ loaded: true }),
};

describe('dispatch', () => {
  it('answers a valid message addressed to this context', async () => {
    const reply = await dispatch('offscreen', offscreen, { target: 'offscreen', name: 'ping', payload: {} }, me, OWN);
    expect(reply).toEqual({ ok: true, value: { ready: true } });
  });

  it('ignores messages for other contexts so their own listeners can answer', async () => {
    expect(await dispatch('offscreen', offscreen, { target: 'background', name: 'ping', payload: {} }, me, OWN)).toBeUndefined();
    expect(await dispatch('offscreen', offscreen, { name: 'ping', payload: {} }, me, OWN)).toBeUndefined();
    expect(await dispatch('offscreen', offscreen, 'ping', me, OWN)).toBeUndefined();
  });

  it('rejects unknown names with a typed error', async () => {
    const reply = await dispatch('offscreen', offscreen, { target: 'offscreen', name: 'selfDestruct', payload: {} }, me, OWN);
    expect(reply).toMatchObject({ ok: false, error: { code: 'bad-message' } });
    expect(reply && !reply.ok && reply.error.message).toContain('selfDestruct');
  });

  it('rejects malformed payloads before the handler runs', async () => {
    const bad = [
      { target: 'offscreen', name: 'analyze', payload: { source: { kind: 'camera' }, frames: 0, checkId: 'x' } },
      { target: 'offscreen', name: 'analyze', payload: { source: { kind: 'photo', dataUrl: 'https://evil.example/x.png' }, frames: 3, checkId: 'x' } },
      { target: 'offscreen', name: 'analyze', payload: null },
      { target: 'offscreen', name: 'ping', payload: { extra: 1 } },
    ];
    for (const message of bad) {
      const reply = await dispatch('offscreen', offscreen, message, me, OWN);
      expect(reply, JSON.stringify(message)).toMatchObject({ ok: false, error: { code: 'bad-message' } });
    }
  });

  it('rejects messages from other extensions or pages', async () => {
    const reply = await dispatch('offscreen', offscreen, { target: 'offscreen', name: 'ping', payload: {} }, { id: 'someone-else' }, OWN);
    expect(reply).toMatchObject({ ok: false, error: { code: 'bad-message' } });
  });

  it('turns a handler failure into a typed error instead of throwing', async () => {
    const reply = await dispatch('offscreen', offscreen, { target: 'offscreen', name: 'cancel', payload: { checkId: 'boom' } }, me, OWN);
    expect(reply).toMatchObject({ ok: false, error: { code: 'internal' } });
    expect(reply && !reply.ok && reply.error.message).toContain('kaput');
  });
});
