/**
 * Ways of filling a patient's missing facts, for the "unknowns are sound" property: each
 * missing fact the rules read is a hole with a finite domain that reaches every region of the
 * rules' comparisons (both booleans, every enum value, each threshold t − 1, t, t + 1; for a
 * missing dose, the points that bring the drug's total dose there).
 */
import type { CheckedGuideline, ConditionModel } from "../../src/compiler/model.js";
import { decisivePoints, getAt, inDeclaredUnit, type Patient, type PatientSpace } from "../support/patient-arbitrary.js";
import { doubtOf, recognise } from "../support/reference-evaluator.js";

/** An ATC code no drug of a vocabulary has, outside any `B` scope: the entry is then surely no drug. */
const outsideVocabulary = "Z99ZZ99";
/** A name no drug of a vocabulary has. */
const unknownName = "zzz-no-such-drug";

/** A missing fact: its input path (as the report's `missing` names it), what it feeds, the values to try. */
export interface Hole {
  readonly path: string;
  /** What the rules read through it: a fact path, `taking LIST DRUG` or `dose LIST DRUG`. */
  readonly feeds: ReadonlySet<string>;
  readonly domain: readonly unknown[];
  /** The patient with this fact given `value`: a new object, sharing what did not change. */
  assign(patient: Patient, value: unknown): Patient;
}

/** What a condition reads, in the vocabulary of {@link Hole.feeds}. */
export function readsOf(condition: ConditionModel | undefined): string[] {
  if (!condition) return [];
  switch (condition.kind) {
    case "and":
    case "or":
      return condition.operands.flatMap(readsOf);
    case "not":
      return readsOf(condition.operand);
    case "flag":
    case "member":
      return [condition.path];
    case "taking":
      return [`taking ${condition.list} ${condition.drug}`];
    case "compare":
      return [condition.measured.kind === "fact" ? condition.measured.path : `dose ${condition.measured.list} ${condition.measured.drug}`];
    case "finding":
    case "always":
      return [];
  }
}

/** The holes of a patient: the missing facts some rule reads. */
export function holesOf(patient: Patient, model: CheckedGuideline, space: PatientSpace): Hole[] {
  const read = new Set(model.rules.flatMap((r) => readsOf(r.when)));
  const readOutsidePlan = new Set(model.rules.filter((r) => r.effect.kind !== "medication").flatMap((r) => readsOf(r.when)));
  const holes: Hole[] = [];
  for (const leaf of space.leaves) {
    const value = getAt(patient, leaf.path);
    const assign = (p: Patient, v: unknown) => withValueAt(p, leaf.path.split("."), v) as Patient;
    if (leaf.kind === "boolean" || leaf.kind === "enum" || leaf.kind === "quantity") {
      if ((value !== undefined && value !== null) || !read.has(leaf.path)) continue;
      const domain =
        leaf.kind === "boolean" ? [false, true] : leaf.kind === "enum" ? leaf.values : decisivePoints(leaf.boundaries, leaf.min, leaf.max);
      holes.push({ path: leaf.path, feeds: new Set([leaf.path]), domain, assign });
    } else if (leaf.kind === "medications") {
      const feeds = new Set(space.drugs.flatMap((d) => [`taking ${leaf.path} ${d.name}`, `dose ${leaf.path} ${d.name}`]));
      if (!Array.isArray(value)) {
        // A missing list matters only to rules outside the plan (the plan of a missing list is empty).
        if (![...feeds].some((f) => readOutsidePlan.has(f))) continue;
        const lists: unknown[] = [[]];
        for (const drug of space.drugs) {
          lists.push([{ name: drug.name }]);
          if (leaf.dose)
            for (const dose of decisivePoints(space.doseBoundaries.get(drug.name) ?? [], 0))
              lists.push([{ name: drug.name, [leaf.dose.field]: dose }]);
        }
        holes.push({ path: leaf.path, feeds, domain: lists, assign });
        continue;
      }
      const entries = value as Record<string, unknown>[];
      // An entry that leaves in doubt which drug it is: settled by its ATC code (unknown name),
      // or by keeping either its name or its code (name and code of different drugs).
      entries.forEach((entry, index) => {
        const doubt = doubtOf(model, entry);
        if (!doubt) return;
        const replace = (p: Patient, v: unknown) => {
          const list = [...(getAt(p, leaf.path) as Record<string, unknown>[])];
          list[index] = doubt === "unknown-name" ? { ...list[index], atc: v } : (v as Record<string, unknown>);
          return withValueAt(p, leaf.path.split("."), list) as Patient;
        };
        const { atc: _atc, ...withoutCode } = entry;
        const domain =
          doubt === "unknown-name"
            ? [...space.drugs.map((d) => d.atc[0]), outsideVocabulary]
            : [withoutCode, { ...entry, name: unknownName }];
        holes.push({ path: `${leaf.path}[${index}]${doubt === "unknown-name" ? ".atc" : ""}`, feeds, domain, assign: replace });
      });
      const field = leaf.dose?.field;
      if (!field) continue;
      entries.forEach((entry, index) => {
        const drug = recognise(model, entry)?.name;
        if (!drug || (entry[field] !== undefined && entry[field] !== null) || !read.has(`dose ${leaf.path} ${drug}`)) return;
        // The other entries of the drug that give a dose: this one brings the total to each point.
        const unit = leaf.dose?.unit ?? "";
        const others = entries
          .filter((e, i) => i !== index && recognise(model, e)?.name === drug)
          .reduce((sum, e) => sum + (inDeclaredUnit(e[field], unit) ?? 0), 0);
        const domain = [
          ...new Set([
            0,
            ...decisivePoints(space.doseBoundaries.get(drug) ?? [], 0)
              .map((p) => p - others)
              .filter((p) => p >= 0),
          ]),
        ];
        holes.push({
          path: `${leaf.path}[${index}].${field}`,
          feeds: new Set([`dose ${leaf.path} ${drug}`]),
          domain,
          assign: (p, v) => {
            const list = [...(getAt(p, leaf.path) as Record<string, unknown>[])];
            list[index] = { ...list[index], [field]: v };
            return withValueAt(p, leaf.path.split("."), list) as Patient;
          },
        });
      });
    }
  }
  return holes;
}

/** The holes that feed any of `reads`. */
export function relevantHoles(holes: readonly Hole[], reads: ReadonlySet<string>): Hole[] {
  return holes.filter((h) => [...h.feeds].some((f) => reads.has(f)));
}

/** Number of fillings of `holes` (the product of their domains). */
export function fillingCount(holes: readonly Hole[]): number {
  return holes.reduce((n, h) => n * h.domain.length, 1);
}

/**
 * Every filling of `holes` when there are at most `cap`, else `cap` random ones (drawn with
 * `random`). Each filling is a list of values, one per hole.
 */
export function fillings(
  holes: readonly Hole[],
  cap: number,
  random: () => number,
): { readonly all: boolean; readonly values: unknown[][] } {
  const count = fillingCount(holes);
  if (count <= cap) {
    const values: unknown[][] = [[]];
    for (const hole of holes) {
      const next: unknown[][] = [];
      for (const prefix of values) for (const v of hole.domain) next.push([...prefix, v]);
      values.splice(0, values.length, ...next);
    }
    return { all: true, values };
  }
  return { all: false, values: Array.from({ length: cap }, () => holes.map((h) => h.domain[Math.floor(random() * h.domain.length)])) };
}

/** The patient with `holes` filled with `values`: a new object; `patient` is not changed. */
export function filled(patient: Patient, holes: readonly Hole[], values: readonly unknown[]): Patient {
  return holes.reduce((p, hole, i) => hole.assign(p, values[i]), patient);
}

/** `node` with the value at `segments` replaced, copying only the objects on the way. */
function withValueAt(node: unknown, segments: readonly string[], value: unknown): unknown {
  const [first, ...rest] = segments;
  if (first === undefined) return value;
  const object = node !== null && typeof node === "object" ? (node as Record<string, unknown>) : {};
  return { ...object, [first]: withValueAt(object[first], rest, value) };
}

/** A small seeded random generator (mulberry32), for sampling fillings reproducibly. */
export { seededRandom } from "../../src/editions/patient-corpus.js";
