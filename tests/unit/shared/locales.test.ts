import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderMessage, type MessageFile } from '../../../src/shared/i18n/messages';
import { MAX_ERROR_TEXT } from '../../../src/shared/messaging';

/**
 * Every language has every message, written so Chrome accepts it and the popup can use it:
 * a key missing in one language, a placeholder dropped in translation, a plural form the
 * language needs, a message no code uses any more.
 */
const ROOT = resolve(import.meta.dirname, '../../..');
const LOCALES = join(ROOT, '_locales');
const languages = readdirSync(LOCALES).sort();
const files: Record<string, MessageFile> = Object.fromEntries(
  languages.map((lang) => [lang, JSON.parse(readFileSync(join(LOCALES, lang, 'messages.json'), 'utf8')) as MessageFile]),
);
const english = files.en;
const keys = Object.keys(english);

/** `$name$` placeholders a message uses, lower-cased as Chrome reads them. */
const usedPlaceholders = (message: string) => [...new Set([...message.matchAll(/\$([a-z0-9_@]+)\$/gi)].map((m) => m[1].toLowerCase()))].sort();

/** A message with each placeholder's example: roughly the longest it gets on screen. */
const withExamples = (lang: string, key: string) => {
  const entry = files[lang][key];
  const examples = Object.entries(english[key].placeholders ?? {}).sort(([, a], [, b]) => a.content.localeCompare(b.content));
  return renderMessage(
    entry,
    examples.map(([, p]) => p.example ?? ''),
  );
};

describe('the messages files', () => {
  it('are English and German at least, English being the manifest default', () => {
    expect(languages).toEqual(expect.arrayContaining(['en', 'de']));
    expect(readFileSync(join(ROOT, 'manifest.config.ts'), 'utf8')).toContain("default_locale: 'en'");
  });

  it.each(languages)('%s has exactly the English keys', (lang) => {
    const own = Object.keys(files[lang]);
    expect(
      keys.filter((k) => !own.includes(k)),
      `missing in ${lang}`,
    ).toEqual([]);
    expect(
      own.filter((k) => !keys.includes(k)),
      `only in ${lang}`,
    ).toEqual([]);
  });

  it('name messages as Chrome allows, once each whatever the case', () => {
    // Chrome reads names case-insensitively; @@ names are its own (@@ui_locale, @@bidi_dir).
    expect(keys.filter((k) => !/^[A-Za-z0-9_]+$/.test(k))).toEqual([]);
    expect(new Set(keys.map((k) => k.toLowerCase())).size).toBe(keys.length);
  });

  it.each(languages)('%s: every message says something and keeps the English placeholders', (lang) => {
    for (const key of keys) {
      const entry = files[lang][key];
      expect(typeof entry.message === 'string' && entry.message.trim().length > 0, `${lang}/${key} is empty`).toBe(true);
      expect(Object.keys(entry.placeholders ?? {}).sort(), `${lang}/${key} declares other placeholders`).toEqual(
        Object.keys(english[key].placeholders ?? {}).sort(),
      );
      for (const [name, p] of Object.entries(entry.placeholders ?? {})) {
        expect(p.content, `${lang}/${key} $${name}$`).toBe(english[key].placeholders![name].content);
      }
      // A translation that drops a placeholder drops what the user needs (the site, the count).
      expect(usedPlaceholders(entry.message), `${lang}/${key} uses other placeholders`).toEqual(usedPlaceholders(english[key].message));
      expect(
        usedPlaceholders(entry.message).every((n) => Object.hasOwn(entry.placeholders ?? {}, n)),
        `${lang}/${key} uses an undeclared one`,
      ).toBe(true);
      // Chrome substitutes at most nine arguments.
      expect(Object.keys(entry.placeholders ?? {}).length).toBeLessThanOrEqual(9);
    }
  });

  it.each(languages)('%s names its own language and direction', (lang) => {
    expect(files[lang].lang.message).toBe(lang.replace('_', '-'));
    expect(() => new Intl.Locale(files[lang].lang.message)).not.toThrow();
    expect(['ltr', 'rtl']).toContain(files[lang].dir.message);
  });

  it.each(languages)('%s has every plural form its language uses', (lang) => {
    const categories = new Intl.PluralRules(files[lang].lang.message).resolvedOptions().pluralCategories;
    const bases = keys.filter((k) => k.endsWith('_other')).map((k) => k.slice(0, -'_other'.length));
    expect(bases.length).toBeGreaterThan(0);
    for (const base of bases) for (const c of categories) expect(Object.hasOwn(files[lang], `${base}_${c}`), `${lang}: ${base}_${c}`).toBe(true);
  });

  it.each(languages)('%s fits where Chrome and the store show it', (lang) => {
    const m = files[lang];
    // The Web Store shows 45 characters of a name and allows 132 for the summary.
    expect(m.ext_name.message.length).toBeLessThanOrEqual(45);
    expect(m.ext_description.message.length).toBeLessThanOrEqual(132);
    // The toolbar badge has room for about four characters.
    for (const key of keys.filter((k) => k.startsWith('badge_'))) expect([...m[key].message].length, `${lang}/${key}`).toBeLessThanOrEqual(4);
    // A sentence about a failure travels in a reply cut to MAX_ERROR_TEXT: it must arrive whole.
    for (const key of keys.filter((k) => /^(error|site|spotify)_/.test(k))) {
      expect(withExamples(lang, key).length, `${lang}/${key}`).toBeLessThanOrEqual(MAX_ERROR_TEXT - 100);
    }
  });

  it('give the manifest every message it names, and package.json the English summary', () => {
    const manifest = readFileSync(join(ROOT, 'manifest.config.ts'), 'utf8');
    const named = [...manifest.matchAll(/__MSG_(\w+)__/g)].map((m) => m[1]);
    expect(named).toEqual(expect.arrayContaining(['ext_name', 'ext_description']));
    expect(named.filter((k) => !keys.includes(k))).toEqual([]);
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { description: string };
    expect(pkg.description).toBe(english.ext_description.message);
  });

  it('give the store listing (docs/store/description.md) its summary in every language', () => {
    const listing = readFileSync(join(ROOT, 'docs/store/description.md'), 'utf8');
    for (const lang of languages) expect(listing, lang).toContain(`:** ${files[lang].ext_description.message}\n`);
  });

  it('hold no message the code no longer uses', () => {
    const sources = (dir: string): string[] =>
      readdirSync(dir, { withFileTypes: true }).flatMap((d) =>
        d.isDirectory() ? sources(join(dir, d.name)) : /\.tsx?$/.test(d.name) ? [readFileSync(join(dir, d.name), 'utf8')] : [],
      );
    const code = [...sources(join(ROOT, 'src')), readFileSync(join(ROOT, 'manifest.config.ts'), 'utf8')].join('\n');
    const literal = new Set([...code.matchAll(/['"`]([a-z0-9_]+)['"`]|__MSG_(\w+)__/g)].map((m) => m[1] ?? m[2]));
    // Keys made in code: `emotion_${e}_attributive` reads as /^emotion_[a-z0-9_]+_attributive$/.
    const made = [...code.matchAll(/`([a-z0-9_]*)\$\{[^}`]*\}([a-z0-9_]*)`/g)].filter((m) => m[1] || m[2]).map((m) => new RegExp(`^${m[1]}[a-z0-9_]+${m[2]}$`));
    // Plural forms are picked by count(n, 'base') from the language's rules.
    const plural = (k: string) => literal.has(k.replace(/_(zero|one|two|few|many|other)$/, ''));
    const unused = keys.filter((k) => !literal.has(k) && !made.some((re) => re.test(k)) && !plural(k));
    expect(unused).toEqual([]);
  });
});
