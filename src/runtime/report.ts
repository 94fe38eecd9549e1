import type { PlanReason, PlanWordingKey } from "../pack/drug-names.js";

/**
 * The evaluation report: a stable JSON shape, documented in docs/report.md.
 * Every item that comes from a rule carries its provenance.
 */

/** Where a statement comes from: the rule, its section, the verbatim quotes and references. */
export interface Provenance {
  /** The rule's identifier in the guideline (`rule NAME`). */
  readonly rule: string;
  /** The identifier of the section the rule belongs to. */
  readonly section: string;
  /** The section's title, as in the source document. */
  readonly sectionTitle: string;
  /** What the rule says, in the guideline's language. */
  readonly statement: string;
  /** The verbatim sentences of the source document, as written in the guideline (markup included). */
  readonly quotes: readonly string[];
  /** The numbers of the references the source cites for the rule. */
  readonly citations: readonly number[];
}

/** A finding that definitely holds for the patient, with the rule that produced it. */
export interface Finding extends Provenance {
  /** The kind of finding (`finding KIND`), which the verdict tests. */
  readonly kind: string;
  /** The label of that kind. */
  readonly kindLabel: string;
}

/** A precondition rule of the guideline, whatever its status: every one appears in the report. */
export interface Precondition extends Provenance {
  /** The label of `then precondition "…"`, else the rule's statement. */
  readonly label: string;
  /** `met` when the condition definitely holds, `unmet` when it definitely does not, else `unknown`. */
  readonly status: "met" | "unmet" | "unknown";
  /** The fact paths the precondition reads. */
  readonly facts: readonly string[];
  /** The patient's values of those facts that are known, in each fact's own unit, so a reader sees the value beside the requirement. */
  readonly values: readonly {
    readonly fact: string;
    readonly label: string;
    readonly value: string | number | boolean;
    readonly unit?: string;
  }[];
  /** When unknown: the facts whose absence leaves it undecided. */
  readonly missing: readonly string[];
}

/** A recommendation that definitely holds, once per rule that makes it. */
export interface Recommendation extends Provenance {
  /** The recommendation's code (`recommendation CODE`). */
  readonly code: string;
  /** Its label. */
  readonly label: string;
  /**
   * The strength of the source's own verb, when the rule states it: `must` (« doit/devra »),
   * `should` (« préférable »), `may` (« peut/pourra »).
   */
  readonly strength?: "must" | "should" | "may";
}

/**
 * Whether the procedure can be done now, from the preconditions and the medication plan:
 * `not-ready` when a precondition is definitely unmet or a treatment is still to be stopped or
 * bridged; `unknown` when none of that holds but a precondition is unknown, a treatment is to be
 * decided or unknown, or the medication list is missing; else `ready`.
 */
export interface Readiness {
  readonly status: "ready" | "not-ready" | "unknown";
  /** The guideline's label for this status, with the preconditions concerned. */
  readonly label: string;
  /** The question readiness answers, from the guideline. */
  readonly question: string;
  /** The precondition rules concerned: unmet ones (`not-ready`), unknown ones (`unknown`), all (`ready`). */
  readonly preconditions: readonly string[];
  /** The medication plan entries concerned, by `index`: to stop or bridge (`not-ready`), to decide or unknown (`unknown`). */
  readonly treatments: readonly number[];
  /** The facts needed before the procedure: those that leave a precondition unknown. */
  readonly missing: readonly string[];
}

/** A missing fact with its label, and what it is needed for. */
export interface MissingFact {
  /** The fact path, as in `missing`. */
  readonly path: string;
  /** The label of its fact in the guideline's language. */
  readonly label: string;
  /**
   * `verdict`: it leaves the verdict open; `readiness-and-plan`: a precondition or a plan entry
   * needs it; `other`: a finding or a recommendation needs it.
   */
  readonly purpose: "verdict" | "readiness-and-plan" | "other";
}

/** A missing fact that matters, ranked: see `relevant` in docs/report.md. */
export interface RankedFact {
  /** The fact path, as in `missing`. */
  readonly path: string;
  /** The label of its fact in the guideline's language. */
  readonly label: string;
  /**
   * How much knowing it settles, whatever its value: for the value of this fact that settles the
   * fewest, how many of the other facts of the same list stop mattering (the three-valued
   * evaluation no longer needs them). Lists are sorted by it, most first, then by `maySettle`,
   * then in the order the guideline declares the facts.
   */
  readonly settles: number;
  /** The same count for the value of this fact that settles the most. */
  readonly maySettle: number;
}

/**
 * The missing facts that matter, ranked, for each thing the report leaves open. A fact is listed
 * for a thing when two completions of the missing facts that differ only in it give that thing
 * different values; nothing else is listed. Every fact listed is in `missing`.
 */
export interface RelevantFacts {
  /**
   * True when every list is exact; false when the search went over its budget (or met a fact
   * whose values it cannot enumerate) for some list, which then holds the facts `missing` gives
   * for that thing (all that could matter), each with `settles` and `maySettle` 0.
   */
  readonly exact: boolean;
  /** For the verdict: empty unless it is `incomplete`. */
  readonly verdict: readonly RankedFact[];
  /** For readiness (the plan drawn up whatever the verdict): empty when it is settled. */
  readonly readiness: readonly RankedFact[];
  /** For each entry of the plan whose action is `unknown`, by `index`. */
  readonly plan: readonly { readonly index: number; readonly drug: string; readonly facts: readonly RankedFact[] }[];
  /** For each recommendation rule left undecided, in the order of the guideline. */
  readonly recommendations: readonly { readonly rule: string; readonly facts: readonly RankedFact[] }[];
}

/** What to do with one treatment of the medication list before the procedure. */
export interface PlanEntry {
  /**
   * The drug of the vocabulary, or the name as given when the vocabulary does not know it; for a
   * treatment recognised by a class's ATC prefix (`byClass`), `class:` and the class's name.
   */
  readonly drug: string;
  /** The name as given in the facts. */
  readonly given: string;
  /** The drug's label in the guideline's language (the name as given when the vocabulary does not know it). */
  readonly label: string;
  /** Index of the treatment in the medication list. */
  readonly index: number;
  /** The ATC code given (upper-cased), else the drug's code in the guideline; absent if neither. */
  readonly atc?: string;
  /**
   * For a treatment whose code is no drug's of the guideline but starts with a class's ATC
   * prefix: the class (name and label) and the prefix it was recognised by. The class's rules
   * apply to it; `label` is then the name as given.
   */
  readonly byClass?: { readonly class: string; readonly label: string; readonly prefix: string };
  /** `stop`, `continue`, `bridge`, `refer`, or `unknown` when a missing fact could change it. */
  readonly action: "stop" | "continue" | "bridge" | "refer" | "unknown";
  /** The delay as written in the guideline, for `stop` and `bridge`. */
  readonly before?: { readonly value: number; readonly unit: string };
  /** The delay in hours. */
  readonly hoursBefore?: number;
  /**
   * With a procedure date: the procedure date minus the delay. What the date means for the
   * action is said by the plan's wording in the guideline (`medicationPlanWordings`): in the 2019
   * edition, for `stop` the first day without the treatment, for `bridge` the day of the last
   * injection of the bridging treatment.
   */
  readonly date?: string;
  /** Why: the rule that settled the action; absent for `refer` by default and for `unknown`. */
  readonly provenance?: Provenance;
  /**
   * For a default `refer` only, why (the French line comes from the plan's wording in the pack):
   * - `unknown-drug`: neither the name nor an ATC code is recognised, and no code is given;
   * - `not-named-by-source`: a drug the source does not name (declared so, or an unknown name
   *   with an ATC code in the plan's scope that is no drug's of the vocabulary);
   * - `name-atc-mismatch`: the name is one drug and the ATC code another drug (see `mayBe`), or a code the drug does not have;
   * - `no-rule-applies`: the drug has rules, and none applies;
   * - `not-covered`: the drug has no rule.
   */
  readonly reason?: PlanReason;
  /** For `name-atc-mismatch`: the drugs of the vocabulary the entry may be (its name's, then its code's). */
  readonly mayBe?: readonly string[];
  /** For `unknown`: the facts needed to decide. */
  readonly missing: readonly string[];
}

/** A treatment of the plan's list left outside the plan: its ATC code is outside the plan's scope. */
export interface OutsidePlanEntry {
  /** Index of the treatment in the medication list. */
  readonly index: number;
  /** The name as given. */
  readonly given: string;
  /** The drug's label when the vocabulary knows it, else the name as given. */
  readonly label: string;
  /** The drug of the vocabulary, when recognised. */
  readonly drug?: string;
  /** The ATC code given, upper-cased. */
  readonly atc?: string;
}

/**
 * The result of `evaluate`: the verdict, findings, preconditions, medication plan and
 * recommendations, each traced to its rule, and the facts whose absence left something
 * undecided. The JSON shape is documented field by field in docs/report.md.
 * `Verdict` is the type of `verdict`: any outcome code by default; an edition's typed entry
 * (`guideline-kb/current`, `guideline-kb/editions/<year>/evaluate`) narrows it to the union of
 * that edition's outcome codes and `incomplete`.
 */
export interface Report<Verdict extends string = string> {
  /** The pack that produced the report: guideline id, edition and `sha256:` content hash. */
  readonly guideline: { readonly id: string; readonly edition: number; readonly contentHash: string };
  /** The outcome code, or `incomplete` when a missing fact could change it. */
  readonly verdict: Verdict;
  /** The outcome's label (for `incomplete`, the verdict's `undecided` label). */
  readonly verdictLabel: string;
  /** The question the verdict answers. */
  readonly verdictQuestion: string;
  /**
   * One line for the top of any output: the verdict label and, unless the verdict excludes the
   * procedure, the readiness label (« <outcome label> — <readiness label> »).
   */
  readonly headline: string;
  /** Whether the procedure can be done now, from the preconditions. */
  readonly readiness: Readiness;
  /** Findings that definitely hold, in the order of the guideline. */
  readonly findings: readonly Finding[];
  /** Every precondition rule, with its status. */
  readonly preconditions: readonly Precondition[];
  /**
   * One entry per treatment in the plan's scope, in the order of the medication list. Empty when
   * the verdict excludes the procedure (`procedureExcluded`): no treatment is changed for a
   * procedure that will not be done.
   */
  readonly medicationPlan: readonly PlanEntry[];
  /** True when the verdict is an outcome with which the procedure is not done (`no procedure`). */
  readonly procedureExcluded: boolean;
  /** The guideline's reminder shown with the plan (in the 2019 edition: who agrees to the changes). */
  readonly medicationPlanReminder: string;
  /** The heading of the plan, as the guideline words it ("" without a plan or a title). */
  readonly medicationPlanTitle: string;
  /**
   * What the report says for each action and reason, as the guideline words it (`stop`,
   * `unknown-drug`…), with the placeholders `{delay}`, `{date}` and `{missing}`; a part in
   * square brackets is left out when a placeholder inside it has no value.
   */
  readonly medicationPlanWordings: Readonly<Partial<Record<PlanWordingKey, string>>>;
  /**
   * The treatments of the plan's list that are outside its ATC scope, in list order: never
   * dropped silently. Each is recognised first: a drug given under another of its own codes is in the plan.
   */
  readonly outsidePlan: readonly OutsidePlanEntry[];
  /** Recommendations that definitely hold, in the order of the guideline. */
  readonly recommendations: readonly Recommendation[];
  /** Fact paths whose absence left something undecided (verdict, a precondition, a plan entry, a finding or a recommendation), sorted. */
  readonly missing: readonly string[];
  /** Every fact of `missing` with its label, verdict first, then readiness and plan, then the rest. */
  readonly missingFacts: readonly MissingFact[];
  /** The fact paths the verdict needs: empty unless the verdict is incomplete. Each is also in `missing`. */
  readonly verdictMissing: readonly string[];
  /** Rules left undecided by missing facts, with the facts each needs. */
  readonly undecided: readonly { readonly rule: string; readonly drug?: string; missing: readonly string[] }[];
  /** The missing facts that matter, ranked, for the verdict, readiness, each plan entry and each recommendation left open. */
  readonly relevant: RelevantFacts;
  /** Where each fact came from, when the facts were read from a record (`evaluate(…, { factSources })`); absent otherwise. */
  readonly factSources?: readonly FactSource[];
  /** What could not be read from the record, when the caller gives it (`evaluate(…, { sourceProblems })`); absent otherwise. */
  readonly sourceProblems?: readonly SourceProblem[];
}

/** Where one fact came from: its path (`medications[0]` for one treatment) and the FHIR resource's type and id. */
export interface FactSource {
  readonly fact: string;
  readonly resourceType: string;
  readonly id: string;
  /** For a result: its date as the record writes it (`effective[x]`, else `issued`). */
  readonly effective?: string;
  /** For a result: its value as the record writes it, before any conversion. */
  readonly value?: number;
  /** For a result: its unit as the record writes it (the UCUM `code`, else `unit`). */
  readonly unit?: string;
  /**
   * The record's code when it is not the guideline's own: a code in the expansion of the
   * guideline's code (`expansion`: the ValueSet's url, else `ValueSet/id`), or a treatment's RxNorm code.
   */
  readonly code?: { readonly system: string; readonly code: string; readonly expansion?: string };
}

/** A problem met reading the record (`GL5060`–`GL5070`): its code, its message, and the resource it is about when there is one. */
export interface SourceProblem {
  readonly code: string;
  readonly message: string;
  readonly resourceType?: string;
  readonly id?: string;
}
