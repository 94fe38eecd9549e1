import { makeDiagnostic } from "../diagnostics/diagnostic.js";

/** The codes an {@link InvalidPackError} carries. */
export type PackErrorCode = "GL5005" | "GL5042" | "GL5043" | "GL5044" | "GL5045" | "GL5046" | "GL5048" | "GL5050" | "GL5051" | "GL7033";

/**
 * Thrown when a rule pack is not one this runtime can run or trust: `GL5005` not valid,
 * `GL5042` not signed, `GL5043` signature that does not verify, `GL5044` malformed signature,
 * `GL5045` nested too deep, `GL5046` a facts-schema pattern the compiler never emits,
 * `GL5048` a key that cannot sign, `GL5050` a pack file over the size limit, `GL5051` an engine
 * rule the closure evaluator does not know, `GL7033` not the pack that produced a compact report.
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
