import { z } from 'zod';
import { EMBEDDING_MAX } from '../shared/calibration';
import type { Perception } from '../shared/perception';

/**
 * The last check's face embedding (numbers from the model's last layer, never pixels) waits here
 * so that a correction ("not my mood", an unsure pick) can still become a calibration example.
 * chrome.storage.session: in memory, gone when the browser closes, closed to content scripts by
 * default, and outlives the worker, which Chrome stops at will. It is not in storage.local's
 * lastCheck: nothing about the face is kept on disk unless the user calibrates or corrects.
 */
const KEY = 'lastEmbedding';
const lastEmbeddingSchema = z.object({ at: z.number(), embedding: z.array(z.number().finite()).min(1).max(EMBEDDING_MAX) });

export async function keepEmbedding(at: number, perception: Perception): Promise<void> {
  if (perception.embedding?.length) await chrome.storage.session.set({ [KEY]: { at, embedding: perception.embedding } });
  else await chrome.storage.session.remove(KEY);
}

/** The reading of check `at` with its embedding back, when it is still the one kept. */
export async function withEmbedding(at: number, perception: Perception): Promise<Perception> {
  const parsed = lastEmbeddingSchema.safeParse((await chrome.storage.session.get(KEY))[KEY]);
  return parsed.success && parsed.data.at === at ? { ...perception, embedding: parsed.data.embedding } : perception;
}
