// The counter's one Enter clock, fed from the window (renderer/features/sale/enter-clock.ts has the rule).
import { createEnterClock } from './enter-clock';

const clock = createEnterClock();

/** Watches every Enter press (capture phase, before any screen acts on it). */
export function watchEnterPresses(): () => void {
  const onKey = (event: KeyboardEvent) => clock.note(event);
  window.addEventListener('keydown', onKey, true);
  return () => window.removeEventListener('keydown', onKey, true);
}

/** Whether this Enter came right after the one before it. */
export function isEnterBounce(event: { key: string; timeStamp: number }): boolean {
  return clock.isBounce(event);
}
