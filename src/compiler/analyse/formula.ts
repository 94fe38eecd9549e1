import { assertNever } from "../../shared/assert-never.js";
import { doseFactId, takingFactId } from "../../pack/pack-format.js";
import type { CheckedGuideline, ConditionModel, RuleModel } from "../model.js";
import { comparisonInterval, describeInterval, rangeInterval, type Interval } from "./intervals.js";
import { negateComparison } from "../../pack/comparison-operator.js";

/**
 * Conditions as formulas the satisfiability search works on: negation pushed down to the
 * tests (negation normal form), each test a literal on one variable of the patient.
 *
 * Variables: a yes/no fact, "the drug is taken" (one per drug of a medication list) are
 * booleans; a `one of` fact is an enumeration; a quantity fact and the daily dose of a drug
 * are numbers, within the fact's declared range (a dose is never negative).
 *
 * The runtime's logic has three values, and a patient for whom the analysis looks is a
 * complete one: every fact known. The only test that can still be unknown is the dose of a
 * drug the patient does not take, so a dose test carries "the drug is taken" with it.
 * Four translations follow from that, for "the condition definitely holds" (`holds`),
 * "definitely fails" (`fails`) and their complements (`not-holds`, `not-fails`).
 */

/** A variable of the patient. */
export type Variable =
  | { readonly kind: "boolean"; readonly key: string; readonly role: "fact"; readonly path: string }
  | { readonly kind: "boolean"; readonly key: string; readonly role: "taking"; readonly list: string; readonly drug: string }
  | { readonly kind: "enum"; readonly key: string; readonly path: string; readonly values: readonly string[] }
  | {
      readonly kind: "number";
      readonly key: string;
      readonly role: "fact";
      readonly path: string;
      readonly unit: string;
      readonly range: Interval;
    }
  | {
      readonly kind: "number";
      readonly key: string;
      readonly role: "dose";
      readonly list: string;
      readonly drug: string;
      readonly field: string;
      readonly unit: string;
      readonly range: Interval;
    };

/** The variables of a guideline, by key (the fact path, or the engine fact id of a drug's test). */
export interface Universe {
  readonly variables: ReadonlyMap<string, Variable>;
  /** The medication lists, in declaration order, for witnesses. */
  readonly lists: readonly string[];
}

/** A test on one variable. `text` says it in the source's words, for explanations. */
export type Literal =
  | { readonly kind: "bool"; readonly variable: string; readonly value: boolean; readonly text: string }
  | { readonly kind: "enum"; readonly variable: string; readonly values: readonly string[]; readonly text: string }
  | { readonly kind: "number"; readonly variable: string; readonly interval: Interval; readonly text: string };

/** A formula in negation normal form. */
export type Formula =
  | Literal
  | { readonly kind: "true" }
  | { readonly kind: "false"; readonly text: string }
  | { readonly kind: "and"; readonly operands: readonly Formula[] }
  | { readonly kind: "or"; readonly operands: readonly Formula[] };

/** The four readings of a condition; see the module comment. */
export type Reading = "holds" | "fails" | "not-holds" | "not-fails";

const TRUE: Formula = { kind: "true" };

/** Builds the variables of a checked guideline. O(facts + lists × drugs). */
export function buildUniverse(model: CheckedGuideline): Universe {
  const variables = new Map<string, Variable>();
  const lists: string[] = [];
  for (const fact of model.facts) {
    switch (fact.type) {
      case "boolean":
        variables.set(fact.path, { kind: "boolean", key: fact.path, role: "fact", path: fact.path });
        break;
      case "enum":
        variables.set(fact.path, { kind: "enum", key: fact.path, path: fact.path, values: fact.values });
        break;
      case "quantity":
        variables.set(fact.path, {
          kind: "number",
          key: fact.path,
          role: "fact",
          path: fact.path,
          unit: fact.unit,
          range: rangeInterval(
            fact.min === undefined ? undefined : Number(fact.min),
            fact.max === undefined ? undefined : Number(fact.max),
          ),
        });
        break;
      case "medications":
        lists.push(fact.path);
        for (const drug of model.drugs) {
          const taking = takingFactId(fact.path, drug.name);
          variables.set(taking, { kind: "boolean", key: taking, role: "taking", list: fact.path, drug: drug.name });
          if (fact.dose) {
            const dose = doseFactId(fact.path, drug.name, fact.dose.field);
            variables.set(dose, {
              kind: "number",
              key: dose,
              role: "dose",
              list: fact.path,
              drug: drug.name,
              field: fact.dose.field,
              unit: fact.dose.unit,
              range: rangeInterval(0, undefined),
            });
          }
        }
        break;
      case "date":
        break;
    }
  }
  return { variables, lists };
}

/** `and` of formulas, simplified: `true` operands dropped, `false` absorbs, nested `and` flattened. */
export function and(operands: readonly Formula[]): Formula {
  const out: Formula[] = [];
  for (const f of operands) {
    if (f.kind === "true") continue;
    if (f.kind === "false") return f;
    if (f.kind === "and") for (const operand of f.operands) out.push(operand);
    else out.push(f);
  }
  if (out.length === 0) return TRUE;
  return out.length === 1 && out[0] ? out[0] : { kind: "and", operands: out };
}

/** `or` of formulas, simplified: `false` operands dropped, `true` absorbs, nested `or` flattened. */
export function or(operands: readonly Formula[], whenEmpty = "no alternative is possible"): Formula {
  const out: Formula[] = [];
  for (const f of operands) {
    if (f.kind === "false") continue;
    if (f.kind === "true") return f;
    if (f.kind === "or") for (const operand of f.operands) out.push(operand);
    else out.push(f);
  }
  if (out.length === 0) return { kind: "false", text: whenEmpty };
  return out.length === 1 && out[0] ? out[0] : { kind: "or", operands: out };
}

/** "The drug is taken" (or not), as a literal. */
export function takingLiteral(list: string, drug: string, value: boolean, text = `${value ? "" : "not "}taking ${drug}`): Literal {
  return { kind: "bool", variable: takingFactId(list, drug), value, text };
}

/** How findings read in a verdict condition: the formula of "some rule gives this finding", per reading. */
export type FindingResolver = (findingKind: string, reading: Reading) => Formula;

/**
 * Translates a condition to a formula for one reading. Linear in the size of the condition
 * (a finding in a verdict condition is replaced by the formula `resolveFinding` gives).
 */
export function toFormula(condition: ConditionModel, reading: Reading, resolveFinding?: FindingResolver): Formula {
  const positive = reading === "holds" || reading === "not-fails";
  switch (condition.kind) {
    case "and":
    case "or": {
      const operands = condition.operands.map((c) => toFormula(c, reading, resolveFinding));
      // De Morgan: "fails" and "not-holds" swap `and` and `or`.
      return (condition.kind === "and") === positive ? and(operands) : or(operands);
    }
    case "not":
      return toFormula(condition.operand, swap(reading), resolveFinding);
    case "always":
      return positive ? TRUE : { kind: "false", text: "`not always`" };
    case "flag":
      return { kind: "bool", variable: condition.path, value: positive, text: positive ? condition.path : `not ${condition.path}` };
    case "taking":
      return takingLiteral(condition.list, condition.drug, positive);
    case "member": {
      const values = positive ? condition.values : condition.allValues.filter((v) => !condition.values.includes(v));
      const text = positive
        ? memberText(condition.path, condition.values, "is", "in")
        : memberText(condition.path, condition.values, "is not", "is none of");
      return values.length
        ? { kind: "enum", variable: condition.path, values, text }
        : { kind: "false", text: `\`${text}\` (no value is left)` };
    }
    case "compare": {
      const operator = positive ? condition.operator : negateComparison(condition.operator);
      const measured = condition.measured;
      const variable = measured.kind === "fact" ? measured.path : doseFactId(measured.list, measured.drug, measured.field);
      const name = measured.kind === "fact" ? measured.path : `dose of ${measured.drug}`;
      const value = Number(condition.against.value);
      const against = condition.against.threshold
        ? `${condition.against.threshold} (${condition.against.written})`
        : condition.against.written;
      const literal = (op: Exclude<typeof operator, "!=">): Literal => ({
        kind: "number",
        variable,
        interval: comparisonInterval(op, value),
        text: `${name} ${op} ${against}`,
      });
      const test = operator === "!=" ? or([literal("<"), literal(">")]) : literal(operator);
      if (measured.kind === "fact") return test;
      // A dose is known only for a drug that is taken.
      const reason = `taking ${measured.drug} (a dose is known only for a drug that is taken)`;
      if (reading === "holds" || reading === "fails") return and([takingLiteral(measured.list, measured.drug, true, reason), test]);
      return or([takingLiteral(measured.list, measured.drug, false), test]);
    }
    case "finding": {
      if (!resolveFinding) throw new Error("a finding test outside the verdict");
      return resolveFinding(condition.findingKind, reading);
    }
  }
}

/** The formula of a rule for one reading; a medication rule for one drug includes "the drug is taken". */
export function ruleFormula(rule: RuleModel, reading: Reading, drug?: string): Formula {
  const when = rule.when
    ? toFormula(rule.when, reading)
    : reading === "holds" || reading === "not-fails"
      ? TRUE
      : { kind: "false" as const, text: "a rule that always applies" };
  const effect = rule.effect;
  if (effect.kind !== "medication") return when;
  const drugs = drug ? [drug] : effect.drugs;
  // One instance per drug, each "the drug is taken and the condition holds".
  const takesOne = or(drugs.map((d) => takingLiteral(effect.list, d, true)));
  const takesNone = and(drugs.map((d) => takingLiteral(effect.list, d, false)));
  return reading === "holds" || reading === "not-fails" ? and([takesOne, when]) : or([takesNone, when]);
}

function swap(reading: Reading): Reading {
  switch (reading) {
    case "holds":
      return "fails";
    case "fails":
      return "holds";
    case "not-holds":
      return "not-fails";
    case "not-fails":
      return "not-holds";
  }
}

function memberText(path: string, values: readonly string[], one: string, many: string): string {
  return values.length === 1 ? `${path} ${one} ${values[0]}` : `${path} ${many} (${values.join(", ")})`;
}

/** Every literal of a formula, in order. */
export function literalsOf(formula: Formula): Literal[] {
  switch (formula.kind) {
    case "true":
    case "false":
      return [];
    case "and":
    case "or":
      return formula.operands.flatMap(literalsOf);
    case "bool":
    case "enum":
    case "number":
      return [formula];
    default:
      return assertNever(formula);
  }
}

/** The variable's values in words, for explanations (`the allowed range of labs.count: from 0 up to 2 000 000 /mm3`). */
export function describeRange(variable: Variable): string | undefined {
  if (variable.kind !== "number") return undefined;
  const name = variable.role === "fact" ? variable.path : `dose of ${variable.drug}`;
  const r = variable.range;
  if (!Number.isFinite(r.lo) && !Number.isFinite(r.hi)) return undefined;
  return `the allowed range of ${name} (${describeInterval(r, variable.unit)})`;
}
