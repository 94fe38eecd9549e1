import { assertNever } from "../../shared/assert-never.js";
import { atomLit, Cdcl, negate, type Lit } from "./cdcl.js";
import type { Formula, Literal, Universe } from "./formula.js";
import { includes, intersect, isEmpty, type Interval } from "./intervals.js";

/**
 * Formulas over the three theories as clauses for the CDCL solver (cdcl.ts), and its model
 * back as values. A boolean variable is one atom. An enumeration is one atom per value, with
 * "exactly one" clauses (a variable the universe does not declare gets one more atom, "another
 * value"). A number is cut by every end of the intervals tested on it (and of its declared
 * range) into cells — each end a point cell, and the open cells between — and encoded by
 * order: atom j says "the value lies in cell j or above", and atom j + 1 implies atom j.
 * An interval is then a run of cells, "at or above the first and not above the last": exact
 * for open and closed ends alike.
 *
 * The formulas are in negation normal form, so every subformula occurs positively and one
 * implication per node suffices (Plaisted–Greenbaum): a node's atom implies its meaning.
 * Shared subformulas are encoded once. Linear in the size of the formulas, plus the pairs of
 * values of each enumeration.
 */

/** One variable's atoms. */
type Theory =
  | { readonly kind: "bool"; readonly atom: number }
  | { readonly kind: "enum"; readonly values: readonly string[]; readonly atoms: readonly number[] }
  | { readonly kind: "number"; readonly cells: readonly Interval[]; readonly order: readonly number[] };

/** A value of the model: a boolean, an enumeration's value, or the cell of a number. */
export type ModelValue = boolean | string | Interval;

/** The answer of {@link solveByClauses}, with the decisions the search made. */
export interface ClauseAnswer {
  readonly status: "sat" | "unsat" | "unknown";
  /** When sat: a value for every variable the formulas test (none for an undeclared enumeration's other value). */
  readonly values: ReadonlyMap<string, ModelValue>;
  readonly decisions: number;
}

/** Whether every formula can hold, searched by CDCL within `maxConflicts` conflicts. */
export function solveByClauses(formulas: readonly Formula[], universe: Universe, maxConflicts: number): ClauseAnswer {
  const encoder = new Encoder(universe, formulas);
  const cdcl = new Cdcl(encoder.atomCount);
  for (const clause of encoder.clauses) cdcl.addClause(clause);
  const result = cdcl.solve(maxConflicts);
  const values = result.status === "sat" ? encoder.decode(result.model) : new Map<string, ModelValue>();
  return { status: result.status, values, decisions: cdcl.decisions };
}

class Encoder {
  atomCount = 1;
  readonly clauses: Lit[][] = [];
  private readonly theories = new Map<string, Theory>();
  private readonly nodes = new Map<Formula, Lit>();
  /** Atom 0 is true. */
  private readonly truth = atomLit(0);

  constructor(
    private readonly universe: Universe,
    formulas: readonly Formula[],
  ) {
    this.clauses.push([this.truth]);
    this.declare(formulas);
    for (const f of formulas) {
      if (f.kind === "and") for (const operand of f.operands) this.clauses.push([this.encode(operand)]);
      else if (f.kind === "or") this.clauses.push(f.operands.map((operand) => this.encode(operand)));
      else this.clauses.push([this.encode(f)]);
    }
  }

  /** The values of a model, by variable. */
  decode(model: readonly boolean[]): Map<string, ModelValue> {
    const values = new Map<string, ModelValue>();
    for (const [variable, theory] of this.theories) {
      switch (theory.kind) {
        case "bool":
          values.set(variable, model[theory.atom] === true);
          break;
        case "enum": {
          const chosen = theory.atoms.findIndex((atom) => model[atom] === true);
          const value = theory.values[chosen];
          if (value !== undefined) values.set(variable, value);
          break;
        }
        case "number": {
          const cell = theory.cells[theory.order.filter((atom) => model[atom] === true).length];
          if (cell) values.set(variable, cell);
          break;
        }
        default:
          assertNever(theory);
      }
    }
    return values;
  }

  private fresh(): number {
    return this.atomCount++;
  }

  /** Gives every variable the formulas test its atoms, and the clauses that tie them. */
  private declare(formulas: readonly Formula[]): void {
    const literals = new Map<string, Literal[]>();
    const seen = new Set<Formula>();
    const collect = (f: Formula): void => {
      if (seen.has(f)) return;
      seen.add(f);
      if (f.kind === "and" || f.kind === "or") for (const operand of f.operands) collect(operand);
      else if (f.kind !== "true" && f.kind !== "false") {
        const tests = literals.get(f.variable);
        if (tests) tests.push(f);
        else literals.set(f.variable, [f]);
      }
    };
    for (const f of formulas) collect(f);
    for (const [variable, tests] of literals) {
      const first = tests[0];
      if (first?.kind === "bool") this.theories.set(variable, { kind: "bool", atom: this.fresh() });
      else if (first?.kind === "enum") this.theories.set(variable, this.enumeration(variable, tests));
      else if (first?.kind === "number") this.theories.set(variable, this.number(variable, tests));
    }
  }

  private enumeration(variable: string, tests: readonly Literal[]): Theory {
    const declared = this.universe.variables.get(variable);
    const values =
      declared?.kind === "enum"
        ? declared.values
        : // Undeclared: the values tested, and one more for any other value.
          [...new Set(tests.flatMap((t) => (t.kind === "enum" ? t.values : []))), "\u0000another value"];
    const atoms = values.map(() => this.fresh());
    this.clauses.push(atoms.map(atomLit));
    for (let i = 0; i < atoms.length; i++)
      for (let j = i + 1; j < atoms.length; j++) this.clauses.push([negate(atomLit(atoms[i] ?? 0)), negate(atomLit(atoms[j] ?? 0))]);
    return { kind: "enum", values: declared?.kind === "enum" ? values : values.slice(0, -1), atoms };
  }

  private number(variable: string, tests: readonly Literal[]): Theory {
    const declared = this.universe.variables.get(variable);
    const range: Interval = declared?.kind === "number" ? declared.range : { lo: -Infinity, loOpen: true, hi: Infinity, hiOpen: true };
    const ends = new Set<number>();
    for (const t of [...tests.flatMap((t) => (t.kind === "number" ? [t.interval] : [])), range])
      for (const x of [t.lo, t.hi]) if (Number.isFinite(x)) ends.add(x);
    const points = [...ends].sort((a, b) => a - b);
    const cuts: Interval[] = [];
    let lo = -Infinity;
    for (const p of points) {
      cuts.push({ lo, loOpen: true, hi: p, hiOpen: true }, { lo: p, loOpen: false, hi: p, hiOpen: false });
      lo = p;
    }
    cuts.push({ lo, loOpen: true, hi: Infinity, hiOpen: true });
    const cells = cuts.map((c) => intersect(c, range)).filter((c) => !isEmpty(c));
    const order = cells.slice(1).map(() => this.fresh());
    for (let j = 1; j < order.length; j++) this.clauses.push([negate(atomLit(order[j] ?? 0)), atomLit(order[j - 1] ?? 0)]);
    return { kind: "number", cells, order };
  }

  /** A literal whose truth implies the formula's. */
  private encode(f: Formula): Lit {
    const known = this.nodes.get(f);
    if (known !== undefined) return known;
    const lit = this.encodeNew(f);
    this.nodes.set(f, lit);
    return lit;
  }

  private encodeNew(f: Formula): Lit {
    switch (f.kind) {
      case "true":
        return this.truth;
      case "false":
        return negate(this.truth);
      case "and":
      case "or": {
        const operands = f.operands.map((operand) => this.encode(operand));
        const node = atomLit(this.fresh());
        if (f.kind === "or") this.clauses.push([negate(node), ...operands]);
        else for (const operand of operands) this.clauses.push([negate(node), operand]);
        return node;
      }
      case "bool":
      case "enum":
      case "number":
        return this.literal(f);
      default:
        return assertNever(f);
    }
  }

  /** A test as a literal of the atoms of its variable (a new atom when it takes several). */
  private literal(test: Literal): Lit {
    const theory = this.theories.get(test.variable);
    let parts: { readonly any: readonly Lit[] } | { readonly all: readonly Lit[] };
    if (test.kind === "bool" && theory?.kind === "bool")
      parts = { all: [test.value ? atomLit(theory.atom) : negate(atomLit(theory.atom))] };
    else if (test.kind === "enum" && theory?.kind === "enum")
      parts = { any: theory.atoms.filter((_, i) => test.values.includes(theory.values[i] ?? "")).map(atomLit) };
    else if (test.kind === "number" && theory?.kind === "number") parts = { all: this.cellRun(test.interval, theory) };
    // A variable tested with two kinds: the tableau finds no clash between them, so neither does this.
    else parts = { all: [] };
    const lits = "any" in parts ? parts.any : parts.all;
    if ("any" in parts && lits.length === 0) return negate(this.truth);
    if (lits.length === 0) return this.truth;
    if (lits.length === 1) return lits[0] ?? this.truth;
    const node = atomLit(this.fresh());
    if ("any" in parts) this.clauses.push([negate(node), ...lits]);
    else for (const lit of lits) this.clauses.push([negate(node), lit]);
    return node;
  }

  /** The order literals of "the value lies in a cell of the interval": at or above its first, not above its last. */
  private cellRun(interval: Interval, theory: Extract<Theory, { kind: "number" }>): Lit[] {
    const first = theory.cells.findIndex((cell) => includes(interval, cell));
    if (first < 0) return [negate(this.truth)];
    let last = first;
    while (last + 1 < theory.cells.length && includes(interval, theory.cells[last + 1] ?? interval)) last++;
    const lits: Lit[] = [];
    if (first > 0) lits.push(atomLit(theory.order[first - 1] ?? 0));
    if (last + 1 < theory.cells.length) lits.push(negate(atomLit(theory.order[last] ?? 0)));
    return lits;
  }
}
