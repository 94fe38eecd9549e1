/**
 * How a medication entry's name is compared with the names of the drug vocabulary: upper and
 * lower case, accents and spaces around or repeated inside the name do not matter
 * (`" Nom  Écrit "` and `"nom ecrit"` are the same name).
 * @internal Shared by the compiler (two drugs may not share a name) and the runtime.
 */
export function drugNameKey(name: string): string {
  return name.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase().replace(/\s+/g, " ").trim();
}

/**
 * The drug name that stands, in a pack's rules and facts, for any treatment recognised only by
 * one of a class's ATC prefixes (its code is no declared drug's): `class:NAME`. No declared drug
 * can be named so, since a name has no `:`.
 * @internal Shared by the compiler (the class's rules apply to it) and the runtime.
 */
export function classMemberName(className: string): string {
  return `class:${className}`;
}

/** The class a {@link classMemberName} stands for, or undefined for the name of a declared drug. @internal */
export function classOfMemberName(name: string): string | undefined {
  return name.startsWith("class:") ? name.slice("class:".length) : undefined;
}

/**
 * Why a treatment is referred by default (the plan's `otherwise refer`): an unknown name with no
 * ATC code, a drug the source does not name, a name and a code of different drugs, rules none of
 * which applies, no rule at all.
 */
export type PlanReason = "unknown-drug" | "not-named-by-source" | "name-atc-mismatch" | "no-rule-applies" | "not-covered";

/**
 * A key of the guideline's clinical wording for the report and the rulebook, beyond actions and
 * reasons: what the procedure is called where the report or the rulebook speaks of it, the
 * heading of the preconditions, the names of the `bridge` and `refer` actions, and the phrases
 * that place a delay before the procedure. The program holds none of these words: without a
 * wording, the report and the rulebook fall back on a neutral phrase of the interface catalogue.
 */
export type ProcedureWordingKey =
  | "procedure-now"
  | "procedure-excluded"
  | "procedure-readiness-title"
  | "procedure-readiness-explained"
  | "procedure-not-done"
  | "procedure-recommendation"
  | "procedure-recommendation-yes"
  | "preconditions"
  | "precondition-effect"
  | "missing-before-procedure"
  | "plan-excluded"
  | "plan-empty"
  | "before-procedure"
  | "bridge-before-procedure"
  | "bridge-action"
  | "refer-action";

/**
 * A key of a plan `wording`: an action, a reason of a default referral, `outside-scope` (the
 * heading of the treatments outside the plan's ATC scope), or a {@link ProcedureWordingKey}.
 */
export type PlanWordingKey = "stop" | "continue" | "bridge" | "refer" | "unknown" | PlanReason | "outside-scope" | ProcedureWordingKey;

/**
 * The keys of the procedure's wording, in the order the documentation gives them.
 * @internal Shared by the compiler and the runtime.
 */
export const procedureWordingKeys: readonly ProcedureWordingKey[] = [
  "procedure-now",
  "procedure-excluded",
  "procedure-readiness-title",
  "procedure-readiness-explained",
  "procedure-not-done",
  "procedure-recommendation",
  "procedure-recommendation-yes",
  "preconditions",
  "precondition-effect",
  "missing-before-procedure",
  "plan-excluded",
  "plan-empty",
  "before-procedure",
  "bridge-before-procedure",
  "bridge-action",
  "refer-action",
];

/**
 * Every key of a plan's `wording`s, in the order the documentation gives them.
 * @internal Shared by the compiler and the runtime.
 */
export const planWordingKeys: readonly PlanWordingKey[] = [
  "stop",
  "continue",
  "bridge",
  "refer",
  "unknown",
  "unknown-drug",
  "not-named-by-source",
  "name-atc-mismatch",
  "no-rule-applies",
  "not-covered",
  "outside-scope",
  ...procedureWordingKeys,
];

/** The reasons of a default referral, in the order the documentation gives them. */
export const planReasons: readonly PlanReason[] = [
  "unknown-drug",
  "not-named-by-source",
  "name-atc-mismatch",
  "no-rule-applies",
  "not-covered",
];

/**
 * The placeholders each wording may use: `{delay}` (the delay before the procedure), `{date}`
 * (the procedure date minus the delay) and `{missing}` (the facts to give). A part in square
 * brackets is left out when a placeholder inside it has no value (no procedure date).
 * @internal Shared by the compiler and the runtime.
 */
export const wordingPlaceholders: Readonly<Record<PlanWordingKey, readonly string[]>> = {
  stop: ["delay", "date"],
  bridge: ["delay", "date"],
  continue: [],
  refer: [],
  unknown: ["missing"],
  "unknown-drug": [],
  "not-named-by-source": [],
  "name-atc-mismatch": [],
  "no-rule-applies": [],
  "not-covered": [],
  "outside-scope": [],
  "procedure-now": [],
  "procedure-excluded": [],
  "procedure-readiness-title": [],
  "procedure-readiness-explained": [],
  "procedure-not-done": [],
  "procedure-recommendation": [],
  "procedure-recommendation-yes": [],
  preconditions: [],
  "precondition-effect": [],
  "missing-before-procedure": [],
  "plan-excluded": [],
  "plan-empty": [],
  "before-procedure": ["delay"],
  "bridge-before-procedure": ["delay"],
  "bridge-action": [],
  "refer-action": [],
};
