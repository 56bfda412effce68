import { readItems } from '../shared/storage';
import { awaitsPick } from './check';

const BADGE: Record<string, { text: string; color: string }> = {
  angry: { text: 'ANG', color: '#d64545' },
  disgust: { text: 'DIS', color: '#7a9a2e' },
  fear: { text: 'FEA', color: '#7b5cc4' },
  happy: { text: 'HAP', color: '#c98a00' },
  sad: { text: 'SAD', color: '#3f7fd1' },
  surprise: { text: 'SUR', color: '#e0672b' },
  neutral: { text: 'NEU', color: '#6b7785' },
};

/** The toolbar icon shows the last reading, so a shortcut or periodic check is visible at a glance. */
export async function showBadge(): Promise<void> {
  const { lastCheck } = await readItems(['lastCheck']);
  const emotion = lastCheck?.perception?.emotion;
  // An unsure reading from the shortcut waits for the user to pick the mood in the popup.
  const asking = Boolean(lastCheck?.perception && awaitsPick(lastCheck.trigger, lastCheck.perception.notSure) && !lastCheck.music);
  const badge = asking ? { text: '?', color: '#6b7785' } : emotion ? BADGE[emotion] : lastCheck?.error ? { text: '!', color: '#a11d1d' } : null;
  await chrome.action.setBadgeText({ text: badge?.text ?? '' });
  if (badge) await chrome.action.setBadgeBackgroundColor({ color: badge.color });
  const title = asking ? 'MoodDJ: not sure of your mood; open me to pick it' : emotion ? `MoodDJ: you look ${emotion}` : 'MoodDJ: detect my mood';
  await chrome.action.setTitle({ title });
}
