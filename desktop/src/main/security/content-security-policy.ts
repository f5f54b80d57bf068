/**
 * The Content-Security-Policy sent with every page of the app (by the app:// protocol).
 * Scripts only from the bundle, no eval, no plugins, no framing; the network only to the
 * chosen sync server. Images may also come from https (attraction photos are remote).
 */
export function contentSecurityPolicy(options: { serverOrigin: string | null }): string {
  const server = options.serverOrigin ? ` ${options.serverOrigin}` : '';
  const directives: Record<string, string> = {
    'default-src': "'self'",
    'script-src': "'self'",
    // As the web app (nginx/hamgaja/security-headers.conf): the map (Leaflet) and the drag-and-drop
    // styles are inline; scripts stay 'self' only.
    'style-src': "'self' 'unsafe-inline'",
    'img-src': `'self' data: blob: https:${server}`,
    'font-src': "'self' data:",
    'connect-src': `'self'${server}`,
    'media-src': "'self'",
    'worker-src': "'self' blob:",
    'manifest-src': "'self'",
    'object-src': "'none'",
    'frame-src': "'none'",
    'child-src': "'none'",
    'frame-ancestors': "'none'",
    'base-uri': "'none'",
    'form-action': "'none'",
  };
  return Object.entries(directives)
    .map(([name, value]) => `${name} ${value}`)
    .join('; ');
}
