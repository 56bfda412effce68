/**
 * What chrome.storage.local counts against its quota: each value's JSON in UTF-8 bytes (plus
 * its key's length, negligible here). Without the unlimitedStorage permission, which MoodDJ
 * does not ask for, the whole area holds 10 MiB; a write past that fails and writes nothing.
 */
export const STORAGE_QUOTA_BYTES = 10 * 1024 * 1024;

const encoder = new TextEncoder();

export function utf8Bytes(text: string): number {
  return encoder.encode(text).length;
}

export function storedBytes(value: unknown): number {
  return utf8Bytes(JSON.stringify(value) ?? '');
}

/** `text` cut to at most `maxBytes` of UTF-8, never in the middle of a character. */
export function cutToBytes(text: string, maxBytes: number): string {
  const bytes = encoder.encode(text);
  if (bytes.length <= maxBytes) return text;
  // A cut inside a multi-byte character decodes to a trailing U+FFFD: drop it.
  return new TextDecoder().decode(bytes.subarray(0, maxBytes)).replace(/\uFFFD$/, '');
}
