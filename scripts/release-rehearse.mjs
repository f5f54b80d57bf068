// `npm run release:rehearse`: the release workflow's installers job, run here without the upload.
//   1. reads .github/workflows/release.yml: its installers job must build only with
//      `npm run dist -- <args>` (scripts/release-workflow.mjs);
//   2. runs that same `npm run dist` for Linux with the `dir` target (AppImage/deb tools download
//      from GitHub). Where no Electron binary is installed, electron-builder gets a stand-in
//      (`electronDist`: an `electron` file carrying a fuse wire, LICENSE, version, locales);
//   3. checks what users would get: app.asar (bundled main + preload, the web build, the app's
//      package.json; no tests, source maps, node_modules, .env, big files; ≤ 20 MB) and the
//      Electron fuses read back from the packaged executable;
//   4. prints sizes, then one line per check and `release rehearsal: N checks passed, N failed`.
// Options: --workflow FILE (another workflow file, e.g. a broken copy), --full (the workflow's own
// Linux targets instead of `dir`: needs the Electron binary and GitHub).
import { spawn } from 'node:child_process';
import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { builtinModules, createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { parse } from 'yaml';
import { checkReleaseWorkflow } from './release-workflow.mjs';

const ROOT = path.resolve(import.meta.dirname, '..');
const require = createRequire(import.meta.url);
const asar = require('@electron/asar');
const { FuseV1Options, getCurrentFuseWire } = require('@electron/fuses');

const MB = 1024 * 1024;
const ASAR_BUDGET = 20 * MB;
const FILE_BUDGET = 8 * MB;

/** The hardening electron-builder.yml must ask for, exactly. */
export const HARDENED_FUSES = {
  runAsNode: false,
  enableCookieEncryption: true,
  enableNodeOptionsEnvironmentVariable: false,
  enableNodeCliInspectArguments: false,
  enableEmbeddedAsarIntegrityValidation: true,
  onlyLoadAppFromAsar: true,
  grantFileProtocolExtraPrivileges: false,
};
/** electron-builder.yml keys → @electron/fuses wire positions. */
const FUSE_INDEX = {
  runAsNode: FuseV1Options.RunAsNode,
  enableCookieEncryption: FuseV1Options.EnableCookieEncryption,
  enableNodeOptionsEnvironmentVariable: FuseV1Options.EnableNodeOptionsEnvironmentVariable,
  enableNodeCliInspectArguments: FuseV1Options.EnableNodeCliInspectArguments,
  enableEmbeddedAsarIntegrityValidation: FuseV1Options.EnableEmbeddedAsarIntegrityValidation,
  onlyLoadAppFromAsar: FuseV1Options.OnlyLoadAppFromAsar,
  loadBrowserProcessSpecificV8Snapshot: FuseV1Options.LoadBrowserProcessSpecificV8Snapshot,
  grantFileProtocolExtraPrivileges: FuseV1Options.GrantFileProtocolExtraPrivileges,
};
const FUSE_SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
/** Electron's own defaults, position by position (RunAsNode … GrantFileProtocolExtraPrivileges). */
const ELECTRON_DEFAULT_WIRE = '10110001';

const argv = process.argv.slice(2);
const option = (name) => {
  const i = argv.indexOf(name);
  return i === -1 ? undefined : argv[i + 1];
};
const workflowFile = path.resolve(ROOT, option('--workflow') ?? '.github/workflows/release.yml');
const full = argv.includes('--full');

const log = (line = '') => console.log(line);
const results = [];
function check(ok, label, detail = '') {
  results.push(ok);
  log(`${ok ? 'ok  ' : 'FAIL'} ${label}${!ok && detail ? ` — ${detail}` : ''}`);
  return ok;
}
const mb = (bytes) => `${(bytes / MB).toFixed(2)} MB`;
const seconds = (since) => `${((performance.now() - since) / 1000).toFixed(1)} s`;
const rel = (file) => path.relative(ROOT, file) || '.';

function sizeOf(target) {
  const stat = statSync(target);
  if (!stat.isDirectory()) return stat.size;
  return readdirSync(target).reduce((sum, name) => sum + sizeOf(path.join(target, name)), 0);
}

/** npm itself (the npm that runs this script when there is one), then its arguments. */
function npm(args) {
  const cli = process.env.npm_execpath;
  if (cli && /\.[cm]?js$/.test(cli)) return { cmd: process.execPath, args: [cli, ...args], shell: false };
  return { cmd: 'npm', args, shell: process.platform === 'win32' };
}

/** Runs a command in the repository root; its output goes to `logFile`, the progress lines to the console. */
function runLogged({ cmd, args, shell }, logFile) {
  return new Promise((resolve) => {
    const out = [];
    const child = spawn(cmd, args, { cwd: ROOT, shell, env: { ...process.env, FORCE_COLOR: '0' } });
    const take = (chunk) => {
      const text = chunk.toString();
      out.push(text);
      for (const line of text.split('\n')) if (/^\[dist |^dist: /.test(line)) log(`  | ${line}`);
    };
    child.stdout.on('data', take);
    child.stderr.on('data', take);
    child.on('error', (error) => {
      out.push(`could not start ${cmd}: ${error.message}\n`);
      resolve({ code: 127, output: out.join('') });
    });
    child.on('close', (code, signal) => {
      writeFileSync(logFile, out.join(''));
      resolve({ code: code ?? (signal ? 128 : 1), output: out.join('') });
    });
  });
}

/**
 * A directory electron-builder takes for Electron (`electronDist`) where the binary cannot be
 * downloaded: `electron` (a script that says what it is, then a fuse wire in Electron's format so
 * electron-builder's fuse step runs as it does on the real binary), LICENSE, version, resources/
 * and locales/<lang>.pak for each of electronLanguages.
 */
function makeStandIn(version, languages) {
  const dir = mkdtempSync(path.join(tmpdir(), 'hamgaja-electron-stand-in-'));
  const wire = Buffer.concat([
    Buffer.from(
      '#!/bin/sh\necho "Hamgaja release rehearsal: stand-in for the Electron binary" >&2\nexit 1\n# ',
    ),
    Buffer.from(FUSE_SENTINEL),
    Buffer.from([1, ELECTRON_DEFAULT_WIRE.length]),
    Buffer.from(`${ELECTRON_DEFAULT_WIRE}\n`),
  ]);
  writeFileSync(path.join(dir, 'electron'), wire);
  chmodSync(path.join(dir, 'electron'), 0o755);
  writeFileSync(path.join(dir, 'LICENSE'), 'Stand-in for the Electron binary (release rehearsal only).\n');
  writeFileSync(path.join(dir, 'version'), version);
  mkdirSync(path.join(dir, 'resources'));
  mkdirSync(path.join(dir, 'locales'));
  for (const language of languages) writeFileSync(path.join(dir, 'locales', `${language}.pak`), '');
  return dir;
}

/**
 * The installed Electron executable, or null. Not `require('electron')`: since Electron 45 that
 * downloads the binary when it is missing (and fails slowly without GitHub).
 */
function installedElectron() {
  const folder = path.dirname(require.resolve('electron/package.json'));
  const pathFile = path.join(folder, 'path.txt');
  if (!existsSync(pathFile)) return null;
  const executable = path.join(folder, 'dist', readFileSync(pathFile, 'utf8').trim());
  return existsSync(executable) ? executable : null;
}

/** Files in an asar archive: path (no leading slash) → size. */
function asarFiles(archive) {
  const files = new Map();
  for (const entry of asar.listPackage(archive, { isPack: false })) {
    const name = entry.replace(/\\/g, '/').replace(/^\//, '');
    const stat = asar.statFile(archive, name, false);
    if ('files' in stat) continue;
    files.set(name, 'size' in stat ? stat.size : 0);
  }
  return files;
}

function checkArchive(archive, installersDir) {
  const files = asarFiles(archive);
  const names = [...files.keys()];
  const size = statSync(archive).size;
  check(size <= ASAR_BUDGET, `app.asar is ${mb(size)} (budget ${mb(ASAR_BUDGET)})`, `over budget`);

  let pkg = null;
  try {
    pkg = JSON.parse(asar.extractFile(archive, 'package.json').toString('utf8'));
  } catch (error) {
    check(false, 'app.asar holds the app package.json', error.message);
  }
  if (pkg) {
    const main = path.posix.normalize(pkg.main ?? 'index.js');
    const resolved = [main, `${main}.js`, path.posix.join(main, 'index.js')].find((m) => files.has(m));
    check(
      Boolean(resolved),
      `package.json "main" (${pkg.main}) resolves to a file inside app.asar`,
      `not in the archive`,
    );
    const declared = ['dependencies', 'devDependencies', 'optionalDependencies', 'peerDependencies'].filter(
      (key) => pkg[key] && Object.keys(pkg[key]).length > 0,
    );
    check(
      declared.length === 0,
      'package.json declares no dependencies (everything is bundled)',
      declared.join(', '),
    );
    for (const bundle of [resolved, 'preload/preload.cjs'].filter(Boolean)) {
      if (!files.has(bundle)) {
        check(false, `app.asar holds the bundled ${bundle}`, 'missing');
        continue;
      }
      const code = asar.extractFile(archive, bundle).toString('utf8');
      const required = [...code.matchAll(/\brequire\(\s*["'`]([^"'`]+)["'`]\s*\)/g)].map((m) => m[1]);
      const outside = [
        ...new Set(
          required.filter((id) => id !== 'electron' && !builtinModules.includes(id.replace(/^node:/, ''))),
        ),
      ];
      check(
        outside.length === 0,
        `${bundle} is a bundle: it requires only electron and Node built-ins (${mb(files.get(bundle))})`,
        `requires ${outside.join(', ')}`,
      );
    }
  }

  // The web build: index.html and every asset it names.
  if (check(files.has('web/index.html'), 'app.asar holds the web build (web/index.html)', 'missing')) {
    const html = asar.extractFile(archive, 'web/index.html').toString('utf8');
    const assets = [...html.matchAll(/(?:src|href)="\/([^"?#]+)"/g)].map((m) => `web/${m[1]}`);
    const missing = assets.filter((a) => !files.has(a));
    check(
      assets.length > 0 && missing.length === 0,
      `web/index.html: its ${assets.length} scripts, styles and icons are in app.asar (${names.filter((n) => n.startsWith('web/assets/')).length} files in web/assets)`,
      assets.length === 0 ? 'it names no asset' : `missing ${missing.join(', ')}`,
    );
  }
  const desktopOnly = [
    'web/_desktop/connection.html',
    'fonts/Pretendard-Regular.otf',
    'fonts/Pretendard-Bold.otf',
  ];
  const absent = desktopOnly.filter((f) => !files.has(f));
  check(
    absent.length === 0,
    'app.asar holds the connection page and the PDF fonts',
    `missing ${absent.join(', ')}`,
  );

  const offenders = (label, test) => {
    const found = names.filter(test);
    check(
      found.length === 0,
      `no ${label} in app.asar`,
      `${found.length}: ${found.slice(0, 5).join(', ')}${found.length > 5 ? ' …' : ''}`,
    );
  };
  offenders('source maps (*.map)', (n) => n.endsWith('.map'));
  offenders(
    'test files',
    (n) => /[._-](test|spec)\.[cm]?[jt]sx?$/.test(n) || /(^|\/)(__tests__|tests?|e2e)\//.test(n),
  );
  offenders('node_modules (devDependencies or any other)', (n) => /(^|\/)node_modules\//.test(n));
  offenders('.env files', (n) => /(^|\/)\.env(\.[^/]*)?$/.test(n));
  offenders('TypeScript sources', (n) => /\.(?:ts|tsx|mts|cts)$/.test(n) && !n.endsWith('.d.ts'));
  const big = [...files].filter(([, bytes]) => bytes > FILE_BUDGET);
  check(
    big.length === 0,
    `no file in app.asar over ${mb(FILE_BUDGET)}`,
    big.map(([n, b]) => `${n} ${mb(b)}`).join(', '),
  );

  log(`  app.asar: ${mb(size)}, ${files.size} files (${rel(archive)}; installers in ${installersDir})`);
  log('  largest files:');
  for (const [name, bytes] of [...files].sort((a, b) => b[1] - a[1]).slice(0, 8))
    log(`    ${mb(bytes).padStart(9)}  ${name}`);
}

async function checkFuses(executable, fuses, standIn) {
  let wire;
  try {
    wire = await getCurrentFuseWire(executable);
  } catch (error) {
    check(false, `fuses can be read from ${rel(executable)}`, error.message);
    return;
  }
  const wrong = Object.entries(fuses ?? {})
    .filter(([key]) => key in FUSE_INDEX)
    .filter(([key, on]) => wire[FUSE_INDEX[key]] !== (on ? 49 : 48))
    .map(
      ([key, on]) => `${key} is ${wire[FUSE_INDEX[key]] === 49 ? 'on' : 'off'}, want ${on ? 'on' : 'off'}`,
    );
  check(
    wrong.length === 0,
    `fuses read back from ${path.basename(executable)} match electron-builder.yml${standIn ? " (flipped in the stand-in's fuse wire)" : ''}`,
    wrong.join('; '),
  );
}

async function main() {
  const started = performance.now();
  log("release rehearsal: the release workflow's installers job, run here without the upload");

  // 1. The workflow: the same build command everywhere.
  const configFile = path.join(ROOT, 'electron-builder.yml');
  const config = parse(readFileSync(configFile, 'utf8'));
  const installersDir = config.directories?.output ?? 'dist';
  let linuxArgs = ['--linux', 'dir'];
  if (!existsSync(workflowFile)) check(false, `${rel(workflowFile)} exists`, 'not found');
  else {
    const { problems, dist } = checkReleaseWorkflow(readFileSync(workflowFile, 'utf8'), { installersDir });
    check(
      problems.length === 0,
      `${rel(workflowFile)}: the installers job builds only with \`npm run dist -- <args>\`${dist.length ? ` (${dist.map((d) => d.command.replace('npm run dist -- ', '')).join(' | ')})` : ''}`,
      `${problems.length} problem(s)`,
    );
    for (const problem of problems) log(`       - ${problem}`);
    const linux = dist.find((d) => d.platforms.includes('linux'));
    if (linux && full) linuxArgs = linux.args;
  }

  // 2. The configuration the workflow's command uses.
  check(
    !existsSync(path.join(ROOT, 'desktop/electron-builder.yml')),
    'one electron-builder configuration: electron-builder.yml at the root (no desktop/electron-builder.yml)',
    'desktop/electron-builder.yml exists too',
  );
  check(
    isDeepStrictEqual(config.electronFuses, HARDENED_FUSES),
    'electron-builder.yml electronFuses: no run-as-node, NODE_OPTIONS or --inspect; cookies encrypted; app.asar only and validated; no file:// privileges',
    `got ${JSON.stringify(config.electronFuses)}`,
  );

  // 3. Which Electron electron-builder packs.
  const electronVersion = require('electron/package.json').version;
  const binary = installedElectron();
  let electronDist = null;
  let standIn = false;
  const overrides = [];
  if (binary && process.platform === 'linux') {
    electronDist = path.dirname(binary);
    log(
      `electron: ${electronVersion}, the installed binary (${rel(electronDist)}); fuses flipped in it and read back`,
    );
    overrides.push(`-c.electronDist=${electronDist}`);
  } else if (binary) {
    log(
      `electron: ${electronVersion}; this host is not Linux, so electron-builder downloads Linux Electron itself`,
    );
  } else {
    standIn = true;
    electronDist = makeStandIn(electronVersion, config.electronLanguages ?? ['en-US']);
    linuxArgs = ['--linux', 'dir'];
    log(
      `electron: stand-in (no binary here) — dir target only; version ${electronVersion} from the electron npm package`,
    );
    log(
      "          fuses are flipped in the stand-in's copy of Electron's fuse wire (the real binary's wire is read only where it is installed)",
    );
    overrides.push(`-c.electronDist=${electronDist}`, `-c.electronVersion=${electronVersion}`);
  }

  // The release workflow's dist runs with GITHUB_REPOSITORY set by Actions (scripts/dist.mjs names
  // the updater feed's repository from it); elsewhere a stand-in name, said as such.
  const repository = process.env.GITHUB_REPOSITORY || 'hamgaja-rehearsal/hamgaja';
  if (!process.env.GITHUB_REPOSITORY) {
    log(`github: stand-in repository ${repository} for the updater feed (GITHUB_REPOSITORY is not set here)`);
    process.env.GITHUB_REPOSITORY = repository;
  }

  // 4. The workflow's command, for Linux.
  const out = path.join(ROOT, installersDir);
  const unpacked = path.join(out, 'linux-unpacked');
  rmSync(unpacked, { recursive: true, force: true });
  const tmp = path.join(ROOT, '.tmp');
  mkdirSync(tmp, { recursive: true });
  const logFile = path.join(tmp, 'release-rehearsal.log');
  const distArgs = ['run', 'dist', '--', ...linuxArgs, ...overrides];
  log(`running: npm ${distArgs.join(' ')}  (output: ${rel(logFile)})`);
  const distStarted = performance.now();
  const { code, output } = await runLogged(npm(distArgs), logFile);
  const built = check(
    code === 0,
    `npm run dist -- ${linuxArgs.join(' ')} exited 0 (${seconds(distStarted)})`,
    `exit code ${code}`,
  );
  if (!built)
    log(
      output
        .split('\n')
        .slice(-40)
        .map((l) => `  | ${l}`)
        .join('\n'),
    );

  // 5. What users would get.
  const archive = path.join(unpacked, 'resources', 'app.asar');
  if (check(existsSync(archive), `the Linux app was packed: ${rel(archive)}`, 'missing')) {
    checkArchive(archive, installersDir);
    const stagedPkg = JSON.parse(
      readFileSync(path.join(ROOT, config.directories.app, 'package.json'), 'utf8'),
    );
    const executable = path.join(
      unpacked,
      config.linux?.executableName ?? config.executableName ?? stagedPkg.name,
    );
    await checkFuses(executable, config.electronFuses, standIn);

    const updateFile = path.join(unpacked, 'resources', 'app-update.yml');
    const update = existsSync(updateFile) ? parse(readFileSync(updateFile, 'utf8')) : null;
    const [owner, repo] = repository.split('/');
    check(
      update?.provider === 'github' && update.owner === owner && update.repo === repo,
      `resources/app-update.yml points electron-updater at GitHub Releases of ${repository}`,
      `got ${JSON.stringify(update)}`,
    );

    // Sizes apart from Electron itself.
    const electronFiles = new Set(
      electronDist && existsSync(path.join(electronDist, 'resources'))
        ? readdirSync(path.join(electronDist, 'resources'))
        : [],
    );
    const resources = path.join(unpacked, 'resources');
    const appBytes = readdirSync(resources)
      .filter((name) => !electronFiles.has(name))
      .reduce((sum, name) => sum + sizeOf(path.join(resources, name)), 0);
    const total = sizeOf(unpacked);
    log(
      `  linux-unpacked: the app ${mb(appBytes)} (resources/ apart from Electron's); with ${standIn ? 'the stand-in' : 'Electron'} ${mb(total)} in all`,
    );
  }
  if (standIn) rmSync(electronDist, { recursive: true, force: true });

  const passed = results.filter(Boolean).length;
  log(`release rehearsal took ${seconds(started)}`);
  log(`release rehearsal: ${passed} checks passed, ${results.length - passed} failed`);
  process.exit(results.length - passed > 0 ? 1 : 0);
}

main().catch((error) => {
  console.error(error);
  results.push(false);
  const passed = results.filter(Boolean).length;
  log(`release rehearsal: ${passed} checks passed, ${results.length - passed} failed`);
  process.exit(1);
});
