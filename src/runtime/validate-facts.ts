import type { ErrorObject } from "ajv/dist/2020.js";
import { makeDiagnostic } from "../diagnostics/diagnostic.js";
import { closestName } from "../diagnostics/did-you-mean.js";
import { jsonPath, type FactError } from "./fact-errors.js";
import { runtimeLimits } from "./limits.js";
import type { RulePack } from "../pack/pack-format.js";
import { factsValidatorFor } from "./schema-validators.js";


/**
 * Validates facts against the pack's facts schema. Returns every problem with its JSON path;
 * an unknown property gets a "did you mean" when a declared fact is close.
 */
export function validateFacts(facts: unknown, pack: RulePack): FactError[] {
  const validate = factsValidatorFor(pack);
  if (validate(facts)) return [];
  const declaredPaths = pack.facts.map((f) => f.path);
  const errors: FactError[] = [];
  const seen = new Set<string>();
  let hinted = 0;
  for (const error of relevantErrors(validate.errors ?? [])) {
    const segments = pointerSegments(error.instancePath);
    let made: FactError;
    if (error.keyword === "additionalProperties") {
      const property = String((error.params as { additionalProperty: string }).additionalProperty);
      const full = [...segments, property].join(".");
      // A "did you mean" costs an edit distance per declared fact: only the first few get one.
      const suggestion = hinted++ < runtimeLimits.hints ? closestName(full, declaredPaths) : undefined;
      const diagnostic = makeDiagnostic("GL5002", undefined, [jsonPath([...segments, property]).slice(2)]);
      made = {
        path: jsonPath([...segments, property]),
        code: "GL5002",
        message: diagnostic.message,
        ...(suggestion ? { hint: `did you mean \`${suggestion}\`?` } : {}),
      };
    } else {
      made = { path: jsonPath(segments), code: "GL5001", message: describeError(error, unitOf(pack, segments)) };
    }
    const key = `${made.path}|${made.message}`;
    if (!seen.has(key)) {
      seen.add(key);
      errors.push(made);
    }
  }
  return errors;
}

/** For `anyOf` failures, keep one clear message instead of one per branch. */
function relevantErrors(errors: readonly ErrorObject[]): ErrorObject[] {
  const anyOfPaths = new Set(errors.filter((e) => e.keyword === "anyOf").map((e) => e.instancePath));
  return errors.filter((e) => e.keyword === "anyOf" || !anyOfPaths.has(e.instancePath));
}

function pointerSegments(pointer: string): (string | number)[] {
  if (!pointer) return [];
  return pointer
    .slice(1)
    .split("/")
    .map((s) => s.replace(/~1/g, "/").replace(/~0/g, "~"))
    .map((s) => (/^\d+$/.test(s) ? Number(s) : s));
}

function unitOf(pack: RulePack, segments: readonly (string | number)[]): string | undefined {
  const fact = pack.facts.find((f) => f.path === segments.join("."));
  return fact?.type === "quantity" ? fact.unit : undefined;
}

function describeError(error: ErrorObject, unit: string | undefined): string {
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case "anyOf":
      return `expected a number${unit ? ` in ${unit}` : ""} or { "value": number, "unit": "<UCUM unit>" }`;
    case "type": return `expected ${String(params.type).replace(/,/g, " or ")}`;
    case "enum": return `expected one of ${(params.allowedValues as unknown[]).filter((v) => v !== null).map((v) => JSON.stringify(v)).join(", ")}`;
    case "required": return `missing required property \`${String(params.missingProperty)}\``;
    case "pattern":
      if (error.instancePath.endsWith("/atc")) return "expected an ATC code such as B01AC04";
      if (error.instancePath.endsWith("/name")) return "must not be blank";
      return "expected a date such as 2026-12-10 or a date-time such as 2026-12-10T08:30:00+01:00";
    case "minimum": return `must be at least ${String(params.limit)}`;
    case "maximum": return `must be at most ${String(params.limit)}`;
    case "minLength": return "must not be empty";
    default: return error.message ?? "is not valid";
  }
}
