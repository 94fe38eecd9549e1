/**
 * The evaluation report: a stable JSON shape, documented in docs/report.md.
 * Every item that comes from a rule carries its provenance.
 */

/** Where a statement comes from: the rule, its section, the verbatim quotes and references. */
export interface Provenance {
  readonly rule: string;
  readonly section: string;
  readonly sectionTitle: string;
  readonly statement: string;
  readonly quotes: readonly string[];
  readonly citations: readonly number[];
}

export interface Finding extends Provenance {
  readonly kind: string;
  readonly kindLabel: string;
}

export interface Precondition extends Provenance {
  readonly label: string;
  readonly status: "met" | "unmet" | "unknown";
  /** The fact paths the precondition reads. */
  readonly facts: readonly string[];
  /** When unknown: the facts whose absence leaves it undecided. */
  readonly missing: readonly string[];
}

export interface Recommendation extends Provenance {
  readonly code: string;
  readonly label: string;
}

export interface PlanEntry {
  /** The drug of the vocabulary, or the name as given when the vocabulary does not know it. */
  readonly drug: string;
  /** The name as given in the facts. */
  readonly given: string;
  /** The drug's label in the guideline's language (the name as given when the vocabulary does not know it). */
  readonly label: string;
  /** Index of the treatment in the medication list. */
  readonly index: number;
  readonly atc?: string;
  readonly action: "stop" | "continue" | "bridge" | "refer" | "unknown";
  /** The delay as written in the guideline, for `stop` and `bridge`. */
  readonly before?: { readonly value: number; readonly unit: string };
  /** The delay in hours. */
  readonly hoursBefore?: number;
  /**
   * With a procedure date: the procedure date minus the delay. For `stop`, the treatment is
   * not taken from this date (or date-time) on; for `bridge`, the bridging heparin is not given
   * from then on.
   */
  readonly date?: string;
  /** Why: the rule that settled the action; absent for `refer` by default and for `unknown`. */
  readonly provenance?: Provenance;
  /** For `refer`: why the plan does not settle this treatment. */
  readonly reason?: string;
  /** For `unknown`: the facts needed to decide. */
  readonly missing: readonly string[];
}

export interface Report {
  readonly guideline: { readonly id: string; readonly edition: number; readonly contentHash: string };
  readonly verdict: string;
  readonly verdictLabel: string;
  readonly verdictQuestion: string;
  readonly findings: readonly Finding[];
  readonly preconditions: readonly Precondition[];
  readonly medicationPlan: readonly PlanEntry[];
  /** The guideline's reminder that plan changes are agreed with the anaesthesia team and prescriber. */
  readonly medicationPlanReminder: string;
  readonly recommendations: readonly Recommendation[];
  /** Fact paths whose absence left something undecided (verdict, a precondition, a plan entry, a finding or a recommendation), sorted. */
  readonly missing: readonly string[];
  /** The fact paths the verdict needs: empty unless the verdict is incomplete. Each is also in `missing`. */
  readonly verdictMissing: readonly string[];
  /** Rules left undecided by missing facts, with the facts each needs. */
  readonly undecided: readonly { readonly rule: string; readonly drug?: string; missing: readonly string[] }[];
}
