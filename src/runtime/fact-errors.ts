import type { DiagnosticCode } from "../diagnostics/codes.js";
import { makeDiagnostic } from "../diagnostics/diagnostic.js";
import { runtimeLimits } from "./limits.js";

/** One problem with the facts given: where (a JSON path such as `$.labs.count`) and why. */
export interface FactError {
  /** A JSON path to the offending value: `$.labs.count`, `$.medications[0].atc`. */
  readonly path: string;
  /**
   * `GL5001` type or shape, `GL5002` unknown fact, `GL5003` unit not convertible, `GL5004` out of
   * range, `GL5006` not a calendar date; `GL5030`–`GL5041` a non-finite number, an overflowing
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

/** The codes an {@link InvalidPackError} carries. */
export type PackErrorCode = "GL5005" | "GL5042" | "GL5043" | "GL5044" | "GL5045" | "GL5046" | "GL5048" | "GL5050";

/**
 * Thrown when a rule pack is not one this runtime can run or trust: `GL5005` not valid,
 * `GL5042` not signed, `GL5043` signature that does not verify, `GL5044` malformed signature,
 * `GL5045` nested too deep, `GL5046` a facts-schema pattern the compiler never emits,
 * `GL5048` a key that cannot sign, `GL5050` a pack file over the size limit.
 */
export class InvalidPackError extends Error {
  /** The diagnostic code: `GL5005` unless a more precise one applies. */
  readonly code: PackErrorCode;
  /** @param problem What is wrong, for `GL5005`; or another code of the table with its arguments. */
  constructor(problem: string | { readonly code: PackErrorCode; readonly args: readonly (string | number)[] }) {
    const { code, args } = typeof problem === "string" ? { code: "GL5005" as const, args: [problem] } : problem;
    super(makeDiagnostic(code, undefined, args).message);
    this.name = "InvalidPackError";
    this.code = code;
  }
}

/** `$.a.b[0].c` from path segments. */
export function jsonPath(segments: readonly (string | number)[]): string {
  return `$${segments.map((s) => (typeof s === "number" ? `[${s}]` : /^[A-Za-z_$][\w$]*$/.test(s) ? `.${s}` : `[${JSON.stringify(s)}]`)).join("")}`;
}
