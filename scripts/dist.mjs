// `npm run dist -- [electron-builder args]`: the one way the desktop installers are built, from a
// clean checkout after `npm ci` (nothing pre-built), locally and in the release workflow:
//   1. the web app: `vite build` of desktop/ (the renderer, shared/ bundled in) → desktop/dist/web
//   2. the desktop app staged: main + preload bundled by esbuild, icons, fonts → desktop/dist/app
//      (desktop/scripts/build-electron.mjs; source maps go to desktop/dist/sourcemaps, not the app)
//   3. electron-builder --config electron-builder.yml --publish never [args] → desktop/dist/installers
// Examples: npm run dist -- --linux AppImage deb | --win nsis | --mac --x64 --arm64 | --dir
// Publishing is not done here: the release workflow uploads desktop/dist/installers/* itself.
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';

const ROOT = path.resolve(import.meta.dirname, '..');
const require = createRequire(import.meta.url);
// The feed electron-updater reads (resources/app-update.yml) names the GitHub repository. Inferred
// from the git remote, it would be missing in any clone whose origin is not GitHub: in Actions
// (and in the rehearsal) GITHUB_REPOSITORY names it outright.
const repository = /^([\w.-]+)\/([\w.-]+)$/.exec(process.env.GITHUB_REPOSITORY ?? '');
const extraArgs = [
  ...(repository ? [`-c.publish.owner=${repository[1]}`, `-c.publish.repo=${repository[2]}`] : []),
  ...process.argv.slice(2),
];

/** npm itself: the npm that runs this script when there is one (no shell needed on Windows). */
function npm(args) {
  const cli = process.env.npm_execpath;
  if (cli && /\.[cm]?js$/.test(cli)) return { cmd: process.execPath, args: [cli, ...args] };
  return { cmd: 'npm', args, shell: process.platform === 'win32' };
}

const steps = [
  {
    title: 'web app: vite build of desktop/ → desktop/dist/web',
    ...npm(['run', 'build', '--workspace', '@hamgaja/desktop']),
  },
  {
    title: 'desktop app: main + preload (esbuild), icons, fonts, web → desktop/dist/app',
    cmd: process.execPath,
    args: [path.join(ROOT, 'desktop/scripts/build-electron.mjs')],
  },
  {
    title:
      `installers: electron-builder --config electron-builder.yml --publish never ${extraArgs.join(' ')}`.trim(),
    cmd: process.execPath,
    args: [
      require.resolve('electron-builder/cli.js'),
      '--config',
      'electron-builder.yml',
      '--publish',
      'never',
      ...extraArgs,
    ],
  },
];

function run({ cmd, args, shell = false }) {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { cwd: ROOT, stdio: 'inherit', shell });
    child.on('error', (error) => {
      console.error(`dist: could not start ${cmd}: ${error.message}`);
      resolve(127);
    });
    child.on('close', (code, signal) => resolve(code ?? (signal ? 128 : 1)));
  });
}

const seconds = (since) => `${((performance.now() - since) / 1000).toFixed(1)} s`;
const started = performance.now();
for (const [index, step] of steps.entries()) {
  const stepStarted = performance.now();
  console.log(`\n[dist ${index + 1}/${steps.length}] ${step.title}`);
  const code = await run(step);
  if (code !== 0) {
    console.error(
      `[dist ${index + 1}/${steps.length}] failed with exit code ${code} after ${seconds(stepStarted)}`,
    );
    process.exit(code);
  }
  console.log(`[dist ${index + 1}/${steps.length}] done in ${seconds(stepStarted)}`);
}
console.log(`\ndist: done in ${seconds(started)}; output in desktop/dist/installers`);
