import type { Diagnostic } from "../../diagnostics/diagnostic.js";
import { hint, related } from "../../diagnostics/diagnostic.js";
import type { Span } from "../../diagnostics/span.js";
import type * as A from "../../dsl/ast.js";
import { assertNever } from "../../shared/assert-never.js";
import { wholeNumber } from "./numbers-and-units.js";
import { collectDiagnostics, position } from "./report.js";

/** Every declared name, by kind, as the first declaration of it (a repeat is GL2008). */
export interface NameTables {
  /** Every declaration of every file, in source order. */
  readonly declarations: readonly A.Declaration[];
  /** The first guideline header, if there is one. */
  readonly header?: A.Header;
  readonly facts: ReadonlyMap<string, A.FactDeclaration>;
  readonly thresholds: ReadonlyMap<string, A.ThresholdDeclaration>;
  readonly classes: ReadonlyMap<string, A.ClassDeclaration>;
  readonly drugs: ReadonlyMap<string, A.DrugDeclaration>;
  readonly findingKinds: ReadonlyMap<string, A.FindingKindDeclaration>;
  readonly recommendations: ReadonlyMap<string, A.RecommendationDeclaration>;
  readonly references: ReadonlyMap<number, A.ReferenceDeclaration>;
  readonly sections: ReadonlyMap<string, A.SectionDeclaration>;
  /** The ids of the declared rules, with or without errors of their own (not information). */
  readonly ruleIds: ReadonlySet<string>;
}

/**
 * The first pass: builds the name tables of the declarations, reporting a name declared twice
 * (GL2008), a second header, verdict or plan, a missing header (GL2017) and a reference number
 * that is not a whole number (GL2015).
 */
// Long by design: one name table per kind of declaration, each built and checked for duplicates the same way.
export function resolveNames(declarations: readonly A.Declaration[]): {
  readonly names: NameTables;
  readonly diagnostics: readonly Diagnostic[];
} {
  const { diagnostics, report } = collectDiagnostics();
  const headers = declarations.filter((d): d is A.Header => d.kind === "header");
  for (const extra of headers.slice(1)) {
    const first = headers[0]?.span;
    report(
      "GL2008",
      extra.span,
      ["the guideline header", extra.id.text, position(first)],
      undefined,
      first ? [related("firstDeclaredHere", first)] : [],
    );
  }
  const header = headers[0];
  // Points at the first declaration, so the message says which file lacks the header.
  if (!header) report("GL2017", declarations[0]?.span);

  const facts = new Map<string, A.FactDeclaration>();
  const thresholds = new Map<string, A.ThresholdDeclaration>();
  const classes = new Map<string, A.ClassDeclaration>();
  const drugs = new Map<string, A.DrugDeclaration>();
  const findingKinds = new Map<string, A.FindingKindDeclaration>();
  const recommendations = new Map<string, A.RecommendationDeclaration>();
  const references = new Map<number, A.ReferenceDeclaration>();
  const sections = new Map<string, A.SectionDeclaration>();
  const ruleIds = new Set<string>();
  const rulesAndInformation = new Map<string, A.RuleDeclaration | A.InformationDeclaration>();
  const examples = new Map<string, A.ExampleDeclaration>();
  // Where each declaration writes its name, for the "first declared here" of a repeat.
  const nameSpans = new Map<A.Declaration, Span>();
  const declare = <K, D extends A.Declaration>(table: Map<K, D>, key: K, declaration: D, span: Span, what: string): void => {
    const existing = table.get(key);
    if (existing === undefined) {
      table.set(key, declaration);
      nameSpans.set(declaration, span);
      return;
    }
    const first = nameSpans.get(existing) ?? existing.span;
    report("GL2008", span, [what, String(key), position(first)], hint("renameOrRemoveCopy"), [related("firstDeclaredHere", first)]);
  };
  let verdicts = 0;
  let plans = 0;
  for (const d of declarations) {
    switch (d.kind) {
      case "fact":
        declare(facts, d.name.text, d, d.name.span, "the fact");
        break;
      case "threshold":
        declare(thresholds, d.name.text, d, d.name.span, `the ${d.role}`);
        break;
      case "class":
        declare(classes, d.name.text, d, d.name.span, "the class");
        break;
      case "drug":
        declare(drugs, d.name.text, d, d.name.span, "the drug");
        break;
      case "finding-kind":
        declare(findingKinds, d.name.text, d, d.name.span, "the kind of finding");
        break;
      case "recommendation":
        declare(recommendations, d.name.text, d, d.name.span, "the recommendation");
        break;
      case "section":
        declare(sections, d.name.text, d, d.name.span, "the section");
        break;
      case "rule":
        ruleIds.add(d.id.text);
        declare(rulesAndInformation, d.id.text, d, d.id.span, "the rule");
        break;
      case "information":
        declare(rulesAndInformation, d.id.text, d, d.id.span, "the rule or information");
        break;
      case "example":
        declare(examples, d.id.text, d, d.id.span, "the example");
        break;
      case "uncovered":
      case "precedence":
      case "accept":
      case "readiness":
      case "header":
        break;
      case "reference": {
        const number = wholeNumber(d.number, report);
        if (number !== undefined) declare(references, number, d, d.number.span, "the reference");
        break;
      }
      case "verdict":
        if (++verdicts > 1) report("GL2019", d.span, ["verdict", "the guideline"]);
        break;
      case "plan":
        if (++plans > 1) report("GL2019", d.span, ["plan", "the guideline"]);
        break;
      default:
        assertNever(d);
    }
  }
  return {
    names: {
      declarations,
      ...(header ? { header } : {}),
      facts,
      thresholds,
      classes,
      drugs,
      findingKinds,
      recommendations,
      references,
      sections,
      ruleIds,
    },
    diagnostics,
  };
}
