// Days as the shop counts them: from local midnight to the next (23 or 25 hours on a clock change).

export function startOfToday(): number {
  const d = new Date();
  d.setHours(0, 0, 0, 0);
  return d.getTime();
}

/** `yyyy-mm-dd` of the local day `ms` falls in, as a date input holds it. */
export function dateInput(ms: number): string {
  const d = new Date(ms);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

/** The local day a date input names, as epoch ms from its midnight to the next. */
export function dayOf(input: string): { from: number; to: number } {
  const [year, month, day] = input.split('-').map(Number) as [number, number, number];
  return { from: new Date(year, month - 1, day).getTime(), to: new Date(year, month - 1, day + 1).getTime() };
}
