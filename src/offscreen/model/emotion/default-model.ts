/**
 * The emotion model the extension runs: our own (tools/train), which can also explain itself
 * with Grad-CAM; 'baseline' brings back the pre-trained mini-Xception for comparison. The build
 * ships the chosen one (and the baseline on request, tools/build/assets-plugin.ts). Its own
 * module so that `npm run eval` defaults to the same model without loading the browser-only
 * parts of the offscreen document.
 */
export type EmotionModelId = 'mooddj' | 'baseline';
export const EMOTION_MODEL: EmotionModelId = 'mooddj';
