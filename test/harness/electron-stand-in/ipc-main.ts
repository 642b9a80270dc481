// The stand-in's `ipcMain` (docs/api/ipc-main.md): one handler per channel, the event naming the
// sender and its frame, results structured-cloned.
import type { WebContents, WebFrameMain } from './windows';

type InvokeHandler = (event: unknown, ...args: unknown[]) => unknown;
const invokeHandlers = new Map<string, InvokeHandler>();

export const ipcMain = {
  handle(channel: string, handler: InvokeHandler) {
    if (invokeHandlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
    invokeHandlers.set(channel, handler);
  },
  removeHandler(channel: string) {
    invokeHandlers.delete(channel);
  },
  /** What a renderer's `ipcRenderer.invoke` reaches: the event names the sender and its frame. */
  async standInInvoke(sender: WebContents, senderFrame: WebFrameMain | null, channel: string, ...args: unknown[]) {
    const handler = invokeHandlers.get(channel);
    if (!handler) throw new Error(`Error invoking remote method '${channel}': Error: No handler registered for '${channel}'`);
    const event = { sender, senderFrame, frameId: senderFrame?.routingId ?? -1, processId: senderFrame?.processId ?? -1, type: 'frame' };
    try {
      return structuredClone(await handler(event, ...args.map((arg) => structuredClone(arg))));
    } catch (cause) {
      throw new Error(`Error invoking remote method '${channel}': ${String(cause)}`);
    }
  },
  standInChannels() {
    return [...invokeHandlers.keys()];
  },
};
