import browser from 'webextension-polyfill';
import { mergeSetAside, setAsideEntry, type SetAsideEntry } from './set-aside';
import { STORAGE_SCHEMA, SETTINGS_KEYS, type KeyDefinition, type Settings, type StorageKey, type StorageValues } from './storage-schema';

/** The part of a storage area we use; tests pass an in-memory one. */
export interface StorageArea {
  get(keys: string[] | null): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
  remove(keys: string[]): Promise<void>;
}

// Local only: storage.sync would copy settings and history to the user's Google account.
const defaultArea = (): StorageArea => browser.storage.local;

/** How a stored value was read: as stored, partly kept (a list's valid items), or reset to its default. */
export type ReadStatus = 'valid' | 'salvaged' | 'reset';

export interface ReadValue<K extends StorageKey> {
  value: StorageValues[K];
  status: ReadStatus;
  /** Items kept out of how many were stored (both 0 unless salvaged). */
  kept: number;
  of: number;
}

export function parseValue<K extends StorageKey>(key: K, raw: unknown): ReadValue<K> {
  const entry: KeyDefinition = STORAGE_SCHEMA[key];
  const fallback = () => structuredClone(entry.default) as StorageValues[K];
  if (raw === undefined) return { value: fallback(), status: 'valid', kept: 0, of: 0 };
  const parsed = entry.schema.safeParse(raw);
  if (parsed.success) return { value: parsed.data as StorageValues[K], status: 'valid', kept: 0, of: 0 };
  const salvaged = entry.salvage?.(raw);
  // The salvaged value passes the whole schema too (list-level rules such as calibration's).
  const checked = salvaged && entry.schema.safeParse(salvaged.value);
  if (salvaged && checked?.success) return { value: checked.data as StorageValues[K], status: 'salvaged', kept: salvaged.kept, of: salvaged.of };
  return { value: fallback(), status: 'reset', kept: 0, of: 0 };
}

/**
 * Reads keys, replacing a missing or invalid value by its default, or for a list by its valid
 * items. What was stored is first set aside under `setAside` (with the key and the time),
 * then the repaired value replaces it, so it cannot trip a later reader and nothing is lost.
 * When that cannot be written (storage full), the stored value is left in place.
 */
export async function readItems<K extends StorageKey>(keys: readonly K[], area: StorageArea = defaultArea()): Promise<Pick<StorageValues, K>> {
  const raw = await area.get([...keys]);
  const out = {} as Pick<StorageValues, K>;
  const repaired: Record<string, unknown> = {};
  const reset: string[] = [];
  const aside: SetAsideEntry[] = [];
  const told: string[] = [];
  for (const key of keys) {
    const read = parseValue(key, raw[key]);
    out[key] = read.value;
    if (read.status === 'valid') continue;
    if (read.status === 'salvaged') repaired[key] = read.value;
    else reset.push(key);
    // A broken set-aside list is repaired like the others but not set aside into itself.
    if (key !== 'setAside') aside.push(setAsideEntry(key, raw[key], read.kept, read.of));
    told.push(read.status === 'salvaged' ? `${key} (kept ${read.kept} of ${read.of} items)` : `${key} (reset to its default)`);
  }
  if (!told.length) return out;
  try {
    if (aside.length) {
      const existing = 'setAside' in repaired ? (repaired.setAside as SetAsideEntry[]) : parseValue('setAside', (await area.get(['setAside'])).setAside).value;
      repaired.setAside = mergeSetAside(existing, aside);
    }
    await area.set(repaired);
    const gone = reset.filter((key) => !Object.hasOwn(repaired, key));
    if (gone.length) await area.remove(gone);
    console.warn(`MoodDJ: stored values that failed their checks: ${told.join(', ')}; what was stored is kept aside under "setAside".`);
  } catch (err) {
    console.warn(`MoodDJ: stored values that failed their checks: ${told.join(', ')}; they could not be set aside and were left as stored.`, err);
  }
  return out;
}

export async function readItem<K extends StorageKey>(key: K, area?: StorageArea): Promise<StorageValues[K]> {
  return (await readItems([key], area))[key];
}

/** Why a write failed: a value that fails its schema, a full storage area, or anything else. */
export class StorageWriteError extends Error {
  constructor(
    readonly reason: 'invalid' | 'quota' | 'failed',
    message: string,
  ) {
    super(message);
  }
}

/** Writes only values that pass their schema; an invalid one throws and nothing is written. */
export async function writeItems(items: Partial<StorageValues>, area: StorageArea = defaultArea()): Promise<void> {
  const clean: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(items)) {
    if (!Object.hasOwn(STORAGE_SCHEMA, key)) throw new StorageWriteError('invalid', `unknown storage key: ${key}`);
    const parsed = STORAGE_SCHEMA[key as StorageKey].schema.safeParse(value);
    if (!parsed.success) throw new StorageWriteError('invalid', `invalid value for ${key}: ${parsed.error.issues[0]?.message ?? 'rejected'}`);
    clean[key] = parsed.data;
  }
  try {
    await area.set(clean);
  } catch (err) {
    // Chrome words it "Resource::kQuotaBytes quota exceeded"; a full area writes nothing.
    const message = err instanceof Error ? err.message : String(err);
    throw new StorageWriteError(/quota/i.test(message) ? 'quota' : 'failed', message);
  }
}

export function readSettings(area?: StorageArea): Promise<Settings> {
  return readItems(SETTINGS_KEYS, area);
}
