// @vitest-environment happy-dom
/**
 * The boundary between the page's MAIN world and our isolated content script: a one-time
 * handshake on `window` that the helper takes first, then a private MessagePort. A page can
 * post to `window` and listen there; these tests pin down what that can and cannot achieve.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { createBridge } from '../../../src/content/bridge';
import { BRIDGE_HELLO, type BridgeReply } from '../../../src/content/main-world/protocol';
import { deliverPostMessageLikeChrome, loadFixture, unloadFixture } from './site-fixture-dom';

const MAIN_WORLD = '../../../src/content/main-world/youtube-music';
const settle = () => new Promise((r) => setTimeout(r, 60));

/** What a page script listening on `window` sees. */
let seenByPage: MessageEvent[] = [];
function pageListener(event: MessageEvent): void {
  seenByPage.push(event);
}

/** Dispatches a window message as Chrome delivers it (source and transferred ports). */
function post(data: unknown, opts: { source?: unknown; ports?: MessagePort[] } = {}): void {
  const event = new MessageEvent('message', { data, origin: location.origin, ports: opts.ports ?? [] });
  Object.defineProperty(event, 'source', { value: 'source' in opts ? opts.source : window });
  window.dispatchEvent(event);
}

/** Hands the helper a port, as our isolated script does, and returns our end of it. */
function handshake(hello: unknown = { hello: BRIDGE_HELLO }, source: unknown = window): { port: MessagePort; replies: BridgeReply[] } {
  const channel = new MessageChannel();
  const replies: BridgeReply[] = [];
  channel.port1.onmessage = (e: MessageEvent) => replies.push(e.data as BridgeReply);
  post(hello, { source, ports: [channel.port2] });
  return { port: channel.port1, replies };
}

const movie = () => document.querySelector('#movie_player') as unknown as { pauseVideo(): void; nextVideo(): void };

beforeAll(async () => {
  deliverPostMessageLikeChrome();
  await import(MAIN_WORLD);
});

beforeEach(() => {
  loadFixture('youtube-music');
  seenByPage = [];
  // Registered after the helper, as every page script is (the helper runs at document_start).
  window.addEventListener('message', pageListener, true);
  window.addEventListener('message', pageListener);
});

afterEach(() => {
  window.removeEventListener('message', pageListener, true);
  window.removeEventListener('message', pageListener);
  unloadFixture();
  vi.restoreAllMocks();
});

describe('MAIN-world helper', () => {
  it("names its handshake after this build's version", () => {
    expect(BRIDGE_HELLO).toBe(`mooddj:ytm-bridge:${JSON.parse(readFileSync(join(import.meta.dirname, '../../../package.json'), 'utf8')).version}`);
  });

  it('takes the handshake before any page listener and answers on the private port', async () => {
    const pause = vi.spyOn(movie(), 'pauseVideo');
    const { port, replies } = handshake();
    port.postMessage({ id: 1, command: 'pause' });
    await settle();
    expect(pause).toHaveBeenCalledTimes(1);
    expect(replies).toEqual([{ id: 1, ok: true, value: true }]);
    // The page saw neither the handshake nor any request or reply.
    expect(seenByPage).toEqual([]);
    port.close();
  });

  it('leaves no mark on the page: no new globals, nothing under a symbol', async () => {
    // Vitest serves build constants as globals; the build writes them into the code instead
    // (tests/e2e/trust.test.ts checks the real page for any mark).
    const names = Object.getOwnPropertyNames(window).filter((n) => /mooddj|bridge/i.test(n) && n !== '__MOODDJ_VERSION__');
    const symbols = Object.getOwnPropertySymbols(window).map(String);
    expect(names).toEqual([]);
    expect(symbols.filter((s) => /mooddj/i.test(s))).toEqual([]);
  });

  it.each([
    ['an older protocol', { hello: 'mooddj:ytm-bridge:v1' }],
    ['another version of MoodDJ', { hello: 'mooddj:ytm-bridge:0.0.9' }],
    ['no hello at all', { kind: 'request' }],
    ['a string', BRIDGE_HELLO],
    ['null', null],
  ])('does not take a handshake with %s (it passes on to the page)', async (_name, hello) => {
    const pause = vi.spyOn(movie(), 'pauseVideo');
    const { port, replies } = handshake(hello);
    port.postMessage({ id: 1, command: 'pause' });
    await settle();
    expect(pause).not.toHaveBeenCalled();
    expect(replies).toEqual([]);
    expect(seenByPage.length).toBeGreaterThan(0);
    port.close();
  });

  it('ignores handshakes from other windows (frames, openers)', async () => {
    const pause = vi.spyOn(movie(), 'pauseVideo');
    for (const source of [null, {}]) {
      const { port } = handshake({ hello: BRIDGE_HELLO }, source);
      port.postMessage({ id: 1, command: 'pause' });
      port.close();
    }
    await settle();
    expect(pause).not.toHaveBeenCalled();
  });

  it.each([
    ['a malformed id', { id: 'x', command: 'pause' }],
    ['an unknown command', { id: 1, command: 'eval' }],
    ['an inherited name', { id: 1, command: 'constructor' }],
    ['a prototype key', { id: 1, command: '__proto__' }],
    ['an oversized argument', { id: 1, command: 'search', arg: 'x'.repeat(401) }],
    ['a non-string argument', { id: 1, command: 'search', arg: { toString: 1 } }],
    ['a string', 'pause'],
    ['null', null],
  ])('ignores %s on the port', async (_name, data) => {
    const pause = vi.spyOn(movie(), 'pauseVideo');
    const { port, replies } = handshake();
    port.postMessage(data);
    await settle();
    expect(pause).not.toHaveBeenCalled();
    expect(replies).toEqual([]);
    port.close();
  });

  it('does not obey requests posted on window, the old way', async () => {
    const pause = vi.spyOn(movie(), 'pauseVideo');
    post({ channel: 'mooddj:ytm-bridge:v1', kind: 'request', sender: crypto.randomUUID(), id: crypto.randomUUID(), command: 'pause' });
    await settle();
    expect(pause).not.toHaveBeenCalled();
  });

  it('acts once when injected twice: the first copy takes the handshake', async () => {
    vi.resetModules();
    await import(MAIN_WORLD);
    const next = vi.spyOn(movie(), 'nextVideo');
    const { port, replies } = handshake();
    port.postMessage({ id: 7, command: 'next' });
    await settle();
    expect(next).toHaveBeenCalledTimes(1);
    expect(replies).toHaveLength(1);
    port.close();
  });

  it('offers only what the page can already do to itself', async () => {
    // Whatever a forged request triggers is the page's own player or router.
    const { BRIDGE_COMMANDS } = await import('../../../src/content/main-world/protocol');
    expect([...BRIDGE_COMMANDS].sort()).toEqual(
      ['fetchSearch', 'keepAwake', 'navigate', 'next', 'pause', 'play', 'previous', 'probe', 'queueAdd', 'queueAtEnd', 'rowsData', 'search', 'state'].sort(),
    );
  });

  it.each([
    ['a URL endpoint', { urlEndpoint: { url: 'https://example.com/' } }, []],
    ['a browse endpoint', { browseEndpoint: { browseId: 'FEmusic_liked' } }, []],
    ['a video id with odd characters', { watchEndpoint: { videoId: 'a"b<script>' } }, []],
    [
      'extra keys smuggled into a watch endpoint',
      { watchEndpoint: { videoId: 'abc', likeEndpoint: { status: 'LIKE' } } },
      [{ watchEndpoint: { videoId: 'abc' } }],
    ],
    ['an empty watch endpoint', { watchEndpoint: {} }, []],
    ['a playlist endpoint (sent as a watch endpoint with the playlist id instead)', { watchPlaylistEndpoint: { playlistId: 'PLabc' } }, []],
  ])('navigate forwards only plain watch endpoints, not %s', async (_name, endpoint, expected) => {
    const seen: unknown[] = [];
    document.querySelector('ytmusic-app')!.addEventListener('yt-navigate', (e) => seen.push((e as CustomEvent).detail.endpoint));
    const { port } = handshake();
    port.postMessage({ id: 1, command: 'navigate', arg: JSON.stringify(endpoint) });
    await settle();
    expect(seen).toEqual(expected);
    port.close();
  });

  it('navigate sends a playlist as a watch endpoint with its id, as pear-desktop and ytmdesktop do', async () => {
    const seen: unknown[] = [];
    document.querySelector('ytmusic-app')!.addEventListener('yt-navigate', (e) => seen.push((e as CustomEvent).detail.endpoint));
    const { port } = handshake();
    port.postMessage({ id: 1, command: 'navigate', arg: JSON.stringify({ watchEndpoint: { playlistId: 'PLabc' } }) });
    port.postMessage({ id: 2, command: 'navigate', arg: JSON.stringify({ watchEndpoint: { videoId: 'v1', playlistId: 'PLabc' } }) });
    await settle();
    expect(seen).toEqual([{ watchEndpoint: { playlistId: 'PLabc' } }, { watchEndpoint: { videoId: 'v1', playlistId: 'PLabc' } }]);
    port.close();
  });

  it('keepAwake keeps the page activity time fresh until turned off, and only where the page keeps one', async () => {
    const w = window as unknown as { _lact?: number };
    const { port } = handshake();
    w._lact = 1;
    port.postMessage({ id: 1, command: 'keepAwake', arg: 'on' });
    await settle();
    expect(w._lact).toBeGreaterThan(1);
    port.postMessage({ id: 2, command: 'keepAwake', arg: 'off' });
    await settle();
    w._lact = 1;
    port.postMessage({ id: 3, command: 'state' });
    await settle();
    expect(w._lact).toBe(1);
    delete w._lact;
    port.postMessage({ id: 4, command: 'keepAwake', arg: 'on' });
    await settle();
    expect(w._lact).toBeUndefined();
    port.postMessage({ id: 5, command: 'keepAwake', arg: 'off' });
    await settle();
    port.close();
  });

  it('fetchSearch refuses params that are not a plain token', async () => {
    const fetched: unknown[] = [];
    (document.querySelector('ytmusic-app') as unknown as { networkManager: { fetch(p: string, b: unknown): Promise<unknown> } }).networkManager.fetch = async (
      p,
      b,
    ) => {
      fetched.push([p, b]);
      return {};
    };
    const { port } = handshake();
    port.postMessage({ id: 1, command: 'fetchSearch', arg: JSON.stringify({ query: 'x', params: 'a b"c' }) });
    port.postMessage({ id: 2, command: 'fetchSearch', arg: JSON.stringify({ query: 'x', params: 'EgWKAQIIAWoMEA4QChADEAQQCRAF' }) });
    await settle();
    expect(fetched).toEqual([['/search', { query: 'x', params: 'EgWKAQIIAWoMEA4QChADEAQQCRAF' }]]);
    port.close();
  });
});

describe('isolated-world bridge', () => {
  it("resolves with the helper's answer, and the page sees nothing of it", async () => {
    const bridge = createBridge(window, 500);
    const answer = await bridge.request('state');
    expect(answer).toMatchObject({ ok: true, value: { hasPlayer: true, state: -1 } });
    expect(seenByPage).toEqual([]);
    bridge.dispose();
  });

  it('ignores what a page posts on window, including forged replies the old protocol took', async () => {
    const bridge = createBridge(window, 300);
    const pending = bridge.request('state');
    for (let id = 0; id < 5; id++) post({ id, ok: true, value: 'forged' });
    post({ channel: 'mooddj:ytm-bridge:v1', kind: 'reply', ok: true, value: 'forged' });
    const answer = await pending;
    expect(answer).toMatchObject({ ok: true, value: { hasPlayer: true } });
    bridge.dispose();
  });

  it('resolves null when no helper answers, so adapters fall back to the DOM', async () => {
    const quiet = new EventTarget() as unknown as Window;
    Object.assign(quiet, { postMessage: () => undefined, location: { origin: 'https://music.youtube.com' } });
    const bridge = createBridge(quiet, 50);
    expect(await bridge.request('state')).toBeNull();
    bridge.dispose();
  });
});
