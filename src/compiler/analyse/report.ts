import type { DiagnosticCode, Severity } from "../../diagnostics/codes.js";
import type { Span } from "../../diagnostics/span.js";

/**
 * What the consistency checks produce. A finding is one coded problem (`GL3xxx`) about one
 * subject — a rule, a fact, a threshold, a drug or an outcome — with the span of the
 * declaration involved and, where a patient shows the problem, a witness patient.
 */

/** A concrete patient that shows a finding: the facts object, and the same as `given` lines. */
export interface Witness {
  /** A facts object, as the runtime reads it; facts that play no part are left out (unknown). */
  readonly facts: Readonly<Record<string, unknown>>;
  /** The same patient written as example lines: `given medications = (drug-a 160 mg/d)`. */
  readonly given: readonly string[];
}

/** One consistency problem. */
export interface Finding {
  readonly code: DiagnosticCode;
  readonly severity: Severity;
  /** The name an `accept CODE for NAME` matches: a rule, fact, threshold, drug or outcome. */
  readonly subject: string;
  /** The other rules involved, if any (the rule a redundant rule repeats, the other side of a conflict). */
  readonly related: readonly string[];
  /** The message, filled in from the diagnostic table. */
  readonly message: string;
  readonly hint?: string;
  readonly span?: Span;
  readonly witness?: Witness;
}

/** A warning the source accepts with `accept … because "…"`. */
export interface AcceptedFinding {
  readonly finding: Finding;
  readonly reason: string;
  /** The `accept` declaration. */
  readonly span: Span;
}

/**
 * The outcome of comparing two plan rules that give different orders for the same drug:
 * `disjoint` when no patient makes both hold (proved), `settled` when some patient does but a
 * declared precedence decides, `conflict` when some patient does and nothing decides,
 * `undecided` when the search bound was reached.
 */
export interface PairCheck {
  readonly rules: readonly [string, string];
  readonly drugs: readonly string[];
  readonly status: "disjoint" | "settled" | "conflict" | "undecided";
  /** For `disjoint`: the tests that cannot hold together, in the source's words. */
  readonly proof?: readonly string[];
  /** For `settled` and `conflict`: a patient for whom both rules hold. */
  readonly witness?: Witness;
  /** For `settled`: the rule that wins. */
  readonly winner?: string;
}

/**
 * Whether a rule whose finding the verdict reads can change the verdict (GL3012), for
 * patients whose facts are all known:
 * - `relevant`: some patient's verdict differs with and without the rule; `witness` is one,
 *   with every fact the verdict depends on given, and `verdictWith` / `verdictWithout` the two
 *   verdicts (an outcome code, or `incomplete` when a dose of a drug the patient does not take
 *   leaves a test unknown);
 * - `irrelevant`: no patient's verdict changes; `decidedBy` names the rules that decide in its
 *   place, or else `decidingOutcomes` the outcomes (both empty when only the verdict's
 *   outcomes as a whole do; see verdict-relevance.ts), and
 *   `reportedAs` the code that reports it: GL3012, or GL3005 / GL3001 when the rule is
 *   already reported as redundant or impossible (a message that says more);
 * - `undecided`: a query reached the search bound (reported as GL3011), never counted as irrelevant.
 */
export type VerdictRelevance =
  | {
      readonly rule: string;
      readonly status: "relevant";
      readonly witness: Witness;
      readonly verdictWith: string;
      readonly verdictWithout: string;
    }
  | {
      readonly rule: string;
      readonly status: "irrelevant";
      readonly decidedBy: readonly string[];
      readonly decidingOutcomes: readonly string[];
      readonly reportedAs: DiagnosticCode;
    }
  | { readonly rule: string; readonly status: "undecided" };

/**
 * The part of the analysis kept in the checked model for the rulebook: deterministic (no
 * timings), in source order.
 */
export interface ConsistencyReport {
  /** Warnings the source accepts, with the editor's reason. */
  readonly accepted: readonly AcceptedFinding[];
  /** Warnings left without an `accept`. */
  readonly warnings: readonly Finding[];
  /** Every pair of plan rules with different orders for a common drug, and how it resolves. */
  readonly pairs: readonly PairCheck[];
  /**
   * A patient for whom no verdict outcome holds, so that the verdict's `otherwise` decides;
   * absent when the outcomes cover every patient.
   */
  readonly verdictFallback?: Witness;
  /** For each rule whose finding the verdict reads, in source order: whether it can change the verdict. */
  readonly verdictRelevance: readonly VerdictRelevance[];
}

/** Everything the analysis returns: findings, the report for the model, and how long each check took. */
export interface AnalysisResult extends ConsistencyReport {
  /** Every finding, accepted or not, in the order the checks found them. */
  readonly findings: readonly Finding[];
  /** Milliseconds spent in each check, by name; for benchmarks, never written to generated files. */
  readonly timings: Readonly<Record<string, number>>;
  /** How many satisfiability queries were asked, and how many search steps they took. */
  readonly queries: number;
  readonly steps: number;
}
