import { makeDiagnostic, type Diagnostic } from "../diagnostics/diagnostic.js";
import { factPatterns, type PackFact, type RulePack } from "../pack/pack-format.js";
import type { BundleResource } from "./bundle-resources.js";
import { booleanAt, isObject, listAt, numberAt, objectAt, stringAt, type JsonObject } from "./fhir-json.js";
import { fhirLimits } from "./fhir-limits.js";
import type { Found } from "./observations.js";
import { printable } from "./observations.js";
import { unknownCode, yesNoSystem } from "./questionnaire-codes.js";
import { ucumOfQuantity } from "./unit-aliases.js";
import { outsideRange, valueInUnit } from "./quantity-value.js";
import { rationalOfNumber, type Rational } from "../units/rational.js";
import { assertNever } from "../shared/assert-never.js";

/** A date or date-time as the facts take it (the facts schema's own pattern). */
const datePattern = new RegExp(factPatterns.date);

/** The statuses of a QuestionnaireResponse whose answers are used. */
const answeredStatuses: ReadonlySet<string> = new Set(["completed", "amended"]);

/**
 * The answers of the completed QuestionnaireResponses, by fact path: an item's linkId is the
 * fact's path (as in the generated Questionnaire). « Ne sait pas » and an empty answer leave the
 * fact unknown; an answer that does not fit the fact is reported (GL5065) and left out. A later
 * response in the Bundle answers over an earlier one.
 */
export function questionnaireAnswers(pack: RulePack, resources: readonly BundleResource[], problems: Diagnostic[]): Map<string, Found> {
  const facts = new Map(pack.facts.filter((f) => f.type !== "medications").map((f) => [f.path, f]));
  const answers = new Map<string, Found>();
  for (const resource of resources) {
    if (resource.resourceType !== "QuestionnaireResponse") continue;
    if (!answeredStatuses.has(stringAt(resource.resource, "status") ?? "")) continue;
    for (const item of itemsOf(resource.resource, 0)) {
      const linkId = stringAt(item, "linkId");
      const fact = linkId === undefined ? undefined : facts.get(linkId);
      const answer = listAt(item, "answer")[0];
      if (!fact || !isObject(answer)) continue;
      const read = readAnswer(fact, answer);
      if (read === undefined) continue;
      if ("problem" in read) problems.push(makeDiagnostic("GL5065", undefined, [resource.label, fact.path, read.problem]));
      else answers.set(fact.path, { value: read.value, from: resource });
    }
  }
  return answers;
}

/** Every item, nested ones included, down to {@link fhirLimits.itemDepth} levels. */
function itemsOf(owner: unknown, depth: number): JsonObject[] {
  if (depth >= fhirLimits.itemDepth) return [];
  return listAt(owner, "item")
    .filter(isObject)
    .flatMap((item) => [item, ...itemsOf(item, depth + 1)]);
}

type Answer = { readonly value: unknown } | { readonly problem: string } | undefined;

function readAnswer(fact: PackFact, answer: JsonObject): Answer {
  const coding = objectAt(answer, "valueCoding");
  const code = stringAt(coding, "code");
  if (code === unknownCode) return undefined;
  switch (fact.type) {
    case "boolean": {
      const flag = booleanAt(answer, "valueBoolean");
      if (flag !== undefined) return { value: flag };
      if (stringAt(coding, "system") === yesNoSystem && (code === "Y" || code === "N")) return { value: code === "Y" };
      return { problem: "a yes/no answer is expected" };
    }
    case "enum": {
      const value = code ?? stringAt(answer, "valueString");
      return value !== undefined && fact.values.includes(value)
        ? { value }
        : { problem: `\`${printable(value)}\` is not one of ${fact.values.join(", ")}` };
    }
    case "quantity":
      return quantityAnswer(fact, answer);
    case "date": {
      const date = stringAt(answer, "valueDateTime") ?? stringAt(answer, "valueDate");
      return date !== undefined && datePattern.test(date) ? { value: date } : { problem: "a date is expected" };
    }
    case "medications":
      return undefined;
    default:
      return assertNever(fact);
  }
}

function quantityAnswer(fact: Extract<PackFact, { type: "quantity" }>, answer: JsonObject): Answer {
  const plain = numberAt(answer, "valueDecimal") ?? numberAt(answer, "valueInteger");
  if (plain !== undefined) return inRange(fact, rationalOfNumber(plain), plain);
  const quantity = objectAt(answer, "valueQuantity");
  const value = numberAt(quantity, "value");
  const unit = ucumOfQuantity({ system: stringAt(quantity, "system"), code: stringAt(quantity, "code"), unit: stringAt(quantity, "unit") });
  if (value === undefined) return { problem: "a number is expected" };
  if (unit === undefined) return { value };
  const accepts = fact.accepts ?? [fact.unit];
  const exact = valueInUnit(fact, value, unit);
  if (exact === undefined) return { problem: `the unit \`${printable(unit)}\` is not one of ${accepts.join(", ")}` };
  return inRange(fact, exact, { value, unit });
}

/** The answer, or why it is outside the fact's range. */
function inRange(fact: Extract<PackFact, { type: "quantity" }>, exact: Rational, value: unknown): Answer {
  const outside = outsideRange(fact, exact);
  return outside === undefined ? { value } : { problem: outside };
}
