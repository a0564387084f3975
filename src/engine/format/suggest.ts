/** "Did you mean": bounded edit distance over candidate names. */

/** Edit distance, for "did you mean". */
export function editDistance(a: string, b: string): number {
  return boundedEditDistance(a, b, Number.POSITIVE_INFINITY);
}

/**
 * Edit distance, or any number above `limit` as soon as the distance is known to exceed it.
 * A shared prefix and suffix are skipped, only cells within `limit` of the diagonal are
 * computed, and a row whose every cell is over the limit ends the search. `work.cells`, when
 * given, is reduced by the cells computed.
 */
export function boundedEditDistance(a: string, b: string, limit: number, work?: { cells: number }): number {
  let start = 0;
  let endA = a.length;
  let endB = b.length;
  while (start < endA && start < endB && a.charCodeAt(start) === b.charCodeAt(start)) start++;
  while (endA > start && endB > start && a.charCodeAt(endA - 1) === b.charCodeAt(endB - 1)) {
    endA--;
    endB--;
  }
  const n = endA - start;
  const m = endB - start;
  if (Math.abs(n - m) > limit) return limit + 1;
  if (n === 0 || m === 0) return Math.max(n, m);
  const band = Number.isFinite(limit) ? limit : Math.max(n, m);
  const big = n + m + 1;
  let prev = new Array<number>(m + 1);
  let cur = new Array<number>(m + 1);
  for (let j = 0; j <= m; j++) prev[j] = j <= band ? j : big;
  let cells = 0;
  for (let i = 1; i <= n; i++) {
    const lo = Math.max(1, i - band);
    const hi = Math.min(m, i + band);
    cur[0] = i <= band ? i : big;
    if (lo > 1) cur[lo - 1] = big;
    let rowMin = cur[0]!;
    const ca = a.charCodeAt(start + i - 1);
    for (let j = lo; j <= hi; j++) {
      const cost = ca === b.charCodeAt(start + j - 1) ? 0 : 1;
      const v = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + cost);
      cur[j] = v;
      if (v < rowMin) rowMin = v;
    }
    if (hi < m) cur[hi + 1] = big;
    cells += hi - lo + 1;
    if (rowMin > limit) {
      if (work) work.cells -= cells;
      return limit + 1;
    }
    [prev, cur] = [cur, prev];
  }
  if (work) work.cells -= cells;
  const d = prev[m]!;
  return d > limit ? limit + 1 : d;
}

/** Words longer than this get no suggestion: a typo is a short slip, and long words cost the most. */
const MAX_SUGGEST_LENGTH = 80;

/**
 * The closest candidate to `word`, if it is close enough to be a likely typo. Candidates whose
 * length alone rules them out are skipped, each comparison stops once it is out of range, and
 * with `work` the search stops (keeping the best so far) once its cells are spent.
 */
export function didYouMean(
  word: string,
  candidates: readonly string[],
  work?: { cells: number },
): string | undefined {
  if (word.length > MAX_SUGGEST_LENGTH) return undefined;
  const lower = word.toLowerCase();
  const limit = Math.max(2, Math.floor(word.length / 3));
  let best: string | undefined;
  let bestD = limit + 1;
  for (const c of candidates) {
    if (work && work.cells <= 0) break;
    if (Math.abs(c.length - word.length) >= bestD) continue;
    const cl = c.toLowerCase();
    const d = cl === lower ? 0 : boundedEditDistance(lower, cl, bestD - 1, work);
    if (d < bestD) {
      bestD = d;
      best = c;
      if (d === 0) break;
    }
  }
  return best;
}
