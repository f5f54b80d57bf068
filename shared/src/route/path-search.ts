/**
 * Shortest open path through a set of points (a travelling-salesman path) between an optional
 * fixed start and end: multi-start nearest neighbour + 2-opt + Or-opt, then a few seeded
 * double-bridge kicks (iterated local search). Internal to the route module; the exact solvers
 * for tests live in optimise.testing.ts.
 */
import { ROUTE_CONSTANTS } from './constants.js';
import { seededRandom } from './seeded-random.js';

/** Symmetric distances between `size` nodes, row-major. */
export interface DistanceMatrix {
  size: number;
  values: Float64Array;
}

/** No node: an open end of the path, 0 metres to anything. */
export const NO_NODE = -1;

/** One open-path problem: visit every node of `nodes` once, after `start` and before `end` when set. */
export interface PathProblem {
  matrix: DistanceMatrix;
  /** The nodes to order, in their current order. */
  nodes: readonly number[];
  start: number | null;
  end: number | null;
}

const EPS = ROUTE_CONSTANTS.epsilonMetres;

export function distanceMatrix<T>(items: readonly T[], distance: (a: T, b: T) => number): DistanceMatrix {
  const size = items.length;
  const values = new Float64Array(size * size);
  for (let i = 0; i < size; i++)
    for (let j = i + 1; j < size; j++) {
      const d = distance(items[i]!, items[j]!);
      values[i * size + j] = d;
      values[j * size + i] = d;
    }
  return { size, values };
}

/** Length of the path `start? → nodes… → end?`. */
export function pathLength(problem: Omit<PathProblem, 'nodes'>, nodes: readonly number[]): number {
  const full = withEnds(problem, nodes);
  let total = 0;
  for (let i = 1; i < full.length; i++) total += distance(problem.matrix, full[i - 1]!, full[i]!);
  return total;
}

const withEnds = (problem: Omit<PathProblem, 'nodes'>, nodes: readonly number[]) => [
  ...(problem.start === null ? [] : [problem.start]),
  ...nodes,
  ...(problem.end === null ? [] : [problem.end]),
];

function distance(m: DistanceMatrix, a: number, b: number): number {
  return a === NO_NODE || b === NO_NODE ? 0 : m.values[a * m.size + b]!;
}

/** A good order of `problem.nodes`: never longer than the given order. Deterministic. */
export function shortestPath(problem: PathProblem): number[] {
  const { nodes, matrix } = problem;
  const k = nodes.length;
  if (k <= 1) return [...nodes];
  // A local matrix: 0..k-1 the nodes, k the start, k+1 the end; an open end is 0 metres from all.
  const size = k + 2;
  const global = [...nodes, problem.start ?? NO_NODE, problem.end ?? NO_NODE];
  const local = new Float64Array(size * size);
  for (let i = 0; i < size; i++)
    for (let j = 0; j < size; j++)
      local[i * size + j] =
        i === j || global[i] === NO_NODE || global[j] === NO_NODE
          ? 0
          : matrix.values[global[i]! * matrix.size + global[j]!]!;
  // Starts: the given order, then nearest neighbour from (up to maxStarts) nodes as the first stop.
  const starts: number[][] = [nodes.map((_, i) => i)];
  const step = Math.max(1, k / ROUTE_CONSTANTS.maxStarts);
  for (let first = 0; first < k; first += step)
    starts.push(nearestNeighbour(local, size, k, Math.floor(first)));
  let best: number[] = [];
  let bestLength = Infinity;
  const keepIfShorter = (path: number[]) => {
    improve(local, size, path);
    let length = 0;
    for (let i = 1; i < path.length; i++) length += local[path[i - 1]! * size + path[i]!]!;
    if (length < bestLength - EPS) {
      bestLength = length;
      best = path;
    }
  };
  for (const order of starts) keepIfShorter([k, ...order, k + 1]);
  // Kicks (iterated local search): swap two stretches of the best path (a double bridge), search
  // locally again, keep it when shorter. Seeded by the size: the same input, the same answer.
  const random = seededRandom(k);
  const kicks = k < 4 ? 0 : Math.min(ROUTE_CONSTANTS.maxKicks, ROUTE_CONSTANTS.kicksPerStop * k);
  for (let kick = 0; kick < kicks; kick++) {
    const [p, q, r] = [0, 0, 0].map(() => 1 + Math.floor(random() * k)).sort((x, y) => x - y) as [
      number,
      number,
      number,
    ];
    if (p === q || q === r) continue;
    keepIfShorter([...best.slice(0, p), ...best.slice(q, r), ...best.slice(p, q), ...best.slice(r)]);
  }
  return best.slice(1, -1).map((i) => nodes[i]!);
}

/** `first`, then always the nearest node not yet visited (ties: the lower index). */
function nearestNeighbour(d: Float64Array, size: number, k: number, first: number): number[] {
  const visited = new Uint8Array(k);
  const order = [first];
  visited[first] = 1;
  for (let at = first; order.length < k; ) {
    let pick = -1;
    for (let j = 0; j < k; j++)
      if (!visited[j] && (pick < 0 || d[at * size + j]! < d[at * size + pick]!)) pick = j;
    visited[pick] = 1;
    order.push(pick);
    at = pick;
  }
  return order;
}

/**
 * 2-opt and Or-opt moves until neither shortens the path. `path[0]` and the last entry are the
 * fixed ends (open ends cost 0 in `d`); everything between moves.
 */
function improve(d: Float64Array, size: number, path: number[]): void {
  const hi = path.length - 2;

  // Reverses path[i..j] when that shortens it.
  const twoOpt = (): boolean => {
    let changed = false;
    for (let i = 1; i < hi; i++)
      for (let j = i + 1; j <= hi; j++) {
        const a = path[i - 1]!;
        const b = path[i]!;
        const c = path[j]!;
        const e = path[j + 1]!;
        if (d[a * size + c]! + d[b * size + e]! - d[a * size + b]! - d[c * size + e]! < -EPS) {
          reverse(path, i, j);
          changed = true;
        }
      }
    return changed;
  };

  // Moves a chain of 1..orOptMaxChain stops to another gap, either way round.
  const orOpt = (): boolean => {
    let changed = false;
    for (let length = 1; length <= ROUTE_CONSTANTS.orOptMaxChain; length++)
      for (let i = 1; i + length - 1 <= hi; i++) {
        const first = path[i]!;
        const last = path[i + length - 1]!;
        const before = path[i - 1]!;
        const after = path[i + length]!;
        const removed = d[before * size + first]! + d[last * size + after]! - d[before * size + after]!;
        // Gap k lies between path[k] and path[k + 1]; the gaps touching the chain are skipped.
        for (let k = 0; k <= hi; k++) {
          if (k >= i - 1 && k <= i + length - 1) continue;
          const x = path[k]!;
          const y = path[k + 1]!;
          const forward = d[x * size + first]! + d[last * size + y]! - d[x * size + y]!;
          const backward = d[x * size + last]! + d[first * size + y]! - d[x * size + y]!;
          if (Math.min(forward, backward) - removed < -EPS) {
            const chain = path.splice(i, length);
            if (backward < forward) chain.reverse();
            path.splice(k < i ? k + 1 : k + 1 - length, 0, ...chain);
            changed = true;
            break; // the chain moved: on to the next position (the next pass revisits this one)
          }
        }
      }
    return changed;
  };

  for (;;) {
    const a = twoOpt();
    const b = orOpt();
    if (!a && !b) return;
  }
}

function reverse(path: number[], i: number, j: number): void {
  for (; i < j; i++, j--) [path[i], path[j]] = [path[j]!, path[i]!];
}
