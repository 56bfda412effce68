import { send } from '../shared/messaging';
import type { Stage, StageDetail } from '../shared/state';

let current: Stage = 'idle';

export function currentStage(): Stage {
  return current;
}

/** Records the stage and tells an open popup; a closed popup is not an error. */
export async function setStage(stage: Stage, detail?: StageDetail): Promise<void> {
  current = stage;
  await send('popup', 'stage', detail ? { stage, detail } : { stage });
}
