// Vitest reporter writing counts and failures per project (unit, sqlite, mariadb); the JSON reporter has no project names.
import { writeFileSync } from 'node:fs';
import path from 'node:path';

export default class ProjectCountsReporter {
  /** @param {ReadonlyArray<import('vitest/node').TestModule>} testModules */
  onTestRunEnd(testModules, unhandledErrors) {
    const file = process.env.HAMGAJA_VITEST_PROJECTS_FILE;
    if (!file) return;
    /** @type {Record<string, { passed: number, failed: number, skipped: number }>} */
    const projects = {};
    /** @type {string[]} */
    const failures = [];
    for (const module of testModules) {
      const name = module.project.name || 'default';
      const counts = (projects[name] ??= { passed: 0, failed: 0, skipped: 0 });
      const file = path.relative(process.cwd(), module.moduleId);
      let failedTests = 0;
      for (const test of module.children.allTests()) {
        const state = test.result().state;
        if (state === 'passed') counts.passed += 1;
        else if (state === 'failed') {
          counts.failed += 1;
          failedTests += 1;
          failures.push(`[${name}] ${file} > ${test.fullName}`);
        } else counts.skipped += 1;
      }
      // A file that failed to load or whose hooks threw counts as one failure even when no test failed.
      if (module.state() === 'failed' && failedTests === 0) {
        counts.failed += 1;
        const reason = module.errors()[0]?.message?.split('\n')[0] ?? 'unknown error';
        failures.push(`[${name}] ${file} (file failed outside its tests: ${reason})`);
      }
    }
    // Errors thrown outside any test (an unhandled rejection after a test ended) fail the run with no
    // failed test: name each with the test file Vitest blames, so the summary says where to look.
    for (const error of unhandledErrors) {
      const where = error?.VITEST_TEST_PATH
        ? path.relative(process.cwd(), error.VITEST_TEST_PATH)
        : 'unknown file';
      const test = error?.VITEST_TEST_NAME ? ` > ${error.VITEST_TEST_NAME}` : '';
      const message = String(error?.message ?? error).split('\n')[0];
      failures.push(`unhandled error from ${where}${test}: ${error?.name ?? 'Error'}: ${message}`);
    }
    writeFileSync(
      file,
      JSON.stringify({ projects, failures, unhandledErrors: unhandledErrors.length }, null, 2),
    );
  }
}
