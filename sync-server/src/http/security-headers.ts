import type { RequestHandler } from 'express';
import helmet from 'helmet';
import { contentSecurityPolicyHeader } from '@hamgaja/shared';

/**
 * Helmet's security headers with the app's one Content-Security-Policy (@hamgaja/shared), sent
 * exactly as defined there: helmet's own CSP (and its defaults) is off, so nothing is added (in
 * particular no `upgrade-insecure-requests`, which would break self-hosters on plain HTTP in a
 * LAN). Behind
 * Nginx these headers are replaced by Nginx's copies (nginx/hamgaja/proxy.conf), which are the same.
 */
export function securityHeaders(): RequestHandler {
  // The policy is the same for every answer, so its text is built once: helmet would build a
  // new ~370-byte string per response, which a live sync stream holds as long as it is open.
  const policy = contentSecurityPolicyHeader();
  const others = helmet({ contentSecurityPolicy: false, crossOriginEmbedderPolicy: false });
  return (req, res, next) => {
    res.setHeader('Content-Security-Policy', policy);
    others(req, res, next);
  };
}
