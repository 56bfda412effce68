import { describe, expect, it } from 'vitest';
import { CALLERS, dispatch, type Handlers, type MessageSender, type Target } from '../../../src/shared/messaging';
import { senderRole, type SenderRole } from '../../../src/shared/senders';

const ID = 'ourextensionid';
const BASE = `chrome-extension://${ID}`;
const OWN = { id: ID, workerUrl: `${BASE}/service-worker-loader.js` };
/** What Chrome reports for each of our contexts and for a content script (shapes seen in Chromium 156). */
const SENDERS: Record<string, MessageSender> = {
  worker: { id: ID, url: `${BASE}/service-worker-loader.js` },
  offscreen: { id: ID, url: `${BASE}/src/offscreen/index.html`, origin: BASE },
  popup: { id: ID, url: `${BASE}/src/popup/index.html`, origin: BASE },
  'popup in a tab': { id: ID, url: `${BASE}/src/popup/index.html`, origin: BASE, tab: { id: 4 } },
  options: { id: ID, url: `${BASE}/src/popup/options.html#catalog`, origin: BASE, tab: { id: 5 } },
  'content script': { id: ID, url: 'https://music.youtube.com/watch?v=x', origin: 'https://music.youtube.com', tab: { id: 7 } },
  'content script in an opaque frame': { id: ID, url: 'about:blank', origin: 'null', tab: { id: 7 } },
  'content script claiming our URL': { id: ID, url: `${BASE}/src/popup/index.html`, origin: 'https://music.youtube.com', tab: { id: 7 } },
  'the worker URL in a tab': { id: ID, url: `${BASE}/service-worker-loader.js`, origin: BASE, tab: { id: 8 } },
  'another extension': { id: 'someoneelse', url: 'chrome-extension://someoneelse/x.html', origin: 'chrome-extension://someoneelse' },
  'no url': { id: ID },
};
const EXPECTED_ROLE: Record<string, SenderRole> = {
  worker: 'worker',
  offscreen: 'offscreen',
  popup: 'page',
  'popup in a tab': 'page',
  options: 'page',
  'content script': 'untrusted',
  'content script in an opaque frame': 'untrusted',
  'content script claiming our URL': 'untrusted',
  'the worker URL in a tab': 'page',
  'another extension': 'untrusted',
  'no url': 'untrusted',
};
const me = SENDERS.worker;

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

  it('tells our contexts apart by the URL and origin Chrome reports, never by the id alone', () => {
    for (const [name, sender] of Object.entries(SENDERS)) expect(senderRole(sender, OWN), name).toBe(EXPECTED_ROLE[name]);
  });

  it('each context obeys only its documented callers, and nothing from a content script', async () => {
    let ran = 0;
    const counted: Handlers<'offscreen'> = { ...offscreen, ping: () => (ran++, { ready: true }) };
    const answers: Record<string, boolean> = {};
    for (const [name, sender] of Object.entries(SENDERS)) {
      const reply = await dispatch('offscreen', counted, { target: 'offscreen', name: 'ping', payload: {} }, sender, OWN);
      answers[name] = reply?.ok === true;
      if (!reply?.ok) expect(reply?.error.message, name).toMatch(/refused/);
    }
    // The camera's document answers the worker alone.
    expect(Object.keys(answers).filter((n) => answers[n])).toEqual(['worker']);
    expect(ran).toBe(1);
    const trusting = (target: Target) => Object.keys(SENDERS).filter((n) => CALLERS[target].includes(EXPECTED_ROLE[n]));
    expect(trusting('background')).toEqual(['popup', 'popup in a tab', 'options', 'the worker URL in a tab']);
    expect(trusting('popup')).toEqual(['worker', 'offscreen']);
    expect(trusting('content')).toEqual(['worker']);
    for (const target of Object.keys(CALLERS) as Target[]) expect(CALLERS[target]).not.toContain('untrusted');
  });

  it('turns a handler failure into a typed error instead of throwing', async () => {
    const reply = await dispatch('offscreen', offscreen, { target: 'offscreen', name: 'cancel', payload: { checkId: 'boom' } }, me, OWN);
    expect(reply).toMatchObject({ ok: false, error: { code: 'internal' } });
    expect(reply && !reply.ok && reply.error.message).toContain('kaput');
  });
});
