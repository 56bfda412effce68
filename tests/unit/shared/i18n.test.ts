import { afterEach, describe, expect, it, vi } from 'vitest';
import english from '../../../_locales/en/messages.json';
import german from '../../../_locales/de/messages.json';
import { MoodError, withDetail } from '../../../src/shared/errors';
import { count, decimal, list, number, percent } from '../../../src/shared/i18n/format';
import { renderMessage, type MessageFile } from '../../../src/shared/i18n/messages';
import { formatLocale, localize, messagesLanguage, setMessages, t } from '../../../src/shared/i18n/t';
import { siteMessage } from '../../../src/shared/sites';

afterEach(() => {
  setMessages(english);
  vi.unstubAllGlobals();
});

describe('a message rendered as chrome.i18n.getMessage renders it', () => {
  const entry = (message: string, placeholders: Record<string, string> = {}) => ({
    message,
    placeholders: Object.fromEntries(Object.entries(placeholders).map(([name, content]) => [name, { content }])),
  });

  it('fills named placeholders (any case) from their content, then $1-$9 from the arguments', () => {
    expect(renderMessage(entry('Open $Site$ in a tab, $site$!', { site: '$1' }), ['Spotify'])).toBe('Open Spotify in a tab, Spotify!');
    expect(renderMessage(entry('$b$ before $a$', { a: '$1', b: '$2' }), ['one', 'two'])).toBe('two before one');
    expect(renderMessage(entry('costs $1 now'), ['5'])).toBe('costs 5 now');
  });

  it('gives nothing for a missing argument, "$" for "$$", and drops "$" before anything else', () => {
    expect(renderMessage(entry('[$1]'), [])).toBe('[]');
    expect(renderMessage(entry('5 $$'), [])).toBe('5 $');
    expect(renderMessage(entry('a $x b'), [])).toBe('a  b');
    expect(renderMessage(entry('ends in $'), [])).toBe('ends in ');
  });
});

describe('t()', () => {
  it('renders from the file set for the language, and gives "" for a key the file lacks', () => {
    setMessages(german);
    expect(t('detect_mood')).toBe('Stimmung erkennen');
    expect(t('music_queued_on', 'Spotify')).toBe('In der Warteschlange von Spotify');
    setMessages({ lang: { message: 'de' } });
    expect(t('detect_mood')).toBe('');
  });

  it('asks chrome.i18n in the extension', () => {
    setMessages(null);
    const getMessage = vi.fn((key: string, args: string[]) => `${key}:${args.join(',')}`);
    vi.stubGlobal('chrome', { i18n: { getMessage, getUILanguage: () => 'en-GB' } });
    expect(t('music_queued_on', 'Spotify')).toBe('music_queued_on:Spotify');
    expect(getMessage).toHaveBeenCalledWith('music_queued_on', ['Spotify']);
  });

  it('defers a message where there is no chrome.i18n, for the receiver to render in its language', () => {
    // The offscreen document has chrome.runtime only: its sentences travel as key and arguments.
    setMessages(null);
    const made = withDetail(t('error_detector_failed'), 'WebGL2 missing');
    expect(made).not.toMatch(/detector could not/);
    expect(messagesLanguage()).toBe('en');
    setMessages(german);
    expect(localize(`Vorher ${made} nachher`)).toBe(
      'Vorher Der Gesichtsdetektor konnte nicht geladen werden. Lade die Erweiterung neu und versuch es noch einmal. (WebGL2 missing) nachher',
    );
    // Text without deferred messages is left alone; a deferred one cut short renders what arrived.
    expect(localize('plain (text)')).toBe('plain (text)');
    for (let n = 0; n < made.length; n++) expect(localize(made.slice(0, n))).not.toMatch(/[\uE020-\uE022]/);
    expect(localize(made.slice(0, made.indexOf('WebGL2') + 3))).toMatch(/\(Web\)$/);
  });

  it('formats in the browser’s own locale when it shares the messages’ language, else in theirs', () => {
    setMessages(null);
    const stub = (ui: string, lang: string) =>
      vi.stubGlobal('chrome', { i18n: { getMessage: (key: string) => (key === 'lang' ? lang : ''), getUILanguage: () => ui } });
    stub('en-GB', 'en');
    expect(messagesLanguage()).toBe('en');
    expect(formatLocale()).toBe('en-GB');
    // A French browser gets the English messages (there is no French file): English numbers too.
    stub('fr-FR', 'en');
    expect(formatLocale()).toBe('en');
    stub('de-AT', 'de');
    expect(formatLocale()).toBe('de-AT');
  });
});

describe('numbers and counts follow the language', () => {
  it('English', () => {
    expect([count(0, 'count_check'), count(1, 'count_check'), count(2, 'count_check')]).toEqual(['0 checks', '1 check', '2 checks']);
    expect(count(4500, 'count_track')).toBe('4,500 tracks');
    expect(percent(0.823)).toBe('82%');
    expect(decimal(1.25)).toBe('1.3');
    expect(list(['a', 'b', 'c'])).toBe('a, b, and c');
  });

  it('German', () => {
    setMessages(german);
    expect([count(1, 'count_check'), count(2, 'count_check'), count(1000, 'count_row')]).toEqual(['1 Check', '2 Checks', '1.000 Zeilen']);
    expect(percent(0.823)).toBe('82\u00a0%');
    expect(decimal(1.25)).toBe('1,3');
    expect(number(10_000)).toBe('10.000');
    expect(list(['a', 'b', 'c'])).toBe('a, b und c');
  });

  it('a plural form a file lacks falls back to its "other" form', () => {
    setMessages({ ...english, count_check_one: undefined } as unknown as MessageFile);
    expect(count(1, 'count_check')).toBe('1 checks');
  });
});

describe('errors speak the browser’s language where they are made', () => {
  it('a code’s own sentence, and a sentence naming the site', () => {
    expect(new MoodError('no-face').message).toBe('No face found. Face the camera in good light and try again.');
    setMessages(german);
    expect(new MoodError('no-face').message).toBe('Kein Gesicht gefunden. Schau bei gutem Licht in die Kamera und versuch es noch einmal.');
    expect(siteMessage('no-streaming-tab', 'spotify')).toBe('Öffne Spotify in einem Tab, um Musik abzuspielen.');
    // A code without a site sentence keeps its own.
    expect(siteMessage('busy', 'spotify')).toBe(german.error_busy.message);
  });
});
