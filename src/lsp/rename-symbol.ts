import { makeDiagnostic, type Diagnostic } from "../diagnostics/diagnostic.js";
import { matchName } from "../dsl/token-matchers.js";
import { keywordWords } from "./keyword-words.js";
import { occurrencesOf, symbolKey, type Occurrence, type SymbolIndex, type SymbolKind } from "./symbol-index.js";

/** The kinds of name renamed across an edition's files. */
const renamable: ReadonlySet<SymbolKind> = new Set(["threshold", "fact"]);

/** A rename: every place to rewrite, or why it is refused (GL7070–GL7073). */
export type RenamePlan =
  { readonly kind: "edits"; readonly occurrences: readonly Occurrence[] } | { readonly kind: "refused"; readonly diagnostic: Diagnostic };

/** Whether the name at `at` can be renamed at all (before a new name is asked for): undefined if it can, else why not. */
export function refuseRename(index: SymbolIndex, at: Occurrence): Diagnostic | undefined {
  if (!renamable.has(at.kind) || !index.declarations.has(symbolKey(at.kind, at.name)))
    return makeDiagnostic("GL7072", undefined, [at.name]);
  return undefined;
}

/**
 * Renames a threshold, delay or fact: its declaration and every use, in every file of the
 * edition. Refused when the new name is not a name (GL7070), is a keyword (GL7071), the name is
 * not a threshold or fact (GL7072), or the new name is declared already (GL7073).
 */
export function planRename(index: SymbolIndex, at: Occurrence, newName: string): RenamePlan {
  const refusal = refuseRename(index, at) ?? nameProblem(index, at, newName);
  if (refusal) return { kind: "refused", diagnostic: refusal };
  return { kind: "edits", occurrences: occurrencesOf(index, at.kind, at.name) };
}

function nameProblem(index: SymbolIndex, at: Occurrence, newName: string): Diagnostic | undefined {
  if (matchName(newName, 0)?.[0] !== newName) return makeDiagnostic("GL7070", undefined, [newName]);
  if (keywordWords.includes(newName)) return makeDiagnostic("GL7071", undefined, [newName]);
  // Thresholds and facts are compared with each other by bare name: a new name must be free in both.
  if (newName !== at.name && [...renamable].some((kind) => index.declarations.has(symbolKey(kind, newName))))
    return makeDiagnostic("GL7073", undefined, [newName, at.name]);
  return undefined;
}
