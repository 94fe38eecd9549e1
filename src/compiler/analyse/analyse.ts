import { related, type Diagnostic } from "../../diagnostics/diagnostic.js";
import type { CheckedGuideline, RuleModel } from "../model.js";
import { applyAccepts } from "./accepts.js";
import { AnalysisContext } from "./context.js";
import { findContradictions } from "./contradictions.js";
import { findGaps } from "./gaps.js";
import { findOverlappingThresholds } from "./overlapping-thresholds.js";
import { checkPrecedences } from "./precedence.js";
import type { AnalysisResult, ConsistencyReport, Finding } from "./report.js";
import { findRedundantRules } from "./shadowing.js";
import { findUnsatisfiableRules } from "./unsatisfiable.js";
import { findUnusedDeclarations } from "./unused.js";
import { findVerdictIrrelevantRules } from "./verdict-relevance.js";

/** Options of the analysis. */
export interface AnalysisOptions {
  /** Branches one satisfiability query may explore before it answers "unknown" (default 20 000). */
  readonly budget?: number;
  /**
   * Of the budget, the branches the tableau explores before a query goes to the CDCL search
   * (default 1 000; see satisfiability.ts). Tests set it to 0 to hold the CDCL search to the
   * same laws as the tableau.
   */
  readonly tableauShare?: number;
}

/**
 * The consistency checks of `guideline check`, run on a checked model: dead rules (GL3001),
 * contradictions in the plan (GL3002), precedence cycles (GL3003), gaps (GL3004), redundant
 * and shadowed rules (GL3005), unused facts and thresholds (GL3006, GL3007), overlapping
 * bands (GL3008), rules that never change the verdict (GL3012), then the source's `accept`s
 * (GL3009 for one that matches nothing), precedences that settle nothing (GL3010) and queries
 * past the search bound (GL3011).
 *
 * Cost, for n rules of size s (tests per condition): n queries for dead rules; Σ k² pair
 * queries for k plan rules per drug; one query per drug for gaps, and one for the verdict;
 * implication tests between the rules of one effect, each rule against only those it can
 * imply by the variables it reads (shadowing.ts), most settled in O(s) without a query;
 * Σ p² comparisons per measure for bands; at most 2·c queries per rule whose finding the
 * verdict reads, for c verdict codes, and for the rules it finds irrelevant a cover that
 * starts from the last one found (see verdict-relevance.ts). Each query is linear in its size
 * when it has no `or`, and bounded by `budget` branches otherwise (see satisfiability.ts). So
 * O(n² · s) in the worst case, in practice close to O(n · s): `node bench/check.mjs` (the
 * whole of `guideline check`, each size in its own process) measured 0.9 s at 1 000 rules,
 * 3.4 s at 5 000 and 7.3 s at 10 000 on the development machine.
 */
export function analyseGuideline(
  model: CheckedGuideline,
  options: AnalysisOptions = {},
): AnalysisResult & { readonly diagnostics: readonly Diagnostic[] } {
  const context = new AnalysisContext(model, options.budget, options.tableauShare);
  const timings: Record<string, number> = {};
  const time = <T>(name: string, check: () => T): T => {
    const start = performance.now();
    const result = check();
    timings[name] = Math.round((performance.now() - start) * 100) / 100;
    return result;
  };
  time("dead rules", () => {
    findUnsatisfiableRules(context);
  });
  const pairs = time("contradictions", () => findContradictions(context));
  time("precedences", () => {
    checkPrecedences(context, pairs);
  });
  const { verdictFallback } = time("gaps", () => findGaps(context));
  time("redundant rules", () => {
    findRedundantRules(context);
  });
  time("overlapping bands", () => {
    findOverlappingThresholds(context);
  });
  time("unused declarations", () => {
    findUnusedDeclarations(context);
  });
  const verdictRelevance = time("verdict relevance", () => findVerdictIrrelevantRules(context));
  const found = [...context.findings];
  const { accepted, open } = time("accepts", () => applyAccepts(context, found));
  const unmatched = context.findings.slice(found.length);
  const reported = [...open, ...unmatched];
  const findings = [...found, ...unmatched];
  const rulesById = new Map(model.rules.map((r) => [r.id, r]));
  return {
    findings,
    accepted,
    warnings: reported.filter((f) => f.severity === "warning"),
    pairs,
    ...(verdictFallback ? { verdictFallback } : {}),
    verdictRelevance,
    timings,
    queries: context.solver.queries,
    steps: context.solver.steps,
    diagnostics: reported.map((finding) => toDiagnostic(finding, rulesById)),
  };
}

/** The deterministic part of an analysis, for the checked model and the rulebook. */
export function consistencyReport(result: AnalysisResult): ConsistencyReport {
  return {
    accepted: result.accepted,
    warnings: result.warnings,
    pairs: result.pairs,
    ...(result.verdictFallback ? { verdictFallback: result.verdictFallback } : {}),
    verdictRelevance: result.verdictRelevance,
  };
}

/** A finding as a diagnostic, with the declarations of the other rules it is about as related places. */
function toDiagnostic(finding: Finding, rulesById: ReadonlyMap<string, RuleModel>): Diagnostic {
  const note = finding.related.length === 1 ? "otherRuleHere" : "ruleInvolvedHere";
  const places = finding.related.flatMap((id) => {
    const rule = rulesById.get(id);
    return rule ? [related(note, rule.span)] : [];
  });
  return {
    code: finding.code,
    severity: finding.severity,
    message: finding.message,
    ...(finding.span ? { span: finding.span } : {}),
    ...(finding.hint !== undefined ? { hint: finding.hint } : {}),
    ...(places.length > 0 ? { related: places } : {}),
  };
}
