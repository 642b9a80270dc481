// The IPC contract: every channel, once. Preload, main-process registration, the renderer's typed
// client and the web shell's bridge are all derived from this table. A feature's channels live in
// `shared/ipc/<feature>.ts` and are spread in here: adding a channel is one entry there plus one
// handler in `electron/ipc/handlers/<feature>.ts`.
import { appChannels } from './ipc/app';
import { saleChannels } from './ipc/sales';
import { historyChannels } from './ipc/history';
import { printingChannels } from './ipc/printing';
import { counterChannels } from './ipc/counter';
import { accountChannels } from './ipc/accounts';
import { cashierChannels } from './ipc/cashiers';
import { shiftChannels } from './ipc/shifts';
import { reportChannels } from './ipc/reports';
import { backupChannels } from './ipc/backup';
import { hubChannels } from './ipc/hub';
import type { HandlersOf, RequestOf, ResponseOf } from './ipc/contract';
import type { EventName, EventPayload } from './ipc/events';
import type { Result } from './result';

export const channels = {
  ...appChannels,
  ...saleChannels,
  ...historyChannels,
  ...printingChannels,
  ...counterChannels,
  ...accountChannels,
  ...cashierChannels,
  ...shiftChannels,
  ...reportChannels,
  ...backupChannels,
  ...hubChannels,
};

export type Channels = typeof channels;
export type ChannelName = keyof Channels;
export type ChannelRequest<C extends ChannelName> = RequestOf<Channels, C>;
export type ChannelResponse<C extends ChannelName> = ResponseOf<Channels, C>;
export type Handlers<Ctx> = HandlersOf<Channels, Ctx>;

export const channelNames = Object.keys(channels) as ChannelName[];

export function isChannelName(name: unknown): name is ChannelName {
  return typeof name === 'string' && Object.hasOwn(channels, name);
}

/** `window.pos`: the whole API the renderer has. Exposed by the preload and by the web shell bridge. */
export interface PosApi {
  invoke<C extends ChannelName>(name: C, request: ChannelRequest<C>): Promise<Result<ChannelResponse<C>>>;
  on<E extends EventName>(name: E, listener: (payload: EventPayload<E>) => void): () => void;
}

export { events } from './ipc/events';
export type { EventName, EventPayload } from './ipc/events';
/** The Electron IPC channel name for a contract channel; one prefix so main can refuse anything else. */
export const IPC_PREFIX = 'pos:';
export const EVENT_CHANNEL = 'pos-event';
