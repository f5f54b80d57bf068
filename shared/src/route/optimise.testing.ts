/**
 * Exact open-path solvers, for tests only (not exported from the package): the optimiser's
 * answers are compared with the true optimum. Both are exponential; keep problems small.
 */
import { pathLength, type PathProblem } from './path-search.js';

/** The optimum by trying every permutation (n! orders; for up to ~9 nodes). */
export function bruteForceShortestPath(problem: PathProblem): number[] {
  const nodes = [...problem.nodes];
  let best = [...nodes];
  let bestLength = pathLength(problem, best);
  const swap = (i: number, j: number) => {
    const t = nodes[i]!;
    nodes[i] = nodes[j]!;
    nodes[j] = t;
  };
  const permute = (k: number) => {
    if (k === nodes.length) {
      const length = pathLength(problem, nodes);
      if (length < bestLength) {
        bestLength = length;
        best = [...nodes];
      }
      return;
    }
    for (let i = k; i < nodes.length; i++) {
      swap(k, i);
      permute(k + 1);
      swap(k, i);
    }
  };
  permute(0);
  return best;
}

/** The optimum by Held–Karp dynamic programming (2ⁿ·n² steps; for up to ~16 nodes). */
export function exactShortestPath(problem: PathProblem): number[] {
  const { nodes, start, end, matrix } = problem;
  const n = nodes.length;
  if (n <= 1) return [...nodes];
  const d = (a: number, b: number) => matrix.values[a * matrix.size + b]!;
  const full = 1 << n;
  // cost[mask * n + last]: shortest path from the start through `mask`, ending at nodes[last].
  const cost = new Float64Array(full * n).fill(Infinity);
  const parent = new Int8Array(full * n).fill(-1);
  for (let i = 0; i < n; i++) cost[(1 << i) * n + i] = start === null ? 0 : d(start, nodes[i]!);
  for (let mask = 1; mask < full; mask++)
    for (let last = 0; last < n; last++) {
      const here = cost[mask * n + last]!;
      if (!(mask & (1 << last)) || here === Infinity) continue;
      for (let next = 0; next < n; next++) {
        if (mask & (1 << next)) continue;
        const to = (mask | (1 << next)) * n + next;
        const length = here + d(nodes[last]!, nodes[next]!);
        if (length < cost[to]!) {
          cost[to] = length;
          parent[to] = last;
        }
      }
    }
  let last = 0;
  let bestLength = Infinity;
  for (let i = 0; i < n; i++) {
    const length = cost[(full - 1) * n + i]! + (end === null ? 0 : d(nodes[i]!, end));
    if (length < bestLength) {
      bestLength = length;
      last = i;
    }
  }
  const order: number[] = [];
  for (let mask = full - 1; last >= 0; ) {
    order.push(nodes[last]!);
    const previous = parent[mask * n + last]!;
    mask &= ~(1 << last);
    last = previous;
  }
  return order.reverse();
}
