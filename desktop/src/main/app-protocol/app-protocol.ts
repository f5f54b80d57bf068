/**
 * Serves the renderer bundle (the web SPA build) under app://hamgaja/ so the page has a real,
 * stable origin (IndexedDB, localStorage and the browser router work offline) without a
 * local HTTP server. Client-side routes get index.html; nothing outside the bundle is ever read.
 */
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { APP_HOST, APP_SCHEME } from '../security/navigation.js';

/** Privileges for protocol.registerSchemesAsPrivileged (standard + secure = a normal web origin). */
export const appSchemePrivileges = {
  standard: true,
  secure: true,
  supportFetchAPI: true,
  corsEnabled: false,
  stream: true,
  codeCache: true,
} as const;

const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.txt': 'text/plain; charset=utf-8',
  '.wasm': 'application/wasm',
};

export interface ProtocolHandlerOptions {
  /** The renderer bundle (desktop/dist/web). */
  root: string;
  /** The CSP for this response (it names the currently chosen server). */
  contentSecurityPolicy: () => string;
}

export type ProtocolHandler = (request: Request) => Promise<Response>;

function problem(status: number, code: string, title: string): Response {
  return new Response(JSON.stringify({ type: 'about:blank', title, status, code }), {
    status,
    headers: { 'content-type': 'application/problem+json', 'cache-control': 'no-store' },
  });
}

/**
 * The file a URL path names, or null when the path tries to leave the bundle: `..` segments
 * (plain or percent-encoded), encoded slashes or backslashes, NUL bytes, drive letters.
 */
export function resolveBundlePath(root: string, urlPath: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return null;
  // An encoded "/" would let one URL segment become two path segments.
  if (/%2f|%5c/i.test(urlPath)) return null;
  const segments = decoded.split('/').filter((s) => s !== '');
  if (segments.some((s) => s === '..' || s === '.' || /^[a-z]:/i.test(s))) return null;
  const base = path.resolve(root);
  const file = path.resolve(base, ...segments);
  const relative = path.relative(base, file);
  if (relative.startsWith('..') || path.isAbsolute(relative)) return null;
  return file;
}

async function isFile(file: string): Promise<boolean> {
  try {
    return (await stat(file)).isFile();
  } catch {
    return false;
  }
}

export function createProtocolHandler(options: ProtocolHandlerOptions): ProtocolHandler {
  const root = path.resolve(options.root);
  const indexHtml = path.join(root, 'index.html');

  async function serve(
    file: string,
    method: string,
    extraHeaders: Record<string, string> = {},
  ): Promise<Response> {
    const body = await readFile(file);
    const type = contentTypes[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
    const headers: Record<string, string> = {
      'content-type': type,
      'content-length': String(body.byteLength),
      'x-content-type-options': 'nosniff',
      'content-security-policy': options.contentSecurityPolicy(),
      'referrer-policy': 'no-referrer',
      // Hashed assets never change; the shell must be re-read after an update.
      'cache-control': file.includes(`${path.sep}assets${path.sep}`)
        ? 'public, max-age=31536000, immutable'
        : 'no-cache',
      ...extraHeaders,
    };
    return new Response(method === 'HEAD' ? null : body, { status: 200, headers });
  }

  return async (request) => {
    const method = request.method.toUpperCase();
    if (method !== 'GET' && method !== 'HEAD')
      return problem(405, 'method_not_allowed', 'Method not allowed');
    let url: URL;
    try {
      url = new URL(request.url);
    } catch {
      return problem(400, 'bad_url', 'Bad URL');
    }
    if (url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST)
      return problem(404, 'not_found', 'Not found');
    const file = resolveBundlePath(root, url.pathname);
    if (file === null) return problem(403, 'forbidden_path', 'Path outside the app bundle');
    // The desktop app has no API of its own: a local-only window must not get index.html as JSON.
    if (url.pathname === '/api' || url.pathname.startsWith('/api/'))
      return problem(404, 'no_server', 'No sync server is connected');
    if (await isFile(file)) return serve(file, method);
    // A client-side route (no file extension) gets the app shell; a missing asset is a 404.
    if (path.extname(url.pathname) === '' && (await isFile(indexHtml))) return serve(indexHtml, method);
    return problem(404, 'not_found', 'Not found');
  };
}
