import { makeDiagnostic, type Diagnostic } from "../diagnostics/diagnostic.js";
import type { BundleResource } from "./bundle-resources.js";
import { codingsAt, numberAt, objectAt, stringAt } from "./fhir-json.js";
import { ucumOfQuantity } from "./unit-aliases.js";
import { outsideRange, valueInUnit } from "./quantity-value.js";
import { matchCodings, type CodeSource } from "./code-match.js";
import type { Expansions } from "./value-set-expansions.js";

/** A value found in the record for a fact, and the resource it came from. */
export interface Found {
  readonly value: unknown;
  readonly from: BundleResource;
  /** For a result: its date, value and unit as the record writes them. */
  readonly written?: { readonly effective: string; readonly value: number; readonly unit?: string };
  /** The record's code, when it matched through an expansion (or, for a treatment, an RxNorm code). */
  readonly code?: CodeSource;
}

import type { QuantityFact } from "./quantity-value.js";

/** The statuses of an Observation whose value can be used. */
const usableStatuses: ReadonlySet<string> = new Set(["final", "amended", "corrected"]);

/**
 * The value of a quantity fact with LOINC codes: the latest Observation with one of its codes,
 * dated within the fact's window before `now`, when it can be used. When the latest cannot be
 * (not final, a bound, a unit refused, out of range…), the fact stays unknown and that result is
 * named (GL5070): an older result never stands in for a newer one. A result dated after `now`,
 * or without a date, is refused and reported; so is a refused unit (GL5061). Older results that
 * cannot be used are reported only when the fact stays unknown (GL5063).
 */
export function observationValue(
  fact: QuantityFact,
  resources: readonly BundleResource[],
  now: Date,
  problems: Diagnostic[],
  expansions?: Expansions,
): Found | undefined {
  const codes = new Set((fact.codes ?? []).map((c) => `${c.system}|${c.code}`));
  const results: Read[] = [];
  const through = new Map<BundleResource, CodeSource>();
  for (const resource of resources) {
    if (resource.resourceType !== "Observation") continue;
    const match = matchCodings(codes, codingsAt(resource.resource, "code"), expansions);
    if (!match) continue;
    if (match.source.expansion !== undefined) through.set(resource, match.source);
    const read = readObservation(fact, resource, now);
    if (read) results.push(read);
  }
  const latest = results.filter((r) => r.time !== undefined).reduce<Read | undefined>(laterOf, undefined);
  const used = latest && "value" in latest ? latest : undefined;
  const older = results.filter((r) => r !== latest && "value" in r);
  if (latest && "refused" in latest && older.length > 0) {
    const olderOnes = older.map((r) => r.resource.label).join(", ");
    const date = new Date(latest.time ?? 0).toISOString();
    problems.push(makeDiagnostic("GL5070", undefined, [latest.resource.label, fact.path, date, latest.written, latest.why, olderOnes]));
  }
  for (const read of results) {
    if (!("refused" in read) || (read === latest && older.length > 0)) continue;
    if (read.always || used === undefined) problems.push(read.refused);
  }
  const code = used && through.get(used.resource);
  return used ? { value: used.value, from: used.resource, written: used.as, ...(code ? { code } : {}) } : undefined;
}

/** The later of two dated results (the first one met when they are at the same time). */
function laterOf(best: Read | undefined, read: Read): Read {
  return best === undefined || (read.time ?? 0) > (best.time ?? 0) ? read : best;
}

/** One Observation of the fact as read: its value, or why it is refused; its time when it is a candidate (dated, not after now). */
type Read = {
  readonly resource: BundleResource;
  readonly time: number | undefined;
  /** The value and unit as the record writes them, for a message. */
  readonly written: string;
} & (
  | { readonly value: unknown; readonly as: NonNullable<Found["written"]> }
  | { readonly refused: Diagnostic; readonly why: string; /** reported even when another result gives the fact */ readonly always: boolean }
);

function readObservation(fact: QuantityFact, resource: BundleResource, now: Date): Read | undefined {
  const observation = resource.resource;
  const status = stringAt(observation, "status");
  if (status === "entered-in-error" || status === "cancelled") return undefined;
  const quantity = objectAt(observation, "valueQuantity");
  const value = numberAt(quantity, "value");
  const writtenUnit = stringAt(quantity, "code") ?? stringAt(quantity, "unit");
  const written = value === undefined ? "no value" : `${stringAt(quantity, "comparator") ?? ""}${value} ${printable(writtenUnit)}`;
  const dated = observationTime(observation);
  const at = dated?.time;
  const time = at !== undefined && at <= now.getTime() ? at : undefined;
  const skip = (why: string, always = false): Read => ({
    resource,
    time,
    written,
    why,
    always,
    refused: makeDiagnostic("GL5063", undefined, [resource.label, fact.path, why]),
  });
  if (at === undefined) return skip("it has no date (effectiveDateTime, effectivePeriod, effectiveInstant or issued)", true);
  if (time === undefined) return skip(`it is dated ${new Date(at).toISOString()}, after ${now.toISOString()}`, true);
  if (status === undefined || !usableStatuses.has(status)) return skip(`its status is ${printable(status)}, not final`);
  const windowHours = fact.window?.hours;
  if (windowHours === undefined) return skip("the guideline gives this fact no window");
  if (time < now.getTime() - windowHours * 3_600_000) {
    return skip(
      `it is dated ${new Date(time).toISOString()}, more than ${fact.window?.value} ${fact.window?.unit} before ${now.toISOString()}`,
    );
  }
  if (!quantity || value === undefined) return skip("it has no valueQuantity with a number");
  if (stringAt(quantity, "comparator") !== undefined) return skip("its value is a bound (`<`, `>`), not a measure");
  const unit = ucumOfQuantity({ system: stringAt(quantity, "system"), code: stringAt(quantity, "code"), unit: stringAt(quantity, "unit") });
  const inFactUnit = unit === undefined ? undefined : valueInUnit(fact, value, unit);
  if (unit === undefined || inFactUnit === undefined) {
    const shown = writtenUnit === undefined ? "(none)" : `\`${printable(writtenUnit)}\``;
    const accepted = (fact.accepts ?? [fact.unit]).map((u) => `\`${u}\``).join(", ");
    const refused = makeDiagnostic("GL5061", undefined, [resource.label, shown, fact.path, accepted]);
    return { resource, time, written, why: `its unit ${shown} is not one the fact accepts (${accepted})`, always: true, refused };
  }
  const range = outsideRange(fact, inFactUnit);
  if (range) return skip(range);
  const as = { effective: dated?.written ?? "", value, ...(writtenUnit !== undefined ? { unit: writtenUnit } : {}) };
  return { resource, time, written, value: { value, unit }, as };
}

/** When the Observation was made: its effective time, else when it was issued. */
function observationTime(observation: unknown): { readonly time: number; readonly written: string } | undefined {
  const period = objectAt(observation, "effectivePeriod");
  const written =
    stringAt(observation, "effectiveDateTime") ??
    stringAt(observation, "effectiveInstant") ??
    stringAt(period, "end") ??
    stringAt(period, "start") ??
    stringAt(observation, "issued");
  if (written === undefined || !/^\d{4}-\d{2}-\d{2}/.test(written)) return undefined;
  const time = Date.parse(written);
  return Number.isNaN(time) ? undefined : { time, written };
}

/** A string from the record as a message may show it: at most 40 characters, control characters escaped. */
export function printable(text: string | undefined): string {
  if (text === undefined) return "(none)";
  const cut = text.length > 40 ? `${text.slice(0, 40)}…` : text;
  return JSON.stringify(cut).slice(1, -1);
}
