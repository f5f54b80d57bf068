#!/usr/bin/env node
// Renders Hamgaja's Nginx config into a prefix directory that Nginx can run from as any user:
//   nginx -p PREFIX -c PREFIX/nginx.conf
// Used by the e2e stack, the config tests and the web image build. Plain Node, no dependencies.
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';

const here = path.dirname(fileURLToPath(import.meta.url));
const templatesDir = path.join(here, 'templates');
const includesDir = path.join(here, 'hamgaja');

/** Where distributions keep Nginx's MIME map (its directory is not known to a custom prefix). */
const MIME_TYPES_CANDIDATES = [
  '/etc/nginx/mime.types',
  '/usr/local/etc/nginx/mime.types',
  '/opt/homebrew/etc/nginx/mime.types',
  '/usr/local/nginx/conf/mime.types',
];

/**
 * Replaces every `${NAME}` (upper case) with vars[NAME]; a placeholder without a value is an
 * error, so a typo never reaches Nginx as a literal. Nginx's own `$name` variables are untouched.
 */
export function substitute(template, vars) {
  return template.replace(/\$\{([A-Z][A-Z0-9_]*)\}/g, (_match, name) => {
    const value = vars[name];
    if (value === undefined || value === null) throw new Error(`nginx template: no value for \${${name}}`);
    return String(value);
  });
}

/** `server host:port …;` lines of the upstream block, one per instance. */
export function upstreamServers(upstreams, { maxFails = 2, failTimeout = '10s' } = {}) {
  if (!Array.isArray(upstreams) || upstreams.length === 0)
    throw new Error('nginx: at least one upstream is required');
  return upstreams
    .map((u) => {
      const address = typeof u === 'string' ? u : `${u.host ?? '127.0.0.1'}:${u.port}`;
      if (!/^[\w.-]+:\d{1,5}$|^\[[0-9a-fA-F:]+\]:\d{1,5}$/.test(address))
        throw new Error(`nginx: bad upstream address ${address}`);
      return `    server ${address} max_fails=${maxFails} fail_timeout=${failTimeout};`;
    })
    .join('\n');
}

function quoteIfNeeded(value) {
  return /[\s;{}'"]/.test(value) ? `"${value.replace(/(["\\])/g, '\\$1')}"` : value;
}

function findMimeTypes() {
  const found = MIME_TYPES_CANDIDATES.find((file) => existsSync(file));
  if (!found)
    throw new Error(
      `nginx: mime.types not found (looked in ${MIME_TYPES_CANDIDATES.join(', ')}); pass mimeTypes`,
    );
  return found;
}

/** The port part of a `listen` value ("443", "127.0.0.1:8443", "[::1]:8443"). */
function portOf(listen) {
  const match = /(\d+)$/.exec(String(listen));
  if (!match) throw new Error(`nginx: cannot read a port from listen value ${listen}`);
  return Number(match[1]);
}

/**
 * Writes PREFIX/nginx.conf (main context with pid, logs and every temp path inside PREFIX),
 * PREFIX/conf.d/hamgaja.conf (+ hamgaja-tls.conf) from the templates, and PREFIX/hamgaja/*.conf.
 * Options and result are typed in render.d.mts.
 * @param {import('./render.d.mts').RenderOptions} options
 * @returns {import('./render.d.mts').RenderedConfig}
 */
export function renderNginx(options) {
  const prefix = path.resolve(options.prefix);
  const webRoot = path.resolve(options.webRoot);
  for (const dir of ['conf.d', 'hamgaja', 'logs', 'temp'])
    mkdirSync(path.join(prefix, dir), { recursive: true });

  const vars = {
    NGINX_PORT: String(options.listen),
    UPSTREAM_SERVERS: upstreamServers(options.upstreams, options),
    WEB_ROOT: quoteIfNeeded(webRoot),
    SERVER_NAME: options.serverName ?? '_',
  };
  const read = (name) => readFileSync(path.join(templatesDir, name), 'utf8');

  for (const file of readdirSync(includesDir))
    copyFileSync(path.join(includesDir, file), path.join(prefix, 'hamgaja', file));
  writeFileSync(path.join(prefix, 'conf.d', 'hamgaja.conf'), substitute(read('hamgaja.conf.template'), vars));

  const tlsConf = path.join(prefix, 'conf.d', 'hamgaja-tls.conf');
  if (options.tls) {
    const { listen, certificate, certificateKey, redirectHttp = true } = options.tls;
    if (!certificate || !certificateKey) throw new Error('nginx: TLS needs both a certificate and its key');
    for (const file of [certificate, certificateKey]) {
      if (!existsSync(file)) throw new Error(`nginx: TLS file not found: ${file}`);
    }
    const tlsVars = {
      ...vars,
      NGINX_TLS_PORT: String(listen),
      TLS_CERTIFICATE: quoteIfNeeded(path.resolve(certificate)),
      TLS_CERTIFICATE_KEY: quoteIfNeeded(path.resolve(certificateKey)),
    };
    writeFileSync(tlsConf, substitute(read('hamgaja-tls.conf.template'), tlsVars));
    if (redirectHttp) {
      const port = portOf(listen);
      const redirect = substitute(read('https-redirect.conf.template'), {
        HTTPS_PORT_SUFFIX: port === 443 ? '' : `:${port}`,
      });
      writeFileSync(path.join(prefix, 'hamgaja', 'http-listener.conf'), redirect);
    }
  } else if (existsSync(tlsConf)) {
    // A re-render without TLS must not keep an old HTTPS server around.
    writeFileSync(tlsConf, '# TLS not configured\n');
  }

  const p = (...parts) => quoteIfNeeded(path.join(prefix, ...parts));
  const main = `# Generated by nginx/render.mjs; run: nginx -p ${prefix} -c ${path.join(prefix, 'nginx.conf')}
${options.user ? `user ${options.user};\n` : ''}worker_processes ${options.workerProcesses ?? 1};
pid ${p('nginx.pid')};
error_log ${p('logs', 'error.log')} ${options.errorLogLevel ?? 'warn'};

events {
    worker_connections 1024;
}

http {
    include ${quoteIfNeeded(options.mimeTypes ?? findMimeTypes())};
    default_type application/octet-stream;
    sendfile on;
    tcp_nopush on;
    keepalive_timeout 65s;

    client_body_temp_path ${p('temp', 'client_body')};
    proxy_temp_path ${p('temp', 'proxy')};
    fastcgi_temp_path ${p('temp', 'fastcgi')};
    uwsgi_temp_path ${p('temp', 'uwsgi')};
    scgi_temp_path ${p('temp', 'scgi')};

    include conf.d/*.conf;

    access_log ${p('logs', 'access.log')} hamgaja;
}
`;
  const confPath = path.join(prefix, 'nginx.conf');
  writeFileSync(confPath, main);
  return { prefix, confPath, args: ['-p', `${prefix}/`, '-c', confPath] };
}

function cli() {
  const { values } = parseArgs({
    options: {
      prefix: { type: 'string' },
      listen: { type: 'string', default: '8080' },
      upstream: { type: 'string', multiple: true },
      'web-root': { type: 'string' },
      'server-name': { type: 'string' },
      'tls-listen': { type: 'string', default: '443' },
      'tls-certificate': { type: 'string' },
      'tls-certificate-key': { type: 'string' },
      'max-fails': { type: 'string' },
      'fail-timeout': { type: 'string' },
      'worker-processes': { type: 'string' },
    },
  });
  if (!values.prefix || !values.upstream || !values['web-root']) {
    console.error(
      'usage: node nginx/render.mjs --prefix DIR --web-root DIR --upstream HOST:PORT [--upstream …] [--listen 8080]\n' +
        '       [--server-name NAME] [--tls-certificate FILE --tls-certificate-key FILE [--tls-listen 443]]',
    );
    process.exit(2);
  }
  const tls = values['tls-certificate']
    ? {
        listen: values['tls-listen'],
        certificate: values['tls-certificate'],
        certificateKey: values['tls-certificate-key'],
      }
    : undefined;
  const { args } = renderNginx({
    prefix: values.prefix,
    listen: values.listen,
    upstreams: values.upstream,
    webRoot: values['web-root'],
    serverName: values['server-name'],
    tls,
    maxFails: values['max-fails'],
    failTimeout: values['fail-timeout'],
    workerProcesses: values['worker-processes'],
  });
  console.log(`nginx ${args.join(' ')}`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  try {
    cli();
  } catch (err) {
    console.error(err instanceof Error ? err.message : String(err));
    process.exit(1);
  }
}
