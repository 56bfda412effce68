/**
 * The protocol between our isolated content script and the YouTube Music MAIN-world helper.
 *
 * Transport: the helper runs at document_start, before any of the page's scripts, and listens
 * for one handshake: a window message `{ hello: BRIDGE_HELLO }` carrying a MessagePort. Being the
 * first listener, it takes the port and stops the event, so no page script sees the handshake;
 * every request and reply after it travels on that private port, never on `window`, and the
 * helper leaves no mark on the page's globals.
 *
 * Trust model, should a page still get in (a helper that failed to load, a page that hands the
 * helper a port of its own):
 *  - the helper only answers requests, and only with abilities the page already has over itself
 *    (its own player, router and client); nothing it says reaches the extension as a command;
 *  - the isolated world reads only its own port, accepts a reply only for a request id it is
 *    waiting for, once, and validates the reply's shape; a forged reply can at worst misreport
 *    the page's own song, which the page could do through its DOM anyway.
 *
 * The MAIN-world script must stay import-free at runtime (it runs as a classic script in the
 * page), so it imports only types from here and re-declares the constants as `typeof …`, which
 * makes the compiler check that the two spellings agree (the hello, a template of the build's
 * version, is checked by tests/unit/content/main-world-bridge.test.ts instead).
 */
/**
 * The extension's version is in the name: after an update, a helper left in an open tab by the
 * previous version (its listener came first) ignores the new hello, and the helper injected with
 * the update takes it, so requests never meet code of another version.
 */
export const BRIDGE_HELLO = `mooddj:ytm-bridge:${__MOODDJ_VERSION__}`;

export interface BridgeHello {
  hello: string;
}

export const BRIDGE_COMMANDS = [
  'state',
  'play',
  'pause',
  'next',
  'previous',
  'search',
  'queueAtEnd',
  // The app's own data and commands (see docs/sites.md):
  'fetchSearch',
  'navigate',
  'queueAdd',
  'rowsData',
  'probe',
  // Keeping the music going while MoodDJ plays: 'on' / 'off'.
  'keepAwake',
] as const;
export type BridgeCommand = (typeof BRIDGE_COMMANDS)[number];

export interface BridgeRequest {
  /** Counts up per port; only the holder of the port can send on it. */
  id: number;
  command: BridgeCommand;
  arg?: string;
}

export interface BridgeReply {
  id: number;
  ok: boolean;
  value?: unknown;
}

/** What `state` answers: the page's own player, read through its JS API. */
export interface PlayerSnapshot {
  hasPlayer: boolean;
  /** YouTube player state: -1 unstarted, 0 ended, 1 playing, 2 paused, 3 buffering, 5 cued. */
  state: number | null;
  title: string;
  artist: string;
  /** The loaded video's id ('' when none): a change shows a play command was taken. */
  videoId: string;
  /** The player shows an ad (`ad-showing`). */
  ad: boolean;
}

/** Long enough for a JSON `{query, params}` or a play endpoint. */
export const MAX_ARG_LENGTH = 400;

/** What `probe` answers: which of the app's own objects this page exposes (read-only). */
export interface PageProbe {
  app: boolean;
  networkManager: boolean;
  queueStore: boolean;
  player: boolean;
  rowData: boolean;
  /** ytcfg's LOGGED_IN; null when the page does not say. */
  loggedIn: boolean | null;
  /** The page keeps its last-activity time in `window._lact` (what its idle check reads). */
  lastActivity: boolean;
}
