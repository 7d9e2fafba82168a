// "Did you mean ...?": the closest existing name to a misspelt one, by edit distance.

/**
 * Edit distance between two strings: insertions, deletions, substitutions and swaps of two adjacent characters
 * each cost 1 (optimal string alignment), so the commonest typo, "lgoin" for "login", is one edit away.
 */
export function editDistance(a: string, b: string): number {
  if (a === b) return 0;
  let beforePrevious: number[] = [];
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1);
      let best = Math.min(previous[j]! + 1, current[j - 1]! + 1, substitution);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) best = Math.min(best, beforePrevious[j - 2]! + 1);
      current.push(best);
    }
    beforePrevious = previous;
    previous = current;
  }
  return previous[b.length]!;
}

/**
 * The candidate closest to `name`, or undefined when none is close enough to be a plausible typo
 * (at most a third of the name's length in edits, and never more than 4). Case differences count as a match.
 */
export function closest(name: string, candidates: Iterable<string>): string | undefined {
  const lower = name.toLowerCase();
  const limit = Math.min(4, Math.max(1, Math.floor(name.length / 3)));
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of candidates) {
    const distance = editDistance(lower, candidate.toLowerCase());
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return bestDistance <= limit ? best : undefined;
}

/** " (did you mean 'x'?)" when a close candidate exists, else "". */
export function didYouMean(name: string, candidates: Iterable<string>, quote = "'"): string {
  const match = closest(name, candidates);
  return match === undefined ? '' : ` (did you mean ${quote}${match}${quote}?)`;
}
