import type { ErrorObject } from "ajv/dist/2020.js";
import type { DiagnosticCode } from "../diagnostics/codes.js";
import { hint, hintText, makeDiagnostic } from "../diagnostics/diagnostic.js";
import { closestName } from "../diagnostics/did-you-mean.js";
import { jsonPath, jsonPointerSegments, type FactError } from "./fact-errors.js";
import { runtimeLimits } from "./limits.js";
import type { RulePack } from "../pack/pack-format.js";
import { factPathOf } from "../pack/fact-path.js";
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
      const property = (error.params as { additionalProperty: string }).additionalProperty;
      const full = factPathOf([...segments, property]);
      // A "did you mean" costs an edit distance per declared fact: only the first few get one.
      const suggestion = hinted++ < runtimeLimits.hints ? closestName(full, declaredPaths) : undefined;
      const diagnostic = makeDiagnostic("GL5002", undefined, [jsonPath([...segments, property]).slice(2)]);
      made = {
        path: jsonPath([...segments, property]),
        code: "GL5002",
        message: diagnostic.message,
        ...(suggestion ? { hint: hintText(hint("didYouMean", suggestion)) } : {}),
      };
    } else {
      const [code, args] = describeError(error, unitOf(pack, segments));
      made = { path: jsonPath(segments), code, message: makeDiagnostic(code, undefined, args).message };
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
  return jsonPointerSegments(pointer).map((s) => (/^\d+$/.test(s) ? Number(s) : s));
}

function unitOf(pack: RulePack, segments: readonly (string | number)[]): string | undefined {
  const fact = pack.facts.find((f) => f.path === factPathOf(segments));
  return fact?.type === "quantity" ? fact.unit : undefined;
}

/**
 * The code of the table for a schema error, with its arguments. Ajv's keywords are an open set:
 * a keyword the compiler's facts schema does not use is reported with Ajv's own words (GL5019).
 */
function describeError(error: ErrorObject, unit: string | undefined): readonly [DiagnosticCode, readonly string[]] {
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case "anyOf":
      return unit ? ["GL5011", [unit]] : ["GL5012", []];
    case "type":
      return ["GL5001", [String(params.type).replace(/,/g, " or ")]];
    case "enum":
      return [
        "GL5013",
        [
          (params.allowedValues as unknown[])
            .filter((v) => v !== null)
            .map((v) => JSON.stringify(v))
            .join(", "),
        ],
      ];
    case "required":
      return ["GL5014", [String(params.missingProperty)]];
    case "pattern":
      if (error.instancePath.endsWith("/atc")) return ["GL5015", []];
      if (error.instancePath.endsWith("/name")) return ["GL5016", []];
      return ["GL5017", []];
    case "minLength":
      return ["GL5018", []];
    default:
      return ["GL5019", [error.keyword, error.message ?? "is not valid"]];
  }
}
