import type { StorageArea } from '../../../src/shared/storage';

/** An in-memory storage area; `failSet` makes writes fail as a full chrome.storage does. */
export function memoryArea(initial: Record<string, unknown> = {}): StorageArea & { data: Record<string, unknown>; failSet?: Error } {
  const data = structuredClone(initial);
  const area: StorageArea & { data: Record<string, unknown>; failSet?: Error } = {
    data,
    async get(keys) {
      return structuredClone(Object.fromEntries((keys ?? Object.keys(data)).filter((k) => k in data).map((k) => [k, data[k]])));
    },
    async set(items) {
      if (area.failSet) throw area.failSet;
      Object.assign(data, structuredClone(items));
    },
    async remove(keys) {
      for (const k of keys) delete data[k];
    },
  };
  return area;
}
