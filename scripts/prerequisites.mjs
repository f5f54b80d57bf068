// Checks the services and programs the test suites need; each miss comes with the exact commands that fix it.
// Run alone: `node scripts/prerequisites.mjs` (add --e2e to include Nginx and Chromium).
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const TEST_MYSQL_URL = process.env.TEST_MYSQL_URL || 'mysql://hamgaja:hamgaja@127.0.0.1:3306';
export const TEST_REDIS_URL = process.env.TEST_REDIS_URL || process.env.REDIS_URL || 'redis://127.0.0.1:6379';
export const CHROMIUM = '/usr/bin/chromium';

const sudo = process.getuid?.() === 0 ? '' : 'sudo ';
const aptInstall = (...pkgs) => `${sudo}apt-get install -y ${pkgs.join(' ')}`;

/** @typedef {{ name: string, ok: boolean, detail: string, commands: string[] }} Check */

/** Runs a program's version flag; undefined when it cannot be started. */
function version(cmd, args) {
  const res = spawnSync(cmd, args, { encoding: 'utf8', timeout: 20_000 });
  if (res.error || res.status !== 0) return undefined;
  return `${res.stdout}${res.stderr}`.trim().split('\n')[0];
}

function onPath(cmd, fallback) {
  if (spawnSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' }).status === 0) return true;
  return fallback !== undefined && existsSync(fallback);
}

/** Shell-quotes one argument with double quotes (the SQL inside uses single quotes and backticks). */
const dq = (s) => `"${s.replace(/[\\"$`]/g, (c) => `\\${c}`)}"`;
const sqlString = (s) => `'${s.replace(/\\/g, '\\\\').replace(/'/g, "''")}'`;

/** The statements that create the test user with rights on every `hamgaja%` database. */
export function testUserSql(url = TEST_MYSQL_URL) {
  const u = new URL(url);
  const user = sqlString(decodeURIComponent(u.username || 'hamgaja'));
  const password = sqlString(decodeURIComponent(u.password));
  const hosts = ["'localhost'", "'127.0.0.1'"];
  return [
    ...hosts.map((h) => `CREATE USER IF NOT EXISTS ${user}@${h} IDENTIFIED BY ${password};`),
    ...hosts.map((h) => `ALTER USER ${user}@${h} IDENTIFIED BY ${password};`),
    ...hosts.map((h) => `GRANT ALL PRIVILEGES ON \`hamgaja%\`.* TO ${user}@${h};`),
    'FLUSH PRIVILEGES;',
  ].join(' ');
}

const mariadbStart = [
  `${sudo}install -d -o mysql -g mysql /run/mysqld`,
  `${sudo}start-stop-daemon --start --oknodo --background --exec /usr/sbin/mariadbd`,
].join(' && ');

/** MariaDB answers at TEST_MYSQL_URL and its user may create and drop `hamgaja%` databases. */
export async function checkMariaDb(url = TEST_MYSQL_URL) {
  const name = 'MariaDB';
  const u = new URL(url);
  const where = `${u.hostname}:${u.port || 3306} as ${decodeURIComponent(u.username)} (TEST_MYSQL_URL)`;
  const createUser = `${sudo}mariadb -uroot -e ${dq(testUserSql(url))}`;
  let mysql;
  try {
    const require = createRequire(path.join(ROOT, 'sync-server', 'package.json'));
    mysql = require('mysql2/promise');
  } catch {
    return { name, ok: false, detail: 'the mysql2 package is not installed', commands: ['npm install'] };
  }
  let conn;
  try {
    conn = await mysql.createConnection({ uri: url, connectTimeout: 5000 });
  } catch (err) {
    const code = /** @type {{ code?: string }} */ (err).code ?? '';
    if (/ER_ACCESS_DENIED|ER_HOST_NOT_PRIVILEGED|ER_NOT_SUPPORTED_AUTH/.test(code)) {
      return { name, ok: false, detail: `cannot log in at ${where}: ${code}`, commands: [createUser] };
    }
    const installed = existsSync('/usr/sbin/mariadbd');
    return {
      name,
      ok: false,
      detail: `not reachable at ${where}: ${code || String(err)}`,
      commands: [
        ...(installed ? [] : [aptInstall('mariadb-server')]),
        mariadbStart,
        createUser,
        ...(u.port && u.port !== '3306'
          ? [`# or point TEST_MYSQL_URL at a running server (now ${url})`]
          : []),
      ],
    };
  }
  const probe = `hamgaja_t_check_${randomBytes(4).toString('hex')}`;
  try {
    const [rows] = await conn.query('SELECT VERSION() AS v');
    await conn.query(`CREATE DATABASE \`${probe}\``);
    await conn.query(`DROP DATABASE \`${probe}\``);
    return { name, ok: true, detail: `${rows[0].v} at ${where}`, commands: [] };
  } catch (err) {
    const code = /** @type {{ code?: string }} */ (err).code ?? String(err);
    return {
      name,
      ok: false,
      detail: `cannot create hamgaja% databases at ${where}: ${code}`,
      commands: [createUser],
    };
  } finally {
    await conn.end().catch(() => {});
  }
}

/** Sends one RESP command and resolves with the first reply line. */
function redisCommand(socket, args) {
  return new Promise((resolve, reject) => {
    let buffer = '';
    const onData = (chunk) => {
      buffer += chunk.toString('utf8');
      const end = buffer.indexOf('\r\n');
      if (end === -1) return;
      socket.off('data', onData);
      resolve(buffer.slice(0, end));
    };
    socket.on('data', onData);
    socket.once('error', reject);
    socket.write(`*${args.length}\r\n${args.map((a) => `$${Buffer.byteLength(a)}\r\n${a}\r\n`).join('')}`);
  });
}

/** Redis answers PING at TEST_REDIS_URL (raw TCP, so no client library is needed). */
export async function checkRedis(url = TEST_REDIS_URL) {
  const name = 'Redis';
  const u = new URL(url);
  const host = u.hostname || '127.0.0.1';
  const port = Number(u.port || 6379);
  const where = `${host}:${port} (TEST_REDIS_URL)`;
  const start = [
    ...(onPath('redis-server') ? [] : [aptInstall('redis-server')]),
    `redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save "" --appendonly no`,
  ];
  const socket = net.createConnection({ host, port });
  socket.setTimeout(5000, () => socket.destroy(new Error('timed out')));
  try {
    await new Promise((resolve, reject) => {
      socket.once('connect', resolve);
      socket.once('error', reject);
    });
    if (u.password) {
      const auth = [decodeURIComponent(u.username), decodeURIComponent(u.password)].filter(Boolean);
      const reply = await redisCommand(socket, ['AUTH', ...auth]);
      if (!reply.startsWith('+OK'))
        return { name, ok: false, detail: `AUTH refused at ${where}: ${reply}`, commands: [] };
    }
    const reply = await redisCommand(socket, ['PING']);
    if (reply === '+PONG') return { name, ok: true, detail: `PONG from ${where}`, commands: [] };
    return { name, ok: false, detail: `unexpected answer to PING at ${where}: ${reply}`, commands: [] };
  } catch (err) {
    const code = /** @type {{ code?: string }} */ (err).code ?? /** @type {Error} */ (err).message;
    return { name, ok: false, detail: `not reachable at ${where}: ${code}`, commands: start };
  } finally {
    socket.destroy();
  }
}

/** The nginx binary the e2e topology runs with its own config (no service needed). */
export function checkNginx() {
  const found = version('nginx', ['-v']) ?? version('/usr/sbin/nginx', ['-v']);
  return found
    ? { name: 'Nginx', ok: true, detail: found, commands: [] }
    : { name: 'Nginx', ok: false, detail: 'nginx is not installed', commands: [aptInstall('nginx')] };
}

/** The system Chromium Playwright drives (Playwright's own browser download is unreachable here). */
export function checkChromium() {
  const found = version(CHROMIUM, ['--version']);
  return found
    ? { name: 'Chromium', ok: true, detail: found, commands: [] }
    : {
        name: 'Chromium',
        ok: false,
        detail: `${CHROMIUM} is missing or does not start`,
        commands: [aptInstall('chromium')],
      };
}

/** docker-compose parses the compose files in the deployment tests (no Docker engine is needed). */
export function checkCompose() {
  const found = onPath('docker-compose');
  return found
    ? { name: 'docker-compose', ok: true, detail: 'docker-compose on PATH', commands: [] }
    : {
        name: 'docker-compose',
        ok: false,
        detail: 'docker-compose is not installed (the deployment tests parse the compose files with it)',
        commands: [aptInstall('docker-compose')],
      };
}

/** The project's Node (package.json engines: >= 22.12; 24 LTS is what CI and the images run). */
export function checkNode(versionString = process.versions.node) {
  const [major = 0, minor = 0] = versionString.split('.').map(Number);
  const ok = major > 22 || (major === 22 && minor >= 12);
  return ok
    ? { name: 'Node', ok: true, detail: `v${versionString}`, commands: [] }
    : {
        name: 'Node',
        ok: false,
        detail: `v${versionString} is older than 22.12 (package.json engines)`,
        // Native modules built for the old Node must be built again for the new one.
        commands: ['source scripts/node24.sh && npm ci'],
      };
}

/** Runs every check (Nginx and Chromium only for the e2e suite) and returns them in order. */
export async function checkPrerequisites({ e2e }) {
  const checks = [checkNode(), await checkMariaDb(), await checkRedis(), checkCompose()];
  if (e2e) checks.push(checkNginx(), checkChromium());
  return checks;
}

/** Prints one line per check and, for each miss, the commands to run. */
export function printChecks(checks, log = console.log) {
  for (const c of checks) log(`${c.ok ? 'ok     ' : 'MISSING'} ${c.name}: ${c.detail}`);
  const missing = checks.filter((c) => !c.ok);
  if (missing.length === 0) return;
  log('');
  log('Fix with:');
  for (const c of missing) {
    log(`  # ${c.name}`);
    for (const cmd of c.commands.length > 0 ? c.commands : ['# no command: see the MISSING line above'])
      log(`  ${cmd}`);
  }
  log('');
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const checks = await checkPrerequisites({ e2e: process.argv.includes('--e2e') });
  printChecks(checks);
  process.exitCode = checks.every((c) => c.ok) ? 0 : 1;
}
