/**
 * Web permission requests (camera, location, notifications, ...): all refused. The one
 * exception, writing plain text to the clipboard from the app's own page, lets "copy invite
 * link" work.
 */
import { isAppUrl } from './navigation.js';

const allowed: ReadonlySet<string> = new Set(['clipboard-sanitized-write']);

/** For session.setPermissionRequestHandler and setPermissionCheckHandler. */
export function isPermissionAllowed(permission: string, requestingUrl: string): boolean {
  return allowed.has(permission) && isAppUrl(requestingUrl);
}
