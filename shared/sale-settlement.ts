// How a sale's outcome became known, read from its timeline: from the payment's own answer, or
// later from a status check or the provider's webhook. The screens say so (translated), so a sale
// whose answer was lost and that was settled afterwards is not taken for a plain one.
import type { SaleTimelineEntry } from './ipc/sales';

export type SettledBy = 'answer' | 'status' | 'webhook';

/** null while the sale is not final. */
export function settledBy(timeline: readonly SaleTimelineEntry[]): SettledBy | null {
  const last = timeline.at(-1);
  if (!last || (last.state !== 'succeeded' && last.state !== 'failed')) return null;
  if (last.note?.startsWith('status:')) return 'status';
  if (last.note?.startsWith('webhook:')) return 'webhook';
  return 'answer';
}
