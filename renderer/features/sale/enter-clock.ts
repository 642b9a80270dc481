// A double Enter (a bouncing key, or a nervous double tap) is one decision, however quickly the next
// screen shows: the outcome must not be dismissed by the press that confirmed the sale. Timed from
// the previous Enter, not from when a screen appeared, so a deliberate Enter is never lost.

/** Two Enter presses this close together are one press: nobody reads an outcome and decides that fast. */
export const ENTER_BOUNCE_MS = 300;

type Press = { key: string; timeStamp: number; repeat?: boolean };

/** The times of the last two Enter presses, and whether a press is the second of a bounce. */
export function createEnterClock() {
  let last = Number.NEGATIVE_INFINITY;
  let previous = Number.NEGATIVE_INFINITY;
  return {
    note(press: Press): void {
      if (press.key !== 'Enter' || press.repeat) return;
      previous = last;
      last = press.timeStamp;
    },
    isBounce(press: Press): boolean {
      return press.key === 'Enter' && press.timeStamp === last && last - previous < ENTER_BOUNCE_MS;
    },
  };
}
