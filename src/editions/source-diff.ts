import { sourceSentences, withoutFurniture } from "../compiler/check/provenance.js";

/** One edition's source document, with the page furniture its header declares (`ignore`). */
export interface SourceDocument {
  readonly text: string;
  readonly ignore: readonly string[];
}

/** The sentences of the source document added, removed and changed from one edition to the next, whole. */
export interface SourceTextDiff {
  /** In the order of the new text. */
  readonly added: readonly string[];
  /** In the order of the old text. */
  readonly removed: readonly string[];
  /** A removed sentence and the added one that is most like it, in the order of the new text. */
  readonly changed: readonly { readonly from: string; readonly to: string }[];
}

/** How alike (0 to 1) a removed and an added sentence must be to be one sentence changed. */
export const changedSentenceSimilarity = 0.6;

/**
 * The sentences of the new source document that are not in the old one and the reverse. Both
 * are split as the coverage check splits them (headings left out, list items and table cells on
 * their own, page furniture blanked), aligned on the longest common subsequence of identical
 * sentences; then each sentence left on one side is paired with the most alike on the other
 * (words in common, {@link changedSentenceSimilarity} at least), best pairs first: a pair is a
 * changed sentence, the rest are added or removed.
 */
export function diffSourceTexts(from: SourceDocument, to: SourceDocument): SourceTextDiff {
  const a = sentencesOf(from);
  const b = sentencesOf(to);
  const { onlyA, onlyB } = unmatched(a, b);
  const candidates = onlyA.flatMap((i) =>
    onlyB.map((j) => ({ i, j, similarity: similarity(a[i] ?? "", b[j] ?? "") })).filter((p) => p.similarity >= changedSentenceSimilarity),
  );
  candidates.sort((x, y) => y.similarity - x.similarity || x.j - y.j || x.i - y.i);
  const pairedA = new Set<number>();
  const pairedB = new Map<number, number>();
  for (const { i, j } of candidates) {
    if (pairedA.has(i) || pairedB.has(j)) continue;
    pairedA.add(i);
    pairedB.set(j, i);
  }
  return {
    added: onlyB.filter((j) => !pairedB.has(j)).map((j) => b[j] ?? ""),
    removed: onlyA.filter((i) => !pairedA.has(i)).map((i) => a[i] ?? ""),
    changed: [...pairedB.entries()].sort(([x], [y]) => x - y).map(([j, i]) => ({ from: a[i] ?? "", to: b[j] ?? "" })),
  };
}

function sentencesOf(document: SourceDocument): string[] {
  const text = withoutFurniture(document.text, document.ignore);
  return sourceSentences(text, "", 0, text.length).map((s) => s.text);
}

/** The indexes of the sentences of `a` and of `b` outside their longest common subsequence. */
function unmatched(a: readonly string[], b: readonly string[]): { readonly onlyA: number[]; readonly onlyB: number[] } {
  // Identical heads and tails are matched first: an edition changes a few sentences of many.
  let head = 0;
  while (head < a.length && head < b.length && a[head] === b[head]) head++;
  let tail = 0;
  while (tail < a.length - head && tail < b.length - head && a[a.length - 1 - tail] === b[b.length - 1 - tail]) tail++;
  const n = a.length - head - tail;
  const m = b.length - head - tail;
  const lengths = Array.from({ length: n + 1 }, () => new Uint32Array(m + 1));
  for (let i = n - 1; i >= 0; i--) {
    const row = lengths[i] as Uint32Array;
    const below = lengths[i + 1] as Uint32Array;
    for (let j = m - 1; j >= 0; j--)
      row[j] = a[head + i] === b[head + j] ? (below[j + 1] ?? 0) + 1 : Math.max(below[j] ?? 0, row[j + 1] ?? 0);
  }
  const onlyA: number[] = [];
  const onlyB: number[] = [];
  let i = 0;
  let j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && a[head + i] === b[head + j]) {
      i++;
      j++;
    } else if (j < m && (i === n || (lengths[i]?.[j + 1] ?? 0) >= (lengths[i + 1]?.[j] ?? 0))) onlyB.push(head + j++);
    else onlyA.push(head + i++);
  }
  return { onlyA, onlyB };
}

/** Words in common over words in all (Dice coefficient on the multisets of words, case aside). */
function similarity(x: string, y: string): number {
  const words = (s: string) => s.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
  const wx = words(x);
  const wy = words(y);
  if (wx.length + wy.length === 0) return 1;
  const counts = new Map<string, number>();
  for (const w of wx) counts.set(w, (counts.get(w) ?? 0) + 1);
  let common = 0;
  for (const w of wy) {
    const left = counts.get(w) ?? 0;
    if (left > 0) {
      common++;
      counts.set(w, left - 1);
    }
  }
  return (2 * common) / (wx.length + wy.length);
}
