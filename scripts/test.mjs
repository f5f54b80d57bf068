// `npm test`: checks prerequisites, builds, runs every suite once and ends with one line `N passed, N failed`.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { ROOT, TEST_MYSQL_URL, TEST_REDIS_URL, checkPrerequisites, printChecks } from './prerequisites.mjs';

const TMP = path.join(ROOT, '.tmp');
const VITEST_REPORT = path.join(TMP, 'vitest.json');
const VITEST_PROJECTS = path.join(TMP, 'vitest-projects.json');
const PLAYWRIGHT_REPORT = path.join(TMP, 'playwright.json');
const ELECTRON_CONFIG = 'desktop/playwright.electron.config.ts';
const PLAYWRIGHT_CONFIG = ['playwright.config.ts', 'desktop/playwright.config.ts'].find((p) =>
  existsSync(path.join(ROOT, p)),
);

/** @typedef {{ name: string, passed: number, failed: number, skipped: number, note?: string, details: string[] }} SuiteResult */

const log = (line = '') => console.log(line);

/** The final line CI reads; nothing may be printed after it. */
function finish(passed, failed, skipped) {
  if (skipped > 0) log(`(${skipped} skipped, each with its reason above)`);
  log(`${passed} passed, ${failed} failed`);
  process.exit(failed > 0 ? 1 : 0);
}

/** Runs a command in the repository root with inherited output; resolves with its exit code. */
function run(cmd, args, env = {}) {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { cwd: ROOT, stdio: 'inherit', env: { ...process.env, ...env } });
    child.on('error', (err) => {
      log(`could not start ${cmd}: ${err.message}`);
      resolve(127);
    });
    child.on('close', (code, signal) => resolve(code ?? (signal ? 128 : 1)));
  });
}

/** A locally installed CLI (no npx: it adds its own output and may try the network). */
function bin(name) {
  const local = path.join(ROOT, 'node_modules', '.bin', name);
  return existsSync(local) ? local : undefined;
}

function readJson(file) {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return undefined;
  }
}

const relative = (file) => path.relative(ROOT, file);

/** Vitest: every project (unit, sqlite, mariadb) in one run; counts come from its JSON report. */
async function runVitest() {
  const vitest = bin('vitest');
  if (!vitest) return crashed('vitest', 'vitest is not installed (run `npm install`)');
  rmSync(VITEST_REPORT, { force: true });
  rmSync(VITEST_PROJECTS, { force: true });
  log('\n=== vitest: unit, sqlite, mariadb, scale ===');
  const code = await run(
    vitest,
    [
      'run',
      '--reporter=default',
      '--reporter=json',
      '--reporter=./scripts/vitest-projects-reporter.mjs',
      `--outputFile.json=${VITEST_REPORT}`,
    ],
    { HAMGAJA_VITEST_PROJECTS_FILE: VITEST_PROJECTS },
  );
  const report = readJson(VITEST_REPORT);
  if (!report)
    return crashed('vitest', `exited with code ${code} and wrote no report (${relative(VITEST_REPORT)})`);

  /** @type {SuiteResult} */
  const result = {
    name: 'vitest',
    passed: report.numPassedTests ?? 0,
    failed: report.numFailedTests ?? 0,
    skipped: (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0),
    details: [],
  };
  if (report.numTodoTests) result.note = `incl. ${report.numTodoTests} todo`;
  /** @type {string[]} */
  const failures = [];
  for (const file of report.testResults ?? []) {
    const failedTests = (file.assertionResults ?? []).filter((t) => t.status === 'failed');
    for (const t of failedTests) failures.push(`${relative(file.name)} > ${t.fullName}`);
    // A file that failed to load, or whose hooks threw, fails even though none of its tests did.
    if (file.status === 'failed' && failedTests.length === 0) {
      result.failed += 1;
      const reason = String(file.message ?? '').split('\n')[0];
      failures.push(`${relative(file.name)} (file failed outside its tests: ${reason})`);
    }
  }
  // The per-project reporter names the project of each failure; the JSON report alone cannot.
  const byProject = readJson(VITEST_PROJECTS);
  const order = ['unit', 'sqlite', 'mariadb', 'scale'];
  const rank = (name) => (order.includes(name) ? order.indexOf(name) : order.length);
  const projects = Object.entries(byProject?.projects ?? {}).sort(
    ([a], [b]) => rank(a) - rank(b) || a.localeCompare(b),
  );
  for (const [name, c] of projects) {
    result.details.push(
      `${name}: ${c.passed} passed, ${c.failed} failed${c.skipped ? `, ${c.skipped} skipped` : ''}`,
    );
  }
  for (const f of byProject?.failures ?? failures) result.details.push(`FAIL ${f}`);
  if (code !== 0 && result.failed === 0) {
    result.failed = 1;
    result.details.push(`FAIL vitest exited with code ${code} though no test failed (unhandled error?)`);
  }
  return result;
}

/** Playwright e2e (only once its config exists); flaky tests passed on retry and count as passed. */
async function runPlaywright(config) {
  const playwright = bin('playwright');
  if (!playwright)
    return crashed(
      'playwright',
      `${config} exists but @playwright/test is not installed (run \`npm install\`)`,
    );
  rmSync(PLAYWRIGHT_REPORT, { force: true });
  log(`\n=== playwright: ${config} ===`);
  const code = await run(playwright, ['test', '--config', config, '--reporter=list,json'], {
    PLAYWRIGHT_JSON_OUTPUT_FILE: PLAYWRIGHT_REPORT,
    PLAYWRIGHT_JSON_OUTPUT_NAME: PLAYWRIGHT_REPORT,
  });
  const report = readJson(PLAYWRIGHT_REPORT);
  if (!report?.stats) {
    return crashed(
      'playwright',
      `exited with code ${code} and wrote no report (${relative(PLAYWRIGHT_REPORT)})`,
    );
  }
  const s = report.stats;
  /** @type {SuiteResult} */
  const result = {
    name: 'playwright',
    passed: (s.expected ?? 0) + (s.flaky ?? 0),
    failed: s.unexpected ?? 0,
    skipped: s.skipped ?? 0,
    details: [],
  };
  if (s.flaky) result.note = `${s.flaky} flaky, passed on retry`;
  const walk = (suite, titles) => {
    for (const spec of suite.specs ?? []) {
      for (const test of spec.tests ?? []) {
        if (test.status === 'unexpected' || test.status === 'flaky') {
          const label = test.status === 'flaky' ? 'FLAKY' : 'FAIL';
          result.details.push(
            `${label} ${[...titles, spec.title].join(' > ')}${test.projectName ? ` [${test.projectName}]` : ''}`,
          );
        }
      }
    }
    for (const child of suite.suites ?? []) walk(child, [...titles, child.title]);
  };
  for (const suite of report.suites ?? []) walk(suite, [suite.title]);
  for (const error of report.errors ?? []) {
    result.details.push(`ERROR ${String(error.message ?? '').split('\n')[0]}`);
  }
  if (code !== 0 && result.failed === 0) {
    result.failed = 1;
    result.details.push(
      `FAIL playwright exited with code ${code} though no test failed (see the errors above)`,
    );
  }
  return result;
}

/**
 * The desktop app's e2e (Playwright `_electron`). Where the Electron binary exists (npm could
 * download it) the app is built and the suite runs; elsewhere its setup prints one line saying
 * why and the tests count as skipped.
 */
async function runElectronE2e() {
  // What require('electron') reads, without its side effect: since Electron 45 that require
  // downloads a missing binary (slowly failing where GitHub is unreachable).
  const electron = path.dirname(
    createRequire(path.join(ROOT, 'desktop', 'package.json')).resolve('electron/package.json'),
  );
  const pathFile = path.join(electron, 'path.txt');
  const binary = existsSync(pathFile)
    ? path.join(electron, 'dist', readFileSync(pathFile, 'utf8').trim())
    : undefined;
  if (binary && existsSync(binary)) {
    log('\n=== build: desktop app ===');
    const built = await run('npm', ['run', '--silent', 'build:desktop-app']);
    if (built !== 0) return crashed('electron', `\`npm run build:desktop-app\` failed with code ${built}`);
  }
  const result = await runPlaywright(ELECTRON_CONFIG);
  return { ...result, name: 'electron' };
}

/**
 * The release rehearsal (scripts/release-rehearse.mjs): the release workflow's `npm run dist` for
 * Linux, then checks on the packaged app. Each of its `ok`/`FAIL` lines counts as one test.
 */
async function runReleaseRehearsal() {
  log('\n=== release: npm run release:rehearse ===');
  const started = performance.now();
  const { code, output } = await new Promise((resolve) => {
    let text = '';
    const child = spawn(process.execPath, ['scripts/release-rehearse.mjs'], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const take = (chunk) => {
      text += chunk;
      process.stdout.write(chunk);
    };
    child.stdout.on('data', take);
    child.stderr.on('data', take);
    child.on('error', (err) => resolve({ code: 127, output: `${text}could not start: ${err.message}` }));
    child.on('close', (exit, signal) => resolve({ code: exit ?? (signal ? 128 : 1), output: text }));
  });
  const summary = /^release rehearsal: (\d+) checks passed, (\d+) failed$/m.exec(output);
  if (!summary)
    return crashed('release', `exited with code ${code} without its summary line (see the output above)`);
  /** @type {SuiteResult} */
  const result = {
    name: 'release',
    passed: Number(summary[1]),
    failed: Number(summary[2]),
    skipped: 0,
    note: `${((performance.now() - started) / 1000).toFixed(0)} s`,
    details: output
      .split('\n')
      .filter((line) => line.startsWith('FAIL '))
      .map((line) => line.trim()),
  };
  if (code !== 0 && result.failed === 0) {
    result.failed = 1;
    result.details.push(`FAIL release rehearsal exited with code ${code} though no check failed`);
  }
  return result;
}

/** A runner that produced no report counts as one failure and says so. */
function crashed(name, why) {
  return { name, passed: 0, failed: 1, skipped: 0, note: 'runner crashed', details: [`FAIL ${name} ${why}`] };
}

async function main() {
  mkdirSync(TMP, { recursive: true });
  const env = { TEST_MYSQL_URL, TEST_REDIS_URL };
  Object.assign(process.env, env);

  log('=== prerequisites ===');
  const checks = await checkPrerequisites({ e2e: PLAYWRIGHT_CONFIG !== undefined });
  printChecks(checks);
  const missing = checks.filter((c) => !c.ok);
  if (missing.length > 0) {
    log(`Stopped: ${missing.map((c) => c.name).join(', ')} missing; no suite ran.`);
    finish(0, 1, 0);
  }

  log('\n=== build ===');
  const built = await run('npm', ['run', '--silent', 'build']);
  if (built !== 0) {
    log(`Stopped: \`npm run build\` failed with code ${built}; no suite ran.`);
    finish(0, 1, 0);
  }

  const results = [await runVitest()];
  results.push(await runReleaseRehearsal());
  if (PLAYWRIGHT_CONFIG) results.push(await runPlaywright(PLAYWRIGHT_CONFIG));
  else log('\n(no playwright.config.ts yet: the e2e suite is not run)');
  if (existsSync(path.join(ROOT, ELECTRON_CONFIG))) results.push(await runElectronE2e());

  log('\n=== summary ===');
  for (const r of results) {
    const extra = [r.skipped ? `${r.skipped} skipped` : '', r.note ?? ''].filter(Boolean).join(', ');
    log(`${r.name}: ${r.passed} passed, ${r.failed} failed${extra ? ` (${extra})` : ''}`);
    const shown = r.details.slice(0, 40);
    for (const d of shown) log(`  ${d}`);
    if (r.details.length > shown.length) log(`  … ${r.details.length - shown.length} more in the report`);
  }
  const sum = (key) => results.reduce((n, r) => n + r[key], 0);
  finish(sum('passed'), sum('failed'), sum('skipped'));
}

main().catch((err) => {
  console.error(err);
  finish(0, 1, 0);
});
