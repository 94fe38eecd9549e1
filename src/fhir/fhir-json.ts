/**
 * Reading untrusted FHIR JSON without trusting its shape: every accessor returns undefined for a
 * value of the wrong type, so a malformed resource is skipped, never a crash.
 */

/** A JSON object. */
export type JsonObject = Readonly<Record<string, unknown>>;

/** Whether `value` is a JSON object (not a list, not null). */
export function isObject(value: unknown): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** The object at `key`, if it is one. */
export function objectAt(value: unknown, key: string): JsonObject | undefined {
  const found = isObject(value) ? value[key] : undefined;
  return isObject(found) ? found : undefined;
}

/** The list at `key`, empty when absent or not a list. */
export function listAt(value: unknown, key: string): readonly unknown[] {
  const found = isObject(value) ? value[key] : undefined;
  return Array.isArray(found) ? (found as readonly unknown[]) : [];
}

/** The string at `key`, if it is one. */
export function stringAt(value: unknown, key: string): string | undefined {
  const found = isObject(value) ? value[key] : undefined;
  return typeof found === "string" ? found : undefined;
}

/** The finite number at `key`, if it is one. */
export function numberAt(value: unknown, key: string): number | undefined {
  const found = isObject(value) ? value[key] : undefined;
  return typeof found === "number" && Number.isFinite(found) ? found : undefined;
}

/** The boolean at `key`, if it is one. */
export function booleanAt(value: unknown, key: string): boolean | undefined {
  const found = isObject(value) ? value[key] : undefined;
  return typeof found === "boolean" ? found : undefined;
}

/** One coding of a CodeableConcept: system, code and display, each when given as a string. */
export interface Coding {
  readonly system?: string;
  readonly code?: string;
  readonly display?: string;
}

/** The codings of the CodeableConcept at `key`. */
export function codingsAt(value: unknown, key: string): readonly Coding[] {
  return listAt(objectAt(value, key), "coding")
    .filter(isObject)
    .map((c) => ({ system: stringAt(c, "system"), code: stringAt(c, "code"), display: stringAt(c, "display") }));
}

/** The first code of the CodeableConcept at `key` (`clinicalStatus`, `verificationStatus`). */
export function firstCodeAt(value: unknown, key: string): string | undefined {
  return codingsAt(value, key).find((c) => c.code !== undefined)?.code;
}
