import { factPatterns } from "./pack-format.js";

/**
 * JSON Schema (draft 2020-12) of a rule pack. The engine rules are held to exactly what the
 * compiler emits: known operators only, no `path` (json-rules-engine resolves paths with
 * jsonpath-plus, which can execute code from a crafted path), no custom params, and no empty
 * `any` (json-rules-engine holds an empty `any` true), and each operator with the kind of
 * value it takes (`in` a list, comparisons a number: json-rules-engine throws on any other).
 */
const fact = { type: "string", minLength: 1 } as const;

const leaf = {
  anyOf: [
    {
      type: "object",
      properties: { fact, operator: { const: "equal" }, value: { type: ["string", "number", "boolean"] } },
      required: ["fact", "operator", "value"],
      additionalProperties: false,
    },
    {
      type: "object",
      properties: { fact, operator: { const: "in" }, value: { type: "array", items: { type: ["string", "number", "boolean"] } } },
      required: ["fact", "operator", "value"],
      additionalProperties: false,
    },
    {
      type: "object",
      properties: {
        fact,
        operator: { enum: ["lessThan", "lessThanInclusive", "greaterThan", "greaterThanInclusive"] },
        value: { type: "number" },
      },
      required: ["fact", "operator", "value"],
      additionalProperties: false,
    },
  ],
} as const;

/** `all` or `any` of conditions: a rule's top-level conditions, and a nested group. */
const conditionGroup = {
  anyOf: [
    {
      type: "object",
      properties: { all: { type: "array", items: { $ref: "#/$defs/condition" } } },
      required: ["all"],
      additionalProperties: false,
    },
    {
      type: "object",
      properties: { any: { type: "array", minItems: 1, items: { $ref: "#/$defs/condition" } } },
      required: ["any"],
      additionalProperties: false,
    },
  ],
} as const;

const condition = {
  anyOf: [{ $ref: "#/$defs/leaf" }, { $ref: "#/$defs/conditionGroup" }],
} as const;

const namedLabel = {
  type: "array",
  items: {
    type: "object",
    properties: { name: { type: "string" }, label: { type: "string" } },
    required: ["name", "label"],
    additionalProperties: false,
  },
} as const;

const strings = { type: "array", items: { type: "string" } } as const;

/** What a rule and an information item both have: identity, section, statement, quotes and references. */
const statementProperties = {
  id: { type: "string" },
  section: { type: "string" },
  statement: { type: "string" },
  quotes: strings,
  citations: { type: "array", items: { type: "integer" } },
} as const;

/** A stated condition (`PackCondition`): one exact shape per kind. */
const packCondition = {
  anyOf: [
    {
      type: "object",
      properties: { kind: { enum: ["and", "or"] }, operands: { type: "array", items: { $ref: "#/$defs/packCondition" } } },
      required: ["kind", "operands"],
      additionalProperties: false,
    },
    {
      type: "object",
      properties: { kind: { const: "not" }, operand: { $ref: "#/$defs/packCondition" } },
      required: ["kind", "operand"],
      additionalProperties: false,
    },
    {
      type: "object",
      properties: {
        kind: { const: "compare" },
        fact: { type: "string" },
        operator: { enum: [">", ">=", "<", "<=", "=", "!="] },
        value: { type: "number" },
        unit: { type: "string" },
        threshold: { type: "string" },
        written: { type: "string" },
      },
      required: ["kind", "fact", "operator", "value", "unit", "written"],
      additionalProperties: false,
    },
    {
      type: "object",
      properties: { kind: { const: "member" }, fact: { type: "string" }, values: strings },
      required: ["kind", "fact", "values"],
      additionalProperties: false,
    },
    {
      type: "object",
      properties: { kind: { const: "flag" }, fact: { type: "string" } },
      required: ["kind", "fact"],
      additionalProperties: false,
    },
    {
      type: "object",
      properties: { kind: { const: "taking" }, fact: { type: "string" }, drug: { type: "string" } },
      required: ["kind", "fact", "drug"],
      additionalProperties: false,
    },
    {
      type: "object",
      properties: { kind: { const: "finding" }, findingKind: { type: "string" } },
      required: ["kind", "findingKind"],
      additionalProperties: false,
    },
    { type: "object", properties: { kind: { const: "always" } }, required: ["kind"], additionalProperties: false },
  ],
} as const;

/** What a rule does (`PackEffect`). */
const packEffect = {
  anyOf: [
    {
      type: "object",
      properties: { kind: { const: "finding" }, findingKind: { type: "string" } },
      required: ["kind", "findingKind"],
      additionalProperties: false,
    },
    {
      type: "object",
      properties: { kind: { const: "precondition" }, label: { type: "string" } },
      required: ["kind", "label"],
      additionalProperties: false,
    },
    {
      type: "object",
      properties: { kind: { const: "recommend" }, code: { type: "string" }, strength: { enum: ["must", "should", "may"] } },
      required: ["kind", "code"],
      additionalProperties: false,
    },
    {
      type: "object",
      properties: {
        kind: { const: "medication" },
        action: { enum: ["stop", "continue", "bridge", "refer"] },
        drugs: strings,
        target: {
          type: "object",
          properties: { kind: { enum: ["drug", "class"] }, name: { type: "string" } },
          required: ["kind", "name"],
          additionalProperties: false,
        },
        before: {
          type: "object",
          properties: { value: { type: "number" }, unit: { type: "string" }, hours: { type: "number" }, threshold: { type: "string" } },
          required: ["value", "unit", "hours"],
          additionalProperties: false,
        },
      },
      required: ["kind", "action", "drugs", "target"],
      additionalProperties: false,
    },
  ],
} as const;

const factCommon = {
  path: { type: "string", pattern: "^[A-Za-z_][A-Za-z0-9_]*(?:[.-][A-Za-z0-9_]+)*$" },
  label: { type: "string" },
  description: { type: "string" },
  // The standard codes a record states the fact under: a FHIR system URI and a code of it.
  codes: {
    type: "array",
    items: {
      type: "object",
      properties: { system: { type: "string" }, code: { type: "string", pattern: "^[0-9A-Za-z.-]{1,32}$" } },
      required: ["system", "code"],
      additionalProperties: false,
    },
  },
  window: {
    type: "object",
    properties: { value: { type: "number" }, unit: { type: "string" }, hours: { type: "number", minimum: 0 } },
    required: ["value", "unit", "hours"],
    additionalProperties: false,
  },
} as const;

/** A fact the pack reads (`PackFact`), one exact shape per type. */
const packFact = {
  anyOf: [
    {
      type: "object",
      properties: { ...factCommon, type: { enum: ["boolean", "date"] } },
      required: ["path", "label", "description", "type"],
      additionalProperties: false,
    },
    {
      type: "object",
      properties: { ...factCommon, type: { const: "enum" }, values: strings },
      required: ["path", "label", "description", "type", "values"],
      additionalProperties: false,
    },
    {
      type: "object",
      properties: {
        ...factCommon,
        type: { const: "quantity" },
        unit: { type: "string" },
        min: { type: "number" },
        max: { type: "number" },
        accepts: strings,
        // A positive decimal (`1000`, `0.001`) or a positive fraction (`1/7`), exactly.
        factors: {
          type: "object",
          additionalProperties: { type: "string", pattern: "^(0\\.\\d*[1-9]\\d*|[1-9]\\d*(\\.\\d+)?|[1-9]\\d*/[1-9]\\d*)$" },
        },
      },
      required: ["path", "label", "description", "type", "unit"],
      additionalProperties: false,
    },
    {
      type: "object",
      properties: {
        ...factCommon,
        type: { const: "medications" },
        dose: {
          type: "object",
          properties: { field: { type: "string" }, unit: { type: "string" } },
          required: ["field", "unit"],
          additionalProperties: false,
        },
      },
      required: ["path", "label", "description", "type"],
      additionalProperties: false,
    },
  ],
} as const;

/**
 * A node of the facts schema: only the keywords the compiler emits, and only the patterns it
 * emits (a pattern is a regular expression the runtime would run on every evaluation: one
 * written by someone else could take exponential time), and `$ref` only to the quantity.
 */
const factsSchemaNode = {
  type: "object",
  properties: {
    title: { type: "string" },
    description: { type: "string" },
    $comment: { type: "string" },
    type: { anyOf: [{ enum: jsonTypes() }, { type: "array", items: { enum: jsonTypes() } }] },
    properties: { type: "object", additionalProperties: { $ref: "#/$defs/factsSchemaNode" } },
    additionalProperties: { const: false },
    required: strings,
    items: { $ref: "#/$defs/factsSchemaNode" },
    anyOf: { type: "array", items: { $ref: "#/$defs/factsSchemaNode" } },
    enum: { type: "array", items: { type: ["string", "null"] } },
    pattern: { enum: Object.values(factPatterns) },
    minimum: { type: "number" },
    maximum: { type: "number" },
    minLength: { type: "integer", minimum: 0 },
    $ref: { const: "#/$defs/quantity" },
    "x-unit": { type: "string" },
    "x-accepts": strings,
    "x-minimum": { type: "number" },
    "x-maximum": { type: "number" },
  },
  additionalProperties: false,
} as const;

function jsonTypes(): string[] {
  return ["object", "array", "string", "number", "integer", "boolean", "null"];
}

const factsSchema = {
  type: "object",
  properties: {
    ...factsSchemaNode.properties,
    $schema: { const: "https://json-schema.org/draft/2020-12/schema" },
    $id: { type: "string" },
    $defs: { type: "object", properties: { quantity: { $ref: "#/$defs/factsSchemaNode" } }, additionalProperties: false },
  },
  additionalProperties: false,
} as const;

/** The JSON Schema of a rule pack, which `loadPack` validates every pack against before running it. */
export const packSchema = {
  $schema: "https://json-schema.org/draft/2020-12/schema",
  $id: "urn:guideline-kb:rule-pack",
  type: "object",
  $defs: { leaf, conditionGroup, condition, packCondition, packEffect, factsSchemaNode },
  properties: {
    generatedBy: { type: "string" },
    format: { type: "integer" },
    guideline: {
      type: "object",
      properties: {
        id: { type: "string" },
        title: { type: "string" },
        edition: { type: "integer" },
        language: { type: "string" },
        source: { type: "string" },
        contentHash: { type: "string", pattern: "^sha256:[0-9a-f]{64}$" },
        version: { type: "string", pattern: "^(0|[1-9][0-9]*)\\.(0|[1-9][0-9]*)\\.(0|[1-9][0-9]*)$" },
      },
      required: ["id", "title", "edition", "language", "source", "contentHash"],
      additionalProperties: false,
    },
    compiler: {
      type: "object",
      properties: { name: { type: "string" }, version: { type: "string" } },
      required: ["name", "version"],
      additionalProperties: false,
    },
    facts: { type: "array", items: packFact },
    thresholds: {
      type: "array",
      items: {
        type: "object",
        properties: {
          name: { type: "string" },
          role: { enum: ["threshold", "delay"] },
          value: { type: "number" },
          unit: { type: "string" },
          written: { type: "string" },
          label: { type: "string" },
        },
        required: ["name", "role", "value", "unit", "written", "label"],
        additionalProperties: false,
      },
    },
    classes: {
      type: "array",
      items: {
        type: "object",
        properties: { name: { type: "string" }, label: { type: "string" }, atc: { type: "array", minItems: 1, items: { type: "string" } } },
        required: ["name", "label"],
        additionalProperties: false,
      },
    },
    drugs: {
      type: "array",
      items: {
        type: "object",
        properties: {
          name: { type: "string" },
          atc: { type: "array", minItems: 1, items: { type: "string" } },
          rxnorm: { type: "array", minItems: 1, items: { type: "string" } },
          class: { type: "string" },
          label: { type: "string" },
          aliases: { type: "array", items: { type: "string" } },
          namedBySource: { type: "boolean" },
        },
        required: ["name", "atc", "label", "aliases", "namedBySource"],
        additionalProperties: false,
      },
    },
    sections: {
      type: "array",
      items: {
        type: "object",
        properties: { id: { type: "string" }, title: { type: "string" } },
        required: ["id", "title"],
        additionalProperties: false,
      },
    },
    references: {
      type: "array",
      items: {
        type: "object",
        properties: { number: { type: "integer" }, text: { type: "string" } },
        required: ["number", "text"],
        additionalProperties: false,
      },
    },
    findingKinds: namedLabel,
    recommendations: {
      type: "array",
      items: {
        type: "object",
        properties: { name: { type: "string" }, label: { type: "string" }, forProcedure: { const: true } },
        required: ["name", "label"],
        additionalProperties: false,
      },
    },
    readiness: {
      type: "object",
      properties: { question: { type: "string" }, ready: { type: "string" }, notReady: { type: "string" }, undecided: { type: "string" } },
      required: ["question", "ready", "notReady", "undecided"],
      additionalProperties: false,
    },
    verdict: {
      type: "object",
      properties: {
        question: { type: "string" },
        outcomes: {
          type: "array",
          items: {
            type: "object",
            properties: {
              code: { type: "string" },
              label: { type: "string" },
              when: { $ref: "#/$defs/packCondition" },
              noProcedure: { const: true },
            },
            required: ["code", "label", "when"],
            additionalProperties: false,
          },
        },
        otherwise: {
          type: "object",
          properties: { code: { type: "string" }, label: { type: "string" }, noProcedure: { const: true } },
          required: ["code", "label"],
          additionalProperties: false,
        },
        undecided: { type: "string" },
      },
      required: ["question", "outcomes", "otherwise", "undecided"],
      additionalProperties: false,
    },
    plan: {
      type: "object",
      properties: {
        list: { type: "string" },
        scopeAtc: { type: "string" },
        otherwise: { const: "refer" },
        reminder: { type: "string" },
        date: { type: "string" },
        title: { type: "string" },
        wordings: { type: "object", additionalProperties: { type: "string" } },
      },
      required: ["list", "otherwise", "reminder", "title", "wordings"],
      additionalProperties: false,
    },
    sourceRules: {
      type: "array",
      items: {
        type: "object",
        properties: {
          ...statementProperties,
          facts: strings,
          condition: { $ref: "#/$defs/packCondition" },
          effect: { $ref: "#/$defs/packEffect" },
        },
        required: ["id", "section", "statement", "quotes", "citations", "facts", "effect"],
        additionalProperties: false,
      },
    },
    information: {
      type: "array",
      items: {
        type: "object",
        properties: statementProperties,
        required: ["id", "section", "statement", "quotes", "citations"],
        additionalProperties: false,
      },
    },
    rules: {
      type: "array",
      items: {
        type: "object",
        properties: {
          name: { type: "string" },
          priority: { const: 1 },
          conditions: { $ref: "#/$defs/conditionGroup" },
          event: {
            type: "object",
            properties: {
              type: { const: "guideline-rule" },
              params: {
                type: "object",
                properties: { rule: { type: "string" }, drug: { type: "string" }, holds: { type: "boolean" } },
                required: ["rule", "holds"],
                additionalProperties: false,
              },
            },
            required: ["type", "params"],
            additionalProperties: false,
          },
        },
        required: ["name", "priority", "conditions", "event"],
        additionalProperties: false,
      },
    },
    factsSchema,
    integrity: { type: "string", pattern: "^sha256:[0-9a-f]{64}$" },
  },
  required: [
    "generatedBy",
    "format",
    "guideline",
    "compiler",
    "facts",
    "thresholds",
    "classes",
    "drugs",
    "sections",
    "references",
    "findingKinds",
    "recommendations",
    "verdict",
    "sourceRules",
    "information",
    "rules",
    "factsSchema",
    "integrity",
  ],
  additionalProperties: false,
} as const;

/**
 * The ajv options every validator of a pack's schemas is built with, at compile time (the
 * standalone validators in `generated/`) and at load time (a pack from elsewhere), so that both
 * report the same errors: every error, not the first; the `x-` annotations allowed.
 * @internal Shared by the compiler and the runtime; not part of the package's API.
 */
export const schemaValidatorOptions = { allErrors: true, strict: false } as const;
