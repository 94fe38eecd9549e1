/**
 * JSON Schema (draft 2020-12) of a rule pack. The engine rules are held to exactly what the
 * compiler emits: known operators only, no `path` (json-rules-engine resolves paths with
 * jsonpath-plus, which can execute code from a crafted path), no custom params, and no empty
 * `any` (json-rules-engine holds an empty `any` true).
 */
const leaf = {
  type: "object",
  properties: {
    fact: { type: "string", minLength: 1 },
    operator: { enum: ["equal", "in", "lessThan", "lessThanInclusive", "greaterThan", "greaterThanInclusive"] },
    value: {
      anyOf: [
        { type: ["string", "number", "boolean"] },
        { type: "array", items: { type: ["string", "number", "boolean"] } },
      ],
    },
  },
  required: ["fact", "operator", "value"],
  additionalProperties: false,
} as const;

const condition = {
  anyOf: [
    { $ref: "#/$defs/leaf" },
    { type: "object", properties: { all: { type: "array", items: { $ref: "#/$defs/condition" } } }, required: ["all"], additionalProperties: false },
    { type: "object", properties: { any: { type: "array", minItems: 1, items: { $ref: "#/$defs/condition" } } }, required: ["any"], additionalProperties: false },
  ],
} as const;

const namedLabel = {
  type: "array",
  items: { type: "object", properties: { name: { type: "string" }, label: { type: "string" } }, required: ["name", "label"], additionalProperties: false },
} as const;

/** The JSON Schema of a rule pack, which `loadPack` validates every pack against before running it. */
export const packSchema = {
  $schema: "https://json-schema.org/draft/2020-12/schema",
  $id: "urn:guideline-kb:rule-pack",
  type: "object",
  $defs: { leaf, condition },
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
      },
      required: ["id", "title", "edition", "language", "source", "contentHash"],
      additionalProperties: false,
    },
    compiler: { type: "object", properties: { name: { type: "string" }, version: { type: "string" } }, required: ["name", "version"], additionalProperties: false },
    facts: {
      type: "array",
      items: {
        type: "object",
        properties: {
          path: { type: "string", pattern: "^[A-Za-z_][A-Za-z0-9_]*(?:[.-][A-Za-z0-9_]+)*$" },
          type: { enum: ["boolean", "enum", "quantity", "date", "medications"] },
        },
        required: ["path", "type", "label", "description"],
      },
    },
    thresholds: { type: "array" },
    classes: namedLabel,
    drugs: {
      type: "array",
      items: {
        type: "object",
        properties: {
          name: { type: "string" },
          atc: { type: "array", minItems: 1, items: { type: "string" } },
          class: { type: "string" },
          label: { type: "string" },
          aliases: { type: "array", items: { type: "string" } },
          namedBySource: { type: "boolean" },
        },
        required: ["name", "atc", "label", "aliases", "namedBySource"],
        additionalProperties: false,
      },
    },
    sections: { type: "array" },
    references: { type: "array" },
    findingKinds: namedLabel,
    recommendations: namedLabel,
    verdict: { type: "object", required: ["question", "outcomes", "otherwise", "undecided"] },
    plan: {
      type: "object",
      properties: { title: { type: "string" }, wordings: { type: "object", additionalProperties: { type: "string" } } },
      required: ["list", "otherwise", "reminder", "title", "wordings"],
    },
    sourceRules: {
      type: "array",
      items: { type: "object", required: ["id", "section", "statement", "quotes", "citations", "facts", "effect"] },
    },
    information: {
      type: "array",
      items: {
        type: "object",
        properties: {
          id: { type: "string" },
          section: { type: "string" },
          statement: { type: "string" },
          quotes: { type: "array", items: { type: "string" } },
          citations: { type: "array", items: { type: "integer" } },
        },
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
          conditions: {
            anyOf: [
              { type: "object", properties: { all: { type: "array", items: { $ref: "#/$defs/condition" } } }, required: ["all"], additionalProperties: false },
              { type: "object", properties: { any: { type: "array", minItems: 1, items: { $ref: "#/$defs/condition" } } }, required: ["any"], additionalProperties: false },
            ],
          },
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
    factsSchema: { type: "object" },
    integrity: { type: "string", pattern: "^sha256:[0-9a-f]{64}$" },
  },
  required: ["generatedBy", "format", "guideline", "compiler", "facts", "thresholds", "classes", "drugs", "sections", "references", "findingKinds", "recommendations", "verdict", "sourceRules", "information", "rules", "factsSchema", "integrity"],
  additionalProperties: false,
} as const;
