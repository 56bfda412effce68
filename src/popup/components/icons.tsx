/** Inline icons: the popup must not depend on which symbol fonts a system has. */
const svg = (d: string, label?: string) => (
  <svg viewBox="0 0 24 24" width="16" height="16" aria-hidden={label ? undefined : 'true'} fill="currentColor">
    <path d={d} />
  </svg>
);

export const PlayIcon = () => svg('M8 5v14l11-7z');
export const PauseIcon = () => svg('M6 5h4v14H6zM14 5h4v14h-4z');
export const NextIcon = () => svg('M6 6l8.5 6L6 18zM16 6h2v12h-2z');
export const ThumbUpIcon = () =>
  svg(
    'M2 21h4V9H2v12zm20-11a2 2 0 0 0-2-2h-6.3l1-4.6V3a1.5 1.5 0 0 0-.4-1L13 1 6.6 7.4A2 2 0 0 0 6 9v10a2 2 0 0 0 2 2h9a2 2 0 0 0 1.8-1.2l3-7.1c.1-.2.2-.5.2-.7v-2z',
  );
export const ThumbDownIcon = () =>
  svg(
    'M22 3h-4v12h4V3zM2 14a2 2 0 0 0 2 2h6.3l-1 4.6v.4c0 .4.2.8.4 1L11 23l6.4-6.4A2 2 0 0 0 18 15V5a2 2 0 0 0-2-2H7a2 2 0 0 0-1.8 1.2l-3 7.1c-.1.2-.2.5-.2.7v2z',
  );
