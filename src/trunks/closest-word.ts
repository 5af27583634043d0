/** Optimal-string-alignment distance: edits, counting a swap of neighbours as one (outgoign → outgoing). */
export function editDistance(a: string, b: string): number {
  // Three rows of the usual matrix: the one before the previous (for swaps), the previous, the current.
  let before = new Array<number>(b.length + 1).fill(0);
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  let current = new Array<number>(b.length + 1).fill(0);
  for (let i = 1; i <= a.length; i++) {
    current[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) best = Math.min(best, before[j - 2]! + 1);
      current[j] = best;
    }
    const spare = before;
    before = previous;
    previous = current;
    current = spare;
  }
  return previous[b.length]!;
}

/** The candidate a typo most likely meant, or undefined when nothing is close enough to suggest. */
export function closestWord(word: string, candidates: readonly string[]): string | undefined {
  const w = word.toLowerCase();
  // Long input can't be a typo of a short keyword; skipping it keeps the cost bounded.
  if (w.length < 3 || w.length > 20) return undefined;
  const allowed = w.length <= 5 ? 1 : 2;
  let best: { word: string; distance: number } | undefined;
  for (const c of candidates) {
    // Each edit changes the length by at most one: a candidate further off in length cannot be close.
    if (Math.abs(c.length - w.length) > allowed) continue;
    const distance = editDistance(w, c);
    if (distance > 0 && distance <= allowed && (!best || distance < best.distance)) best = { word: c, distance };
  }
  return best?.word;
}
