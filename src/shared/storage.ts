import browser from 'webextension-polyfill';
import { STORAGE_SCHEMA, SETTINGS_KEYS, type Settings, type StorageKey, type StorageValues } from './storage-schema';

/** The part of a storage area we use; tests pass an in-memory one. */
export interface StorageArea {
  get(keys: string[] | null): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
  remove(keys: string[]): Promise<void>;
}

// Local only: storage.sync would copy settings and history to the user's Google account.
const defaultArea = (): StorageArea => browser.storage.local;

export function parseValue<K extends StorageKey>(key: K, raw: unknown): { value: StorageValues[K]; valid: boolean } {
  const entry = STORAGE_SCHEMA[key];
  if (raw === undefined) return { value: structuredClone(entry.default) as StorageValues[K], valid: true };
  const parsed = entry.schema.safeParse(raw);
  if (parsed.success) return { value: parsed.data as StorageValues[K], valid: true };
  return { value: structuredClone(entry.default) as StorageValues[K], valid: false };
}

/**
 * Reads keys, replacing a missing or invalid value by its default. Invalid values are
 * also removed from storage so they cannot trip a later reader.
 */
export async function readItems<K extends StorageKey>(keys: readonly K[], area: StorageArea = defaultArea()): Promise<Pick<StorageValues, K>> {
  const raw = await area.get([...keys]);
  const out = {} as Pick<StorageValues, K>;
  const corrupt: string[] = [];
  for (const key of keys) {
    const { value, valid } = parseValue(key, raw[key]);
    out[key] = value;
    if (!valid) corrupt.push(key);
  }
  if (corrupt.length) {
    console.warn(`MoodDJ: reset corrupt storage keys to defaults: ${corrupt.join(', ')}`);
    await area.remove(corrupt);
  }
  return out;
}

export async function readItem<K extends StorageKey>(key: K, area?: StorageArea): Promise<StorageValues[K]> {
  return (await readItems([key], area))[key];
}

/** Writes only values that pass their schema; an invalid one throws and nothing is written. */
export async function writeItems(items: Partial<StorageValues>, area: StorageArea = defaultArea()): Promise<void> {
  const clean: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(items)) {
    if (!Object.hasOwn(STORAGE_SCHEMA, key)) throw new Error(`unknown storage key: ${key}`);
    const parsed = STORAGE_SCHEMA[key as StorageKey].schema.safeParse(value);
    if (!parsed.success) throw new Error(`invalid value for ${key}: ${parsed.error.issues[0]?.message ?? 'rejected'}`);
    clean[key] = parsed.data;
  }
  await area.set(clean);
}

export function readSettings(area?: StorageArea): Promise<Settings> {
  return readItems(SETTINGS_KEYS, area);
}
