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
    writeFileSync(
      file,
      JSON.stringify({ projects, failures, unhandledErrors: unhandledErrors.length }, null, 2),
    );
  }
}
