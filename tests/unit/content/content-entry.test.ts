// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import english from '../../../_locales/en/messages.json';
import type { Handlers } from '../../../src/shared/messaging';
import { loadFixture, unloadFixture } from './site-fixture-dom';

const registered: { handlers: Handlers<'content'>; stop: ReturnType<typeof vi.fn> }[] = [];

vi.mock('../../../src/shared/messaging', async (original) => ({
  ...(await original<typeof import('../../../src/shared/messaging')>()),
  listen: (_target: string, handlers: Handlers<'content'>) => {
    const stop = vi.fn();
    registered.push({ handlers, stop });
    return stop;
  },
}));

async function inject(): Promise<void> {
  vi.resetModules();
  // A fresh module graph: its messages module needs the English file again (tests/unit/setup.ts).
  (await import('../../../src/shared/i18n/t')).setMessages(english);
  await import('../../../src/content/index');
}

/** From the same module instances as the injected script, as in one content script bundle. */
async function ask(name: string, payload: unknown) {
  const { dispatch } = await import('../../../src/shared/messaging');
  const worker = 'chrome-extension://ext/service-worker-loader.js';
  return dispatch('content', registered.at(-1)!.handlers, { target: 'content', name, payload }, { id: 'ext', url: worker }, { id: 'ext', workerUrl: worker });
}

afterEach(() => {
  registered.length = 0;
  unloadFixture();
});

describe('the content script entry', () => {
  it('answers for the site it runs on', async () => {
    loadFixture('spotify');
    await inject();
    expect(registered).toHaveLength(1);
    const reply = await ask('ping', {});
    expect(reply).toEqual({ ok: true, value: { site: 'spotify', ready: true, url: 'https://open.spotify.com/' } });
  });

  it('replaces itself when injected twice, so commands run once', async () => {
    loadFixture('youtube-music');
    await inject();
    await inject();
    expect(registered).toHaveLength(2);
    expect(registered[0].stop).toHaveBeenCalledTimes(1);
    expect(registered[1].stop).not.toHaveBeenCalled();
  });

  it('refuses commands the page cannot take, with the site named', async () => {
    loadFixture('spotify', 'logged-out');
    await inject();
    const { handlers } = registered[0];
    await expect(Promise.resolve().then(() => handlers.playQuery({ query: 'happy pop' }, { id: 'ext' }))).rejects.toMatchObject({
      code: 'site-logged-out',
      message: 'Log in to Spotify in its tab to play music, then try again.',
    });
  });

  it('reports the logged-out hint without refusing on YouTube Music', async () => {
    loadFixture('youtube-music', 'logged-out');
    await inject();
    const reply = await ask('ping', {});
    expect(reply).toMatchObject({ ok: true, value: { site: 'youtube-music', ready: true, problem: 'site-logged-out' } });
  });
});
