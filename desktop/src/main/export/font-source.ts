/** Where the PDF fonts come from before the build copies them: the `pretendard` npm package. */
import { createRequire } from 'node:module';
import path from 'node:path';

/** The package's static OTF folder (the build script resolves the same path). */
export function packagedFontFolder(): string {
  const require = createRequire(import.meta.url);
  return path.join(path.dirname(require.resolve('pretendard/package.json')), 'dist/public/static');
}
