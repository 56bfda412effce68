/**
 * Runs in YouTube Music's MAIN world, where the page's own objects live: the
 * #movie_player element's methods and the app's router. It only answers requests
 * from the isolated content script (see protocol.ts for why that is safe) and must
 * not import anything at runtime.
 */
import type { BRIDGE_CHANNEL, BridgeCommand, BridgeReply, BridgeRequest, PlayerSnapshot } from './protocol';

const CHANNEL: typeof BRIDGE_CHANNEL = 'mooddj:ytm-bridge:v1';
const ID = /^[0-9a-f-]{36}$/;
const MAX_ARG = 200;
/** Set once per page so a second injection does not answer (and act) twice. */
const INSTALLED = Symbol.for('mooddj.ytm-main-world');

interface YtPlayer {
  playVideo(): void;
  pauseVideo(): void;
  nextVideo(): void;
  previousVideo(): void;
  getPlayerState(): number;
  getVideoData(): { title?: unknown; author?: unknown };
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
  if (!p) return { hasPlayer: false, state: null, title: '', artist: '', ad: false };
  const data = p.getVideoData() ?? {};
  const state = p.getPlayerState();
  return {
    hasPlayer: true,
    state: typeof state === 'number' ? state : null,
    title: text(data.title),
    artist: text(data.author),
    ad: document.querySelector('#movie_player')?.classList.contains('ad-showing') ?? false,
  };
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

interface MenuItem extends HTMLElement {
  data?: { serviceEndpoint?: { queueAddEndpoint?: { queueInsertPosition?: unknown } } };
}

/** Finds "Add to queue" in the open menu by what it does, not by its translated label. */
function queueAtEnd(): boolean {
  const items = document.querySelectorAll<MenuItem>('tp-yt-iron-dropdown:not([aria-hidden="true"]) ytmusic-menu-popup-renderer ytmusic-menu-service-item-renderer');
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
};

function isRequest(data: unknown): data is BridgeRequest {
  if (typeof data !== 'object' || data === null) return false;
  const d = data as Record<string, unknown>;
  return (
    d.channel === CHANNEL &&
    d.kind === 'request' &&
    typeof d.sender === 'string' &&
    ID.test(d.sender) &&
    typeof d.id === 'string' &&
    ID.test(d.id) &&
    typeof d.command === 'string' &&
    Object.hasOwn(COMMANDS, d.command) &&
    (d.arg === undefined || (typeof d.arg === 'string' && d.arg.length <= MAX_ARG))
  );
}

function onMessage(event: MessageEvent): void {
  if (event.source !== window || !isRequest(event.data)) return;
  const { sender, id, command, arg } = event.data;
  let reply: BridgeReply;
  try {
    reply = { channel: CHANNEL, kind: 'reply', sender, id, ok: true, value: COMMANDS[command](arg) };
  } catch {
    reply = { channel: CHANNEL, kind: 'reply', sender, id, ok: false };
  }
  window.postMessage(reply, location.origin);
}

const host = window as unknown as Record<symbol, unknown>;
if (!host[INSTALLED]) {
  Object.defineProperty(host, INSTALLED, { value: true });
  window.addEventListener('message', onMessage);
}
