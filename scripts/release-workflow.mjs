// The release workflow's contract with `npm run dist` (scripts/dist.mjs): the installers job builds
// only through `npm run dist -- <electron-builder args>` (after `npm ci`), for Linux, Windows and
// macOS, and then uploads what electron-builder wrote. Read by scripts/release-rehearse.mjs, which
// runs the same command here; tested in scripts/release-workflow.test.ts.
import { parse } from 'yaml';

export const INSTALLERS_JOB = 'installers';
export const PLATFORMS = ['linux', 'win', 'mac'];

/** electron-builder's platform flags (its CLI: --mac/-m/-o/--macos, --linux/-l, --win/-w/--windows). */
const PLATFORM_FLAGS = {
  '--linux': 'linux',
  '-l': 'linux',
  '--win': 'win',
  '--windows': 'win',
  '-w': 'win',
  '--mac': 'mac',
  '--macos': 'mac',
  '-m': 'mac',
  '-o': 'mac',
};

/** Commands that build (part of) the app some other way than `npm run dist`. */
const OTHER_BUILDS = [
  [/\bvite\b/, 'vite'],
  [/electron-builder/, 'electron-builder'],
  [/electron-(?:forge|packager)|@electron\/packager/, 'another Electron packager'],
  [/\besbuild\b/, 'esbuild'],
  [/\btsc\b/, 'tsc'],
  [/build-electron|build-icons/, 'the staging script (desktop/scripts)'],
  [/scripts[\\/]dist\.mjs/, 'scripts/dist.mjs called directly'],
  [/^(?:yarn|pnpm|bun)\b/, 'another package manager'],
  [/^(?:npx|npm\s+exec)\b/, 'npx'],
];

/** An npm script name that builds, packs or stages (any npm run other than `dist` that looks like one). */
const BUILD_SCRIPT = /build|pack|dist|make|stage|bundle|electron|vite|release/;

/** `npm run dist` or `npm run dist -- <args>`, nothing else. */
const EXACT_DIST = /^npm\s+run\s+dist(?:\s+--(?:\s+(.*))?)?$/;

/**
 * The commands of a `run:` script: comments dropped, continuation lines joined (bash `\`, PowerShell
 * backtick), split at newlines, `&&`, `||`, `;` and pipes.
 * @param {string} script
 */
export function commandsOf(script) {
  return script
    .replace(/[\\`]\r?\n/g, ' ')
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'))
    .flatMap((line) => line.split(/&&|\|\||;|\|/))
    .map((command) => command.trim().replace(/\s+/g, ' '))
    .filter(Boolean);
}

/** The npm script an `npm run …` command runs (flags and `-w <name>` skipped), or null. */
function npmScript(command) {
  const tokens = command.split(' ');
  if (tokens[0] !== 'npm') return null;
  const run = tokens.findIndex((t) => t === 'run' || t === 'run-script' || t === 'rum' || t === 'urn');
  if (run === -1) return null;
  for (let i = run + 1; i < tokens.length; i++) {
    const token = tokens[i];
    if (token === '--') return null;
    if (token.startsWith('-')) {
      if (/^(?:-w|--workspace|--prefix|-C)$/.test(token)) i++;
      continue;
    }
    return token;
  }
  return null;
}

/** The platforms an electron-builder argument list builds for. */
export function platformsOf(args) {
  return [...new Set(args.map((arg) => PLATFORM_FLAGS[arg]).filter(Boolean))];
}

/** Every combination of a job's matrix (include entries, or the product of its value lists). */
function matrixCombinations(matrix) {
  if (!matrix || typeof matrix !== 'object') return [{}];
  const { include, exclude: _exclude, ...axes } = matrix;
  let combos = [{}];
  for (const [key, values] of Object.entries(axes)) {
    if (!Array.isArray(values)) continue;
    combos = combos.flatMap((combo) => values.map((value) => ({ ...combo, [key]: value })));
  }
  if (Array.isArray(include) && include.length > 0) {
    const extra = [];
    for (const entry of include) {
      const matching = combos.filter((combo) =>
        Object.entries(entry).every(([k, v]) => !(k in axes) || combo[k] === v),
      );
      if (matching.length > 0 && Object.keys(axes).length > 0)
        matching.forEach((combo) => Object.assign(combo, entry));
      else extra.push({ ...entry });
    }
    combos = Object.keys(axes).length > 0 ? [...combos, ...extra] : extra;
  }
  return combos;
}

/** `${{ matrix.x }}` replaced by the combination's value; null when another expression remains. */
function expand(text, combo) {
  const out = text.replace(/\$\{\{\s*matrix\.([\w-]+)\s*\}\}/g, (whole, key) =>
    key in combo ? String(combo[key]) : whole,
  );
  return /\$\{\{/.test(out) ? null : out;
}

/**
 * Checks a release workflow (YAML text) against the contract above.
 * @param {string} text
 * @param {{ installersDir?: string }} [options] where electron-builder writes (its directories.output)
 * @returns {{ problems: string[], dist: { step: string, command: string, args: string[], platforms: string[] }[] }}
 */
export function checkReleaseWorkflow(text, { installersDir = 'desktop/dist/installers' } = {}) {
  /** @type {string[]} */
  const problems = [];
  /** @type {{ step: string, command: string, args: string[], platforms: string[] }[]} */
  const dist = [];
  let workflow;
  try {
    workflow = parse(text);
  } catch (error) {
    return { problems: [`not valid YAML: ${error.message.split('\n')[0]}`], dist };
  }
  const job = workflow?.jobs?.[INSTALLERS_JOB];
  if (!job || !Array.isArray(job.steps)) {
    return { problems: [`no job "${INSTALLERS_JOB}" with steps`], dist };
  }

  const combos = matrixCombinations(job.strategy?.matrix);
  let firstInstall = -1;
  let firstDist = -1;
  let lastDist = -1;
  let upload = -1;
  job.steps.forEach((step, index) => {
    const name =
      step.name ?? step.uses ?? (typeof step.run === 'string' ? step.run.split('\n')[0] : `#${index + 1}`);
    if (
      typeof step.uses === 'string' &&
      /electron-builder|electron-forge|electron-packager|vite/i.test(step.uses)
    )
      problems.push(
        `step "${name}" builds with the action ${step.uses}; only \`npm run dist -- …\` may build`,
      );
    // Uploading from there: a command naming it, a step working in it, or an upload action's `with`.
    if (JSON.stringify({ with: step.with, dir: step['working-directory'] }).includes(installersDir))
      upload = index;
    if (typeof step.run !== 'string') return;
    for (const command of commandsOf(step.run)) {
      if (/^npm (?:ci|install-clean|clean-install)\b/.test(command) && firstInstall === -1)
        firstInstall = index;
      if (command.includes(installersDir) && !/^echo\b/.test(command)) upload = index;
      const script = npmScript(command);
      if (script === 'dist' || EXACT_DIST.test(command)) {
        const exact = EXACT_DIST.exec(command);
        if (!exact) {
          problems.push(`step "${name}" runs \`${command}\`, not exactly \`npm run dist -- <args>\``);
          continue;
        }
        if (firstDist === -1) firstDist = index;
        lastDist = index;
        const variants = new Set(combos.map((combo) => expand(exact[1] ?? '', combo)));
        if (variants.has(null)) {
          problems.push(`step "${name}": \`${command}\` uses an expression other than \${{ matrix.* }}`);
          continue;
        }
        for (const variant of variants) {
          const args = variant.split(' ').filter(Boolean);
          const platforms = platformsOf(args);
          if (platforms.length === 0)
            problems.push(
              `step "${name}": \`npm run dist -- ${variant}\` names no platform (--linux, --win, --mac)`,
            );
          if (args.some((a) => a === '--publish' || a === '-p' || a.startsWith('--publish=')))
            problems.push(
              `step "${name}": \`npm run dist -- ${variant}\` passes --publish (dist never publishes; upload the files)`,
            );
          dist.push({ step: name, command: `npm run dist -- ${variant}`.trim(), args, platforms });
        }
        continue;
      }
      const other = OTHER_BUILDS.find(([pattern]) => pattern.test(command));
      if (other) {
        problems.push(
          `step "${name}" builds with ${other[1]} (\`${command}\`); only \`npm run dist -- …\` may build`,
        );
        continue;
      }
      if (script && BUILD_SCRIPT.test(script))
        problems.push(
          `step "${name}" runs \`npm run ${script}\` (\`${command}\`); only \`npm run dist -- …\` may build`,
        );
    }
  });

  if (dist.length === 0) problems.push('no step runs `npm run dist -- <args>`');
  else {
    const built = new Set(dist.flatMap((d) => d.platforms));
    const missing = PLATFORMS.filter((p) => !built.has(p));
    if (missing.length > 0) problems.push(`no \`npm run dist\` for ${missing.join(', ')}`);
    if (firstInstall === -1 || firstInstall > firstDist)
      problems.push('no `npm ci` before `npm run dist` (it must work from a clean checkout)');
    if (upload === -1 || upload < lastDist)
      problems.push(
        `no step after \`npm run dist\` uploads ${installersDir} (where electron-builder writes)`,
      );
  }
  return { problems, dist };
}
