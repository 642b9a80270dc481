// The renderer's typed client over `window.pos`, derived from the contract: a channel's request and
// response types come from shared/ipc.ts, nothing is written twice. Failed envelopes become a
// `PosError` carrying the stable code, which `errorText` translates.
import { useEffect } from 'react';
import { useMutation, useQuery, useQueryClient, type UseQueryOptions } from '@tanstack/react-query';
import type { TFunction } from 'i18next';
import type { ChannelName, ChannelRequest, ChannelResponse, EventName, EventPayload, PosApi } from '../../shared/ipc';
import type { AppError } from '../../shared/result';

declare global {
  interface Window {
    pos: PosApi;
  }
}

export class PosError extends Error {
  constructor(readonly error: AppError) {
    super(error.message);
  }
}

export async function call<C extends ChannelName>(name: C, request: ChannelRequest<C>): Promise<ChannelResponse<C>> {
  const result = await window.pos.invoke(name, request);
  if (!result.ok) throw new PosError(result.error);
  return result.value;
}

export function useChannel<C extends ChannelName>(
  name: C,
  request: ChannelRequest<C>,
  options: Omit<UseQueryOptions<ChannelResponse<C>, PosError>, 'queryKey' | 'queryFn'> = {},
) {
  return useQuery<ChannelResponse<C>, PosError>({ queryKey: [name, request], queryFn: () => call(name, request), ...options });
}

export function useChannelMutation<C extends ChannelName>(name: C, invalidates: ChannelName[] = []) {
  const client = useQueryClient();
  return useMutation<ChannelResponse<C>, PosError, ChannelRequest<C>>({
    mutationFn: (request) => call(name, request),
    onSuccess: () => Promise.all(invalidates.map((key) => client.invalidateQueries({ queryKey: [key] }))),
  });
}

/** Subscribes to a main-process event for the life of the component. */
export function useEvent<E extends EventName>(name: E, listener: (payload: EventPayload<E>) => void): void {
  useEffect(() => window.pos.on(name, listener), [name, listener]);
}

/** The translated text of an error, by its stable code; the raw message only for unknown codes. */
export function errorText(t: TFunction, error: unknown): string {
  const appError = error instanceof PosError ? error.error : (error as { code?: string; message?: string; params?: object });
  if (appError && typeof appError.code === 'string') {
    const key = `errors.${appError.code}`;
    const text = t(key, { detail: '', ...(appError.params ?? {}) });
    if (text !== key) return text;
  }
  return t('errors.internal');
}
