import type { Coding } from "./fhir-json.js";
import type { Expansions } from "./value-set-expansions.js";

/** A record's coding that matched a code the guideline names, and how. */
export interface CodeMatch {
  /** The guideline's `system|code` that matched. */
  readonly named: string;
  /** The record's coding, and, when it matched through an expansion, the ValueSet that holds it. */
  readonly source: CodeSource;
}

/** The record's code that identified a fact or a treatment, when not simply the guideline's own code. */
export interface CodeSource {
  readonly system: string;
  readonly code: string;
  /** The ValueSet (its `url`, else `ValueSet/id`) whose expansion of the guideline's code holds the record's code. */
  readonly expansion?: string;
}

/**
 * The first of a record's codings that is one of `named` (`system|code`), else the first that is
 * in the expansion of one of them. Exact codes come first, whatever the order of the codings;
 * without expansions, only exact codes match.
 */
export function matchCodings(
  named: ReadonlySet<string>,
  codings: readonly Coding[],
  expansions: Expansions | undefined,
): CodeMatch | undefined {
  const keyed = codings.flatMap((c) =>
    c.system !== undefined && c.code !== undefined ? [{ system: c.system, code: c.code, key: `${c.system}|${c.code}` }] : [],
  );
  const exact = keyed.find((c) => named.has(c.key));
  if (exact) return { named: exact.key, source: { system: exact.system, code: exact.code } };
  if (!expansions) return undefined;
  for (const c of keyed) {
    for (const [stands, valueSet] of expansions.members.get(c.key) ?? []) {
      if (named.has(stands)) return { named: stands, source: { system: c.system, code: c.code, expansion: valueSet } };
    }
  }
  return undefined;
}
