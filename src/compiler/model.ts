import type { Span } from "../diagnostics/span.js";
import type { PlanReason, PlanWordingKey } from "../pack/drug-names.js";
import type { ConsistencyReport } from "./analyse/report.js";
import type { ComparisonOperator } from "../pack/comparison-operator.js";
import type { CodeSystemName } from "../pack/code-systems.js";

/**
 * The checked model: a guideline whose names are resolved, types and units checked, and
 * every threshold converted into the unit of the fact it is compared with. Lowering to the
 * rule pack, the schema and the types starts from here and never from the AST.
 */

/** A declared fact, checked: its dotted path, label, description and type (with unit and range, enum values or dose field). */
export type FactModel =
  | (FactCommon & { readonly type: "boolean" })
  | (FactCommon & { readonly type: "enum"; readonly values: readonly string[] })
  | (FactCommon & {
      readonly type: "quantity";
      readonly unit: string;
      readonly min?: string;
      readonly max?: string;
      /** `accepts`: the only units a value may be given in, the fact's own unit first; absent: any convertible unit. */
      readonly accepts?: readonly string[];
    })
  | (FactCommon & { readonly type: "date" })
  | (FactCommon & { readonly type: "medications"; readonly dose?: { readonly field: string; readonly unit: string } });

/** What every checked fact has, whatever its type. */
export interface FactCommon {
  /** Dotted path in the facts object (`labs.count`). */
  readonly path: string;
  readonly label: string;
  readonly description: string;
  /** `code`: the standard codes a health record states this fact under, in the order written. */
  readonly codes?: readonly FactCodeModel[];
  /** `window`: how old a recorded value may be and still be used (with LOINC codes). */
  readonly window?: FactWindowModel;
  readonly span: Span;
}

/** One standard code of a fact: its system as the guideline writes it, and the code. */
export interface FactCodeModel {
  readonly system: CodeSystemName;
  readonly code: string;
}

/** How old a recorded value may be: exact decimal value in its unit, and in hours. */
export interface FactWindowModel {
  readonly value: string;
  readonly unit: string;
  readonly hours: string;
}

/** A threshold or delay, checked: its exact decimal value in its own unit, as written, and its label. */
export interface ThresholdModel {
  readonly name: string;
  readonly role: "threshold" | "delay";
  /** Exact decimal value, in `unit`. */
  readonly value: string;
  readonly unit: string;
  /** The value as the editor wrote it (`50 000`). */
  readonly written: string;
  readonly label: string;
  readonly span: Span;
}

/** A drug of the vocabulary, checked: name, ATC codes, class, label, aliases, and whether the source names it. */
export interface DrugModel {
  readonly name: string;
  /** Every ATC code of the drug, the first as written first; no two drugs share one. */
  readonly atc: readonly string[];
  /** Its RxNorm concept identifiers, as written; no two drugs share one. */
  readonly rxnorm: readonly string[];
  /** Its class; absent for a drug the source does not name (no rule can be about it). */
  readonly drugClass?: string;
  readonly label: string;
  /** Other names it is written under (French name, brand names, salts), as written. */
  readonly aliases: readonly string[];
  /** False for a drug declared `not named by source`: the plan refers it and says the source does not name it. */
  readonly namedBySource: boolean;
  readonly span: Span;
}

/** A class of drugs, checked: name, label and the ATC prefixes that make an undeclared drug a member. */
export interface ClassModel extends LabelledName {
  /** ATC prefixes, as written; no two classes share or nest one. */
  readonly atc: readonly string[];
}

/** A declared name with its label (the name itself when no label is given): classes, kinds of finding, recommendations. */
export interface LabelledName {
  readonly name: string;
  readonly label: string;
  readonly span: Span;
}

/** What a comparison reads: a plain fact, or the daily dose of one drug in the medication list. */
export type Measured =
  | { readonly kind: "fact"; readonly path: string }
  | { readonly kind: "dose"; readonly list: string; readonly drug: string; readonly field: string };

/** The value a comparison is made against, already converted to the measured fact's unit. */
export interface ComparedValue {
  readonly value: string;
  readonly unit: string;
  /** The threshold name, when the source used one. */
  readonly threshold?: string;
  /** As written in the source, for readers (`50 000 /mm3`). */
  readonly written: string;
}

/** A condition with every name resolved and every compared value converted to the unit of what it is compared with. */
export type ConditionModel =
  | { readonly kind: "and" | "or"; readonly operands: readonly ConditionModel[] }
  | { readonly kind: "not"; readonly operand: ConditionModel }
  | { readonly kind: "compare"; readonly measured: Measured; readonly operator: ComparisonOperator; readonly against: ComparedValue }
  | { readonly kind: "member"; readonly path: string; readonly values: readonly string[]; readonly allValues: readonly string[] }
  | { readonly kind: "flag"; readonly path: string }
  | { readonly kind: "taking"; readonly list: string; readonly drug: string }
  | { readonly kind: "finding"; readonly findingKind: string }
  | { readonly kind: "always" };

/** What a checked rule does when it holds; a medication effect lists the drugs it applies to, its class expanded. */
export type EffectModel =
  | { readonly kind: "finding"; readonly findingKind: string }
  | { readonly kind: "precondition"; readonly label: string }
  | { readonly kind: "recommend"; readonly code: string; readonly strength?: "must" | "should" | "may" }
  | {
      readonly kind: "medication";
      readonly action: "stop" | "continue" | "bridge" | "refer";
      readonly list: string;
      /** The drugs this effect applies to: one drug, or every drug of the target class. */
      readonly drugs: readonly string[];
      readonly target: { readonly kind: "drug" | "class"; readonly name: string };
      readonly delay?: {
        readonly value: string;
        readonly unit: string;
        readonly hours: string;
        readonly threshold?: string;
        readonly written: string;
      };
    };

/** A checked rule: provenance (section, statement, quotes, citations), condition and effect. */
export interface RuleModel {
  readonly id: string;
  readonly section: string;
  readonly statement: string;
  readonly quotes: readonly { readonly text: string; readonly span: Span }[];
  readonly citations: readonly number[];
  /** Absent for a medication rule that applies whenever the drug is taken. */
  readonly when?: ConditionModel;
  readonly effect: EffectModel;
  readonly span: Span;
}

/** A statement that informs without deciding. */
export interface InformationModel {
  readonly id: string;
  readonly section: string;
  readonly statement: string;
  readonly quotes: readonly { readonly text: string; readonly span: Span }[];
  readonly citations: readonly number[];
  readonly span: Span;
}

/** What an example expects of the report. */
export type ExpectationModel = (
  | { readonly kind: "verdict"; readonly code: string }
  | { readonly kind: "precondition"; readonly rule: string; readonly status: "met" | "unmet" | "unknown" }
  | {
      readonly kind: "plan";
      readonly drug: string;
      readonly action?: "stop" | "continue" | "bridge" | "refer" | "unknown";
      readonly hoursBefore?: number;
      readonly date?: string;
      /** `because REASON`: the reason of a default referral. */
      readonly reason?: PlanReason;
    }
  | { readonly kind: "recommendation"; readonly code: string }
  | { readonly kind: "finding"; readonly rule: string }
  | { readonly kind: "missing"; readonly fact: string }
  | { readonly kind: "refused"; readonly fact: string }
  | { readonly kind: "readiness"; readonly status: "ready" | "not-ready" | "unknown" }
) & { readonly negated: boolean; readonly text: string; readonly span: Span };

/** A worked example: the facts object it gives, and what the report must say. */
export interface ExampleModel {
  readonly id: string;
  readonly title: string;
  readonly facts: Readonly<Record<string, unknown>>;
  readonly expectations: readonly ExpectationModel[];
  readonly span: Span;
}

/** The checked verdict: outcomes in order of precedence, the `otherwise` outcome and the undecided label. */
export interface VerdictModel {
  readonly question: string;
  /** `noProcedure`: the outcome means the procedure will not be done (`no procedure`). */
  readonly outcomes: readonly {
    readonly code: string;
    readonly label: string;
    readonly when: ConditionModel;
    readonly noProcedure?: true;
  }[];
  readonly otherwise: { readonly code: string; readonly label: string; readonly noProcedure?: true };
  /** Label of the `incomplete` outcome. */
  readonly undecided: string;
}

/** The labels of readiness: whether the procedure can be done now, from the preconditions. `{preconditions}` in a label is replaced by the preconditions concerned. */
export interface ReadinessModel {
  readonly question: string;
  readonly ready: string;
  readonly notReady: string;
  readonly undecided: string;
}

/** A recommendation that rules can make; `forProcedure` when it is about how to perform the procedure. */
export interface RecommendationModel extends LabelledName {
  readonly forProcedure?: true;
}

/** The checked medication plan. */
export interface PlanModel {
  readonly list: string;
  /** ATC prefix of the treatments the plan covers; others are left out of it. */
  readonly scopeAtc?: string;
  /** What to do with a covered treatment that no rule settles. */
  readonly otherwise: "refer";
  readonly reminder: string;
  /** The date fact calendar dates count back from, if any. */
  readonly date?: string;
  /** The heading of the plan in the report ("" when not given). */
  readonly title: string;
  /** What the report says for each action and reason (`wording KEY "…"`), by key; keys without a wording are absent. */
  readonly wordings: Readonly<Partial<Record<PlanWordingKey, string>>>;
}

/** A whole guideline after checking, free of errors: what the lowering passes and the example runner start from. */
export interface CheckedGuideline {
  readonly id: string;
  readonly title: string;
  readonly edition: number;
  readonly language: string;
  /** Path of the source document, relative to the guideline folder. */
  readonly sourceDocument: string;
  readonly sections: readonly { readonly id: string; readonly title: string }[];
  readonly facts: readonly FactModel[];
  readonly thresholds: readonly ThresholdModel[];
  readonly classes: readonly ClassModel[];
  readonly drugs: readonly DrugModel[];
  readonly findingKinds: readonly LabelledName[];
  readonly recommendations: readonly RecommendationModel[];
  readonly verdict: VerdictModel;
  /** The readiness labels, when the guideline declares `readiness`. */
  readonly readiness?: ReadinessModel;
  /** The semantic version of the facts contract (`version` in the header), when declared. */
  readonly version?: string;
  readonly plan?: PlanModel;
  readonly references: readonly { readonly number: number; readonly text: string }[];
  readonly rules: readonly RuleModel[];
  readonly information: readonly InformationModel[];
  /** Sentences of the source no rule quotes, each with the reason why. */
  readonly uncovered: readonly { readonly text: string; readonly reason: string; readonly span: Span }[];
  /** The part of the source document the guideline transcribes, by its first and last headings. */
  readonly coverage?: { readonly from: string; readonly to: string; readonly span: Span };
  /** Page furniture of the source document, removed before quotes are matched. */
  readonly ignore: readonly string[];
  readonly examples: readonly ExampleModel[];
  /** Declared precedences between rules, in source order. */
  readonly precedences: readonly PrecedenceModel[];
  /** Consistency warnings the source accepts, with their reasons, in source order. */
  readonly accepts: readonly AcceptModel[];
  /**
   * What the consistency checks found (accepted warnings with their reasons, the pairs of
   * plan rules checked); set by `compileGuideline` once the analysis has run.
   */
  readonly consistency?: ConsistencyReport;
}

/** `precedence WINNER over LOSER because "…"`, with both rules resolved. */
export interface PrecedenceModel {
  readonly winner: string;
  readonly loser: string;
  readonly reason: string;
  readonly span: Span;
}

/** `accept CODE for SUBJECT because "…"`, as written: the analysis matches it with its warnings. */
export interface AcceptModel {
  readonly code: string;
  readonly subject: string;
  readonly reason: string;
  readonly span: Span;
}
