import { BRIDGE_CHANNEL, ID_PATTERN, MAX_ARG_LENGTH, type BridgeCommand, type BridgeRequest } from './main-world/protocol';

export type BridgeAnswer = { ok: true; value: unknown } | { ok: false };

export interface Bridge {
  /** Resolves null when nothing answered in time (no MAIN-world helper on this page). */
  request(command: BridgeCommand, arg?: string, timeoutMs?: number): Promise<BridgeAnswer | null>;
  dispose(): void;
}

interface Pending {
  resolve(answer: BridgeAnswer | null): void;
  timer: ReturnType<typeof setTimeout>;
}

/**
 * The isolated-world end of the MAIN-world protocol: it sends requests and accepts
 * only replies to ids it generated itself, each once (see protocol.ts).
 */
export function createBridge(win: Window = window, timeoutMs = 1500): Bridge {
  const sender = crypto.randomUUID();
  const pending = new Map<string, Pending>();

  const onMessage = (event: MessageEvent) => {
    if (event.source !== win) return;
    const d = event.data as Record<string, unknown> | null;
    if (typeof d !== 'object' || d === null || d.channel !== BRIDGE_CHANNEL || d.kind !== 'reply' || d.sender !== sender) return;
    if (typeof d.id !== 'string' || typeof d.ok !== 'boolean') return;
    const entry = pending.get(d.id);
    if (!entry) return;
    pending.delete(d.id);
    clearTimeout(entry.timer);
    entry.resolve(d.ok ? { ok: true, value: d.value } : { ok: false });
  };
  win.addEventListener('message', onMessage);

  return {
    request(command, arg, waitMs = timeoutMs) {
      if (arg !== undefined && arg.length > MAX_ARG_LENGTH) return Promise.resolve({ ok: false });
      const id = crypto.randomUUID();
      if (!ID_PATTERN.test(id)) return Promise.resolve(null);
      return new Promise((resolve) => {
        const timer = setTimeout(() => {
          pending.delete(id);
          resolve(null);
        }, waitMs);
        pending.set(id, { resolve, timer });
        const message: BridgeRequest = { channel: BRIDGE_CHANNEL, kind: 'request', sender, id, command, ...(arg === undefined ? {} : { arg }) };
        win.postMessage(message, win.location.origin);
      });
    },
    dispose() {
      win.removeEventListener('message', onMessage);
      for (const entry of pending.values()) {
        clearTimeout(entry.timer);
        entry.resolve(null);
      }
      pending.clear();
    },
  };
}
