import { makeDiagnostic } from "../diagnostics/diagnostic.js";
import {
  addRationals,
  compareRationals,
  multiplyRationals,
  numberOfRational,
  numberOnTheSameSide,
  rationalOfNumber,
  type Rational,
} from "../units/rational.js";
import { ratioToFactUnit } from "./unit-conversion.js";
import { drugNameKey } from "../pack/drug-names.js";
import { classMembersOf, drugsAndClassMembersOf } from "./class-members.js";
import { isAtOrInside, jsonPath, type FactError } from "./fact-errors.js";
import { assertNever } from "../shared/assert-never.js";
import { doseFactId, takingFactId, type EngineCondition, type EngineLeaf, type PackFact, type RulePack } from "../pack/pack-format.js";
import { factPathSegments, readFactSegments } from "../pack/fact-path.js";

/**
 * How a medication entry was recognised against the drug vocabulary:
 * - `recognised`: by its name (or an alias), by an ATC code, or both, and they agree; or, when its
 *   name is not in the vocabulary and its code is no drug's, by a class's ATC prefix;
 * - `mismatch`: its name is one drug and its ATC code another drug, or a code the drug does not have
 *   (a code under a class's prefix included);
 * - `unknown-atc`: its name is not in the vocabulary and its ATC code is no drug's;
 * - `unknown-name`: its name is not in the vocabulary and no ATC code is given.
 */
export type Recognition = "recognised" | "mismatch" | "unknown-atc" | "unknown-name";

/** One entry of a medication list as given, resolved against the drug vocabulary. */
export interface MedicationEntry {
  readonly list: string;
  readonly index: number;
  /** The name as given. */
  readonly given: string;
  readonly recognition: Recognition;
  /** The vocabulary drug it is, when `recognised`; for a `mismatch`, the drug its name names. */
  readonly drug?: string;
  /**
   * The vocabulary drugs it may be without it being sure (a `mismatch`: the drugs of its name and
   * code; `unknown-name`: every drug). Their "taking" and dose facts are then unknown.
   */
  readonly doubtful: readonly string[];
  /** The input path whose value would settle the doubt (`medications[2].atc`), when in doubt. */
  readonly settledBy?: string;
  /** The ATC code as given, upper-cased. */
  readonly atc?: string;
  /** When recognised by a class's ATC prefix only: the class and the prefix (`drug` is then the class's stand-in). */
  readonly byClass?: { readonly class: string; readonly prefix: string };
  /** The daily dose in the list's dose unit, exactly. */
  readonly dose?: Rational;
}

/** Facts ready for the engine, plus the medication entries for the plan. */
export interface NormalisedFacts {
  /** Engine fact id → value. Missing facts are absent. */
  readonly engineFacts: Map<string, unknown>;
  readonly medications: readonly MedicationEntry[];
}

/** What normalisation needs of one fact, worked out once per pack. */
interface FactPlan {
  readonly fact: PackFact;
  readonly segments: readonly string[];
  /** Its JSON path (`$.a.b`). */
  readonly path: string;
  /** The numbers the fact is compared with in the pack's rules. */
  readonly thresholds: readonly number[];
  /** A quantity's range, exactly. */
  readonly range: { readonly min?: Rational; readonly max?: Rational };
}

const plans = new WeakMap<RulePack, readonly FactPlan[]>();

function planOf(pack: RulePack): readonly FactPlan[] {
  let plan = plans.get(pack);
  if (!plan) {
    const comparisons = comparisonsOf(pack);
    plan = pack.facts.map((fact) => {
      const segments = factPathSegments(fact.path);
      const path = jsonPath(segments);
      const range =
        fact.type === "quantity"
          ? {
              ...(fact.min !== undefined ? { min: rationalOfNumber(fact.min) } : {}),
              ...(fact.max !== undefined ? { max: rationalOfNumber(fact.max) } : {}),
            }
          : {};
      return { fact, segments, path, thresholds: (comparisons.get(fact.path) ?? []).map((leaf) => leaf.value as number), range };
    });
    plans.set(pack, plan);
  }
  return plan;
}

/**
 * Turns schema-valid facts into engine facts: quantities converted exactly to the declared
 * unit and range-checked, dates checked, and each medication list expanded into
 * "taking <drug>" and "dose of <drug>" facts for every drug of the vocabulary.
 * Returns the problems instead when a value cannot be used.
 */
export function normaliseFacts(
  facts: unknown,
  pack: RulePack,
  alreadyInvalid: ReadonlySet<string> = new Set(),
): { readonly ok: NormalisedFacts } | { readonly errors: FactError[] } {
  const errors: FactError[] = [];
  const engineFacts = new Map<string, unknown>();
  const medications: MedicationEntry[] = [];
  const invalid = [...alreadyInvalid];
  for (const { fact, segments, path, thresholds, range } of planOf(pack)) {
    // A value the schema already refused is reported once, from there; it is not read here.
    if (invalid.length && invalid.some((p) => isAtOrInside(p, path))) continue;
    // A fact given as null is said to be unknown: it reads as missing.
    const value = readFactSegments(facts, segments) ?? undefined;
    if (fact.type === "medications") {
      const entries = value as readonly Record<string, unknown>[] | undefined;
      expandMedications(fact, entries, pack, errors, engineFacts, medications);
      continue;
    }
    if (value === undefined) continue;
    if (fact.type === "quantity") {
      const converted = convertQuantity(value as number | { value: number; unit: string }, fact, path, thresholds, range, pack);
      if ("error" in converted) errors.push(converted.error);
      else engineFacts.set(fact.path, converted.value);
      continue;
    }
    if (fact.type === "date" && !isCalendarDate(value as string)) {
      errors.push({ path, code: "GL5006", message: makeDiagnostic("GL5006", undefined, [value as string]).message });
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
  thresholds: readonly number[],
  range: FactPlan["range"],
  pack: RulePack,
): { value: number } | { error: FactError } {
  // A number in the fact's own unit is its own exact value (a double's shortest decimal sits on
  // the same side of every other double as the double does): compared as given, -0 read as 0.
  const own =
    typeof value === "number"
      ? value
      : value.unit === fact.unit && (!fact.accepts || fact.accepts.includes(value.unit))
        ? value.value
        : undefined;
  if (own !== undefined) {
    const converted = own === 0 ? 0 : own;
    const outside = (fact.min !== undefined && converted < fact.min) || (fact.max !== undefined && converted > fact.max);
    return outside ? outOfRange(path, fact, converted) : { value: converted };
  }
  let exact: Rational;
  if (typeof value === "number") {
    exact = rationalOfNumber(value);
  } else {
    if (fact.accepts && !fact.accepts.includes(value.unit)) {
      const accepted = fact.accepts.map((u) => `\`${u}\``).join(", ");
      return {
        error: {
          path: `${path}.unit`,
          code: "GL5010",
          message: makeDiagnostic("GL5010", undefined, [value.unit, fact.path, fact.label, accepted, fact.description]).message,
        },
      };
    }
    const conversion = ratioToFactUnit(pack, fact.path, value.unit, fact.unit);
    if (!("ratio" in conversion)) {
      return {
        error: {
          path: `${path}.unit`,
          code: "GL5003",
          message: makeDiagnostic("GL5003", undefined, [value.unit, fact.unit, conversion.problem]).message,
        },
      };
    }
    exact = multiplyRationals(rationalOfNumber(value.value), conversion.ratio);
  }
  const converted = numberOnTheSameSide(exact, thresholds);
  if (!Number.isFinite(converted) && typeof value !== "number") return { error: tooLarge(path, value, fact.unit) };
  const below = range.min !== undefined && compareRationals(exact, range.min) < 0;
  const above = range.max !== undefined && compareRationals(exact, range.max) > 0;
  return below || above ? outOfRange(path, fact, converted) : { value: converted };
}

/** GL5004: a quantity outside the range the fact declares. */
function outOfRange(path: string, fact: Extract<PackFact, { type: "quantity" }>, converted: number): { error: FactError } {
  const range = `${fact.min ?? "…"} to ${fact.max ?? "…"} ${fact.unit}`;
  return { error: { path, code: "GL5004", message: makeDiagnostic("GL5004", undefined, [`${converted} ${fact.unit}`, range]).message } };
}

/** GL5031: a quantity whose conversion overflows the numbers JavaScript can hold. */
function tooLarge(path: string, given: { readonly value: number; readonly unit: string }, unit: string): FactError {
  return { path, code: "GL5031", message: makeDiagnostic("GL5031", undefined, [`${given.value} ${given.unit}`, unit]).message };
}

/**
 * The numbers each engine fact is compared with in the pack's rules, so that a value computed
 * exactly can be handed to the engine on the right side of each of them (see {@link numberOnTheSameSide}).
 */
const comparedWith = new WeakMap<RulePack, ReadonlyMap<string, readonly EngineLeaf[]>>();

function comparisonsOf(pack: RulePack): ReadonlyMap<string, readonly EngineLeaf[]> {
  let found = comparedWith.get(pack);
  if (found) return found;
  const table = new Map<string, EngineLeaf[]>();
  const visit = (condition: EngineCondition): void => {
    if ("all" in condition) condition.all.forEach(visit);
    else if ("any" in condition) condition.any.forEach(visit);
    else if (typeof condition.value === "number") table.set(condition.fact, [...(table.get(condition.fact) ?? []), condition]);
  };
  for (const rule of pack.rules) visit(rule.conditions);
  found = table;
  comparedWith.set(pack, found);
  return found;
}

/** What one numeric comparison of the engine answers for `value`. */
function compares(leaf: EngineLeaf, value: number): boolean {
  const against = leaf.value as number;
  switch (leaf.operator) {
    case "lessThan":
      return value < against;
    case "lessThanInclusive":
      return value <= against;
    case "greaterThan":
      return value > against;
    case "greaterThanInclusive":
      return value >= against;
    case "equal":
      return value === against;
    case "in":
      return false;
    default:
      return assertNever(leaf.operator);
  }
}

/**
 * A sum known only from below (some entries of the drug give no dose, or an entry in doubt may
 * add to it) still decides the rules when every comparison of that dose in the pack answers for
 * the known part as it would for any larger value: 3 000 mg/d and an entry without a dose are
 * at least 3 000 mg/d, above every threshold. Then the engine gets the known part; else nothing.
 */
function settledFromBelow(known: Rational, leaves: readonly EngineLeaf[]): number | undefined {
  const value = numberOnTheSameSide(
    known,
    leaves.map((leaf) => leaf.value as number),
  );
  return leaves.every((leaf) => compares(leaf, value) === compares(leaf, Infinity)) ? value : undefined;
}

/** Days in each month of a common year. */
const monthDays = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function isCalendarDate(text: string): boolean {
  // A plain date (`2026-12-14`), the common case, checked without building a Date: a year before
  // 100 is refused as below (Date.UTC reads it as 19xx).
  const plain = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (plain) {
    const [y, m, d] = [Number(plain[1]), Number(plain[2]), Number(plain[3])];
    const leap = y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0);
    return y >= 100 && m >= 1 && m <= 12 && d >= 1 && d <= (m === 2 && leap ? 29 : (monthDays[m - 1] ?? 0));
  }
  const [datePart = ""] = text.split("T");
  const [y, m, d] = datePart.split("-").map(Number);
  if (y === undefined || m === undefined || d === undefined) return false;
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return false;
  return !Number.isNaN(Date.parse(text.includes("T") ? text : `${text}T00:00:00Z`));
}

/**
 * A daily dose as given (a number in the declared unit, or `{value, unit}`), in the declared unit,
 * exactly. `pathOf` gives the dose's JSON path, worked out only when there is an error to report.
 */
function doseOf(
  value: unknown,
  unit: string,
  pathOf: () => string,
  listPath: string,
  pack: RulePack,
  errors: FactError[],
): Rational | undefined {
  if (typeof value === "number") return rationalOfNumber(value);
  if (value === null || typeof value !== "object") return undefined;
  const { value: amount, unit: given } = value as { value: number; unit: string };
  const conversion = ratioToFactUnit(pack, listPath, given, unit);
  if (!("ratio" in conversion)) {
    errors.push({
      path: `${pathOf()}.unit`,
      code: "GL5003",
      message: makeDiagnostic("GL5003", undefined, [given, unit, conversion.problem]).message,
    });
    return undefined;
  }
  const dose = multiplyRationals(rationalOfNumber(amount), conversion.ratio);
  if (!Number.isFinite(numberOfRational(dose))) {
    errors.push(tooLarge(pathOf(), { value: amount, unit: given }, unit));
    return undefined;
  }
  // The schema refuses a negative bare number; a negative dose given with a unit is refused here.
  if (dose.numerator < 0n) {
    errors.push({
      path: pathOf(),
      code: "GL5004",
      message: makeDiagnostic("GL5004", undefined, [`${numberOfRational(dose)} ${unit}`, `0 to … ${unit}`]).message,
    });
    return undefined;
  }
  return dose;
}

/**
 * Recognises one entry: by its name or an alias (case, accents and spaces aside) and by its ATC
 * code, both before any scope filter. When they disagree, or when nothing but an unknown name is
 * given, the entry may be some drug of the vocabulary: those drugs are `doubtful`.
 */
function recognise(
  entry: Readonly<Record<string, unknown>>,
  index: number,
  list: ListPlan,
  vocabulary: Vocabulary,
  dose: Rational | undefined,
): MedicationEntry {
  const given = String(entry.name);
  const atc = typeof entry.atc === "string" ? entry.atc.toUpperCase() : undefined;
  const byName = vocabulary.byWritten.get(given) ?? vocabulary.byName.get(drugNameKey(given));
  const byAtc = atc === undefined ? undefined : vocabulary.byAtc.get(atc);
  // Exact drug codes win over class prefixes.
  const byPrefix = atc === undefined || byAtc !== undefined ? undefined : vocabulary.byPrefix.find((p) => atc.startsWith(p.prefix));
  const made = (recognition: Recognition, drug: string | undefined, doubtful: readonly string[], settledBy?: string): MedicationEntry => {
    const medication: { -readonly [K in keyof MedicationEntry]: MedicationEntry[K] } = {
      list: list.path,
      index,
      given,
      recognition,
      doubtful,
    };
    if (atc !== undefined) medication.atc = atc;
    if (drug !== undefined) medication.drug = drug;
    if (settledBy !== undefined) medication.settledBy = settledBy;
    if (dose !== undefined) medication.dose = dose;
    if (byPrefix !== undefined && recognition === "recognised") medication.byClass = { class: byPrefix.class, prefix: byPrefix.prefix };
    return medication;
  };
  const byCode = byAtc ?? byPrefix?.member;
  if (byName && (atc === undefined || byAtc === byName)) return made("recognised", byName, []);
  if (byName) return made("mismatch", byName, byCode ? [byName, byCode] : [byName], entryPath(list, index));
  if (byCode) return made("recognised", byCode, []);
  if (atc !== undefined) return made("unknown-atc", undefined, []);
  return made("unknown-name", undefined, vocabulary.names, `${entryPath(list, index)}.atc`);
}

/** The input path of one entry of a list, as a user writes it (`medications[2]`). */
function entryPath(list: ListPlan, index: number): string {
  return jsonPath([...list.segments, index]).replace(/^\$\.?/, "");
}

interface Vocabulary {
  /** Each drug's name and aliases exactly as written, to their drug: most entries are found here. */
  readonly byWritten: ReadonlyMap<string, string>;
  /** The same by {@link drugNameKey} (case, accents and spaces aside). */
  readonly byName: ReadonlyMap<string, string>;
  readonly byAtc: ReadonlyMap<string, string>;
  /** The classes' ATC prefixes (upper-cased), longest first, with the class and its stand-in. */
  readonly byPrefix: readonly { readonly prefix: string; readonly class: string; readonly member: string }[];
  /** The drugs and the classes' stand-ins. */
  readonly names: readonly string[];
}

const vocabularies = new WeakMap<RulePack, Vocabulary>();

function vocabularyOf(pack: RulePack): Vocabulary {
  let vocabulary = vocabularies.get(pack);
  if (!vocabulary) {
    const written = pack.drugs.flatMap((d) => [d.name, ...d.aliases].map((name): [string, string] => [name, d.name]));
    vocabulary = {
      byWritten: new Map(written),
      byName: new Map(written.map(([name, drug]) => [drugNameKey(name), drug])),
      byAtc: new Map(pack.drugs.flatMap((d) => d.atc.map((code): [string, string] => [code.toUpperCase(), d.name]))),
      byPrefix: classMembersOf(pack)
        .flatMap((m) => m.atc.map((prefix) => ({ prefix: prefix.toUpperCase(), class: m.class ?? "", member: m.name })))
        .sort((a, b) => b.prefix.length - a.prefix.length),
      names: drugsAndClassMembersOf(pack).map((d) => d.name),
    };
    vocabularies.set(pack, vocabulary);
  }
  return vocabulary;
}

/** What expanding one medication list needs, worked out once per pack. */
interface ListPlan {
  readonly path: string;
  readonly segments: readonly string[];
  readonly drugs: readonly {
    readonly name: string;
    readonly takingId: string;
    readonly doseId: string | undefined;
    /** The comparisons of the drug's dose in the pack's rules, and their numbers. */
    readonly leaves: readonly EngineLeaf[];
    readonly thresholds: readonly number[];
  }[];
}

const listPlans = new WeakMap<RulePack, Map<string, ListPlan>>();

function listPlanOf(pack: RulePack, fact: Extract<PackFact, { type: "medications" }>): ListPlan {
  let byList = listPlans.get(pack);
  if (!byList) {
    byList = new Map();
    listPlans.set(pack, byList);
  }
  let plan = byList.get(fact.path);
  if (!plan) {
    const comparisons = comparisonsOf(pack);
    const doseField = fact.dose?.field;
    plan = {
      path: fact.path,
      segments: factPathSegments(fact.path),
      drugs: drugsAndClassMembersOf(pack).map((drug) => {
        const doseId = doseField === undefined ? undefined : doseFactId(fact.path, drug.name, doseField);
        const leaves = doseId === undefined ? [] : (comparisons.get(doseId) ?? []);
        return {
          name: drug.name,
          takingId: takingFactId(fact.path, drug.name),
          doseId,
          leaves,
          thresholds: leaves.map((leaf) => leaf.value as number),
        };
      }),
    };
    byList.set(fact.path, plan);
  }
  return plan;
}

function expandMedications(
  fact: Extract<PackFact, { type: "medications" }>,
  entries: readonly Record<string, unknown>[] | undefined,
  pack: RulePack,
  errors: FactError[],
  engineFacts: Map<string, unknown>,
  medications: MedicationEntry[],
): void {
  const vocabulary = vocabularyOf(pack);
  const list = listPlanOf(pack, fact);
  const dosing = fact.dose;
  const resolved: MedicationEntry[] = [];
  for (let index = 0; index < (entries?.length ?? 0); index++) {
    const entry = entries?.[index] ?? {};
    const dose =
      dosing === undefined
        ? undefined
        : doseOf(entry[dosing.field], dosing.unit, () => jsonPath([...list.segments, index, dosing.field]), fact.path, pack, errors);
    resolved.push(recognise(entry, index, list, vocabulary, dose));
  }
  for (const m of resolved) medications.push(m);
  if (entries === undefined) return;
  // One pass over the entries: the sure entries of each drug, the drugs an entry in doubt may
  // be, and those to whose dose it may add (unless its dose is known to be zero).
  const sureOf = new Map<string, MedicationEntry[]>();
  const doubtfulDrugs = new Set<string>();
  const mayAddTo = new Set<string>();
  for (const m of resolved) {
    if (m.recognition === "recognised" && m.drug !== undefined) {
      const sure = sureOf.get(m.drug);
      if (sure) sure.push(m);
      else sureOf.set(m.drug, [m]);
    }
    for (const name of m.doubtful) {
      doubtfulDrugs.add(name);
      if (!isZero(m.dose)) mayAddTo.add(name);
    }
  }
  for (const drug of list.drugs) {
    const sure = sureOf.get(drug.name);
    const doubtful = doubtfulDrugs.has(drug.name);
    // Taken for sure, not taken for sure, or unknown when an entry in doubt may be it.
    if (sure !== undefined || !doubtful) engineFacts.set(drug.takingId, sure !== undefined);
    // The dose is known when the drug is taken, every entry of it states a dose, and no entry
    // in doubt may add to it. The sum is exact; the engine gets a number on the same side of
    // each threshold as the exact sum. Otherwise the doses given are a lower bound, which may
    // still settle every comparison.
    if (drug.doseId !== undefined && sure !== undefined) {
      let total = zero;
      let complete = !mayAddTo.has(drug.name);
      for (const m of sure) {
        if (m.dose === undefined) complete = false;
        else total = addRationals(total, m.dose);
      }
      const value = complete ? numberOnTheSameSide(total, drug.thresholds) : settledFromBelow(total, drug.leaves);
      if (value !== undefined) engineFacts.set(drug.doseId, value);
    }
  }
}

const zero: Rational = { numerator: 0n, denominator: 1n };

/** True for a dose known to be exactly zero. */
export function isZero(dose: Rational | undefined): boolean {
  return dose !== undefined && dose.numerator === 0n;
}
