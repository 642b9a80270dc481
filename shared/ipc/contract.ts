// The shape of one IPC channel and of the whole table, and the types derived from it. The table
// itself is `shared/ipc.ts`; a feature writes its channels in `shared/ipc/<feature>.ts`.
import type { z } from 'zod';
import type { Result } from '../result';

export type Channel<Req extends z.ZodType = z.ZodType, Res extends z.ZodType = z.ZodType> = {
  request: Req;
  response: Res;
  /** Roles allowed to call it; absent means any signed-in or training user. */
  ownerOnly?: boolean;
};

export function channel<Req extends z.ZodType, Res extends z.ZodType>(
  request: Req,
  response: Res,
  options: { ownerOnly?: boolean } = {},
): Channel<Req, Res> {
  return { request, response, ...options };
}

export type ChannelTable = Record<string, Channel>;

export type RequestOf<T extends ChannelTable, C extends keyof T> = z.input<T[C]['request']>;
export type ParsedRequestOf<T extends ChannelTable, C extends keyof T> = z.output<T[C]['request']>;
export type ResponseOf<T extends ChannelTable, C extends keyof T> = z.output<T[C]['response']>;

/** What a main-process handler for each channel of a table must be. */
export type HandlersOf<T extends ChannelTable, Ctx> = {
  [C in keyof T]: (request: ParsedRequestOf<T, C>, ctx: Ctx) => Promise<Result<ResponseOf<T, C>>> | Result<ResponseOf<T, C>>;
};
