import type { Diagnostic } from "../../diagnostics/diagnostic.js";
import type * as A from "../../dsl/ast.js";
import type * as M from "../model.js";
import { checkConditions } from "./check-conditions.js";
import { checkDeclarations } from "./check-declarations.js";
import { checkExamples } from "./check-examples.js";
import { gatherRenamedDeclarations } from "./renamed-declarations.js";
import { resolveNames } from "./resolve-names.js";

export { reservedOutcome } from "./check-conditions.js";

/** The outcome of checking: the model when there are no errors, and every diagnostic found. */
export interface CheckResult {
  readonly model?: M.CheckedGuideline;
  readonly diagnostics: readonly Diagnostic[];
}

/**
 * Checks parsed sources: resolves every name (with a "did you mean" for near misses),
 * checks types and UCUM units, converts thresholds to the unit of the fact they are compared
 * with, and builds the checked model. Reports user errors as diagnostics; never throws for them.
 *
 * It runs four passes, each a function from its input to its output and its diagnostics:
 * `resolveNames`, `checkDeclarations`, `checkConditions` (the rules, the
 * verdict and what refers to rules) and `checkExamples`, one file each in `src/compiler/check/`.
 */
export function checkGuideline(files: readonly A.SourceFile[]): CheckResult {
  const resolved = resolveNames(files.flatMap((file) => file.declarations));
  const declared = checkDeclarations(resolved.names);
  const conditions = checkConditions(resolved.names, declared.declarations);
  const examples = checkExamples(resolved.names, declared.declarations, conditions.checked);
  const diagnostics = gatherRenamedDeclarations(
    [...resolved.diagnostics, ...declared.diagnostics, ...conditions.diagnostics, ...examples.diagnostics],
    resolved.names,
  );

  const { names } = resolved;
  const { header } = names;
  const { edition, facts, thresholds, plan, information, uncovered, accepts } = declared.declarations;
  const { verdict, rules, precedences, readiness } = conditions.checked;
  const errors = diagnostics.some((d) => d.severity === "error");
  if (errors || !header || edition === undefined || !verdict) return { diagnostics };
  return {
    diagnostics,
    model: {
      id: header.id.text,
      title: header.title?.value ?? "",
      edition,
      language: header.language?.text ?? "",
      sourceDocument: header.source?.value ?? "",
      sections: [...names.sections.values()].map((s) => ({ id: s.name.text, title: s.title?.value ?? "" })),
      facts: [...facts.values()],
      thresholds: [...thresholds.values()],
      classes: [...names.classes.values()].map((c) => ({
        name: c.name.text,
        label: c.label?.value ?? c.name.text,
        atc: c.atc.map((code) => code.text),
        span: c.span,
      })),
      drugs: [...names.drugs.values()].map((d) => ({
        name: d.name.text,
        atc: d.atc.map((code) => code.text),
        rxnorm: d.rxnorm.map((code) => code.text),
        ...(d.drugClass ? { drugClass: d.drugClass.text } : {}),
        label: d.label?.value ?? d.name.text,
        aliases: d.aliases.map((a) => a.value),
        namedBySource: !d.notNamedBySource,
        span: d.span,
      })),
      findingKinds: [...names.findingKinds.values()].map((f) => ({
        name: f.name.text,
        label: f.label?.value ?? f.name.text,
        span: f.span,
      })),
      recommendations: [...names.recommendations.values()].map((r) => ({
        name: r.name.text,
        label: r.label?.value ?? r.name.text,
        ...(r.forProcedure ? { forProcedure: true as const } : {}),
        span: r.span,
      })),
      verdict,
      ...(readiness ? { readiness } : {}),
      ...(header.version ? { version: header.version.value } : {}),
      ...(plan ? { plan } : {}),
      references: [...names.references.entries()].sort(([a], [b]) => a - b).map(([number, r]) => ({ number, text: r.text?.value ?? "" })),
      rules: [...rules],
      information: [...information],
      uncovered,
      ...(header.coverage
        ? { coverage: { from: header.coverage.from.value, to: header.coverage.to.value, span: header.coverage.span } }
        : {}),
      ignore: header.ignore.map((t) => t.value),
      examples: [...examples.examples],
      precedences: [...precedences],
      accepts: [...accepts],
    },
  };
}
