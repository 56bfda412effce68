/**
 * Lets src/offscreen run in a plain http page: chrome.runtime.getURL points at the
 * server's copy of dist/, so the page loads exactly the model and wasm files the
 * extension ships. Imported first by the MoodDJ page, before any src/ module runs.
 */
import { PAGE_BACKEND_PARAM } from './protocol';

const g = globalThis as unknown as { chrome?: Record<string, unknown>; __benchBackend?: string };
g.chrome = Object.assign(g.chrome ?? {}, {
  runtime: { getURL: (path: string) => new URL(`/mooddj/${path.replace(/^\//, '')}`, location.origin).href },
});
g.__benchBackend = new URLSearchParams(location.search).get(PAGE_BACKEND_PARAM) ?? 'wasm';
