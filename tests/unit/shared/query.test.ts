import { describe, expect, it } from 'vitest';
import { MATCH_MAPPING } from '../../../src/shared/mood-mapping';
import { applyFeedback, buildQuery, rotation, validateMapping } from '../../../src/shared/query';

describe('queries from the mapping', () => {
  it('rotates the lead term so repeated checks vary', () => {
    const q = [0, 1, 2, 3].map((turn) => buildQuery(MATCH_MAPPING, 'happy', turn).query);
    expect(q).toEqual(['pop dance music', 'dance upbeat music', 'upbeat pop music', 'pop dance music']);
    expect(buildQuery(MATCH_MAPPING, 'neutral', 0).terms).toEqual(['acoustic', 'lo-fi']);
  });

  it('a single-term emotion still builds a query', () => {
    expect(buildQuery({ ...MATCH_MAPPING, angry: ['metal'] }, 'angry', 5).query).toBe('metal music');
  });

  it('feedback moves weights within bounds, and the rotation follows them', () => {
    let w = applyFeedback({}, 'happy', ['pop'], false);
    expect(w.happy?.pop).toBeCloseTo(0.6);
    w = applyFeedback(w, 'happy', ['pop'], false);
    expect(rotation(MATCH_MAPPING.happy, w.happy)).toEqual(['dance', 'upbeat']); // disliked twice: dropped
    let liked = {};
    for (let i = 0; i < 3; i++) liked = applyFeedback(liked, 'happy', ['dance'], true);
    expect(rotation(MATCH_MAPPING.happy, (liked as { happy: Record<string, number> }).happy)).toEqual(['pop', 'dance', 'dance', 'upbeat']);
    for (let i = 0; i < 20; i++) liked = applyFeedback(liked, 'happy', ['dance'], true);
    expect((liked as { happy: Record<string, number> }).happy.dance).toBe(3);
  });

  it('never ends up with nothing to play when every term is disliked', () => {
    const w = { happy: { pop: 0.1, dance: 0.2, upbeat: 0.3 } };
    expect(rotation(MATCH_MAPPING.happy, w.happy)).toEqual(['upbeat']);
  });
});

describe('mapping validation', () => {
  it('accepts the defaults and tidies whitespace', () => {
    const r = validateMapping({ ...MATCH_MAPPING, sad: ['  soft   rock ', 'blues'] });
    expect(r.ok && r.mapping.sad).toEqual(['soft rock', 'blues']);
  });

  it('gives field-level errors', () => {
    const r = validateMapping({ ...MATCH_MAPPING, bored: ['x'], sad: [], angry: ['a'.repeat(41)], fear: ['chill', 'Chill'], happy: 'pop' });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(Object.keys(r.errors).sort()).toEqual(['angry', 'bored', 'fear', 'happy', 'sad']);
    expect(r.errors.bored).toMatch(/not an emotion/);
    expect(validateMapping(null)).toMatchObject({ ok: false, errors: { _: expect.any(String) } });
  });
});
