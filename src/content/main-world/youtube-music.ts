/**
 * Runs in YouTube Music's MAIN world, where the page's own objects live: the
 * #movie_player element's methods and the app's router. It only answers requests
 * from the isolated content script (see protocol.ts for why that is safe) and must
 * not import anything at runtime.
 */
import type { BridgeCommand, BridgeReply, BridgeRequest, MAX_ARG_LENGTH, PageProbe, PlayerSnapshot } from './protocol';

/** BRIDGE_HELLO in protocol.ts: this build's version (a build constant, so no import). */
const HELLO = `mooddj:ytm-bridge:${__MOODDJ_VERSION__}`;
const MAX_ARG: typeof MAX_ARG_LENGTH = 400;
/** Video and playlist ids, search params: what a valid endpoint may carry. */
const TOKEN = /^[\w=%-]{1,100}$/;
const RESULT_ROWS = 'ytmusic-search-page ytmusic-responsive-list-item-renderer';
/**
 * How often the page's last-activity time is refreshed while MoodDJ plays: far inside
 * the app's idle limit (pear-desktop refreshes every 15 minutes), and no more often than
 * a background tab's throttled timers run anyway.
 */
const KEEP_AWAKE_MS = 60_000;

interface YtPlayer {
  playVideo(): void;
  pauseVideo(): void;
  nextVideo(): void;
  previousVideo(): void;
  getPlayerState(): number;
  getVideoData(): { title?: unknown; author?: unknown; video_id?: unknown };
}

function player(): YtPlayer | null {
  const el = document.querySelector('#movie_player') as unknown as Partial<YtPlayer> | null;
  if (!el) return null;
  const methods = ['playVideo', 'pauseVideo', 'nextVideo', 'previousVideo', 'getPlayerState', 'getVideoData'] as const;
  return methods.every((m) => typeof el[m] === 'function') ? (el as YtPlayer) : null;
}

function text(value: unknown): string {
  return typeof value === 'string' ? value.slice(0, 500) : '';
}

function snapshot(): PlayerSnapshot {
  const p = player();
  if (!p) return { hasPlayer: false, state: null, title: '', artist: '', videoId: '', ad: false };
  const data = p.getVideoData() ?? {};
  const state = p.getPlayerState();
  return {
    hasPlayer: true,
    state: typeof state === 'number' ? state : null,
    title: text(data.title),
    artist: text(data.author),
    videoId: text(data.video_id).slice(0, 100),
    ad: document.querySelector('#movie_player')?.classList.contains('ad-showing') ?? false,
  };
}

interface ActivityWindow {
  _lact?: unknown;
}
let awake: ReturnType<typeof setInterval> | undefined;

/** The app's idle check compares now with `_lact`, the time of the listener's last input. */
function touchActivity(): void {
  const w = window as unknown as ActivityWindow;
  if (typeof w._lact === 'number') w._lact = Date.now();
}

/** While MoodDJ plays for the user, the app sees a listener who is there (as pear-desktop does). */
function keepAwake(arg: string | undefined): boolean {
  if (arg === 'on') {
    touchActivity();
    awake ??= setInterval(touchActivity, KEEP_AWAKE_MS);
    return true;
  }
  clearInterval(awake);
  awake = undefined;
  return arg === 'off';
}

function withPlayer(act: (p: YtPlayer) => void): boolean {
  const p = player();
  if (!p) return false;
  act(p);
  return true;
}

/** The same event YouTube Music's own links fire, so the app navigates without a reload. */
function search(query: string): boolean {
  const app = document.querySelector('ytmusic-app');
  if (!app) return false;
  const url = `/search?q=${encodeURIComponent(query)}`;
  app.dispatchEvent(
    new CustomEvent('yt-navigate', {
      bubbles: true,
      composed: true,
      detail: { endpoint: { commandMetadata: { webCommandMetadata: { url, webPageType: 'WEB_PAGE_TYPE_SEARCH' } }, searchEndpoint: { query } } },
    }),
  );
  return true;
}

/** `ytmusic-app`'s InnerTube client: the same one the app's own search box uses. */
interface NetworkApp extends HTMLElement {
  networkManager?: { fetch?: (path: string, body: Record<string, unknown>) => Promise<unknown> };
}

interface QueueElement extends HTMLElement {
  dispatch?: (action: unknown) => void;
  queue?: { store?: { store?: { getState?: () => { queue?: { items?: unknown[]; nextQueueItemId?: unknown; queueContextParams?: unknown } } } } };
}

function networkApp(): Required<NetworkApp['networkManager']> | null {
  const nm = document.querySelector<HTMLElement & NetworkApp>('ytmusic-app')?.networkManager;
  return nm && typeof nm.fetch === 'function' ? (nm as Required<NetworkApp['networkManager']>) : null;
}

function queueElement(): QueueElement | null {
  const el = document.querySelector<HTMLElement & QueueElement>('#queue');
  return el && typeof el.dispatch === 'function' ? el : null;
}

function parseArg(arg: string | undefined): Record<string, unknown> | null {
  try {
    const value: unknown = JSON.parse(arg ?? '');
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

const token = (v: unknown): v is string => typeof v === 'string' && TOKEN.test(v);

/** Runs the search the app's own search box runs, and hands back its response as data. */
async function fetchSearch(arg: string | undefined): Promise<unknown> {
  const a = parseArg(arg);
  const nm = networkApp();
  if (!nm || !a || typeof a.query !== 'string' || a.query.length > 200 || !token(a.params)) return null;
  const response = await nm.fetch('/search', { query: a.query, params: a.params });
  // Only plain data crosses back: renderer objects can hold functions.
  return JSON.parse(JSON.stringify(response ?? null)) as unknown;
}

/**
 * Starts a song or playlist the way the app's own links do: a yt-navigate event carrying
 * a watch endpoint with a video id, a playlist id, or both (the shape pear-desktop and
 * ytmdesktop send). Nothing else is accepted.
 */
function navigate(arg: string | undefined): boolean {
  const watch = parseArg(arg)?.watchEndpoint as Record<string, unknown> | undefined;
  const app = document.querySelector('ytmusic-app');
  if (!watch || !app) return false;
  const { videoId, playlistId } = watch;
  if ((videoId === undefined && playlistId === undefined) || (videoId !== undefined && !token(videoId)) || (playlistId !== undefined && !token(playlistId))) {
    return false;
  }
  const endpoint = { watchEndpoint: { ...(videoId ? { videoId } : {}), ...(playlistId ? { playlistId } : {}) } };
  app.dispatchEvent(new CustomEvent('yt-navigate', { bubbles: true, composed: true, detail: { endpoint } }));
  return true;
}

/**
 * Adds a song to the end of the app's queue store, as the app does for "Add to queue":
 * the queue item comes from /music/get_queue, then the store takes ADD_ITEMS.
 */
async function queueAdd(videoId: string | undefined): Promise<boolean> {
  const nm = networkApp();
  const queue = queueElement();
  if (!nm || !queue || !token(videoId)) return false;
  const before = queue.queue?.store?.store?.getState?.()?.queue;
  const body: Record<string, unknown> = { videoIds: [videoId], queueInsertPosition: 'INSERT_AT_END' };
  if (before?.queueContextParams !== undefined) body.queueContextParams = before.queueContextParams;
  const response = (await nm.fetch('/music/get_queue', body)) as { queueDatas?: { content?: unknown }[] } | null;
  const items = (response?.queueDatas ?? []).map((d) => d?.content).filter((c) => typeof c === 'object' && c !== null);
  if (!items.length) return false;
  // Read again: the queue may have moved on while the request ran.
  const state = queue.queue?.store?.store?.getState?.()?.queue;
  const index = Array.isArray(state?.items) ? state.items.length : document.querySelectorAll('#queue ytmusic-player-queue-item').length;
  queue.dispatch!({
    type: 'ADD_ITEMS',
    payload: { nextQueueItemId: state?.nextQueueItemId, index, items, shuffleEnabled: false, shouldAssignIds: true },
  });
  return true;
}

/** Each search-result row's renderer data (`.data`), in document order; null where absent. */
function rowsData(): unknown[] {
  return [...document.querySelectorAll(RESULT_ROWS)].map((row) => {
    const data = (row as HTMLElement & { data?: unknown }).data;
    try {
      return data && typeof data === 'object' ? (JSON.parse(JSON.stringify(data)) as unknown) : null;
    } catch {
      return null;
    }
  });
}

function probe(): PageProbe {
  const cfg = (window as unknown as { ytcfg?: { get?: (key: string) => unknown } }).ytcfg;
  const loggedIn = typeof cfg?.get === 'function' ? cfg.get('LOGGED_IN') : undefined;
  const anyRow = document.querySelector<HTMLElement & { data?: unknown }>('ytmusic-responsive-list-item-renderer');
  return {
    app: document.querySelector('ytmusic-app') !== null,
    networkManager: networkApp() !== null,
    queueStore: queueElement() !== null,
    player: player() !== null,
    rowData: anyRow ? typeof anyRow.data === 'object' && anyRow.data !== null : false,
    loggedIn: typeof loggedIn === 'boolean' ? loggedIn : null,
    lastActivity: typeof (window as unknown as ActivityWindow)._lact === 'number',
  };
}

interface MenuItem extends HTMLElement {
  data?: { serviceEndpoint?: { queueAddEndpoint?: { queueInsertPosition?: unknown } } };
}

/** Finds "Add to queue" in the open menu by what it does, not by its translated label. */
function queueAtEnd(): boolean {
  const items = document.querySelectorAll<MenuItem>(
    'tp-yt-iron-dropdown:not([aria-hidden="true"]) ytmusic-menu-popup-renderer ytmusic-menu-service-item-renderer',
  );
  for (const item of items) {
    if (item.data?.serviceEndpoint?.queueAddEndpoint?.queueInsertPosition === 'INSERT_AT_END') {
      item.click();
      return true;
    }
  }
  return false;
}

const COMMANDS: Record<BridgeCommand, (arg: string | undefined) => unknown> = {
  state: () => snapshot(),
  play: () => withPlayer((p) => p.playVideo()),
  pause: () => withPlayer((p) => p.pauseVideo()),
  next: () => withPlayer((p) => p.nextVideo()),
  previous: () => withPlayer((p) => p.previousVideo()),
  search: (arg) => (arg ? search(arg) : false),
  queueAtEnd: () => queueAtEnd(),
  fetchSearch: (arg) => fetchSearch(arg),
  navigate: (arg) => navigate(arg),
  queueAdd: (arg) => queueAdd(arg),
  rowsData: () => rowsData(),
  probe: () => probe(),
  keepAwake: (arg) => keepAwake(arg),
};

function isRequest(data: unknown): data is BridgeRequest {
  if (typeof data !== 'object' || data === null) return false;
  const d = data as Record<string, unknown>;
  return (
    Number.isSafeInteger(d.id) &&
    typeof d.command === 'string' &&
    Object.hasOwn(COMMANDS, d.command) &&
    (d.arg === undefined || (typeof d.arg === 'string' && d.arg.length <= MAX_ARG))
  );
}

/** Answers requests on a port our isolated content script handed over; each outcome once. */
function serve(port: MessagePort): void {
  port.onmessage = (event: MessageEvent) => {
    if (!isRequest(event.data)) return;
    const { id, command, arg } = event.data;
    const answer = (reply: BridgeReply) => port.postMessage(reply);
    // Some commands wait for the app's client.
    new Promise((resolve) => resolve(COMMANDS[command](arg))).then(
      (value) => answer({ id, ok: true, value }),
      () => answer({ id, ok: false }),
    );
  };
}

/**
 * The handshake. This listener is registered at document_start, before any page script, and in
 * the capture phase, so it runs first; stopping the event keeps the handshake and its port from
 * every page listener (and from a second copy of this helper, so one page never answers twice).
 */
function onHello(event: MessageEvent): void {
  const data = event.data as Partial<{ hello: unknown }> | null;
  if (event.source !== window || typeof data !== 'object' || data === null || data.hello !== HELLO || event.ports.length !== 1) return;
  event.stopImmediatePropagation();
  serve(event.ports[0]);
}

window.addEventListener('message', onHello, true);
