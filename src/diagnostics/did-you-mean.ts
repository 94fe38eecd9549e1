import { hint, type Hint } from "./diagnostic.js";

/** Edit distance between two strings (Levenshtein, case-insensitive). */
function editDistance(a: string, b: string): number {
  const s = a.toLowerCase();
  const t = b.toLowerCase();
  let previous = Array.from({ length: t.length + 1 }, (_, i) => i);
  for (let i = 1; i <= s.length; i++) {
    const current = [i];
    for (let j = 1; j <= t.length; j++) {
      const cost = s[i - 1] === t[j - 1] ? 0 : 1;
      current.push(Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + cost));
    }
    previous = current;
  }
  return previous[t.length] ?? 0;
}

/**
 * The closest candidate to `name`, when it is close enough to be a likely typo:
 * within a third of the name's length (at least 2 edits), matching its last segment, or
 * starting with it under the same parent.
 */
export function closestName(name: string, candidates: Iterable<string>): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  const lastSegment = (s: string) => s.slice(s.lastIndexOf(".") + 1).toLowerCase();
  for (const candidate of candidates) {
    const distance = editDistance(name, candidate);
    const sameLeaf = lastSegment(candidate) === lastSegment(name) ? 0 : Infinity;
    // A name cut short (`pain.controlled` for `pain.controlledByMedication`) is a near miss too.
    const parent = (n: string) => n.slice(0, Math.max(0, n.lastIndexOf(".")));
    const truncated =
      lastSegment(name).length >= 4 && parent(candidate) === parent(name) && lastSegment(candidate).startsWith(lastSegment(name))
        ? 1
        : Infinity;
    const score = Math.min(distance, sameLeaf, truncated);
    if (score < bestDistance || (score === bestDistance && best !== undefined && candidate < best)) {
      best = candidate;
      bestDistance = score;
    }
  }
  const limit = Math.max(2, Math.floor(name.length / 3));
  return bestDistance <= limit ? best : undefined;
}

/** The table's "did you mean" hint for a near miss, or undefined when nothing is close. */
export function didYouMean(name: string, candidates: Iterable<string>): Hint | undefined {
  const match = closestName(name, candidates);
  return match === undefined ? undefined : hint("didYouMean", match);
}
