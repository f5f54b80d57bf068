/**
 * The one Content-Security-Policy of every Hamgaja page, wherever it is served from:
 *
 *   - the sync server (helmet, sync-server/src/http/security-headers.ts): the web app on
 *     `npm start`, the API and its docs;
 *   - Nginx in the web image (nginx/hamgaja/security-headers.conf holds this exact string;
 *     nginx/csp.test.ts fails when it drifts and rewrites it with `-u`);
 *   - the desktop app's app://hamgaja protocol (desktop/src/main/security/content-security-policy.ts),
 *     which adds the sync server the user chose.
 *
 * What the app needs and nothing more:
 *   - scripts only from the bundle: no inline script, no eval (zod runs with `jitless`);
 *   - inline styles: Leaflet (markup of popups and markers) and dnd-kit (dragged items) set them;
 *   - images from https (map tiles, attraction photos), data: (Leaflet's and the CSS's
 *     inlined icons) and blob: (previews of picked images);
 *   - fonts from the bundle; data: because Vite inlines small assets (a font slice under 4 KB);
 *   - workers from the app (service worker) and blob:;
 *   - no plugins, no frames of any kind, never framed itself;
 *   - no <base> and no native form submission: every form is handled by script
 *     (preventDefault), Swagger UI's too;
 *   - never `upgrade-insecure-requests`: self-hosters serve plain HTTP on a LAN address.
 */

/** Directive name → its source list, in the order they are sent. */
export type ContentSecurityPolicyDirectives = Record<string, string[]>;

/**
 * An http(s) origin as URL#origin writes it (lower case, no path, no trailing slash) that a CSP
 * source can name: host labels of letters, digits and `-` only (the CSP host grammar). URL
 * accepts more (`my_host`, `a;b`), which a policy can neither allow nor carry safely: a `;`
 * would end the directive, a `,` start another policy.
 */
const ORIGIN = /^https?:\/\/(?:[a-z0-9-]+(?:\.[a-z0-9-]+)*|\[[0-9a-f:.]+\])(?::\d{1,5})?$/;

/** True when `origin` can be one of the policy's extra origins (see ORIGIN). */
export function isContentSecurityPolicyOrigin(origin: string): boolean {
  return ORIGIN.test(origin);
}

/**
 * The directives of the policy. `extraOrigins` are the origins a page talks to besides its own:
 * the desktop app's chosen sync server (its API and its images). The web app has none: its
 * server is its own origin.
 */
export function contentSecurityPolicyDirectives(
  extraOrigins: readonly string[] = [],
): ContentSecurityPolicyDirectives {
  for (const origin of extraOrigins) {
    if (!isContentSecurityPolicyOrigin(origin))
      throw new Error(`content security policy: not an http(s) origin: ${JSON.stringify(origin)}`);
  }
  const extra = [...new Set(extraOrigins)];
  return {
    'default-src': ["'self'"],
    'script-src': ["'self'"],
    'style-src': ["'self'", "'unsafe-inline'"],
    'img-src': ["'self'", 'data:', 'blob:', 'https:', ...extra],
    'font-src': ["'self'", 'data:'],
    'connect-src': ["'self'", ...extra],
    'media-src': ["'self'"],
    'worker-src': ["'self'", 'blob:'],
    'manifest-src': ["'self'"],
    'object-src': ["'none'"],
    'frame-src': ["'none'"],
    'child-src': ["'none'"],
    'frame-ancestors': ["'none'"],
    'base-uri': ["'none'"],
    'form-action': ["'none'"],
  };
}

/**
 * The header value, written the way helmet writes it (`name value value;name value`), so the
 * sync server's header is this very string.
 */
export function serializeContentSecurityPolicy(directives: ContentSecurityPolicyDirectives): string {
  return Object.entries(directives)
    .map(([name, sources]) => [name, ...sources].join(' '))
    .join(';');
}

/** The Content-Security-Policy header value (see contentSecurityPolicyDirectives). */
export function contentSecurityPolicyHeader(extraOrigins: readonly string[] = []): string {
  return serializeContentSecurityPolicy(contentSecurityPolicyDirectives(extraOrigins));
}
