import { readItems } from '../shared/storage';
import { SITE_INFO } from '../shared/sites';

export const PERIODIC_ALARM = 'periodic-check';

/** (Re)creates or clears the periodic alarm to match the settings; alarms survive restarts. */
export async function syncPeriodicAlarm(): Promise<void> {
  const { periodicEnabled, periodicMinutes } = await readItems(['periodicEnabled', 'periodicMinutes']);
  const existing = await chrome.alarms.get(PERIODIC_ALARM);
  if (!periodicEnabled) {
    if (existing) await chrome.alarms.clear(PERIODIC_ALARM);
    return;
  }
  if (existing?.periodInMinutes === periodicMinutes) return;
  await chrome.alarms.create(PERIODIC_ALARM, { delayInMinutes: periodicMinutes, periodInMinutes: periodicMinutes });
}

export async function nextPeriodicCheck(): Promise<number | null> {
  return (await chrome.alarms.get(PERIODIC_ALARM))?.scheduledTime ?? null;
}

/** Why a periodic check should not run now, or null when it may. */
export async function periodicBlocker(): Promise<string | null> {
  // Nobody is there to see the music change, and the camera would look at an empty room.
  const state = await chrome.idle.queryState(60);
  if (state !== 'active') return `machine is ${state}`;
  const { site } = await readItems(['site']);
  const tabs = await chrome.tabs.query({ url: [...SITE_INFO[site].matches] });
  if (!tabs.length) return `no ${SITE_INFO[site].name} tab is open`;
  return null;
}
