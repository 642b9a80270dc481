// The stand-in's `session` (docs/api/session.md): permission handlers; with none, Electron grants.
import { readiness, READY_ONLY } from './lifecycle';
import type { WebContents } from './windows';

type PermissionRequestHandler = (contents: WebContents, permission: string, callback: (granted: boolean) => void, details: unknown) => void;
type PermissionCheckHandler = (contents: WebContents | null, permission: string, origin: string, details: unknown) => boolean;

class Session {
  private requestHandler: PermissionRequestHandler | null = null;
  private checkHandler: PermissionCheckHandler | null = null;
  setPermissionRequestHandler(handler: PermissionRequestHandler | null) {
    this.requestHandler = handler;
  }
  setPermissionCheckHandler(handler: PermissionCheckHandler | null) {
    this.checkHandler = handler;
  }
  /** A page asks for a permission: with no handler Electron grants it. */
  standInRequestPermission(contents: WebContents, permission: string): Promise<boolean> {
    const handler = this.requestHandler;
    if (!handler) return Promise.resolve(true);
    return new Promise((resolve) => handler(contents, permission, resolve, { requestingUrl: contents.getURL() }));
  }
  standInCheckPermission(contents: WebContents, permission: string): boolean {
    return this.checkHandler ? this.checkHandler(contents, permission, new URL(contents.getURL()).origin, {}) : true;
  }
}

export const session = {
  get defaultSession(): Session {
    if (!readiness.ready) throw READY_ONLY('session');
    return defaultSession;
  },
};
const defaultSession = new Session();
