/** Optimal-string-alignment distance: edits, counting a swap of neighbours as one (outgoign → outgoing). */
export function editDistance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) =>
    Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        best = Math.min(best, d[i - 2]![j - 2]! + 1);
      d[i]![j] = best;
    }
  }
  return d[a.length]![b.length]!;
}

/** The candidate a typo most likely meant, or undefined when nothing is close enough to suggest. */
export function closestWord(word: string, candidates: readonly string[]): string | undefined {
  const w = word.toLowerCase();
  // Long input can't be a typo of a short keyword; skipping it keeps the cost bounded.
  if (w.length < 3 || w.length > 20) return undefined;
  const allowed = w.length <= 5 ? 1 : 2;
  let best: { word: string; distance: number } | undefined;
  for (const c of candidates) {
    const distance = editDistance(w, c);
    if (distance > 0 && distance <= allowed && (!best || distance < best.distance)) best = { word: c, distance };
  }
  return best?.word;
}
