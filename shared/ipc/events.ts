// Events the main process pushes to the renderer: name → payload schema. The renderer refreshes
// its react-query caches on them.
import { z } from 'zod';
import { settingsSchema } from '../settings';
import { saleEvents } from './sales';

export const events = {
  'settings.changed': settingsSchema,
  ...saleEvents,
};
export type EventTable = typeof events;
export type EventName = keyof EventTable;
export type EventPayload<E extends EventName> = z.output<EventTable[E]>;
