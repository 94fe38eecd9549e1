import type { ServeLimits } from "./serve-limits.js";
import { refusal, ServiceError } from "./service-error.js";

/** Longest part of a client's content type shown back in a message. */
const shownContentType = 64;

/** The `code` of an error fastify raises (`FST_ERR_…`), if any. */
function frameworkCode(error: unknown): string | undefined {
  if (typeof error !== "object" || error === null || !("code" in error)) return undefined;
  return typeof error.code === "string" ? error.code : undefined;
}

/** The status fastify gives an error of the request (4xx), if any. */
function clientStatus(error: unknown): number | undefined {
  if (typeof error !== "object" || error === null || !("statusCode" in error)) return undefined;
  const status = error.statusCode;
  return typeof status === "number" && status >= 400 && status < 500 ? status : undefined;
}

/**
 * The coded refusal for anything that stops a request: the service's own refusals as they are;
 * what fastify refuses (a body too large, a content type that is not JSON, a request over its
 * time) with the service's code for it; anything else is an internal error (GL7098, status 500),
 * whose message is never sent nor logged (it may quote the request).
 */
export function refusalOf(error: unknown, limits: ServeLimits, contentType: string | undefined): ServiceError {
  if (error instanceof ServiceError) return error;
  const code = frameworkCode(error);
  if (code === "FST_ERR_CTP_BODY_TOO_LARGE") return refusal(413, "GL7091", [limits.bodyBytes]);
  if (code === "FST_ERR_CTP_INVALID_MEDIA_TYPE") return refusal(415, "GL7096", [(contentType ?? "").slice(0, shownContentType)]);
  if (code === "FST_ERR_HANDLER_TIMEOUT") return refusal(503, "GL7097", [limits.requestMs]);
  if (clientStatus(error) !== undefined) return refusal(400, "GL7090");
  return refusal(500, "GL7098");
}
