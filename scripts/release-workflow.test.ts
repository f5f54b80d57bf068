// The check `npm run release:rehearse` applies to .github/workflows/release.yml: the installers job
// builds only with `npm run dist -- <args>`, for every platform, and uploads what it wrote.
import { describe, expect, it } from 'vitest';
import { checkReleaseWorkflow, commandsOf } from './release-workflow.mjs';

/** The shape the release workflow has: one matrix leg per system, one build command. */
const GOOD = `
name: Release
on:
  push:
    tags: ['v*']
jobs:
  installers:
    runs-on: \${{ matrix.os }}
    defaults:
      run:
        shell: bash
    strategy:
      matrix:
        include:
          - os: ubuntu-latest
            dist: --linux AppImage deb
          - os: windows-latest
            dist: --win nsis
          - os: macos-latest
            dist: --mac --x64 --arm64
    steps:
      - uses: actions/checkout@v4
      - uses: actions/setup-node@v4
        with:
          node-version: 24
          cache: npm
      - run: npm ci
      - name: Download the Electron binary
        run: node node_modules/electron/install.js
      - name: Build the installers
        run: npm run dist -- \${{ matrix.dist }}
      - name: Upload to the draft release
        working-directory: desktop/dist/installers
        env:
          GH_TOKEN: \${{ github.token }}
        run: gh release upload "$TAG" *.AppImage *.deb *.exe *.dmg *.zip *.blockmap latest*.yml --clobber
`;

/** The release workflow before \`npm run dist\` existed: it built twice, differently. */
const OLD = `
name: Release
on:
  push:
    tags: ['v*']
jobs:
  installers:
    runs-on: \${{ matrix.os }}
    strategy:
      matrix:
        os: [ubuntu-latest, windows-latest, macos-latest]
    steps:
      - uses: actions/checkout@v4
      - uses: actions/setup-node@v4
      - run: npm ci
      - name: Download the Electron binary
        run: node node_modules/electron/install.js
      - name: Build the app
        run: npm run build -w @hamgaja/desktop
      - name: Package and publish
        run: npx electron-builder --config electron-builder.yml --publish always
`;

const replaceStep = (text: string, from: string, to: string) => {
  expect(text).toContain(from);
  return text.replace(from, to);
};

describe('checkReleaseWorkflow', () => {
  it('accepts the installers job that builds with `npm run dist -- <args>` only, on all three systems', () => {
    const { problems, dist } = checkReleaseWorkflow(GOOD);
    expect(problems).toEqual([]);
    expect(dist.map((d) => d.command)).toEqual([
      'npm run dist -- --linux AppImage deb',
      'npm run dist -- --win nsis',
      'npm run dist -- --mac --x64 --arm64',
    ]);
    expect(dist.map((d) => d.platforms)).toEqual([['linux'], ['win'], ['mac']]);
  });

  it('accepts one step per system, chosen by `if:`', () => {
    const perSystem = replaceStep(
      GOOD,
      '      - name: Build the installers\n        run: npm run dist -- ${{ matrix.dist }}\n',
      [
        "      - if: runner.os == 'Linux'",
        '        run: npm run dist -- --linux AppImage deb',
        "      - if: runner.os == 'Windows'",
        '        run: npm run dist -- --win nsis',
        "      - if: runner.os == 'macOS'",
        '        run: |',
        '          npm run dist -- --mac --x64 --arm64',
        '',
      ].join('\n'),
    );
    expect(checkReleaseWorkflow(perSystem).problems).toEqual([]);
  });

  it('refuses the old workflow: vite through npm run build, then electron-builder directly', () => {
    const { problems, dist } = checkReleaseWorkflow(OLD);
    expect(dist).toEqual([]);
    expect(problems).toEqual([
      expect.stringMatching(/"Build the app" runs `npm run build`/),
      expect.stringMatching(/"Package and publish" builds with electron-builder/),
      'no step runs `npm run dist -- <args>`',
    ]);
  });

  it.each([
    ['electron-builder run directly', 'npx electron-builder --linux AppImage deb'],
    ['vite, then dist', 'npx vite build desktop && npm run dist -- ${{ matrix.dist }}'],
    [
      'the staging script, then dist',
      'node desktop/scripts/build-electron.mjs; npm run dist -- ${{ matrix.dist }}',
    ],
    ['scripts/dist.mjs without npm', 'node scripts/dist.mjs ${{ matrix.dist }}'],
    [
      'a workspace build, then dist',
      'npm run build --workspace @hamgaja/desktop\nnpm run dist -- ${{ matrix.dist }}',
    ],
    ['dist with npm flags', 'npm run dist --silent -- ${{ matrix.dist }}'],
  ])('refuses a build step that builds another way: %s', (_name, command) => {
    const broken = replaceStep(
      GOOD,
      'run: npm run dist -- ${{ matrix.dist }}',
      `run: |\n          ${command.replace(/\n/g, '\n          ')}`,
    );
    expect(checkReleaseWorkflow(broken).problems).not.toEqual([]);
  });

  it('refuses publishing from dist, a missing system, no npm ci, no upload of the installers folder', () => {
    const publish = replaceStep(GOOD, 'dist: --win nsis', 'dist: --win nsis --publish always');
    expect(checkReleaseWorkflow(publish).problems).toEqual([expect.stringMatching(/passes --publish/)]);

    const noMac = replaceStep(GOOD, 'dist: --mac --x64 --arm64', 'dist: --linux --arm64');
    expect(checkReleaseWorkflow(noMac).problems).toEqual(['no `npm run dist` for mac']);

    const noPlatform = replaceStep(GOOD, 'dist: --win nsis', 'dist: nsis');
    expect(checkReleaseWorkflow(noPlatform).problems).toEqual([
      expect.stringMatching(/names no platform/),
      'no `npm run dist` for win',
    ]);

    const noCi = replaceStep(GOOD, '      - run: npm ci\n', '');
    expect(checkReleaseWorkflow(noCi).problems).toEqual([expect.stringMatching(/no `npm ci` before/)]);

    const elsewhere = replaceStep(
      GOOD,
      'working-directory: desktop/dist/installers',
      'working-directory: dist',
    );
    expect(checkReleaseWorkflow(elsewhere).problems).toEqual([
      expect.stringMatching(/uploads desktop\/dist\/installers/),
    ]);
  });

  it('says what is wrong with a file that is no workflow', () => {
    expect(checkReleaseWorkflow('jobs: [').problems).toEqual([expect.stringMatching(/not valid YAML/)]);
    expect(checkReleaseWorkflow('jobs:\n  build:\n    steps: []\n').problems).toEqual([
      'no job "installers" with steps',
    ]);
  });

  it('splits run scripts into commands', () => {
    expect(commandsOf('# build\nnpm ci && \\\n  npm run dist -- --linux dir | tee log; echo done')).toEqual([
      'npm ci',
      'npm run dist -- --linux dir',
      'tee log',
      'echo done',
    ]);
  });
});
