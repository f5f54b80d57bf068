import type { RequestHandler } from 'express';
import helmet from 'helmet';
import { contentSecurityPolicyDirectives } from '@hamgaja/shared';

/**
 * Helmet's security headers with the app's one Content-Security-Policy (@hamgaja/shared), sent
 * exactly as defined there: helmet's own defaults are off, so nothing is added (in particular no
 * `upgrade-insecure-requests`, which would break self-hosters on plain HTTP in a LAN). Behind
 * Nginx these headers are replaced by Nginx's copies (nginx/hamgaja/proxy.conf), which are the same.
 */
export function securityHeaders(): RequestHandler {
  return helmet({
    contentSecurityPolicy: { useDefaults: false, directives: contentSecurityPolicyDirectives() },
    crossOriginEmbedderPolicy: false,
  });
}
