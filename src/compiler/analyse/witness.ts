import { takingFactId } from "../../pack/pack-format.js";
import type { Formula, Universe, Variable } from "./formula.js";
import { containsValue, formatNumber, pickValue } from "./intervals.js";
import type { Assignment, Slot } from "./satisfiability.js";
import type { Witness } from "./report.js";
import { writeFactPath } from "../../pack/fact-path.js";

/** One drug taken in a witness, with its dose when the search set one. */
interface ListEntry {
  dose?: { field: string; value: number; unit: string };
}
/** The drugs of one medication list in a witness, by name. */
type ListEntries = Map<string, ListEntry>;

/**
 * Turns what the search found into a patient: a facts object the runtime accepts, and the
 * same patient as `given` lines an editor could paste into an example. Only the variables
 * the search constrained are given; every other fact is left out (unknown), which cannot make
 * a test that definitely holds stop holding. O(variables constrained).
 */
export function witnessOf(assignment: Assignment, universe: Universe): Witness {
  const values = concreteValues(assignment, universe);
  const facts: Record<string, unknown> = {};
  const given: string[] = [];
  const lists = new Map<string, ListEntries>();
  const listsGiven = new Set<string>();
  for (const [key, value] of [...values.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const variable = universe.variables.get(key);
    if (!variable) continue;
    if (variable.kind === "boolean" && variable.role === "taking") {
      listsGiven.add(variable.list);
      if (value === true) {
        const entries = lists.get(variable.list) ?? new Map<string, ListEntry>();
        lists.set(variable.list, entries);
        if (!entries.has(variable.drug)) entries.set(variable.drug, {});
      }
      continue;
    }
    if (variable.kind === "number" && variable.role === "dose") {
      // A dose goes with its drug's entry; the search always takes the drug when it sets a dose.
      if (values.get(takingFactId(variable.list, variable.drug)) !== true) continue;
      listsGiven.add(variable.list);
      const entries = lists.get(variable.list) ?? new Map<string, ListEntry>();
      lists.set(variable.list, entries);
      entries.set(variable.drug, { dose: { field: variable.field, value: value as number, unit: variable.unit } });
      continue;
    }
    // Every variable left (a fact, an enum, a number that is not a dose) has a path.
    const path = variable.path;
    writeFactPath(facts, path, value);
    given.push(`given ${path} = ${describeValue(variable, value)}`);
  }
  for (const list of universe.lists) {
    if (!listsGiven.has(list)) continue;
    const entries = [...(lists.get(list) ?? new Map<string, { dose?: { field: string; value: number; unit: string } }>()).entries()];
    writeFactPath(
      facts,
      list,
      entries.map(([drug, e]) => ({ name: drug, ...(e.dose ? { [e.dose.field]: e.dose.value } : {}) })),
    );
    given.push(
      `given ${list} = (${entries.map(([drug, e]) => `${drug}${e.dose ? ` ${formatNumber(e.dose.value)} ${e.dose.unit}` : ""}`).join(", ")})`,
    );
  }
  given.sort();
  return { facts, given };
}

/** The witness in one line for a message: `given a = yes; given b = (drug-a 160 mg/d)`. */
export function describeWitness(witness: Witness): string {
  return witness.given.length ? witness.given.join("; ") : "any patient (no fact needed)";
}

/** One concrete value per constrained variable. */
export function concreteValues(assignment: Assignment, universe: Universe): Map<string, boolean | string | number> {
  const values = new Map<string, boolean | string | number>();
  for (const [key, slot] of assignment) {
    const variable = universe.variables.get(key);
    const domain = slot.domain;
    if (domain.kind === "bool") values.set(key, domain.value);
    else if (domain.kind === "enum") values.set(key, domain.values[0] ?? "");
    else values.set(key, pickValue(domain.interval, variable?.kind === "number" ? variable.range : undefined));
  }
  return values;
}

/**
 * Evaluates a formula on a complete patient: the values given, and a default for every other
 * variable (`high` picks yes, the last value of a list, the top of a range). Used to rule out
 * most pairs of rules before any search. O(size of the formula).
 */
export function evaluate(
  formula: Formula,
  values: ReadonlyMap<string, boolean | string | number>,
  universe: Universe,
  high: boolean,
): boolean {
  switch (formula.kind) {
    case "true":
      return true;
    case "false":
      return false;
    // Loops rather than `every` / `some`: no closure per call (the analysis evaluates millions).
    case "and":
      for (const operand of formula.operands) if (!evaluate(operand, values, universe, high)) return false;
      return true;
    case "or":
      for (const operand of formula.operands) if (evaluate(operand, values, universe, high)) return true;
      return false;
    case "bool":
      return (values.get(formula.variable) ?? high) === formula.value;
    case "enum": {
      const value = values.get(formula.variable) ?? defaultValue(universe.variables.get(formula.variable), high);
      return typeof value === "string" && formula.values.includes(value);
    }
    case "number": {
      const value = values.get(formula.variable) ?? defaultValue(universe.variables.get(formula.variable), high);
      return typeof value === "number" && containsValue(formula.interval, value);
    }
  }
}

/**
 * A complete patient: `values`, and for every other variable among `keys` the default that
 * `evaluate` reads for it (no, the first value of a list, the bottom of a range when `high` is
 * false; yes, the last value, the top when it is true). O(keys).
 */
export function completeValues(
  values: ReadonlyMap<string, boolean | string | number>,
  keys: Iterable<string>,
  universe: Universe,
  high: boolean,
): Map<string, boolean | string | number> {
  const complete = new Map(values);
  for (const key of keys) {
    if (complete.has(key)) continue;
    const variable = universe.variables.get(key);
    if (!variable) continue;
    complete.set(key, variable.kind === "boolean" ? high : (defaultValue(variable, high) ?? 0));
  }
  return complete;
}

/** The witness of a patient given as one value per variable (see `completeValues`). */
export function witnessOfValues(values: ReadonlyMap<string, boolean | string | number>, universe: Universe): Witness {
  const assignment = new Map<string, Slot>();
  for (const [key, value] of values) {
    const domain: Slot["domain"] =
      typeof value === "boolean"
        ? { kind: "bool", value }
        : typeof value === "string"
          ? { kind: "enum", values: [value] }
          : { kind: "number", interval: { lo: value, loOpen: false, hi: value, hiOpen: false } };
    assignment.set(key, { domain, because: undefined });
  }
  return witnessOf(assignment, universe);
}

function defaultValue(variable: Variable | undefined, high: boolean): string | number | undefined {
  if (!variable) return undefined;
  if (variable.kind === "enum") return high ? variable.values[variable.values.length - 1] : variable.values[0];
  if (variable.kind === "number") {
    const r = variable.range;
    if (high) return Number.isFinite(r.hi) ? r.hi : Math.max(Number.isFinite(r.lo) ? r.lo : 0, 0) + 1e9;
    return Number.isFinite(r.lo) ? r.lo : 0;
  }
  return undefined;
}

function describeValue(variable: Variable, value: boolean | string | number): string {
  if (variable.kind === "boolean") return value ? "yes" : "no";
  if (variable.kind === "number") return `${formatNumber(value as number)} ${variable.unit}`;
  return String(value);
}
