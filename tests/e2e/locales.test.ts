/**
 * The built extension in Chromium set to each of its languages: Chrome serves the messages
 * file of the browser's language to every context, renders each message exactly as
 * src/shared/i18n/messages.ts does for the unit tests, and names the extension, its button
 * and its shortcut from it; the popup and options page say which language they are in.
 */
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MessageKey } from '../../src/shared/i18n/messages';
import { launchExtension, type ExtensionSession } from './harness';
import { examples, LANGUAGES, MESSAGES, say as sayIn } from './messages';

describe.each(LANGUAGES)('Chromium in %s', (lang) => {
  const file = MESSAGES[lang];
  const say = (key: MessageKey) => sayIn(lang, key, ...examples(key));
  let session: ExtensionSession;

  beforeAll(async () => {
    session = await launchExtension({ lang });
  });
  afterAll(async () => {
    await session?.close();
  });

  it('serves that language’s messages, each rendered as our own renderer renders it', async () => {
    const worker = await session.worker();
    const cases = (Object.keys(file) as MessageKey[]).map((key) => [key, examples(key)] as const);
    const seen = await worker.evaluate(
      (all) => ({ ui: chrome.i18n.getUILanguage(), messages: all.map(([key, args]) => chrome.i18n.getMessage(key, [...args])) }),
      cases,
    );
    // The interface language is Chromium's own: it stays en-US where this build has no interface
    // pack for the language (Debian's chromium without chromium-l10n); the extension's follows --lang.
    console.log(`Chromium --lang=${lang}: getUILanguage() = ${seen.ui}`);
    expect(seen.messages).toEqual(cases.map(([key]) => say(key)));
    expect(seen.messages[Object.keys(file).indexOf('lang')]).toBe(lang);
  });

  it('names the extension, its toolbar button and its shortcut in that language', async () => {
    const worker = await session.worker();
    const named = await worker.evaluate(async () => ({
      self: await chrome.management.getSelf(),
      title: await chrome.action.getTitle({}),
      commands: await chrome.commands.getAll(),
    }));
    expect(named.self.name).toBe(file.ext_name.message);
    expect(named.self.description).toBe(file.ext_description.message);
    expect(named.title).toBe(file.action_title.message);
    expect(named.commands.find((c) => c.name === 'detect-mood')?.description).toBe(file.command_detect.message);
  });

  it('the popup and the options page are in that language, and say so', async () => {
    const pages: Page[] = [];
    try {
      const popup = await session.openPopup();
      pages.push(popup);
      await popup.waitForSelector('[data-testid="detect"]');
      const shown = await popup.evaluate(() => ({
        lang: document.documentElement.lang,
        dir: document.documentElement.dir,
        detect: document.querySelector('[data-testid="detect"]')?.textContent,
        tabs: [...document.querySelectorAll('[role="tab"]')].map((t) => t.textContent),
      }));
      expect(shown).toEqual({
        lang,
        dir: 'ltr',
        detect: file.detect_mood.message,
        tabs: [file.tab_now.message, file.tab_moods.message, file.tab_settings.message],
      });

      const options = await session.browser.newPage();
      pages.push(options);
      await options.goto(session.url('src/popup/options.html'));
      await options.waitForSelector('[data-testid="history-count"]');
      expect(await options.title()).toBe(file.options_title.message);
      expect(await options.$eval('h1', (h) => h.textContent)).toBe(file.options_title.message);
      expect(await options.$eval('html', (h) => h.lang)).toBe(lang);
    } finally {
      for (const page of pages) await page.close();
    }
  });
});
