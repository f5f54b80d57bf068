// Prints the gzipped size of the JavaScript a first visit loads (entry + modulepreloads) and fails over budget.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';

const BUDGET_KB = 300;
const webDir = path.resolve(import.meta.dirname, '../dist/web');
const html = readFileSync(path.join(webDir, 'index.html'), 'utf8');
const scripts = [
  ...html.matchAll(/<script[^>]+type="module"[^>]+src="([^"]+)"/g),
  ...html.matchAll(/<link[^>]+rel="modulepreload"[^>]+href="([^"]+)"/g),
].map((match) => match[1]);

let total = 0;
for (const src of new Set(scripts)) {
  const bytes = gzipSync(readFileSync(path.join(webDir, src.replace(/^\//, '')))).length;
  total += bytes;
  console.log(`  ${(bytes / 1024).toFixed(1).padStart(7)} KB  ${src}`);
}
const totalKb = total / 1024;
console.log(`Initial JS: ${totalKb.toFixed(1)} KB gzipped (budget ${BUDGET_KB} KB, ${scripts.length} files)`);
if (totalKb > BUDGET_KB) {
  console.error(`Initial JS is over the ${BUDGET_KB} KB budget: lazy-load more.`);
  process.exit(1);
}
