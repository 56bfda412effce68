import { describe, expect, it } from 'vitest';
import { chooseMusic, type ChoiceInput } from '../../../src/background/music-choice';
import { INITIAL_HYSTERESIS } from '../../../src/background/hysteresis';
import type { CatalogTrack } from '../../../src/shared/catalog';
import { LIFT_MAPPING, MATCH_MAPPING } from '../../../src/shared/mood-mapping';

const base: ChoiceInput = {
  emotion: 'happy',
  notSure: false,
  trigger: 'popup',
  mode: 'match',
  mappings: null,
  weights: {},
  turns: {},
  hysteresis: INITIAL_HYSTERESIS,
  hysteresisChecks: 2,
  catalog: null,
  catalogPicks: 3,
  recent: new Set(),
  liked: new Set(),
  disliked: new Set(),
};

describe('choosing music for a check', () => {
  it('a popup check plays at once and advances the rotation', () => {
    const c = chooseMusic(base);
    expect(c).toMatchObject({ action: 'play', query: 'pop dance music', turns: { happy: 1 }, hysteresis: { current: 'happy' } });
    expect(chooseMusic({ ...base, turns: c.turns }).query).toBe('dance upbeat music');
  });

  it('lift mode maps sad to uplifting music', () => {
    expect(chooseMusic({ ...base, emotion: 'sad', mode: 'lift' }).query).toBe('uplifting feel-good music');
  });

  it('periodic checks queue only after the new mood held, with state carried between calls', () => {
    let state = { ...base, trigger: 'alarm' as const, hysteresis: { current: 'happy' as const, candidate: null, streak: 0 } };
    const first = chooseMusic({ ...state, emotion: 'sad' });
    expect(first.action).toBe('none');
    expect(first.turns).toEqual({});
    state = { ...state, hysteresis: JSON.parse(JSON.stringify(first.hysteresis)) };
    const second = chooseMusic({ ...state, emotion: 'sad' });
    expect(second).toMatchObject({ action: 'queue', query: 'soft classical music' });
  });

  it('picks catalog tracks of the mood the mode asks for', () => {
    const t = (title: string, mood: CatalogTrack['mood']): CatalogTrack => ({
      title,
      artist: 'X',
      mood,
      features: [0.5, 0.5, 0.5, 0, 0.1, 0.5, -8, 0.05, 120],
      popularity: 50,
    });
    const catalog = [t('calm one', 'Calm'), t('happy one', 'Happy'), t('sad one', 'Sad')];
    expect(chooseMusic({ ...base, emotion: 'sad', catalog }).picks.map((p) => p.title)).toEqual(['sad one']);
    expect(chooseMusic({ ...base, emotion: 'sad', mode: 'lift', catalog }).picks.map((p) => p.title)).toEqual(['happy one']);
    expect(chooseMusic({ ...base, emotion: 'fear', catalog, catalogPicks: 0 }).picks).toEqual([]);
  });

  it("the user's edited mapping wins over the built-in one", () => {
    const mappings = { match: { ...MATCH_MAPPING, happy: ['k-pop'] }, lift: LIFT_MAPPING };
    expect(chooseMusic({ ...base, mappings }).query).toBe('k-pop music');
  });
});
