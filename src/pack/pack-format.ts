import type { PlanWordingKey } from "./drug-names.js";
import type { ComparisonOperator } from "./comparison-operator.js";

/**
 * The rule pack: what the compiler writes and the runtime loads. `rules` is a plain
 * json-rules-engine rule list (a stock `new Engine(pack.rules)` runs it); everything else is
 * metadata that lets the runtime turn engine events into a traceable report.
 *
 * Three-valued logic: each guideline rule is lowered to two engine rules, one whose
 * conditions hold when the rule is definitely true and one when it is definitely false
 * (negation pushed down to the comparisons). When neither fires, the rule is unknown.
 */

/**
 * Version of this pack format; the runtime refuses packs of another major version.
 * @internal Shared by the compiler and the runtime; not part of the package's API.
 */
export const packFormatVersion = 2;

/** The verdict of a report when a missing fact could change the outcome: no outcome may be named so. */
export const undecidedVerdict = "incomplete";

/**
 * The regular expressions of the facts schema: the only patterns a pack may hold (the runtime
 * refuses any other, since a pattern runs on every evaluation). Each is linear: no nested or
 * overlapping repetition.
 * @internal Shared by the compiler and the runtime; not part of the package's API.
 */
export const factPatterns = {
  date: "^\\d{4}-\\d{2}-\\d{2}(T\\d{2}:\\d{2}(:\\d{2}(\\.\\d+)?)?(Z|[+-]\\d{2}:\\d{2})?)?$",
  notBlank: "\\S",
  atc: "^[A-Za-z]\\d{2}([A-Za-z0-9]{0,4})$",
} as const;

/** A leaf of a json-rules-engine condition, as the compiler emits it (never with `path`). */
export interface EngineLeaf {
  readonly fact: string;
  readonly operator: "equal" | "in" | "lessThan" | "lessThanInclusive" | "greaterThan" | "greaterThanInclusive";
  readonly value: string | number | boolean | readonly (string | number | boolean)[];
}

/** A json-rules-engine condition tree. */
export type EngineCondition = EngineLeaf | { readonly all: readonly EngineCondition[] } | { readonly any: readonly EngineCondition[] };

/** A json-rules-engine rule. `event.params` says which guideline rule it decides, and how. */
export interface EngineRule {
  readonly name: string;
  readonly priority: 1;
  readonly conditions: { readonly all: readonly EngineCondition[] } | { readonly any: readonly EngineCondition[] };
  readonly event: {
    readonly type: "guideline-rule";
    readonly params: { readonly rule: string; readonly drug?: string; readonly holds: boolean };
  };
}

/** A condition as the guideline states it, kept for explanation and for the verdict. */
export type PackCondition =
  | { readonly kind: "and" | "or"; readonly operands: readonly PackCondition[] }
  | { readonly kind: "not"; readonly operand: PackCondition }
  | {
      readonly kind: "compare";
      readonly fact: string;
      readonly operator: ComparisonOperator;
      readonly value: number;
      readonly unit: string;
      readonly threshold?: string;
      readonly written: string;
    }
  | { readonly kind: "member"; readonly fact: string; readonly values: readonly string[] }
  | { readonly kind: "flag"; readonly fact: string }
  | { readonly kind: "taking"; readonly fact: string; readonly drug: string }
  | { readonly kind: "finding"; readonly findingKind: string }
  | { readonly kind: "always" };

/** What a pack rule does when it holds; delays are given in their written unit and in hours. */
export type PackEffect =
  | { readonly kind: "finding"; readonly findingKind: string }
  | { readonly kind: "precondition"; readonly label: string }
  | { readonly kind: "recommend"; readonly code: string; readonly strength?: "must" | "should" | "may" }
  | {
      readonly kind: "medication";
      readonly action: "stop" | "continue" | "bridge" | "refer";
      readonly drugs: readonly string[];
      readonly target: { readonly kind: "drug" | "class"; readonly name: string };
      readonly before?: { readonly value: number; readonly unit: string; readonly hours: number; readonly threshold?: string };
    };

/** A guideline rule with its provenance. */
export interface PackRule {
  readonly id: string;
  readonly section: string;
  readonly statement: string;
  readonly quotes: readonly string[];
  readonly citations: readonly number[];
  /** Engine fact ids the condition reads. */
  readonly facts: readonly string[];
  /** The condition as stated; absent when a medication rule applies whenever the drug is taken. */
  readonly condition?: PackCondition;
  readonly effect: PackEffect;
}

/** A class of drugs: its name, label and, when declared, the ATC prefixes of its members. */
export interface PackClass {
  readonly name: string;
  readonly label: string;
  /** ATC prefixes: a treatment whose code is no drug's but starts with one of them is a drug of the class. */
  readonly atc?: readonly string[];
}

/** A drug of the pack's vocabulary. */
export interface PackDrug {
  readonly name: string;
  /** Every ATC code of the drug; no two drugs share one. */
  readonly atc: readonly string[];
  /** Its RxNorm concept identifiers, when declared; no two drugs share one. */
  readonly rxnorm?: readonly string[];
  /** Absent for a drug the source does not name. */
  readonly class?: string;
  /** Its label in the guideline's language (the French non-proprietary name). */
  readonly label: string;
  /** Other names it is recognised by: French name, brand names, salts and forms. */
  readonly aliases: readonly string[];
  /** False for a drug the source does not name: the plan refers it, saying so. */
  readonly namedBySource: boolean;
}

/** The medication plan: its list, ATC scope, default, reminder, date fact, heading and wordings. */
export interface PackPlan {
  readonly list: string;
  readonly scopeAtc?: string;
  readonly otherwise: "refer";
  readonly reminder: string;
  readonly date?: string;
  /** The heading of the plan in the report. */
  readonly title: string;
  /** The report's text for each action and reason, by key (`stop`, `unknown-drug`…), with `{delay}`, `{date}`, `{missing}` placeholders. */
  readonly wordings: Readonly<Partial<Record<PlanWordingKey, string>>>;
}

/** A fact the pack reads: its dotted path, label, description and type (with unit and range, enum values or dose field). */
export type PackFact =
  | (PackFactCommon & { readonly type: "boolean" | "date" })
  | (PackFactCommon & { readonly type: "enum"; readonly values: readonly string[] })
  | (PackFactCommon & {
      readonly type: "quantity";
      readonly unit: string;
      readonly min?: number;
      readonly max?: number;
      /** The only units a value may be given in (the fact's unit first); absent: any unit convertible to `unit`. */
      readonly accepts?: readonly string[];
      /**
       * With `accepts`: the exact factor from each accepted unit to `unit` (value in `unit` = value
       * given × factor), computed by the compiler with UCUM, as a decimal (`1000`) or a fraction
       * (`1/7`). The runtime converts these units without loading UCUM.
       */
      readonly factors?: Readonly<Record<string, string>>;
    })
  | (PackFactCommon & { readonly type: "medications"; readonly dose?: { readonly field: string; readonly unit: string } });

/** What every fact of a pack has, whatever its type. */
export interface PackFactCommon {
  readonly path: string;
  readonly label: string;
  readonly description: string;
  /** The standard codes a health record states this fact under (`code loinc "…"`), each with its FHIR system URI. */
  readonly codes?: readonly PackFactCode[];
  /** How old a recorded value may be and still be used (`window 30 d`), in its written unit and in hours. */
  readonly window?: { readonly value: number; readonly unit: string; readonly hours: number };
}

/** One standard code of a fact: the FHIR system URI (`http://loinc.org`) and the code. */
export interface PackFactCode {
  readonly system: string;
  readonly code: string;
}

/**
 * A compiled rule pack (`generated/2019/pack.json`): the json-rules-engine `rules` plus everything
 * the runtime needs to build a traceable report. Load one with `readPack` or `loadPack`.
 */
export interface RulePack {
  readonly generatedBy: string;
  readonly format: number;
  readonly guideline: {
    readonly id: string;
    readonly title: string;
    readonly edition: number;
    readonly language: string;
    readonly source: string;
    /** `sha256:` of the guideline sources and the source document. */
    readonly contentHash: string;
    /** The semantic version of the facts contract (`version` in the header), when declared. */
    readonly version?: string;
  };
  readonly compiler: { readonly name: string; readonly version: string };
  readonly facts: readonly PackFact[];
  readonly thresholds: readonly {
    readonly name: string;
    readonly role: "threshold" | "delay";
    readonly value: number;
    readonly unit: string;
    readonly written: string;
    readonly label: string;
  }[];
  /** The drug classes; a class with `atc` prefixes also takes any treatment whose code starts with one and is no drug's. */
  readonly classes: readonly PackClass[];
  /**
   * The drug vocabulary: a treatment is recognised by the drug's name or any alias (case,
   * accents and spaces aside) or by any of its ATC codes. A drug the source does not name has
   * no class and `namedBySource: false`.
   */
  readonly drugs: readonly PackDrug[];
  readonly sections: readonly { readonly id: string; readonly title: string }[];
  readonly references: readonly { readonly number: number; readonly text: string }[];
  readonly findingKinds: readonly { readonly name: string; readonly label: string }[];
  /** `forProcedure`: about how to perform the procedure, so not reported when the verdict excludes it. */
  readonly recommendations: readonly { readonly name: string; readonly label: string; readonly forProcedure?: true }[];
  readonly verdict: {
    readonly question: string;
    /** `noProcedure`: with this outcome the procedure is not done. */
    readonly outcomes: readonly {
      readonly code: string;
      readonly label: string;
      readonly when: PackCondition;
      readonly noProcedure?: true;
    }[];
    readonly otherwise: { readonly code: string; readonly label: string; readonly noProcedure?: true };
    /** Label of the `incomplete` outcome. */
    readonly undecided: string;
  };
  /** The labels of readiness (whether the procedure can be done now); `{preconditions}` is replaced by the preconditions concerned. */
  readonly readiness?: { readonly question: string; readonly ready: string; readonly notReady: string; readonly undecided: string };
  readonly plan?: PackPlan;
  readonly sourceRules: readonly PackRule[];
  /** Statements of the source that inform without deciding, with their provenance. */
  readonly information: readonly {
    readonly id: string;
    readonly section: string;
    readonly statement: string;
    readonly quotes: readonly string[];
    readonly citations: readonly number[];
  }[];
  /** json-rules-engine rules. */
  readonly rules: readonly EngineRule[];
  /** JSON Schema (draft 2020-12) of the facts this pack reads. */
  readonly factsSchema: Readonly<Record<string, unknown>>;
  /** `sha256:` of this pack's JSON without this field: the runtime refuses a pack edited after compilation. */
  readonly integrity: string;
}

/**
 * Engine fact id for "is this drug in the medication list".
 * @internal Shared by the compiler and the runtime; not part of the package's API.
 */
export function takingFactId(list: string, drug: string): string {
  return `${list}[${drug}]`;
}

/**
 * Engine fact id for the daily dose of a drug in the medication list.
 * @internal Shared by the compiler and the runtime; not part of the package's API.
 */
export function doseFactId(list: string, drug: string, field: string): string {
  return `${list}[${drug}].${field}`;
}
