import type { CdsService, HookRequest } from "./cds-hooks.js";
import { problem, ServiceError, type ServiceProblem } from "./service-error.js";

/** Longest part of a client's key shown back in a message. */
const shownKey = 64;

function isObject(value: unknown): value is Readonly<Record<string, unknown>> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** A key of the client's, cut to a readable length. */
function keyText(key: string): string {
  return key.length > shownKey ? `${key.slice(0, shownKey)}…` : key;
}

/** The problems of the fields every hook request has: `hook`, `hookInstance`, `context`, the optional `fhirServer`. */
function fieldProblems(body: Readonly<Record<string, unknown>>): ServiceProblem[] {
  const problems: ServiceProblem[] = [];
  for (const field of ["hook", "hookInstance"] as const) {
    const value = body[field];
    if (value === undefined) problems.push(problem("GL7092", [field, "is missing"], `$.${field}`));
    else if (typeof value !== "string" || value === "")
      problems.push(problem("GL7092", [field, "must be a non-empty string"], `$.${field}`));
  }
  if (body.context === undefined) problems.push(problem("GL7092", ["context", "is missing"], "$.context"));
  else if (!isObject(body.context)) problems.push(problem("GL7092", ["context", "must be a JSON object"], "$.context"));
  if (body.fhirServer !== undefined && typeof body.fhirServer !== "string")
    problems.push(problem("GL7092", ["fhirServer", "must be a string"], "$.fhirServer"));
  return problems;
}

/** The problems of `prefetch`: absent, or an object whose values are FHIR resources (objects) or null. */
function prefetchProblems(prefetch: unknown): ServiceProblem[] {
  if (prefetch === undefined) return [];
  if (!isObject(prefetch)) return [problem("GL7092", ["prefetch", "must be a JSON object"], "$.prefetch")];
  return Object.entries(prefetch).flatMap(([key, value]) =>
    value === null || isObject(value)
      ? []
      : [problem("GL7092", [`prefetch.${keyText(key)}`, "must be a FHIR resource, a Bundle or null"], `$.prefetch.${keyText(key)}`)],
  );
}

/**
 * The hook request of a body, checked against the service it is sent to: every problem found is
 * listed with its code (GL7092, GL7093) in one refusal, status 400, and nothing is evaluated.
 */
export function readHookRequest(body: unknown, service: CdsService): HookRequest {
  if (!isObject(body)) throw new ServiceError(400, [problem("GL7092", ["$", "must be a JSON object"], "$")]);
  const problems = [...fieldProblems(body), ...prefetchProblems(body.prefetch)];
  if (problems.length) throw new ServiceError(400, problems);
  const hook = body.hook as string;
  if (hook !== service.hook) throw new ServiceError(400, [problem("GL7093", [keyText(hook), service.id, service.hook], "$.hook")]);
  return {
    hook,
    hookInstance: body.hookInstance as string,
    context: body.context as Readonly<Record<string, unknown>>,
    prefetch: (body.prefetch ?? {}) as Readonly<Record<string, unknown>>,
  };
}
