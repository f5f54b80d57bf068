/**
 * The Content-Security-Policy sent with every page of the app (by the app:// protocol): the
 * app's one policy (@hamgaja/shared, the same the web app gets from Nginx and the sync server)
 * with the chosen sync server added to connect-src and img-src. Scripts only from the bundle,
 * no eval, no plugins, no frames; the network only to that server.
 */
import { contentSecurityPolicyHeader, isContentSecurityPolicyOrigin } from '@hamgaja/shared';

export function contentSecurityPolicy(options: { serverOrigin: string | null }): string {
  const { serverOrigin } = options;
  // The settings schema admits only such origins; should an old settings file hold another, the
  // pages (the connection page among them) still load, and the server stays unreachable until
  // the user picks it again.
  const extra = serverOrigin && isContentSecurityPolicyOrigin(serverOrigin) ? [serverOrigin] : [];
  return contentSecurityPolicyHeader(extra);
}
