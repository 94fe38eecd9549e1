import type { DiagnosticCode } from "../diagnostics/codes.js";
import { makeDiagnostic } from "../diagnostics/diagnostic.js";

/** One coded problem of a refused request, as the answer's `errors` lists it. */
export interface ServiceProblem {
  readonly code: DiagnosticCode;
  readonly message: string;
  /** Where in the request, as a JSON path (`$.prefetch.patient`), when it is about one value. */
  readonly path?: string;
  readonly hint?: string;
}

/** The body of every refusal: the problems, each with its code. */
export interface ErrorBody {
  readonly errors: readonly ServiceProblem[];
}

/** A request the service refuses: the HTTP status and the problems, each with its code. */
export class ServiceError extends Error {
  readonly status: number;
  readonly problems: readonly ServiceProblem[];
  constructor(status: number, problems: readonly ServiceProblem[]) {
    super(problems.map((p) => p.code).join(", "));
    this.name = "ServiceError";
    this.status = status;
    this.problems = problems;
  }
}

/** A problem from the table of codes, with its message and hint filled. */
export function problem(code: DiagnosticCode, args: readonly (string | number)[] = [], path?: string): ServiceProblem {
  const made = makeDiagnostic(code, undefined, args);
  return { code, message: made.message, ...(path !== undefined ? { path } : {}), ...(made.hint !== undefined ? { hint: made.hint } : {}) };
}

/** A refusal with one problem of the table. */
export function refusal(status: number, code: DiagnosticCode, args: readonly (string | number)[] = [], path?: string): ServiceError {
  return new ServiceError(status, [problem(code, args, path)]);
}
