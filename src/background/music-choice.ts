import type { CatalogTrack } from '../shared/catalog';
import type { Emotion } from '../shared/emotions';
import { CATALOG_MOOD, defaultMapping, type MoodMapping } from '../shared/mood-mapping';
import { buildQuery, type TermWeights } from '../shared/query';
import type { Mode } from '../shared/storage-schema';
import { isPeriodic, type Trigger } from '../shared/trigger';
import { pickTracks, trackKey } from './catalog-picks';
import { acceptNow, observe, type HysteresisState } from './hysteresis';

export interface ChoiceInput {
  emotion: Emotion;
  notSure: boolean;
  trigger: Trigger;
  mode: Mode;
  mappings: Record<Mode, MoodMapping> | null;
  weights: TermWeights;
  turns: Partial<Record<Emotion, number>>;
  hysteresis: HysteresisState;
  hysteresisChecks: number;
  catalog: readonly CatalogTrack[] | null;
  catalogPicks: number;
  recent: ReadonlySet<string>;
  liked: ReadonlySet<string>;
  disliked: ReadonlySet<string>;
}

export interface Choice {
  /** play: start now (the user asked); queue: follow the current track (periodic); none: keep playing. */
  action: 'play' | 'queue' | 'none';
  query: string;
  terms: string[];
  picks: CatalogTrack[];
  hysteresis: HysteresisState;
  turns: Partial<Record<Emotion, number>>;
}

/**
 * What a check means for the music. Pure: every input comes from storage and every
 * output goes back there, so a worker restart between checks changes nothing.
 */
export function chooseMusic(input: ChoiceInput): Choice {
  const periodic = isPeriodic(input.trigger);
  let hysteresis = input.hysteresis;
  let change: Emotion | null;
  if (periodic) {
    const seen = observe(input.hysteresis, input, input.hysteresisChecks);
    hysteresis = seen.state;
    change = seen.change;
  } else {
    // A check the user asked for acts at once; an unsure one does not move the reference.
    change = input.emotion;
    if (!input.notSure) hysteresis = acceptNow(input.emotion);
  }
  const mapping = input.mappings?.[input.mode] ?? defaultMapping(input.mode);
  const turn = input.turns[input.emotion] ?? 0;
  const built = buildQuery(mapping, input.emotion, turn, input.weights);
  if (!change) return { action: 'none', ...built, picks: [], hysteresis, turns: input.turns };
  const picks =
    input.catalog && input.catalogPicks > 0
      ? pickTracks(input.catalog, CATALOG_MOOD[input.mode][input.emotion], {
          count: input.catalogPicks,
          recent: input.recent,
          liked: input.liked,
          disliked: input.disliked,
        })
      : [];
  return {
    action: periodic ? 'queue' : 'play',
    ...built,
    picks,
    hysteresis,
    turns: { ...input.turns, [input.emotion]: turn + 1 },
  };
}

export { trackKey };
