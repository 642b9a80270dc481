// The preload: exposes `window.pos`, derived from the contract (shared/ipc.ts), and nothing else.
// Runs sandboxed; only channel names known to the contract are forwarded.
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { EVENT_CHANNEL, IPC_PREFIX, isChannelName, type PosApi } from '../shared/ipc';

const pos = {
  invoke(name, request) {
    if (!isChannelName(name)) {
      return Promise.resolve({ ok: false, error: { code: 'ipc.unknown_channel', message: `unknown channel ${String(name)}` } });
    }
    return ipcRenderer.invoke(IPC_PREFIX + name, request);
  },
  on(name, listener) {
    const forward = (_event: IpcRendererEvent, message: { name: string; payload: unknown }) => {
      if (message?.name === name) (listener as (payload: unknown) => void)(message.payload);
    };
    ipcRenderer.on(EVENT_CHANNEL, forward);
    return () => {
      ipcRenderer.removeListener(EVENT_CHANNEL, forward);
    };
  },
} satisfies PosApi;

contextBridge.exposeInMainWorld('pos', pos);
