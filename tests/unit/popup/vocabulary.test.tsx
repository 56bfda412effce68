// @vitest-environment happy-dom
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { UnsureChoices } from '../../../src/popup/components/UnsureChoices';
import { Calibration } from '../../../src/popup/options/Calibration';
import { MappingEditor } from '../../../src/popup/options/MappingEditor';
import { emotionName } from '../../../src/popup/words';
import { EMOTIONS, toProbabilities, type Emotion } from '../../../src/shared/emotions';
import { defaultMapping } from '../../../src/shared/mood-mapping';
import type { Perception } from '../../../src/shared/perception';
import { happy } from './popup-fixtures';

/** A mood named one way on every screen: emotionName (src/popup/words.ts), its `emotion_<mood>` message. */
afterEach(cleanup);

const zero = () => Object.fromEntries(EMOTIONS.map((e) => [e, 0])) as Record<Emotion, number>;

describe('one name per mood', () => {
  it('the not-sure choices and the pick use the result card’s names', async () => {
    // angry, disgust, fear, happy, sad, surprise, neutral
    const unsure: Perception = {
      ...happy,
      emotion: 'fear',
      confidence: 0.35,
      notSure: true,
      probabilities: toProbabilities([0.05, 0.02, 0.35, 0.03, 0.3, 0.2, 0.05]),
    };
    render(<UnsureChoices result={unsure} waiting={true} onPick={vi.fn(async () => true)} onRetry={vi.fn()} />);
    expect(screen.getByTestId('unsure-choice-fear').textContent).toBe('Fearful');
    expect(screen.getByTestId('unsure-choice-sad').textContent).toBe('Sad');
    fireEvent.click(screen.getByTestId('unsure-choice-fear'));
    await waitFor(() => expect(screen.getByTestId('unsure-picked').textContent).toBe('Playing music for your fearful mood.'));
  });

  it('the mapping editor labels each mood by its name', () => {
    render(<MappingEditor mappings={{ match: defaultMapping('match'), lift: defaultMapping('lift') }} onSave={vi.fn(async () => undefined)} />);
    const labels = EMOTIONS.map((e) => screen.getByTestId(`mapping-${e}`).closest('label')?.querySelector('span')?.textContent);
    expect(labels).toEqual(EMOTIONS.map((e) => emotionName(e)));
  });

  it('calibration names each mood the same way in its table, its prompts and its optional steps', async () => {
    render(<Calibration counts={zero()} capture={vi.fn(async () => ({ ok: true as const, value: null }))} forget={vi.fn(async () => undefined)} />);
    const rows = [...screen.getByTestId('calibration-counts').querySelectorAll('tr')];
    expect(rows.map((r) => r.querySelector('td')?.textContent)).toEqual(EMOTIONS.map((e) => emotionName(e)));
    const optional = screen.getByRole('checkbox');
    expect(optional.closest('label')?.textContent).toContain('fearful and disgusted');
    fireEvent.click(optional);
    fireEvent.click(screen.getByTestId('calibration-start'));
    const prompts: [string, string][] = [];
    for (;;) {
      const step = screen.queryByTestId('calibration-step');
      if (!step) break;
      prompts.push([step.getAttribute('data-mood') as string, step.querySelector('strong')?.textContent ?? '']);
      fireEvent.click(screen.getByTestId('calibration-skip'));
      await waitFor(() => expect(screen.queryByTestId('calibration-step')?.getAttribute('data-mood') ?? null).not.toBe(prompts.at(-1)?.[0]));
    }
    expect(prompts.map(([mood]) => mood).sort()).toEqual([...EMOTIONS].sort());
    for (const [mood, prompt] of prompts) expect(prompt).toContain(emotionName(mood as Emotion).toLowerCase());
  });

  it('no message names a mood another way, in any language', () => {
    // Other words for the same seven moods: nouns, and synonyms of the names (emotion_<mood>).
    const other: Record<string, RegExp> = {
      en: /\b(afraid|frightened|scared|fear|anger|happiness|sadness|disgust|surprise)\b/i,
      de: /(?<![\p{L}])(Angst|Furcht|verängstigt|Wut|zornig|Freude|glücklich|Traurigkeit|Ekel|Überraschung)(?![\p{L}])/iu,
    };
    const locales = resolve(import.meta.dirname, '../../../_locales');
    const offenders = readdirSync(locales).flatMap((lang) => {
      const messages = JSON.parse(readFileSync(join(locales, lang, 'messages.json'), 'utf8')) as Record<string, { message: string }>;
      // The names themselves, and the badge's few letters (German "WUT" is short for wütend).
      return Object.entries(messages)
        .filter(([key, { message }]) => !/^(emotion|badge)_/.test(key) && other[lang]?.test(message))
        .map(([key, { message }]) => `${lang}/${key}: ${message}`);
    });
    expect(offenders).toEqual([]);
    expect(Object.keys(other).sort()).toEqual(readdirSync(locales).sort());
  });
});
