import type { Emotion } from '../shared/emotions';

/** One colour per emotion: the dot beside a result, its bar, its point in the chart. */
export const EMOTION_COLORS: Record<Emotion, string> = {
  angry: '#d64545',
  disgust: '#7a9a2e',
  fear: '#7b5cc4',
  happy: '#e6a817',
  sad: '#3f7fd1',
  surprise: '#e0672b',
  neutral: '#7d8a96',
};
