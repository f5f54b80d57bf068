// Renders the app icon for the installers from the one SVG in the repo (desktop/public/favicon.svg)
// into desktop/build/icons/ (git-ignored): NxN.png for Linux, icon.png (1024) from which
// electron-builder makes the macOS .icns and the Windows .ico.
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Resvg } from '@resvg/resvg-js';

const desktop = path.resolve(import.meta.dirname, '..');
export const ICON_SOURCE = path.join(desktop, 'public/favicon.svg');
export const ICON_FOLDER = path.join(desktop, 'build/icons');
const LINUX_SIZES = [16, 32, 48, 64, 128, 256, 512, 1024];

export async function renderIcons() {
  const svg = await readFile(ICON_SOURCE);
  await mkdir(ICON_FOLDER, { recursive: true });
  for (const size of LINUX_SIZES) {
    const png = new Resvg(svg, { fitTo: { mode: 'width', value: size } }).render().asPng();
    await writeFile(path.join(ICON_FOLDER, `${size}x${size}.png`), png);
    if (size === 1024) await writeFile(path.join(ICON_FOLDER, 'icon.png'), png);
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  await renderIcons();
  console.log(`build-icons: ${path.relative(process.cwd(), ICON_FOLDER)}`);
}
