// "Did you mean …?" for a mistyped command or flag: the nearest known word by edit distance (a swap of two
// neighbours counts as one edit), if it is near enough to be the likely intent. Only our own words are ever
// suggested, so nothing the user typed (possibly a secret) is echoed by the suggestion.

/** Optimal string alignment distance (Levenshtein plus adjacent transpositions). */
export function editDistance(a: string, b: string): number {
  const rows = a.length + 1;
  const cols = b.length + 1;
  const d: number[][] = Array.from({ length: rows }, (_, i) => Array.from({ length: cols }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i < rows; i++) {
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      const row = d[i] as number[];
      const above = d[i - 1] as number[];
      row[j] = Math.min((above[j] ?? 0) + 1, (row[j - 1] ?? 0) + 1, (above[j - 1] ?? 0) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        row[j] = Math.min(row[j] ?? 0, ((d[i - 2] as number[])[j - 2] ?? 0) + 1);
      }
    }
  }
  return (d[a.length] as number[])[b.length] ?? 0;
}

/** The known word nearest to `typed` (case-insensitive), or undefined when none is close (≤ 1 edit per 3 letters, at least 1). */
export function nearest(typed: string, known: readonly string[]): string | undefined {
  const word = typed.toLowerCase();
  const limit = Math.max(1, Math.floor(word.length / 3));
  let best: { word: string; distance: number } | undefined;
  for (const candidate of known) {
    const distance = editDistance(word, candidate.toLowerCase());
    // A prefix (`--lea` for `--lease`) counts as near too.
    const near = distance <= limit || (word.length >= 3 && candidate.toLowerCase().startsWith(word));
    if (near && (best === undefined || distance < best.distance)) best = { word: candidate, distance };
  }
  return best?.word;
}

/** `; did you mean 'x'?` or nothing. */
export function didYouMean(typed: string, known: readonly string[], quote: (w: string) => string = (w) => `'${w}'`): string {
  const found = nearest(typed, known);
  return found === undefined ? "" : `; did you mean ${quote(found)}?`;
}
