import type { IToken } from "chevrotain";
import type { Diagnostic } from "../diagnostics/diagnostic.js";

/**
 * Keeps the first syntax error of each declaration and drops the others, which follow from it.
 * After a mistake the parser resynchronises at the next token that can start a declaration; the
 * tokens it skips on the way (`or`, `)`, `outcome`...) would each be reported as "cannot start
 * here", and a stray quote leaves a tail of unexpected characters. A declaration starts at a token
 * in the first column (as `guideline fmt` writes every declaration); a file written otherwise
 * only gets fewer, never wrong, errors. `syntax` may be in any order; the result is in offset order.
 */
export function oneSyntaxErrorPerDeclaration(syntax: readonly Diagnostic[], tokens: readonly IToken[]): Diagnostic[] {
  const starts = tokens.filter((t) => t.startColumn === 1).map((t) => t.startOffset);
  const sorted = [...syntax].sort((a, b) => (a.span?.offset ?? 0) - (b.span?.offset ?? 0));
  const seen = new Set<number>();
  const kept: Diagnostic[] = [];
  for (const d of sorted) {
    // "expected ... but found `fact`" at the start of the next declaration is about the one before.
    const offset = (d.span?.offset ?? 0) - (d.code === "GL1002" ? 1 : 0);
    const declaration = declarationIndex(starts, offset);
    if (seen.has(declaration)) continue;
    seen.add(declaration);
    kept.push(d);
  }
  return kept;
}

/** How many declaration starts lie at or before `offset` (binary search over the sorted starts). */
function declarationIndex(starts: readonly number[], offset: number): number {
  let low = 0;
  let high = starts.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if ((starts[middle] ?? 0) <= offset) low = middle + 1;
    else high = middle;
  }
  return low;
}
