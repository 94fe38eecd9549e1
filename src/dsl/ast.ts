import type { Span } from "../diagnostics/span.js";

/**
 * The abstract syntax tree of a guideline source, as written: names are not yet resolved
 * and numbers are kept as exact decimal strings. Every node carries its span.
 * Nodes rebuilt by error recovery may lack parts; those are optional here.
 */

/** A name as written, with its place. */
export interface Name {
  readonly text: string;
  readonly span: Span;
}

/** A text in double quotes, unescaped. */
export interface Text {
  readonly value: string;
  readonly span: Span;
}

/** A number as written (`50 000`, `0,5`), normalised to a decimal string (`50000`, `0.5`). */
export interface NumberValue {
  readonly decimal: string;
  readonly written: string;
  readonly span: Span;
}

/** A number with an optional UCUM unit: `50 000 /mm3`, `48 h`. */
export interface QuantityLiteral {
  readonly kind: "quantity";
  readonly value: NumberValue;
  readonly unit?: Name;
  readonly span: Span;
}

/** The `guideline` header: identifier, title, edition, language, source document, coverage and ignored page furniture. One per guideline. */
export interface Header {
  readonly kind: "header";
  readonly id: Name;
  readonly title?: Text;
  readonly edition?: NumberValue;
  readonly language?: Name;
  readonly source?: Text;
  /** The part of the source document this guideline transcribes: from one heading to another. */
  readonly coverage?: { readonly from: Text; readonly to: Text; readonly span: Span };
  /** Page furniture of the source document (running headers), ignored when matching quotes. */
  readonly ignore: readonly Text[];
  /** `version "2.0.0"`: the semantic version of this edition's facts contract. */
  readonly version?: Text;
  readonly span: Span;
}

/** The type written after `fact NAME :` — `yes/no`, `one of …`, `quantity in UNIT [from MIN to MAX]`, `date` or `medication list`. */
export type FactType =
  | { readonly kind: "boolean"; readonly span: Span }
  | { readonly kind: "enum"; readonly values: readonly Name[]; readonly span: Span }
  | { readonly kind: "quantity"; readonly unit?: Name; readonly min?: NumberValue; readonly max?: NumberValue; readonly span: Span }
  | { readonly kind: "date"; readonly span: Span }
  | { readonly kind: "medications"; readonly span: Span };

/** `fact NAME : TYPE` with its label, description and, for a medication list, its `dose` field. */
export interface FactDeclaration {
  readonly kind: "fact";
  readonly name: Name;
  readonly type?: FactType;
  readonly label?: Text;
  readonly description?: Text;
  /** For a medication list: the field holding the daily dose, and its unit. */
  readonly dose?: { readonly field: Name; readonly unit?: Name; readonly span: Span };
  /** For a quantity: `accepts UNIT, …`, the only units a value may be given in (empty: any convertible unit). */
  readonly accepts: readonly Name[];
  /** `code SYSTEM "CODE", …`: the standard codes (LOINC, SNOMED CT…) a health record states this fact under. */
  readonly codes: readonly FactCode[];
  /** `window 30 d`: how old a recorded value may be and still be used. */
  readonly window?: QuantityLiteral;
  readonly span: Span;
}

/** One `SYSTEM "CODE"` of a fact's `code` clause. */
export interface FactCode {
  readonly system: Name;
  readonly code: Text;
  readonly span: Span;
}

/** `threshold NAME = VALUE UNIT` or `delay NAME = VALUE UNIT`, with an optional label: a value an editor can change in one place. */
export interface ThresholdDeclaration {
  readonly kind: "threshold";
  /** `threshold` for a value to compare with, `delay` for a time before the procedure. */
  readonly role: "threshold" | "delay";
  readonly name: Name;
  readonly value?: QuantityLiteral;
  readonly label?: Text;
  readonly span: Span;
}

/**
 * `class NAME "label" atc PREFIX, PREFIX`: a class of drugs that rules can target as a whole. With
 * ATC prefixes, a treatment whose code is no declared drug's but starts with one of them is a drug
 * of the class.
 */
export interface ClassDeclaration {
  readonly kind: "class";
  readonly name: Name;
  readonly label?: Text;
  /** Its ATC prefixes, in the order written (empty when `atc` is missing). */
  readonly atc: readonly Name[];
  readonly span: Span;
}

/**
 * `drug NAME atc CODE, CODE class CLASS label "…" alias "…", "…"`: one drug of the vocabulary, by
 * its international non-proprietary name, with every ATC code it is known by and the other names
 * it is written under. `not named by source` marks a drug the source text does not name.
 */
export interface DrugDeclaration {
  readonly kind: "drug";
  readonly name: Name;
  /** Its ATC codes, in the order written (empty when `atc` is missing). */
  readonly atc: readonly Name[];
  /** Its RxNorm concept identifiers, as written (empty when `rxnorm` is missing). */
  readonly rxnorm: readonly Name[];
  readonly drugClass?: Name;
  readonly label?: Text;
  /** Other names (French name, brand names, salts and forms), in the order written. */
  readonly aliases: readonly Text[];
  /** Where `not named by source` is written, when it is. */
  readonly notNamedBySource?: { readonly span: Span };
  readonly span: Span;
}

/** `finding NAME "label"`: a kind of finding that rules produce and the verdict tests. */
export interface FindingKindDeclaration {
  readonly kind: "finding-kind";
  readonly name: Name;
  readonly label?: Text;
  readonly span: Span;
}

/** `recommendation CODE "label" [for procedure]`: a recommendation that rules can make. */
export interface RecommendationDeclaration {
  readonly kind: "recommendation";
  readonly name: Name;
  readonly label?: Text;
  /** `for procedure`: about how to perform the procedure, so not reported when the verdict excludes it. */
  readonly forProcedure: boolean;
  readonly span: Span;
}

/**
 * `readiness "question"` with the labels of its three statuses: `ready "…"`, `not ready "…"` and
 * `undecided "…"`. Readiness says whether the procedure can be done now, from the preconditions.
 */
export interface ReadinessDeclaration {
  readonly kind: "readiness";
  readonly question?: Text;
  readonly ready?: Text;
  readonly notReady?: Text;
  readonly undecided?: Text;
  readonly span: Span;
}

/** One `outcome CODE "label" when CONDITION` of the verdict, or its `otherwise` outcome. */
export interface VerdictOutcome {
  readonly code: Name;
  readonly label?: Text;
  /** Absent for the `otherwise` outcome. */
  readonly when?: Condition;
  /** `no procedure`: this outcome means the procedure will not be done. */
  readonly noProcedure: boolean;
  readonly span: Span;
}

/** The `verdict`: its question, its outcomes in order of precedence, the `otherwise` outcome and the label of the reserved undecided outcome. */
export interface VerdictDeclaration {
  readonly kind: "verdict";
  readonly question?: Text;
  readonly outcomes: readonly VerdictOutcome[];
  readonly otherwise?: VerdictOutcome;
  /** The label of the reserved `incomplete` outcome, in the guideline's language. */
  readonly undecided?: Text;
  readonly span: Span;
}

/** The medication `plan`: the list it is about, its ATC scope, `otherwise refer`, its reminder, the date fact its calendar dates count back from, its title and its wordings. */
export interface PlanDeclaration {
  readonly kind: "plan";
  readonly list: Name;
  readonly scope?: Name;
  readonly otherwise?: Name;
  readonly reminder?: Text;
  /** The date fact the plan's calendar dates count back from. */
  readonly date?: Name;
  /** The heading of the plan in the report. */
  readonly title?: Text;
  /** `wording KEY "…"`: the report's text for an action or a reason, in source order. */
  readonly wordings: readonly PlanWording[];
  readonly span: Span;
}

/** `wording KEY "…"` in the plan: the text the report shows for an action (`stop`…) or a reason (`unknown-drug`…). */
export interface PlanWording {
  readonly key: Name;
  readonly text?: Text;
  readonly span: Span;
}

/** `reference NUMBER "text"`: one entry of the source document's bibliography. */
export interface ReferenceDeclaration {
  readonly kind: "reference";
  readonly number: NumberValue;
  readonly text?: Text;
  readonly span: Span;
}

/** `section NAME "title"`: a part of the source document; the rules and information items below it belong to it. */
export interface SectionDeclaration {
  readonly kind: "section";
  readonly name: Name;
  readonly title?: Text;
  readonly span: Span;
}

/** What a rule does when its condition holds. */
export type Effect =
  | { readonly kind: "finding"; readonly findingKind: Name; readonly span: Span }
  | { readonly kind: "precondition"; readonly label?: Text; readonly span: Span }
  | { readonly kind: "recommend"; readonly code: Name; readonly strength?: Strength; readonly span: Span }
  | {
      readonly kind: "medication";
      readonly action: "stop" | "continue" | "bridge" | "refer";
      readonly target: DrugTarget;
      /** A delay name or a literal duration; for `stop` and `bridge`. */
      readonly delay?: Operand;
      readonly span: Span;
    };

/** The strength of a recommendation, from the source's verb: « doit/devra » (`must`), « préférable » (`should`), « peut/pourra » (`may`). */
export type Strength = "must" | "should" | "may";

/** One drug by name, or every drug of a class. */
export interface DrugTarget {
  readonly kind: "drug" | "class";
  readonly name: Name;
  readonly span: Span;
}

/** A `rule`: statement, verbatim quotes, citations, an optional `when` condition and one `then` effect. */
export interface RuleDeclaration {
  readonly kind: "rule";
  readonly id: Name;
  readonly statement?: Text;
  readonly quotes: readonly Text[];
  readonly citations: readonly NumberValue[];
  readonly when?: Condition;
  readonly then?: Effect;
  readonly span: Span;
}

/** A value in a comparison. */
export type Operand =
  | { readonly kind: "name"; readonly name: Name; readonly span: Span }
  | { readonly kind: "dose"; readonly drug: Name; readonly span: Span }
  | QuantityLiteral;

/** A comparison sign, after `≥`, `≤` and `≠` have been read as `>=`, `<=` and `!=`. */
export type ComparisonOperator = ">" | ">=" | "<" | "<=" | "=" | "!=";

/** A condition, built from comparisons with `and`, `or`, `not` and parentheses. */
export type Condition =
  | { readonly kind: "and" | "or"; readonly operands: readonly Condition[]; readonly span: Span }
  | { readonly kind: "not"; readonly operand: Condition; readonly span: Span }
  | {
      readonly kind: "compare";
      readonly operator: ComparisonOperator;
      readonly left: Operand;
      readonly right: Operand;
      readonly span: Span;
    }
  /** `sample.colour is red`, `sample.colour in (red, blue)` */
  | { readonly kind: "member"; readonly fact: Name; readonly values: readonly Name[]; readonly span: Span }
  /** A yes/no fact on its own: true when the fact is yes. */
  | { readonly kind: "flag"; readonly fact: Name; readonly span: Span }
  /** `taking drug-a`, `taking class class-a` */
  | { readonly kind: "taking"; readonly target: DrugTarget; readonly span: Span }
  /** `always`: true for every patient. */
  | { readonly kind: "always"; readonly span: Span }
  /** `finding absolute-contraindication`: in verdict conditions only. */
  | { readonly kind: "finding"; readonly findingKind: Name; readonly span: Span };

/** A statement of the source that informs without deciding: shown in the rulebook, citable. */
export interface InformationDeclaration {
  readonly kind: "information";
  readonly id: Name;
  readonly statement?: Text;
  readonly quotes: readonly Text[];
  readonly citations: readonly NumberValue[];
  readonly span: Span;
}

/** A sentence of the source that no rule or information quotes, with the reason why. */
export interface UncoveredDeclaration {
  readonly kind: "uncovered";
  readonly text?: Text;
  readonly reason?: Text;
  readonly span: Span;
}

/**
 * `precedence WINNER over LOSER because "REASON"`: when both rules hold for the same patient
 * and drug, `winner` decides. Settles a contradiction the consistency checks would report.
 */
export interface PrecedenceDeclaration {
  readonly kind: "precedence";
  readonly winner: Name;
  readonly loser: Name;
  readonly reason?: Text;
  readonly span: Span;
}

/**
 * `accept CODE for NAME because "REASON"`: a consistency warning (`GL3xxx`) about the rule,
 * fact, threshold, drug or outcome `subject`, accepted with a written justification.
 */
export interface AcceptDeclaration {
  readonly kind: "accept";
  readonly code: Name;
  readonly subject: Name;
  readonly reason?: Text;
  readonly span: Span;
}

/** A value given to a fact in an example. */
export type GivenValue =
  | { readonly kind: "word"; readonly word: Name; readonly span: Span }
  | { readonly kind: "quantity"; readonly quantity: QuantityLiteral; readonly span: Span }
  | { readonly kind: "text"; readonly text: Text; readonly span: Span }
  | { readonly kind: "medications"; readonly items: readonly MedicationItem[]; readonly span: Span };

/** One treatment in an example's medication list: `drug-a 75 mg/d`, `"drug-b" atc B01AF03`. */
export interface MedicationItem {
  readonly name: Name;
  readonly dose?: QuantityLiteral;
  readonly atc?: Name;
  readonly span: Span;
}

/** `given FACT = VALUE` in an example; the value is absent when error recovery lost it. */
export interface Given {
  readonly fact: Name;
  readonly value?: GivenValue;
  readonly span: Span;
}

/** What an example expects of the report. `negated` for `expect no ...`. */
export type Expectation =
  | { readonly kind: "verdict"; readonly code: Name; readonly negated: boolean; readonly span: Span }
  | { readonly kind: "precondition"; readonly rule: Name; readonly status?: Name; readonly negated: boolean; readonly span: Span }
  | {
      readonly kind: "plan";
      readonly drug: Name;
      readonly action?: Name;
      readonly delay?: Operand;
      readonly date?: Text;
      /** `because REASON`: the reason of a referral (`unknown-drug`…). */
      readonly reason?: Name;
      readonly negated: boolean;
      readonly span: Span;
    }
  | { readonly kind: "recommendation"; readonly code: Name; readonly negated: boolean; readonly span: Span }
  | { readonly kind: "finding"; readonly rule: Name; readonly negated: boolean; readonly span: Span }
  | { readonly kind: "missing"; readonly fact: Name; readonly negated: boolean; readonly span: Span }
  /** `expect refused FACT`: the runtime refuses the facts, with an error on FACT (e.g. a unit it does not accept). */
  | { readonly kind: "refused"; readonly fact: Name; readonly negated: boolean; readonly span: Span }
  /** `expect readiness ready|not-ready|unknown`. */
  | { readonly kind: "readiness"; readonly status: Name; readonly negated: boolean; readonly span: Span };

/** A worked example: facts given, and what the report must say. `guideline test` runs it. */
export interface ExampleDeclaration {
  readonly kind: "example";
  readonly id: Name;
  readonly title?: Text;
  /** `based on <example>`: start from that example's facts (not its expectations). */
  readonly base?: Name;
  readonly givens: readonly Given[];
  readonly expectations: readonly Expectation[];
  readonly span: Span;
}

/** Any top-level declaration of a source file, discriminated by `kind`. */
export type Declaration =
  | Header
  | FactDeclaration
  | ThresholdDeclaration
  | ClassDeclaration
  | DrugDeclaration
  | FindingKindDeclaration
  | RecommendationDeclaration
  | VerdictDeclaration
  | PlanDeclaration
  | ReferenceDeclaration
  | SectionDeclaration
  | RuleDeclaration
  | InformationDeclaration
  | UncoveredDeclaration
  | ExampleDeclaration
  | PrecedenceDeclaration
  | AcceptDeclaration
  | ReadinessDeclaration;

/** One parsed file: its declarations in source order. */
export interface SourceFile {
  readonly kind: "source-file";
  readonly file: string;
  readonly declarations: readonly Declaration[];
}
