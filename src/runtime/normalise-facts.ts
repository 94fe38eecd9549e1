import { makeDiagnostic } from "../diagnostics/diagnostic.js";
import { decimalOfNumber, multiplyDecimals } from "../units/decimal.js";
import { conversionFactor } from "../units/ucum.js";
import { jsonPath, type FactError } from "./fact-errors.js";
import { doseFactId, takingFactId, type PackFact, type RulePack } from "./pack-format.js";

/** One entry of a medication list as given, resolved against the drug vocabulary. */
export interface MedicationEntry {
  readonly list: string;
  readonly index: number;
  /** The name as given. */
  readonly given: string;
  /** The vocabulary drug it is, if any (matched by INN, then by ATC code). */
  readonly drug?: string;
  readonly atc?: string;
  readonly dose?: number;
}

/** Facts ready for the engine, plus the medication entries for the plan. */
export interface NormalisedFacts {
  /** Engine fact id → value. Missing facts are absent. */
  readonly engineFacts: Map<string, unknown>;
  readonly medications: readonly MedicationEntry[];
}

function valueAt(facts: unknown, path: string): unknown {
  let node: unknown = facts;
  for (const segment of path.split(".")) {
    if (node === null || typeof node !== "object") return undefined;
    node = (node as Record<string, unknown>)[segment];
  }
  return node === null ? undefined : node;
}

/**
 * Turns schema-valid facts into engine facts: quantities converted exactly to the declared
 * unit and range-checked, dates checked, and each medication list expanded into
 * "taking <drug>" and "dose of <drug>" facts for every drug of the vocabulary.
 * Returns the problems instead when a value cannot be used.
 */
export function normaliseFacts(facts: unknown, pack: RulePack, alreadyInvalid: ReadonlySet<string> = new Set()): { readonly ok: NormalisedFacts } | { readonly errors: FactError[] } {
  const errors: FactError[] = [];
  const engineFacts = new Map<string, unknown>();
  const medications: MedicationEntry[] = [];
  for (const fact of pack.facts) {
    const value = valueAt(facts, fact.path);
    const path = jsonPath(fact.path.split("."));
    // A value the schema already refused is reported once, from there; it is not read here.
    if ([...alreadyInvalid].some((p) => p === path || p.startsWith(`${path}.`) || p.startsWith(`${path}[`))) continue;
    if (fact.type === "medications") {
      const entries = value as readonly Record<string, unknown>[] | undefined;
      expandMedications(fact, entries, pack, errors, engineFacts, medications);
      continue;
    }
    if (value === undefined) continue;
    if (fact.type === "quantity") {
      const converted = convertQuantity(value as number | { value: number; unit: string }, fact, path);
      if ("error" in converted) errors.push(converted.error);
      else engineFacts.set(fact.path, converted.value);
      continue;
    }
    if (fact.type === "date" && !isCalendarDate(value as string)) {
      errors.push({ path, code: "GL5006", message: makeDiagnostic("GL5006", undefined, [String(value)]).message });
      continue;
    }
    engineFacts.set(fact.path, value);
  }
  return errors.length ? { errors } : { ok: { engineFacts, medications } };
}

function convertQuantity(
  value: number | { value: number; unit: string },
  fact: Extract<PackFact, { type: "quantity" }>,
  path: string,
): { value: number } | { error: FactError } {
  let converted: number;
  if (typeof value === "number") {
    converted = value;
  } else {
    if (fact.accepts && !fact.accepts.includes(value.unit)) {
      const accepted = fact.accepts.map((u) => `\`${u}\``).join(", ");
      return { error: { path: `${path}.unit`, code: "GL5010", message: makeDiagnostic("GL5010", undefined, [value.unit, fact.path, fact.label, accepted, fact.description]).message } };
    }
    const conversion = conversionFactor(value.unit, fact.unit);
    if (!("factor" in conversion)) {
      return { error: { path: `${path}.unit`, code: "GL5003", message: makeDiagnostic("GL5003", undefined, [value.unit, fact.unit, conversion.problem]).message } };
    }
    converted = Number(multiplyDecimals(decimalOfNumber(value.value), conversion.factor));
    if (!Number.isFinite(converted)) return { error: tooLarge(path, value, fact.unit) };
  }
  if ((fact.min !== undefined && converted < fact.min) || (fact.max !== undefined && converted > fact.max)) {
    const range = `${fact.min ?? "…"} to ${fact.max ?? "…"} ${fact.unit}`;
    return { error: { path, code: "GL5004", message: makeDiagnostic("GL5004", undefined, [`${converted} ${fact.unit}`, range]).message } };
  }
  return { value: converted };
}

/** GL5031: a quantity whose conversion overflows the numbers JavaScript can hold. */
function tooLarge(path: string, given: { readonly value: number; readonly unit: string }, unit: string): FactError {
  return { path, code: "GL5031", message: makeDiagnostic("GL5031", undefined, [`${given.value} ${given.unit}`, unit]).message };
}

function isCalendarDate(text: string): boolean {
  const [datePart = ""] = text.split("T");
  const [y, m, d] = datePart.split("-").map(Number);
  if (y === undefined || m === undefined || d === undefined) return false;
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return false;
  return !Number.isNaN(Date.parse(text.includes("T") ? text : `${text}T00:00:00Z`));
}

/** A daily dose as given (a number in the declared unit, or `{value, unit}`), in the declared unit. */
function doseOf(value: unknown, unit: string, path: string, errors: FactError[]): number | undefined {
  if (typeof value === "number") return value;
  if (value === null || typeof value !== "object") return undefined;
  const { value: amount, unit: given } = value as { value: number; unit: string };
  const conversion = conversionFactor(given, unit);
  if (!("factor" in conversion)) {
    errors.push({ path: `${path}.unit`, code: "GL5003", message: makeDiagnostic("GL5003", undefined, [given, unit, conversion.problem]).message });
    return undefined;
  }
  const dose = Number(multiplyDecimals(decimalOfNumber(amount), conversion.factor));
  if (!Number.isFinite(dose)) {
    errors.push(tooLarge(path, { value: amount, unit: given }, unit));
    return undefined;
  }
  // The schema refuses a negative bare number; a negative dose given with a unit is refused here.
  if (dose < 0) {
    errors.push({ path, code: "GL5004", message: makeDiagnostic("GL5004", undefined, [`${dose} ${unit}`, `0 to … ${unit}`]).message });
    return undefined;
  }
  return dose;
}

function expandMedications(
  fact: Extract<PackFact, { type: "medications" }>,
  entries: readonly Record<string, unknown>[] | undefined,
  pack: RulePack,
  errors: FactError[],
  engineFacts: Map<string, unknown>,
  medications: MedicationEntry[],
): void {
  const byName = new Map(pack.drugs.map((d) => [d.name.toLowerCase(), d]));
  const byAtc = new Map(pack.drugs.map((d) => [d.atc.toUpperCase(), d]));
  const doseField = fact.dose?.field;
  const resolved = (entries ?? []).map((entry, index): MedicationEntry => {
    const given = String(entry.name);
    const atc = typeof entry.atc === "string" ? entry.atc.toUpperCase() : undefined;
    const drug = byName.get(given.trim().toLowerCase()) ?? (atc ? byAtc.get(atc) : undefined);
    const dose = doseField !== undefined && fact.dose ? doseOf(entry[doseField], fact.dose.unit, `${jsonPath([...fact.path.split("."), index, doseField])}`, errors) : undefined;
    return { list: fact.path, index, given, ...(drug ? { drug: drug.name } : {}), ...((atc ?? drug?.atc) ? { atc: atc ?? drug?.atc } : {}), ...(dose !== undefined ? { dose } : {}) };
  });
  medications.push(...resolved);
  if (entries === undefined) return;
  for (const drug of pack.drugs) {
    const taken = resolved.filter((m) => m.drug === drug.name);
    engineFacts.set(takingFactId(fact.path, drug.name), taken.length > 0);
    // The dose is known only when the drug is taken and every entry of it states a dose.
    if (doseField !== undefined && taken.length > 0 && taken.every((m) => m.dose !== undefined)) {
      engineFacts.set(doseFactId(fact.path, drug.name, doseField), taken.reduce((sum, m) => sum + (m.dose ?? 0), 0));
    }
  }
}
