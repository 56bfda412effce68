import { BRIDGE_HELLO, MAX_ARG_LENGTH, type BridgeCommand, type BridgeHello, type BridgeReply, type BridgeRequest } from './main-world/protocol';

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

function isReply(data: unknown): data is BridgeReply {
  if (typeof data !== 'object' || data === null) return false;
  const d = data as Record<string, unknown>;
  return Number.isSafeInteger(d.id) && typeof d.ok === 'boolean';
}

/**
 * The isolated-world end of the MAIN-world protocol (see protocol.ts): it hands the helper a
 * private port once, then sends requests on it and accepts each reply only for a request it is
 * waiting for, once.
 */
export function createBridge(win: Window = window, timeoutMs = 1500): Bridge {
  const channel = new MessageChannel();
  const port = channel.port1;
  const pending = new Map<number, Pending>();
  let nextId = 1;

  port.onmessage = (event: MessageEvent) => {
    if (!isReply(event.data)) return;
    const entry = pending.get(event.data.id);
    if (!entry) return;
    pending.delete(event.data.id);
    clearTimeout(entry.timer);
    entry.resolve(event.data.ok ? { ok: true, value: event.data.value } : { ok: false });
  };
  const hello: BridgeHello = { hello: BRIDGE_HELLO };
  win.postMessage(hello, win.location.origin, [channel.port2]);

  return {
    request(command, arg, waitMs = timeoutMs) {
      if (arg !== undefined && arg.length > MAX_ARG_LENGTH) return Promise.resolve({ ok: false });
      const id = nextId++;
      return new Promise((resolve) => {
        const timer = setTimeout(() => {
          pending.delete(id);
          resolve(null);
        }, waitMs);
        pending.set(id, { resolve, timer });
        const message: BridgeRequest = { id, command, ...(arg === undefined ? {} : { arg }) };
        port.postMessage(message);
      });
    },
    dispose() {
      port.close();
      for (const entry of pending.values()) {
        clearTimeout(entry.timer);
        entry.resolve(null);
      }
      pending.clear();
    },
  };
}
