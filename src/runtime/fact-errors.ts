import type { DiagnosticCode } from "../diagnostics/codes.js";
import { makeDiagnostic } from "../diagnostics/diagnostic.js";
import { runtimeLimits } from "./limits.js";

/** One problem with the facts given: where (a JSON path such as `$.labs.count`) and why. */
export interface FactError {
  /** A JSON path to the offending value: `$.labs.count`, `$.medications[0].atc`. */
  readonly path: string;
  /**
   * `GL5001` wrong type, `GL5011`–`GL5019` wrong shape, `GL5002` unknown fact, `GL5003` unit not
   * convertible, `GL5004` out of range, `GL5006` not a calendar date; `GL5030`–`GL5041` a non-finite number, an overflowing
   * conversion, a value that is not JSON data, or a limit (docs/security.md).
   */
  readonly code: DiagnosticCode;
  /** What is wrong, in English. */
  readonly message: string;
  /** Advice, such as a "did you mean" for an unknown fact. */
  readonly hint?: string;
}

/**
 * At most `runtimeLimits.errors` problems, then one `GL5041` that counts the others: the list
 * (and the report of it) grows no faster than the limit, whatever the input.
 */
function listed(errors: readonly FactError[]): readonly FactError[] {
  const limit = runtimeLimits.errors;
  if (errors.length <= limit) return errors;
  const rest = { path: "$", code: "GL5041" as const, message: makeDiagnostic("GL5041", undefined, [errors.length - limit, limit]).message };
  return [...errors.slice(0, limit), rest];
}

/** Thrown by `evaluate` when the facts are not valid: nothing was evaluated. */
export class InvalidFactsError extends Error {
  /** Every problem found, shape and value problems together (at most `runtimeLimits.errors`, then a `GL5041` counting the rest). */
  readonly errors: readonly FactError[];
  constructor(allErrors: readonly FactError[]) {
    const errors = listed(allErrors);
    super(`invalid facts:\n${errors.map((e) => `  ${e.path}: ${e.message}${e.hint ? ` (${e.hint})` : ""}`).join("\n")}`);
    this.name = "InvalidFactsError";
    this.errors = errors;
  }
}

/** True when the JSON path `path` is `at` or the path of a value inside it (`$.a.b[0]` is inside `$.a.b`, `$.a.bc` is not). */
export function isAtOrInside(path: string, at: string): boolean {
  return path === at || path.startsWith(`${at}.`) || path.startsWith(`${at}[`);
}

/** `$.a.b[0].c` from path segments. */
export function jsonPath(segments: readonly (string | number)[]): string {
  return `$${segments.map((s) => (typeof s === "number" ? `[${s}]` : /^[A-Za-z_$][\w$]*$/.test(s) ? `.${s}` : `[${JSON.stringify(s)}]`)).join("")}`;
}

/** The segments of a JSON pointer (`/labs/count` → `["labs", "count"]`), with `~1` and `~0` decoded. */
export function jsonPointerSegments(pointer: string): string[] {
  if (!pointer) return [];
  return pointer
    .slice(1)
    .split("/")
    .map((s) => s.replace(/~1/g, "/").replace(/~0/g, "~"));
}
