import { factPathTree, type FactPathTree } from "../../pack/fact-path.js";
import { factPatterns } from "../../pack/pack-format.js";
import type { CheckedGuideline, FactModel } from "../model.js";

/** A JSON Schema document, as plain JSON data. */
export type Schema = Record<string, unknown>;

/**
 * The JSON Schema (draft 2020-12) of the facts a guideline reads. Dotted fact paths become
 * nested objects; every fact is optional (a missing fact is unknown) and may be `null` (said
 * unknown); unknown properties are rejected. A quantity is a bare number in the declared unit,
 * or `{ "value", "unit" }` in any compatible UCUM unit (range checked after conversion).
 */
export function lowerFactsSchema(model: CheckedGuideline): Schema {
  const root = objectSchema(factPathTree(model.facts, (fact) => fact.path));
  return {
    $schema: "https://json-schema.org/draft/2020-12/schema",
    $id: `urn:guideline-kb:${model.id}:${model.edition}:facts`,
    title: `Facts read by ${model.id} (${model.edition})`,
    ...root,
    $defs: {
      quantity: {
        type: "object",
        description: "A measured value with its UCUM unit.",
        properties: { value: { type: "number" }, unit: { type: "string", minLength: 1 } },
        required: ["value", "unit"],
        additionalProperties: false,
      },
    },
  };
}

/** The schema of one level of nesting: each child a fact, or the next level. */
function objectSchema(node: FactPathTree<FactModel>): Schema {
  const properties: Record<string, Schema> = {};
  for (const [segment, child] of node.children) properties[segment] = child.fact ? factSchema(child.fact) : objectSchema(child);
  return { type: "object", properties, additionalProperties: false };
}

function describe(fact: FactModel): Schema {
  return { title: fact.label, ...(fact.description ? { description: fact.description } : {}) };
}

function factSchema(fact: FactModel): Schema {
  switch (fact.type) {
    case "boolean":
      return { ...describe(fact), type: ["boolean", "null"] };
    case "enum":
      return { ...describe(fact), enum: [...fact.values, null] };
    case "date":
      return {
        ...describe(fact),
        type: ["string", "null"],
        pattern: factPatterns.date,
      };
    case "quantity":
      return {
        ...describe(fact),
        "x-unit": fact.unit,
        ...(fact.accepts ? { "x-accepts": fact.accepts } : {}),
        anyOf: [
          // The range is checked after unit conversion, the same way for both forms.
          {
            type: "number",
            ...(fact.min !== undefined ? { "x-minimum": Number(fact.min) } : {}),
            ...(fact.max !== undefined ? { "x-maximum": Number(fact.max) } : {}),
          },
          { $ref: "#/$defs/quantity" },
          { type: "null" },
        ],
      };
    case "medications": {
      const properties: Record<string, Schema> = {
        name: {
          type: "string",
          pattern: factPatterns.notBlank,
          description:
            "The name as written: international or national non-proprietary name, or a brand or salt the guideline declares as an alias (case, accents and spaces do not matter).",
        },
        atc: {
          type: "string",
          pattern: factPatterns.atc,
          description: "ATC code, if known: any code of the drug. Without it, an unknown name may be any drug of the guideline.",
        },
      };
      if (fact.dose) {
        properties[fact.dose.field] = {
          description: `Daily dose: a number in ${fact.dose.unit}, or { "value", "unit" } in a compatible UCUM unit; null or absent if not known.`,
          "x-unit": fact.dose.unit,
          anyOf: [{ type: "number", minimum: 0 }, { $ref: "#/$defs/quantity" }, { type: "null" }],
        };
      }
      return {
        ...describe(fact),
        type: ["array", "null"],
        items: { type: "object", properties, required: ["name"], additionalProperties: false },
      };
    }
  }
}
