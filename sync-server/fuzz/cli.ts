/**
 * `npm run fuzz -- --seeds N [--db sqlite|mariadb] [--instances 1|2] [--seed S] [--first S]
 * [--lanes L] [--mix full|no-revocation] [--steps MIN-MAX] [--verbose]`
 * (run.mjs bundles this file and runs it). Exit code 1 when a seed fails.
 */
import { parseArgs } from 'node:util';
import { runFuzz, type Mix } from './orchestrator.js';
import type { DatabaseKind } from './servers.js';

const usage =
  'usage: npm run fuzz -- [--seeds N | --seed S] [--first S] [--db sqlite|mariadb] [--instances 1|2] [--lanes L] [--mix full|no-revocation] [--steps MIN-MAX] [--verbose]';

function fail(message: string): never {
  console.error(`fuzz: ${message}\n${usage}`);
  process.exit(2);
}

function whole(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  if (!/^\d+$/.test(value)) fail(`--${name} must be a whole number, got ${value}`);
  return Number(value);
}

const { values } = parseArgs({
  options: {
    seeds: { type: 'string' },
    seed: { type: 'string' },
    first: { type: 'string' },
    db: { type: 'string', default: 'sqlite' },
    instances: { type: 'string', default: '1' },
    lanes: { type: 'string' },
    mix: { type: 'string', default: 'full' },
    steps: { type: 'string' },
    verbose: { type: 'boolean', default: false },
    help: { type: 'boolean', default: false },
  },
});
if (values.help) {
  console.log(usage);
  process.exit(0);
}
if (values.db !== 'sqlite' && values.db !== 'mariadb')
  fail(`--db must be sqlite or mariadb, got ${values.db}`);
if (values.instances !== '1' && values.instances !== '2')
  fail(`--instances must be 1 or 2, got ${values.instances}`);
if (values.instances === '2' && values.db !== 'mariadb')
  fail('--instances 2 needs --db mariadb (SQLite serves one instance)');
if (values.mix !== 'full' && values.mix !== 'no-revocation')
  fail(`--mix must be full or no-revocation, got ${values.mix}`);
let steps: { min: number; max: number } | undefined;
if (values.steps !== undefined) {
  const match = /^(\d+)(?:-(\d+))?$/.exec(values.steps);
  if (!match) fail(`--steps must be N or MIN-MAX, got ${values.steps}`);
  steps = { min: Number(match[1]), max: Number(match[2] ?? match[1]) };
  if (steps.max < steps.min) fail('--steps MIN-MAX needs MIN <= MAX');
}
const first = whole('first', values.first, 1);
const seeds =
  values.seed !== undefined
    ? [whole('seed', values.seed, 1)]
    : Array.from({ length: whole('seeds', values.seeds, 10) }, (_, i) => first + i);

const summary = await runFuzz({
  seeds,
  db: values.db as DatabaseKind,
  instances: values.instances === '2' ? 2 : 1,
  lanes: whole('lanes', values.lanes, seeds.length > 1 ? 2 : 1),
  mix: values.mix as Mix,
  ...(steps ? { steps } : {}),
  verbose: values.verbose || values.seed !== undefined,
  log: (line) => console.log(line),
});
const times = summary.results.map((r) => r.ms);
console.log(
  `per seed: ${Math.round(times.reduce((a, b) => a + b, 0) / Math.max(1, times.length))} ms on average, ${Math.max(0, ...times)} ms at most`,
);
console.log(summary.line);
process.exitCode = summary.failed > 0 ? 1 : 0;
