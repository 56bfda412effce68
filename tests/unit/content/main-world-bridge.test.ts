// @vitest-environment happy-dom
/**
 * The postMessage boundary between the page's MAIN world and our isolated content
 * script. A page can read and forge these messages; these tests pin down what that
 * can and cannot achieve.
 */
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { createBridge } from '../../../src/content/bridge';
import { BRIDGE_CHANNEL } from '../../../src/content/main-world/protocol';
import { deliverPostMessageLikeChrome, loadFixture, unloadFixture } from './site-fixture-dom';

const MAIN_WORLD = '../../../src/content/main-world/youtube-music';
const uuid = () => crypto.randomUUID();
const settle = () => new Promise((r) => setTimeout(r, 60));

let posted: unknown[] = [];
/** Replies the helper posted (a forged "reply" we post ourselves carries no `ok`). */
const replies = () => posted.filter((m) => typeof m === 'object' && m !== null && (m as { kind?: string }).kind === 'reply' && 'ok' in m);

function post(data: unknown, source: unknown = window): void {
  const event = new MessageEvent('message', { data, origin: location.origin });
  Object.defineProperty(event, 'source', { value: source });
  window.dispatchEvent(event);
}

function request(overrides: Record<string, unknown> = {}) {
  return { channel: BRIDGE_CHANNEL, kind: 'request', sender: uuid(), id: uuid(), command: 'pause', ...overrides };
}

beforeAll(async () => {
  deliverPostMessageLikeChrome();
  await import(MAIN_WORLD);
});

beforeEach(() => {
  loadFixture('youtube-music');
  posted = [];
  window.addEventListener('message', record);
});

afterEach(() => {
  window.removeEventListener('message', record);
  unloadFixture();
  vi.restoreAllMocks();
});

function record(event: MessageEvent): void {
  posted.push(event.data);
}

describe('MAIN-world helper', () => {
  it('answers a well-formed request, echoing its sender and id', async () => {
    const pause = vi.spyOn(document.querySelector('#movie_player') as unknown as { pauseVideo(): void }, 'pauseVideo');
    const message = request();
    post(message);
    await settle();
    expect(pause).toHaveBeenCalledTimes(1);
    expect(replies()).toEqual([{ channel: BRIDGE_CHANNEL, kind: 'reply', sender: message.sender, id: message.id, ok: true, value: true }]);
  });

  it.each([
    ['another channel', request({ channel: 'someone-else' })],
    ['a reply', request({ kind: 'reply' })],
    ['a malformed id', request({ id: 'x' })],
    ['a malformed sender', request({ sender: '<img src=x>' })],
    ['an unknown command', request({ command: 'eval' })],
    ['an inherited name', request({ command: 'constructor' })],
    ['a prototype key', request({ command: '__proto__' })],
    ['an oversized argument', request({ command: 'search', arg: 'x'.repeat(401) })],
    ['a non-string argument', request({ command: 'search', arg: { toString: 1 } })],
    ['a string', 'pause'],
    ['null', null],
  ])('ignores %s', async (_name, data) => {
    const pause = vi.spyOn(document.querySelector('#movie_player') as unknown as { pauseVideo(): void }, 'pauseVideo');
    post(data);
    await settle();
    expect(pause).not.toHaveBeenCalled();
    expect(replies()).toEqual([]);
  });

  it('ignores requests from other windows (frames, openers)', async () => {
    const pause = vi.spyOn(document.querySelector('#movie_player') as unknown as { pauseVideo(): void }, 'pauseVideo');
    post(request(), null);
    post(request(), {});
    await settle();
    expect(pause).not.toHaveBeenCalled();
    expect(replies()).toEqual([]);
  });

  it('acts once when injected twice', async () => {
    vi.resetModules();
    await import(MAIN_WORLD);
    const next = vi.spyOn(document.querySelector('#movie_player') as unknown as { nextVideo(): void }, 'nextVideo');
    post(request({ command: 'next' }));
    await settle();
    expect(next).toHaveBeenCalledTimes(1);
    expect(replies()).toHaveLength(1);
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
    post(request({ command: 'navigate', arg: JSON.stringify(endpoint) }));
    await settle();
    expect(seen).toEqual(expected);
  });

  it('navigate sends a playlist as a watch endpoint with its id, as pear-desktop and ytmdesktop do', async () => {
    const seen: unknown[] = [];
    document.querySelector('ytmusic-app')!.addEventListener('yt-navigate', (e) => seen.push((e as CustomEvent).detail.endpoint));
    post(request({ command: 'navigate', arg: JSON.stringify({ watchEndpoint: { playlistId: 'PLabc' } }) }));
    post(request({ command: 'navigate', arg: JSON.stringify({ watchEndpoint: { videoId: 'v1', playlistId: 'PLabc' } }) }));
    await settle();
    expect(seen).toEqual([{ watchEndpoint: { playlistId: 'PLabc' } }, { watchEndpoint: { videoId: 'v1', playlistId: 'PLabc' } }]);
  });

  it('keepAwake keeps the page activity time fresh until turned off, and only where the page keeps one', async () => {
    const w = window as unknown as { _lact?: number };
    w._lact = 1;
    post(request({ command: 'keepAwake', arg: 'on' }));
    await settle();
    expect(w._lact).toBeGreaterThan(1);
    post(request({ command: 'keepAwake', arg: 'off' }));
    await settle();
    w._lact = 1;
    post(request({ command: 'state' }));
    await settle();
    expect(w._lact).toBe(1);
    delete w._lact;
    post(request({ command: 'keepAwake', arg: 'on' }));
    await settle();
    expect(w._lact).toBeUndefined();
    post(request({ command: 'keepAwake', arg: 'off' }));
    await settle();
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
    post(request({ command: 'fetchSearch', arg: JSON.stringify({ query: 'x', params: 'a b"c' }) }));
    post(request({ command: 'fetchSearch', arg: JSON.stringify({ query: 'x', params: 'EgWKAQIIAWoMEA4QChADEAQQCRAF' }) }));
    await settle();
    expect(fetched).toEqual([['/search', { query: 'x', params: 'EgWKAQIIAWoMEA4QChADEAQQCRAF' }]]);
  });
});

describe('isolated-world bridge', () => {
  it("resolves with the helper's answer", async () => {
    const bridge = createBridge(window, 500);
    const answer = await bridge.request('state');
    expect(answer).toMatchObject({ ok: true, value: { hasPlayer: true, state: -1 } });
    bridge.dispose();
  });

  it('ignores replies to ids it never sent, under other senders, or twice', async () => {
    const bridge = createBridge(window, 300);
    // Capture our own request as a page script could, and answer it in several wrong ways first.
    let ours: { sender: string; id: string } | null = null;
    const spy = (event: MessageEvent) => {
      if ((event.data as { kind?: string } | null)?.kind === 'request') ours ??= event.data;
    };
    window.addEventListener('message', spy);
    const pending = bridge.request('state');
    await new Promise((r) => setTimeout(r, 0));
    // Our request has not been delivered yet; forge around it once it is.
    await vi.waitFor(() => expect(ours).not.toBeNull());
    const forged = { channel: BRIDGE_CHANNEL, kind: 'reply', ok: true, value: 'forged' };
    post({ ...forged, sender: uuid(), id: ours!.id });
    post({ ...forged, sender: ours!.sender, id: uuid() });
    post({ ...forged, sender: ours!.sender, id: ours!.id, ok: 'yes' });
    post({ ...forged, sender: ours!.sender, id: ours!.id }, null);
    const answer = await pending;
    expect(answer).toMatchObject({ ok: true, value: { hasPlayer: true } });
    // A late duplicate has nothing to resolve.
    post({ ...forged, sender: ours!.sender, id: ours!.id });
    window.removeEventListener('message', spy);
    bridge.dispose();
  });

  it('resolves null when no helper answers, so adapters fall back to the DOM', async () => {
    const quiet = new EventTarget() as unknown as Window;
    Object.assign(quiet, { postMessage: () => undefined, location: { origin: 'https://music.youtube.com' } });
    const bridge = createBridge(quiet, 50);
    expect(await bridge.request('state')).toBeNull();
    bridge.dispose();
  });

  it("never treats a page's request as something to act on", async () => {
    const bridge = createBridge(window, 100);
    post(request({ command: 'state' }));
    await settle();
    // The only way into the extension is chrome.runtime messaging from our own scripts.
    expect(await bridge.request('state')).toMatchObject({ ok: true });
    bridge.dispose();
  });
});
