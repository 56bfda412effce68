import { z } from 'zod';

/** What started a check: the popup's button, the keyboard shortcut, or the periodic alarm. */
export const triggerSchema = z.enum(['popup', 'shortcut', 'alarm']);
export type Trigger = z.infer<typeof triggerSchema>;

/** Periodic checks run unattended: they never prompt, and they queue music instead of cutting a track. */
export function isPeriodic(trigger: Trigger): boolean {
  return trigger === 'alarm';
}
