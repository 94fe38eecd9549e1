import { closestName } from "../../diagnostics/did-you-mean.js";
import { makeDiagnostic, related, type Diagnostic } from "../../diagnostics/diagnostic.js";
import type { Span } from "../../diagnostics/span.js";
import type { NameTables } from "./resolve-names.js";

/** The codes of an unknown name, each with where its kind of name is declared: name → the span of its name. */
function declaredNames(names: NameTables): ReadonlyMap<string, ReadonlyMap<string, Span>> {
  const spans = <D extends { readonly name: { readonly span: Span } }>(table: ReadonlyMap<string, D>) =>
    new Map([...table].map(([key, d]) => [key, d.name.span] as const));
  const rules = new Map(names.declarations.flatMap((d) => (d.kind === "rule" ? [[d.id.text, d.id.span] as const] : [])));
  return new Map<string, ReadonlyMap<string, Span>>([
    ["GL2001", spans(names.facts)],
    ["GL2002", spans(names.thresholds)],
    ["GL2003", spans(names.drugs)],
    ["GL2004", spans(names.classes)],
    ["GL2006", spans(names.findingKinds)],
    ["GL2007", spans(names.recommendations)],
    ["GL2032", rules],
  ]);
}

/**
 * Gathers the cascade a renamed declaration causes. When two places or more write the same
 * unknown name and a declared name of that kind is close to it, the declaration is far more
 * likely to be the one that changed than every use: the errors at the uses become one error
 * (GL2090) at the declaration, with each use as a related place. A single unknown name keeps its
 * error where it is written, and gains the declaration it probably means as a related place.
 * The unknown name is the first name in backquotes of the message (`unknown fact \`x\``: every
 * template of these codes starts with it).
 */
export function gatherRenamedDeclarations(diagnostics: readonly Diagnostic[], names: NameTables): Diagnostic[] {
  const declared = declaredNames(names);
  const groups = new Map<string, Diagnostic[]>();
  for (const d of diagnostics) {
    const name = declared.has(d.code) ? /`([^`]+)`/.exec(d.message)?.[1] : undefined;
    if (name === undefined || !d.span) continue;
    const key = `${d.code} ${name}`;
    groups.set(key, [...(groups.get(key) ?? []), d]);
  }
  const replaced = new Map<Diagnostic, Diagnostic | undefined>();
  for (const [key, uses] of groups) {
    const [code = "", name = ""] = key.split(" ");
    const table = declared.get(code) ?? new Map<string, Span>();
    const candidate = closestName(name, table.keys());
    const declaration = candidate === undefined ? undefined : table.get(candidate);
    if (candidate === undefined || declaration === undefined) continue;
    if (uses.length === 1) {
      for (const use of uses) replaced.set(use, { ...use, related: [...(use.related ?? []), related("declaredHere", declaration)] });
      continue;
    }
    const places = uses.flatMap((use) => (use.span ? [related("usedHere", use.span)] : []));
    const gathered = makeDiagnostic("GL2090", declaration, [candidate, uses.length, name], undefined, places);
    uses.forEach((use, index) => replaced.set(use, index === 0 ? gathered : undefined));
  }
  return diagnostics.flatMap((d) => {
    if (!replaced.has(d)) return [d];
    const instead = replaced.get(d);
    return instead ? [instead] : [];
  });
}
