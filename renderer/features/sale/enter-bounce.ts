// A double Enter (a bouncing key, or a nervous double tap) is one decision, however quickly the next
// screen shows: the outcome must not be dismissed by the press that confirmed the sale. Timed from
// the previous Enter, not from when a screen appeared, so a deliberate Enter is never lost.

/** Two Enter presses this close together are one press: nobody reads an outcome and decides that fast. */
export const ENTER_BOUNCE_MS = 300;

let last = Number.NEGATIVE_INFINITY;
let previous = Number.NEGATIVE_INFINITY;

/** Watches every Enter press (capture phase, before any screen acts on it). */
export function watchEnterPresses(): () => void {
  function onKey(event: KeyboardEvent) {
    if (event.key !== 'Enter' || event.repeat) return;
    previous = last;
    last = event.timeStamp;
  }
  window.addEventListener('keydown', onKey, true);
  return () => window.removeEventListener('keydown', onKey, true);
}

/** Whether this Enter came right after the one before it. */
export function isEnterBounce(event: { key: string; timeStamp: number }): boolean {
  return event.key === 'Enter' && event.timeStamp === last && last - previous < ENTER_BOUNCE_MS;
}
