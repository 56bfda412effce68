/**
 * Keeps the unpacked MediaPipe runtime in the extension's own IndexedDB, so only the first
 * offscreen document after an install or update pays for unpacking it (200-400 ms on two
 * busy cores); later ones read it back as a disk-backed Blob. One entry, keyed by the packed
 * file's SHA-256; any other entry is deleted when one is stored.
 * It holds library code only, never anything about the user. Every failure here is silent:
 * the caller unpacks again.
 */
const DB_NAME = 'mooddj-runtime';
const STORE = 'unpacked';

function request<T>(req: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error ?? new Error('IndexedDB request failed'));
  });
}

function openDb(): Promise<IDBDatabase> {
  const req = indexedDB.open(DB_NAME, 1);
  req.onupgradeneeded = () => req.result.createObjectStore(STORE);
  return request(req);
}

export async function readUnpacked(key: string): Promise<Blob | undefined> {
  try {
    const db = await openDb();
    try {
      const value: unknown = await request(db.transaction(STORE, 'readonly').objectStore(STORE).get(key));
      return value instanceof Blob && value.size > 0 ? value : undefined;
    } finally {
      db.close();
    }
  } catch {
    return undefined;
  }
}

export async function storeUnpacked(key: string, blob: Blob): Promise<void> {
  try {
    const db = await openDb();
    try {
      const store = db.transaction(STORE, 'readwrite').objectStore(STORE);
      await request(store.clear());
      await request(store.put(blob, key));
    } finally {
      db.close();
    }
  } catch {
    // Not kept: the next document unpacks again.
  }
}
