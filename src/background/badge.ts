import type { Emotion } from '../shared/emotions';
import { t } from '../shared/i18n/t';
import { readItems } from '../shared/storage';
import { awaitsPick } from './check';

const BADGE_COLORS: Record<Emotion, string> = {
  angry: '#d64545',
  disgust: '#7a9a2e',
  fear: '#7b5cc4',
  happy: '#c98a00',
  sad: '#3f7fd1',
  surprise: '#e0672b',
  neutral: '#6b7785',
};

/** The toolbar icon shows the last reading, so a shortcut or periodic check is visible at a glance. */
export async function showBadge(): Promise<void> {
  const { lastCheck } = await readItems(['lastCheck']);
  const emotion = lastCheck?.perception?.emotion;
  // An unsure reading from the shortcut waits for the user to pick the mood in the popup.
  const asking = Boolean(lastCheck?.perception && awaitsPick(lastCheck.trigger, lastCheck.perception.notSure) && !lastCheck.music);
  const badge = asking
    ? { text: '?', color: '#6b7785' }
    : emotion
      ? { text: t(`badge_${emotion}`), color: BADGE_COLORS[emotion] }
      : lastCheck?.error
        ? { text: '!', color: '#a11d1d' }
        : null;
  await chrome.action.setBadgeText({ text: badge?.text ?? '' });
  if (badge) await chrome.action.setBadgeBackgroundColor({ color: badge.color });
  const title = asking ? t('action_title_unsure') : emotion ? t('action_title_mood', t(`emotion_${emotion}`)) : t('action_title');
  await chrome.action.setTitle({ title });
}
