import { makeDiagnostic, type Diagnostic } from "../diagnostics/diagnostic.js";
import type { BundleResource } from "./bundle-resources.js";
import { codingsAt, numberAt, objectAt, stringAt } from "./fhir-json.js";
import { ucumOfQuantity } from "./unit-aliases.js";
import { outsideRange, valueInUnit } from "./quantity-value.js";

/** A value found in the record for a fact, and the resource it came from. */
export interface Found {
  readonly value: unknown;
  readonly from: BundleResource;
}

import type { QuantityFact } from "./quantity-value.js";

/** The statuses of an Observation whose value can be used. */
const usableStatuses: ReadonlySet<string> = new Set(["final", "amended", "corrected"]);

/**
 * The value of a quantity fact with LOINC codes: the latest usable Observation with one of its
 * codes, taken within the fact's window before `now`. An Observation that cannot be used is
 * reported (GL5061 unit, GL5063 status, date or value) and left out; none: the fact stays unknown.
 */
export function observationValue(
  fact: QuantityFact,
  resources: readonly BundleResource[],
  now: Date,
  problems: Diagnostic[],
): Found | undefined {
  const codes = new Set((fact.codes ?? []).map((c) => `${c.system}|${c.code}`));
  let best: { readonly found: Found; readonly time: number } | undefined;
  // Why a result was not used matters when no result is (GL5063); a refused unit always does (GL5061).
  const unused: Diagnostic[] = [];
  for (const resource of resources) {
    if (resource.resourceType !== "Observation") continue;
    if (!codingsAt(resource.resource, "code").some((c) => codes.has(`${c.system ?? ""}|${c.code ?? ""}`))) continue;
    const read = readObservation(fact, resource, now);
    if ("problem" in read) {
      if (read.problem?.code === "GL5061") problems.push(read.problem);
      else if (read.problem) unused.push(read.problem);
      continue;
    }
    if (!best || read.time > best.time) best = { found: { value: read.value, from: resource }, time: read.time };
  }
  if (!best) problems.push(...unused);
  return best?.found;
}

type Read = { readonly value: unknown; readonly time: number } | { readonly problem: Diagnostic | undefined };

function readObservation(fact: QuantityFact, resource: BundleResource, now: Date): Read {
  const observation = resource.resource;
  const status = stringAt(observation, "status");
  if (status === "entered-in-error" || status === "cancelled") return { problem: undefined };
  const skip = (why: string): Read => ({ problem: makeDiagnostic("GL5063", undefined, [resource.label, fact.path, why]) });
  if (status === undefined || !usableStatuses.has(status)) return skip(`its status is ${printable(status)}, not final`);
  const time = observationTime(observation);
  if (time === undefined) return skip("it has no date (effectiveDateTime, effectivePeriod, effectiveInstant or issued)");
  const windowHours = fact.window?.hours;
  if (windowHours === undefined) return skip("the guideline gives this fact no window");
  if (time < now.getTime() - windowHours * 3_600_000) {
    return skip(
      `it is dated ${new Date(time).toISOString()}, more than ${fact.window?.value} ${fact.window?.unit} before ${now.toISOString()}`,
    );
  }
  const quantity = objectAt(observation, "valueQuantity");
  const value = numberAt(quantity, "value");
  if (!quantity || value === undefined) return skip("it has no valueQuantity with a number");
  if (stringAt(quantity, "comparator") !== undefined) return skip("its value is a bound (`<`, `>`), not a measure");
  const unit = ucumOfQuantity({ system: stringAt(quantity, "system"), code: stringAt(quantity, "code"), unit: stringAt(quantity, "unit") });
  const inFactUnit = unit === undefined ? undefined : valueInUnit(fact, value, unit);
  if (inFactUnit === undefined) {
    const written = stringAt(quantity, "code") ?? stringAt(quantity, "unit");
    const accepted = (fact.accepts ?? [fact.unit]).map((u) => `\`${u}\``).join(", ");
    return {
      problem: makeDiagnostic("GL5061", undefined, [
        resource.label,
        written === undefined ? "(none)" : `\`${printable(written)}\``,
        fact.path,
        accepted,
      ]),
    };
  }
  const range = outsideRange(fact, inFactUnit);
  if (range) return skip(range);
  return { value: { value, unit }, time };
}

/** When the Observation was made: its effective time, else when it was issued. */
function observationTime(observation: unknown): number | undefined {
  const period = objectAt(observation, "effectivePeriod");
  const written =
    stringAt(observation, "effectiveDateTime") ??
    stringAt(observation, "effectiveInstant") ??
    stringAt(period, "end") ??
    stringAt(period, "start") ??
    stringAt(observation, "issued");
  if (written === undefined || !/^\d{4}-\d{2}-\d{2}/.test(written)) return undefined;
  const time = Date.parse(written);
  return Number.isNaN(time) ? undefined : time;
}

/** A string from the record as a message may show it: at most 40 characters, control characters escaped. */
export function printable(text: string | undefined): string {
  if (text === undefined) return "(none)";
  const cut = text.length > 40 ? `${text.slice(0, 40)}…` : text;
  return JSON.stringify(cut).slice(1, -1);
}
