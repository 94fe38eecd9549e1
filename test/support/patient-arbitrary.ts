/**
 * Patients for the property suite, generated from the pack's facts schema (`pack.factsSchema`)
 * and nothing written by hand per fact: a fact added to the guideline is generated with no test
 * change. Booleans, enum values, quantities (a bare number in the declared unit, or
 * `{value, unit}` in another UCUM unit that converts to it exactly), dates, and medication lists
 * drawn from the pack's drug vocabulary plus unknown names and ATC codes outside the plan's
 * scope, with and without doses. Any fact may be missing (absent or `null`). Quantities favour
 * the boundaries of the thresholds the rules compare them with (t − 1, t, t + 1, tiny offsets).
 */
import fc from "fast-check";
import type { PackCondition, RulePack } from "../../src/pack/pack-format.js";
import { compareDecimals, decimalOfNumber, multiplyDecimals } from "../../src/units/decimal.js";
import { multiplyRationals, numberOfRational, rationalOfNumber, type Rational } from "../../src/units/rational.js";
import { conversionFactor, conversionRatio } from "../../src/units/ucum.js";

/** A patient: the facts object given to `evaluate`. */
export type Patient = Record<string, unknown>;

/** One entry of a medication list. */
export type MedicationEntry = Record<string, unknown> & { name: string };

/** A fact the schema declares, as the generator sees it. */
export type FactLeaf =
  | { readonly kind: "boolean"; readonly path: string }
  | { readonly kind: "enum"; readonly path: string; readonly values: readonly string[] }
  | {
      readonly kind: "quantity";
      readonly path: string;
      readonly unit: string;
      readonly min?: number;
      readonly max?: number;
      readonly boundaries: readonly number[];
      /** The only units the fact accepts (`x-accepts`), when it lists them. */
      readonly accepts?: readonly string[];
    }
  | { readonly kind: "date"; readonly path: string }
  | {
      readonly kind: "medications";
      readonly path: string;
      readonly dose?: { readonly field: string; readonly unit: string; readonly min?: number };
    };

/** Everything the generator derives from a pack. */
export interface PatientSpace {
  readonly leaves: readonly FactLeaf[];
  readonly drugs: readonly { readonly name: string; readonly atc: readonly string[]; readonly aliases: readonly string[] }[];
  /** ATC prefix of the plan's scope, if any. */
  readonly scopeAtc?: string;
  /** Dose thresholds compared with each drug's daily dose (in the dose unit), by drug. */
  readonly doseBoundaries: ReadonlyMap<string, readonly number[]>;
  /** Patients to start from as well as from nothing (the worked examples' facts). */
  readonly examples?: readonly Patient[];
}

type Schema = Record<string, unknown>;

/**
 * Walks the pack's facts schema (nested objects down to typed leaves) and its rules'
 * thresholds. `examples` (facts objects, such as the worked examples') are starting points.
 */
export function patientSpace(pack: RulePack, examples: readonly Patient[] = []): PatientSpace {
  const thresholds = thresholdsByFact(pack);
  const leaves: FactLeaf[] = [];
  const walk = (schema: Schema, path: readonly string[]) => {
    const properties = schema.properties as Record<string, Schema> | undefined;
    if (schema.type === "object" && properties && !("x-unit" in schema)) {
      for (const [name, child] of Object.entries(properties)) walk(child, [...path, name]);
      return;
    }
    leaves.push(leafOf(schema, path.join("."), thresholds));
  };
  walk(pack.factsSchema, []);
  const doseBoundaries = new Map<string, number[]>();
  for (const [factId, values] of thresholds) {
    const dose = /^(.+)\[([^\]]+)\]\.(.+)$/.exec(factId);
    if (dose?.[2]) doseBoundaries.set(dose[2], values);
  }
  return {
    leaves,
    drugs: pack.drugs.map((d) => ({ name: d.name, atc: d.atc, aliases: d.aliases })),
    ...(pack.plan?.scopeAtc ? { scopeAtc: pack.plan.scopeAtc } : {}),
    doseBoundaries,
    examples,
  };
}

function leafOf(schema: Schema, path: string, thresholds: ReadonlyMap<string, number[]>): FactLeaf {
  const types = ([] as unknown[]).concat(schema.type ?? []);
  if (types.includes("boolean")) return { kind: "boolean", path };
  if (Array.isArray(schema.enum)) return { kind: "enum", path, values: schema.enum.filter((v): v is string => typeof v === "string") };
  if (typeof schema["x-unit"] === "string") {
    const bare = (schema.anyOf as Schema[]).find((s) => s.type === "number") ?? {};
    const min = numberOr(bare["x-minimum"] ?? bare.minimum);
    const max = numberOr(bare["x-maximum"] ?? bare.maximum);
    const accepts = Array.isArray(schema["x-accepts"]) ? (schema["x-accepts"] as unknown[]).map(String) : undefined;
    return {
      kind: "quantity",
      path,
      unit: schema["x-unit"],
      ...(min !== undefined ? { min } : {}),
      ...(max !== undefined ? { max } : {}),
      boundaries: thresholds.get(path) ?? [],
      ...(accepts ? { accepts } : {}),
    };
  }
  if (types.includes("string") && typeof schema.pattern === "string") return { kind: "date", path };
  if (types.includes("array")) {
    const items = (schema.items as Schema).properties as Record<string, Schema>;
    const doseEntry = Object.entries(items).find(([, s]) => typeof s["x-unit"] === "string");
    if (!doseEntry) return { kind: "medications", path };
    const [field, doseSchema] = doseEntry;
    const bare = (doseSchema.anyOf as Schema[]).find((s) => s.type === "number") ?? {};
    const min = numberOr(bare.minimum ?? bare["x-minimum"]);
    return { kind: "medications", path, dose: { field, unit: String(doseSchema["x-unit"]), ...(min !== undefined ? { min } : {}) } };
  }
  // A new kind of fact: extend the generator rather than silently leave the fact out.
  throw new Error(`the patient generator does not know the schema of fact ${path}: ${JSON.stringify(schema)}`);
}

function numberOr(value: unknown): number | undefined {
  return typeof value === "number" ? value : undefined;
}

/** The values each engine fact is compared with in the pack's rules (in the fact's unit). */
function thresholdsByFact(pack: RulePack): Map<string, number[]> {
  const found = new Map<string, Set<number>>();
  const visit = (condition: PackCondition) => {
    switch (condition.kind) {
      case "and":
      case "or":
        condition.operands.forEach(visit);
        break;
      case "not":
        visit(condition.operand);
        break;
      case "compare": {
        const values = found.get(condition.fact) ?? new Set<number>();
        values.add(condition.value);
        found.set(condition.fact, values);
        break;
      }
      default:
        break;
    }
  };
  for (const rule of pack.sourceRules) if (rule.condition) visit(rule.condition);
  return new Map([...found].map(([fact, values]) => [fact, [...values].sort((a, b) => a - b)]));
}

/**
 * The points around thresholds that decide comparisons: for each threshold t, t − 1, t, t + 1
 * and tiny offsets (± 0.5, ± 0.001), kept within [min, max].
 */
export function boundaryPoints(thresholds: readonly number[], min?: number, max?: number): number[] {
  const points = new Set<number>();
  for (const t of thresholds) for (const offset of [-1, -0.5, -0.001, 0, 0.001, 0.5, 1]) points.add(Number(decimalOfNumber(t + offset)));
  return [...points].filter((x) => (min === undefined || x >= min) && (max === undefined || x <= max)).sort((a, b) => a - b);
}

/** The few points that separate every region of the comparisons (t − 1, t, t + 1), within [min, max]. */
export function decisivePoints(thresholds: readonly number[], min?: number, max?: number): number[] {
  const points = new Set<number>();
  for (const t of thresholds) for (const offset of [-1, 0, 1]) points.add(t + offset);
  if (!thresholds.length) points.add(min ?? 0);
  return [...points].filter((x) => (min === undefined || x >= min) && (max === undefined || x <= max)).sort((a, b) => a - b);
}

/**
 * UCUM units tried against a declared unit: those that convert to it by an exact decimal
 * factor (both ways) are used to write quantities. A unit such as `mg/wk` against `mg/d`
 * (factor 1/7, not a finite decimal) is not.
 */
const candidateUnits = [
  "/mm3",
  "/uL",
  "/nL",
  "/L",
  "10*3/uL",
  "10*3/mm3",
  "10*6/L",
  "10*9/L",
  "10*12/L",
  "%",
  "1",
  "10*-2",
  "10*-3",
  "mg/d",
  "g/d",
  "ug/d",
  "ng/d",
  "kg/d",
  "mg/h",
  "mg/wk",
  "mg/min",
  "h",
  "d",
  "min",
  "s",
  "wk",
  "g/L",
  "mg/L",
  "mg/dL",
  "mmol/L",
  "umol/L",
];

/** A unit a quantity may be written in: value in the declared unit = value in `unit` × `factor`. */
export interface CompatibleUnit {
  readonly unit: string;
  readonly factor: string;
}

const compatibleCache = new Map<string, CompatibleUnit[]>();

/** The candidate units that convert exactly to `declared` (the declared unit itself first), among `accepts` when the fact lists its units. */
export function compatibleUnits(declared: string, accepts?: readonly string[]): readonly CompatibleUnit[] {
  if (accepts) return compatibleUnits(declared).filter((u) => accepts.includes(u.unit));
  let found = compatibleCache.get(declared);
  if (!found) {
    found = [{ unit: declared, factor: "1" }];
    for (const unit of candidateUnits) {
      if (unit === declared) continue;
      const there = conversionFactor(unit, declared);
      const back = conversionFactor(declared, unit);
      if ("factor" in there && "factor" in back && compareDecimals(multiplyDecimals(there.factor, back.factor), "1") === 0)
        found.push({ unit, factor: there.factor });
    }
    compatibleCache.set(declared, found);
  }
  return found;
}

/**
 * `x` (in the declared unit) written in `unit`, when that is exact: the runtime, converting the
 * written value back, gets exactly `x`. Undefined when the number cannot be written so.
 */
export function writtenIn(x: number, unit: CompatibleUnit): number | undefined {
  if (unit.factor === "1") return x;
  const y = x / Number(unit.factor);
  if (!Number.isFinite(y)) return undefined;
  return compareDecimals(multiplyDecimals(decimalOfNumber(y), unit.factor), decimalOfNumber(x)) === 0 ? y : undefined;
}

/** A quantity as given (bare number or `{value, unit}`), in its declared unit, exactly. */
export function exactlyInDeclaredUnit(given: unknown, declared: string): Rational | undefined {
  if (typeof given === "number") return rationalOfNumber(given);
  if (given === null || typeof given !== "object") return undefined;
  const { value, unit } = given as { value: number; unit: string };
  const conversion = conversionRatio(unit, declared);
  if (!("ratio" in conversion)) throw new Error(`${unit} does not convert to ${declared}`);
  return multiplyRationals(rationalOfNumber(value), conversion.ratio);
}

/**
 * A quantity as given (bare number or `{value, unit}`), in its declared unit, as the nearest
 * number (exact when it is a finite decimal: 1 120 mg/wk is 160 mg/d).
 */
export function inDeclaredUnit(given: unknown, declared: string): number | undefined {
  const exact = exactlyInDeclaredUnit(given, declared);
  return exact === undefined ? undefined : numberOfRational(exact);
}

/** How the generator fills a patient. */
export interface PatientOptions {
  /** Probability that a fact is missing (half absent, half `null`). Default 0.3. */
  readonly missing?: number;
  /** Force the medication lists to be arrays (never absent or null), with this many entries. */
  readonly medications?: { readonly minLength?: number; readonly maxLength?: number };
  /** Write quantities only as bare numbers in the declared unit. */
  readonly bareQuantities?: boolean;
}

const absent = Symbol("absent");
/** A drawn value of a fact, or `absent` when the fact is left out (`unknown` already holds the symbol). */
type Slot = unknown;

/**
 * Arbitrary patients of the space: schema-valid facts objects. Half are drawn fact by fact
 * from the schema; half start from a patient of `space.examples` (the guideline's worked
 * examples, which reach every rule and verdict) with about one fact in five redrawn or made
 * missing. Shrinking goes toward patients with fewer facts.
 */
export function patientArbitrary(space: PatientSpace, options: PatientOptions = {}): fc.Arbitrary<Patient> {
  const slots = space.leaves.map((leaf) => slotArbitrary(space, leaf, options));
  const fromSchema = fc.tuple(...slots).map((values) => assemble(space, values));
  const examples = space.examples ?? [];
  if (!examples.length) return fromSchema;
  const keep = Symbol("keep");
  // A list whose length is imposed is always drawn, never kept from the example.
  const changes = space.leaves.map((leaf, i) =>
    leaf.kind === "medications" && options.medications
      ? (slots[i] as fc.Arbitrary<Slot>)
      : fc.oneof(
          { withCrossShrink: true },
          { arbitrary: fc.constant<Slot>(keep), weight: 4 },
          { arbitrary: slots[i] as fc.Arbitrary<Slot>, weight: 1 },
        ),
  );
  const fromExample = fc.tuple(fc.constantFrom(...examples), fc.tuple(...changes)).map(([example, changed]) =>
    assemble(
      space,
      space.leaves.map((leaf, i) => {
        if (changed[i] !== keep) return changed[i];
        const value = getAt(example, leaf.path);
        return value === undefined ? absent : structuredClone(value);
      }),
    ),
  );
  return fc.oneof({ withCrossShrink: true }, fromSchema, fromExample);
}

/** One fact of a patient: missing (absent or `null`) with the configured probability, else a value. */
function slotArbitrary(space: PatientSpace, leaf: FactLeaf, options: PatientOptions): fc.Arbitrary<Slot> {
  if (leaf.kind === "medications" && options.medications) return medicationListArbitrary(space, leaf, options);
  const value = leafValueArbitrary(space, leaf, options);
  const weight = Math.round((options.missing ?? 0.3) * 100);
  if (weight === 0) return value;
  // Missing first: fast-check shrinks toward it, so a shrunk patient says only what matters.
  return fc.oneof(
    { withCrossShrink: true },
    { arbitrary: fc.constant<Slot>(absent), weight: Math.ceil(weight / 2) },
    { arbitrary: fc.constant<Slot>(null), weight: Math.floor(weight / 2) || 1 },
    { arbitrary: value, weight: 100 - weight },
  );
}

function assemble(space: PatientSpace, values: readonly Slot[]): Patient {
  const patient: Patient = {};
  space.leaves.forEach((leaf, i) => {
    if (values[i] !== absent) setAt(patient, leaf.path, values[i]);
  });
  return patient;
}

function leafValueArbitrary(space: PatientSpace, leaf: FactLeaf, options: PatientOptions): fc.Arbitrary<unknown> {
  switch (leaf.kind) {
    case "boolean":
      return fc.boolean();
    case "enum":
      return fc.constantFrom(...leaf.values);
    case "quantity":
      return quantityArbitrary(leaf.unit, leaf.boundaries, leaf.min, leaf.max, options, leaf.accepts);
    case "date":
      return dateArbitrary();
    case "medications":
      return medicationListArbitrary(space, leaf, options);
  }
}

/** A value near the thresholds, anywhere in the range, or at its ends; in the declared unit. */
export function quantityValueArbitrary(thresholds: readonly number[], min?: number, max?: number): fc.Arbitrary<number> {
  const low = min ?? 0;
  const high = max ?? Math.max(1000, ...thresholds.map((t) => t * 4));
  const near = boundaryPoints(thresholds, min, max);
  const options: fc.WeightedArbitrary<number>[] = [
    { arbitrary: fc.integer({ min: Math.ceil(low), max: Math.floor(high) }), weight: 3 },
    {
      arbitrary: fc.integer({ min: Math.ceil(low * 1000), max: Math.min(Math.floor(high * 1000), 2 ** 31 - 1) }).map((n) => n / 1000),
      weight: 1,
    },
    { arbitrary: fc.constantFrom(low, high), weight: 1 },
  ];
  if (near.length) options.unshift({ arbitrary: fc.constantFrom(...near), weight: 5 });
  return fc.oneof(...options);
}

/** A quantity as a patient gives it: a bare number, or `{value, unit}` in an exactly compatible unit. */
function quantityArbitrary(
  unit: string,
  thresholds: readonly number[],
  min: number | undefined,
  max: number | undefined,
  options: PatientOptions,
  accepts?: readonly string[],
): fc.Arbitrary<unknown> {
  const value = quantityValueArbitrary(thresholds, min, max);
  if (options.bareQuantities) return value;
  const units = compatibleUnits(unit, accepts);
  return fc.tuple(value, fc.nat({ max: units.length - 1 }), fc.boolean()).map(([x, u, withUnit]) => {
    const chosen = units[u] ?? units[0];
    if (!withUnit || !chosen) return x;
    const written = writtenIn(x, chosen);
    return written === undefined ? x : { value: written, unit: chosen.unit };
  });
}

/** A calendar date, or a date-time with or without an offset. */
function dateArbitrary(): fc.Arbitrary<string> {
  const day = fc.date({ min: new Date("2020-01-01T00:00:00Z"), max: new Date("2030-12-31T23:59:59Z"), noInvalidDate: true });
  return fc.tuple(day, fc.constantFrom("date", "Z", "+01:00", "-05:30", "floating")).map(([d, form]) => {
    const iso = d.toISOString();
    if (form === "date") return iso.slice(0, 10);
    if (form === "floating") return iso.slice(0, 19);
    return `${iso.slice(0, 19)}${form}`;
  });
}

function medicationListArbitrary(
  space: PatientSpace,
  leaf: Extract<FactLeaf, { kind: "medications" }>,
  options: PatientOptions,
): fc.Arbitrary<MedicationEntry[]> {
  return fc.array(medicationEntryArbitrary(space, leaf, options), {
    minLength: options.medications?.minLength ?? 0,
    maxLength: options.medications?.maxLength ?? 5,
  });
}

const atcShape = ["letter", "digit", "digit", "letter", "letter", "digit", "digit"] as const;

/** A full 7-character ATC code starting with `prefix`. */
function atcArbitrary(prefix: string): fc.Arbitrary<string> {
  const rest = atcShape
    .slice(prefix.length)
    .map((shape) => fc.constantFrom(...(shape === "letter" ? "ABCDEFGHJKLMNPRSX" : "0123456789").split("")));
  return fc.tuple(...rest).map((chars) => `${prefix}${chars.join("")}`);
}

/**
 * One treatment: a drug of the vocabulary by name (any case, surrounding spaces) with or
 * without its ATC code, a drug known only by its ATC code, an unknown drug with no code or with
 * an in-scope code the vocabulary lacks, or a treatment outside the plan's ATC scope. Each with
 * a dose near the drug's dose thresholds, in any exactly compatible unit, `null`, or none.
 */
export function medicationEntryArbitrary(
  space: PatientSpace,
  leaf: Extract<FactLeaf, { kind: "medications" }>,
  options: PatientOptions = {},
): fc.Arbitrary<MedicationEntry> {
  const plain = (s: string) =>
    s
      .normalize("NFKD")
      .replace(/[\u0300-\u036f]/g, "")
      .toLowerCase();
  const names = new Set(space.drugs.flatMap((d) => [d.name, ...d.aliases].map(plain)));
  const atcs = new Set(space.drugs.flatMap((d) => d.atc.map((c) => c.toUpperCase())));
  const unknownName = fc.stringMatching(/^[A-Za-z][a-z]{2,9}$/).filter((n) => !names.has(plain(n)));
  const scope = space.scopeAtc ?? "";
  const inScopeUnknownAtc = atcArbitrary(scope.toUpperCase()).filter((a) => !atcs.has(a));
  const outOfScopeAtc = atcArbitrary("").filter((a) => (scope === "" ? false : !a.startsWith(scope.toUpperCase()) && !atcs.has(a)));
  const drug = fc.constantFrom(...space.drugs);
  const dose = (drugName?: string): fc.Arbitrary<Slot> => {
    if (!leaf.dose) return fc.constant(absent);
    const thresholds = (drugName && space.doseBoundaries.get(drugName)) || [];
    return fc.oneof(
      { withCrossShrink: true },
      { arbitrary: fc.constant<Slot>(absent), weight: 2 },
      { arbitrary: fc.constant<Slot>(null), weight: 1 },
      { arbitrary: quantityArbitrary(leaf.dose.unit, thresholds, leaf.dose.min ?? 0, undefined, options), weight: 5 },
    );
  };
  const withDose = (entry: MedicationEntry, value: Slot): MedicationEntry =>
    leaf.dose && value !== absent ? { ...entry, [leaf.dose.field]: value } : entry;
  const spelled = (name: string) =>
    fc.constantFrom(name, name.toUpperCase(), `${name.charAt(0).toUpperCase()}${name.slice(1)}`, ` ${name} `);

  // By its name or an alias, spelled any way, with no code, one of its codes, or one in lower case.
  const byName = drug.chain((d) =>
    fc
      .tuple(
        fc.constantFrom(d.name, ...d.aliases).chain(spelled),
        fc.constantFrom(...d.atc),
        fc.constantFrom<"none" | "same" | "lower">("none", "same", "lower"),
        dose(d.name),
      )
      .map(([name, code, atc, value]) =>
        withDose({ name, ...(atc === "none" ? {} : { atc: atc === "same" ? code : code.toLowerCase() }) }, value),
      ),
  );
  const byAtc = drug.chain((d) =>
    fc.tuple(unknownName, fc.constantFrom(...d.atc), dose(d.name)).map(([name, code, value]) => withDose({ name, atc: code }, value)),
  );
  // A name of one drug with the code of another: the entry may be either.
  const mismatched = fc
    .tuple(drug, drug, dose())
    .filter(([a, b]) => a.name !== b.name)
    .chain(([a, b, value]) => fc.constantFrom(...b.atc).map((code) => withDose({ name: a.name, atc: code }, value)));
  const unknownDrug = fc.tuple(unknownName, dose()).map(([name, value]) => withDose({ name }, value));
  const unknownInScope = fc.tuple(unknownName, inScopeUnknownAtc, dose()).map(([name, atc, value]) => withDose({ name, atc }, value));
  // An unknown code in the ATC group (level 4) of a drug's code: a class's member when a class
  // declares the group as a prefix, else a code no drug has.
  const inDrugGroup = fc
    .tuple(
      unknownName,
      drug.chain((d) => fc.constantFrom(...d.atc)),
      dose(),
    )
    .map(([name, code, value]) => withDose({ name, atc: `${code.slice(0, 5)}99` }, value))
    .filter((entry) => !atcs.has(String(entry.atc)));
  const kinds: fc.WeightedArbitrary<MedicationEntry>[] = [
    { arbitrary: byName, weight: 8 },
    { arbitrary: byAtc, weight: 2 },
    { arbitrary: unknownDrug, weight: 1 },
    { arbitrary: unknownInScope, weight: 1 },
    { arbitrary: inDrugGroup, weight: 1 },
  ];
  if (space.drugs.length > 1) kinds.push({ arbitrary: mismatched, weight: 1 });
  if (scope !== "") {
    kinds.push({
      arbitrary: fc.tuple(unknownName, outOfScopeAtc, dose()).map(([name, atc, value]) => withDose({ name, atc }, value)),
      weight: 1,
    });
    // A drug of the vocabulary given with a code that is not one of its own: its name and code disagree.
    kinds.push({
      arbitrary: fc
        .tuple(
          drug,
          outOfScopeAtc,
          drug.chain((d) => dose(d.name)),
        )
        .map(([d, atc, value]) => withDose({ name: d.name, atc }, value)),
      weight: 1,
    });
  }
  return fc.oneof(...kinds);
}

/** The value at a dotted path (undefined when absent). */
export function getAt(facts: unknown, path: string): unknown {
  let node: unknown = facts;
  for (const segment of path.split(".")) {
    if (node === null || typeof node !== "object") return undefined;
    node = (node as Record<string, unknown>)[segment];
  }
  return node;
}

/** Sets the value at a dotted path, creating the grouping objects on the way (mutates `facts`). */
export function setAt(facts: Patient, path: string, value: unknown): void {
  const segments = path.split(".");
  let node: Record<string, unknown> = facts;
  for (const segment of segments.slice(0, -1)) {
    const next = node[segment];
    if (next === null || typeof next !== "object") node[segment] = {};
    node = node[segment] as Record<string, unknown>;
  }
  node[segments[segments.length - 1] ?? path] = value;
}

/** A deep copy of a patient. */
export function clonePatient(patient: Patient): Patient {
  return structuredClone(patient);
}
