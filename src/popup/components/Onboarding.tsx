/** First run: what happens to camera frames, before the camera is ever opened. */
export function Onboarding({ onDone }: { onDone: () => void }) {
  return (
    <section class="card onboarding" aria-label="Welcome" data-testid="onboarding">
      <h2>Welcome to MoodDJ</h2>
      <ul>
        <li>When you press <strong>Detect mood</strong>, the camera turns on for about a second (a red dot shows while it is on).</li>
        <li>Your face is read on this computer. Frames are never sent anywhere and never stored.</li>
        <li>Only the result (an emotion and its probabilities) is kept, in a history you can clear.</li>
        <li>The first time, Chrome asks for camera permission in a new tab. You can also use a photo instead.</li>
      </ul>
      <button class="detect" data-testid="onboarding-done" onClick={onDone}>
        Got it
      </button>
    </section>
  );
}
