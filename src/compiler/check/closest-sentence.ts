/** The words of a text for comparison: accents and case folded, split at anything not a letter or a digit. */
export function comparableWords(text: string): string[] {
  return text
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w.length > 0);
}

/** A list bullet at the start of a sentence (`•`, `-`, `–`, `—`, `·`, `*`), with the spaces after it. */
const leadingBullet = /^\s*[•\-–—·*]+\s*/u;

/**
 * The sentence of `sentences` closest to `quote`, without its list bullet; undefined when none
 * holds at least half of the quote's distinct words. Closest means: the quote's words it holds
 * weigh the most, each word weighing the more the fewer sentences hold it (the square of its
 * inverse document frequency), so that a rare word (a name) outweighs several common ones;
 * ties go to the shorter sentence, then the first. Accents and case do not count.
 */
export function closestSentence(quote: string, sentences: readonly string[]): string | undefined {
  const wanted = new Set(comparableWords(quote));
  if (wanted.size === 0 || sentences.length === 0) return undefined;
  const words = sentences.map((s) => new Set(comparableWords(s)));
  const holding = new Map<string, number>();
  for (const set of words) for (const w of set) if (wanted.has(w)) holding.set(w, (holding.get(w) ?? 0) + 1);
  const weight = (w: string) => Math.log((sentences.length + 1) / ((holding.get(w) ?? 0) + 0.5)) ** 2;
  let best: { index: number; score: number; shared: number; size: number } | undefined;
  words.forEach((set, index) => {
    let score = 0;
    let shared = 0;
    for (const w of wanted) {
      if (!set.has(w)) continue;
      score += weight(w);
      shared++;
    }
    const better = !best || score > best.score || (score === best.score && set.size < best.size);
    if (shared > 0 && better) best = { index, score, shared, size: set.size };
  });
  if (!best || best.shared < wanted.size / 2) return undefined;
  return (sentences[best.index] ?? "").replace(leadingBullet, "").trim();
}
