/**
 * A small CDCL solver for boolean satisfiability over clauses: unit propagation with two
 * watched literals, first-UIP conflict analysis, clause learning with non-chronological
 * backjumping, an activity heuristic (VSIDS-like: atoms met in conflicts are bumped, older
 * bumps decay), saved phases and Luby restarts. Deterministic: no randomness, ties go to the
 * lowest atom, so the same clauses give the same answer and the same model.
 *
 * The search is bounded by a number of conflicts; past it the answer is `unknown`.
 * Satisfiability stays NP-complete, but learning prunes what a plain tableau explores again
 * and again, and most instances of the analysis need few conflicts.
 */

/** A literal: `2 × atom` for the atom, `2 × atom + 1` for its negation. */
export type Lit = number;

/** The literal "the atom holds". */
export function atomLit(atom: number): Lit {
  return atom * 2;
}

/** The negation of a literal. */
export function negate(lit: Lit): Lit {
  return lit ^ 1;
}

/** The answer of {@link Cdcl.solve}: a model (one value per atom), unsat, or unknown past the bound. */
export type CdclResult =
  { readonly status: "sat"; readonly model: readonly boolean[] } | { readonly status: "unsat" } | { readonly status: "unknown" };

/** Restarts after `restartUnit` × the Luby sequence of conflicts. */
const restartUnit = 64;
const decay = 1 / 0.95;

/** A CDCL solver over atoms `0 … atoms − 1`: add clauses, then solve once. */
export class Cdcl {
  /** Decisions made (the search's branches). */
  decisions = 0;
  /** Conflicts met (each learns a clause). */
  conflicts = 0;
  private readonly clauses: Lit[][] = [];
  /** By literal: the clauses that watch it (visited when it becomes false). */
  private readonly watches: number[][];
  /** By atom: 0 unassigned, 1 true, -1 false. */
  private readonly values: Int8Array;
  private readonly levels: Int32Array;
  /** By atom: the clause that implied it, or -1 for a decision (or a unit at level 0). */
  private readonly reasons: Int32Array;
  private readonly activity: Float64Array;
  private readonly phase: Uint8Array;
  private readonly seen: Uint8Array;
  private readonly trail: Lit[] = [];
  private readonly trailLimits: number[] = [];
  private head = 0;
  /** The clauses given (the first ones of `clauses`); the others are learnt. */
  private given = 0;
  private increment = 1;
  private inconsistent = false;

  constructor(
    readonly atoms: number,
    /** Learnt clauses kept before the longer half is dropped, at a restart (the limit then grows by a tenth). */
    private learntLimit = 2_000,
  ) {
    this.watches = Array.from({ length: atoms * 2 }, () => []);
    this.values = new Int8Array(atoms);
    this.levels = new Int32Array(atoms);
    this.reasons = new Int32Array(atoms).fill(-1);
    this.activity = new Float64Array(atoms);
    this.phase = new Uint8Array(atoms);
    this.seen = new Uint8Array(atoms);
  }

  /** Adds a clause (before {@link solve}): a tautology is dropped, an empty clause makes the set unsat. */
  addClause(lits: readonly Lit[]): void {
    const clause: Lit[] = [];
    for (const lit of lits) {
      const value = this.value(lit);
      if (value === 1 || clause.includes(negate(lit))) return;
      if (value === 0 && !clause.includes(lit)) clause.push(lit);
    }
    const [first, second] = clause;
    if (first === undefined) this.inconsistent = true;
    else if (second === undefined) this.assign(first, -1);
    else {
      this.watches[first]?.push(this.clauses.length);
      this.watches[second]?.push(this.clauses.length);
      this.clauses.push(clause);
    }
  }

  /** Searches for a model, giving up (`unknown`) after `maxConflicts` conflicts. */
  solve(maxConflicts: number): CdclResult {
    if (this.inconsistent) return { status: "unsat" };
    this.given = this.clauses.length;
    let restart = 1;
    let untilRestart = restartUnit;
    for (;;) {
      const conflict = this.propagate();
      if (conflict < 0 && this.trailLimits.length === 0 && this.clauses.length - this.given > this.learntLimit) this.reduce();
      if (conflict >= 0) {
        this.conflicts++;
        if (this.trailLimits.length === 0) return { status: "unsat" };
        if (this.conflicts > maxConflicts) return { status: "unknown" };
        this.learn(conflict);
        if (--untilRestart === 0) {
          untilRestart = restartUnit * luby(++restart);
          this.backtrack(0);
        }
        continue;
      }
      const atom = this.pick();
      if (atom < 0) return { status: "sat", model: Array.from(this.values, (v) => v === 1) };
      this.decisions++;
      this.trailLimits.push(this.trail.length);
      this.assign(this.phase[atom] === 1 ? atomLit(atom) : negate(atomLit(atom)), -1);
    }
  }

  private value(lit: Lit): number {
    const v = this.values[lit >> 1] ?? 0;
    return lit & 1 ? -v : v;
  }

  private assign(lit: Lit, reason: number): void {
    const atom = lit >> 1;
    this.values[atom] = lit & 1 ? -1 : 1;
    this.levels[atom] = this.trailLimits.length;
    this.reasons[atom] = reason;
    this.trail.push(lit);
  }

  /** Unit propagation; returns the index of a clause left false, or -1. */
  private propagate(): number {
    while (this.head < this.trail.length) {
      const falseLit = negate(this.trail[this.head++] ?? 0);
      const watchers = this.watches[falseLit] ?? [];
      let kept = 0;
      for (let i = 0; i < watchers.length; i++) {
        const index = watchers[i] ?? 0;
        const clause = this.clauses[index] ?? [];
        if (clause[0] === falseLit) {
          clause[0] = clause[1] ?? 0;
          clause[1] = falseLit;
        }
        const other = clause[0] ?? 0;
        if (this.value(other) === 1 || this.moveWatch(clause, index, falseLit)) {
          if (this.value(other) === 1) watchers[kept++] = index;
          continue;
        }
        watchers[kept++] = index;
        if (this.value(other) === -1) {
          for (i++; i < watchers.length; i++) watchers[kept++] = watchers[i] ?? 0;
          watchers.length = kept;
          return index;
        }
        this.assign(other, index);
      }
      watchers.length = kept;
    }
    return -1;
  }

  /** Finds a literal not false to watch instead of `clause[1]`; true when it found one. */
  private moveWatch(clause: Lit[], index: number, falseLit: Lit): boolean {
    for (let k = 2; k < clause.length; k++) {
      const lit = clause[k] ?? 0;
      if (this.value(lit) !== -1) {
        clause[1] = lit;
        clause[k] = falseLit;
        this.watches[lit]?.push(index);
        return true;
      }
    }
    return false;
  }

  /** First-UIP analysis of a conflict: learns a clause, backjumps, and asserts its first literal. */
  private learn(conflict: number): void {
    const level = this.trailLimits.length;
    const learnt: Lit[] = [0];
    let pending = 0;
    let implied = -1;
    let index = this.trail.length - 1;
    let reason = conflict;
    do {
      for (const lit of this.clauses[reason] ?? []) {
        const atom = lit >> 1;
        if (lit === implied || this.seen[atom] === 1 || (this.levels[atom] ?? 0) === 0) continue;
        this.seen[atom] = 1;
        this.bump(atom);
        if ((this.levels[atom] ?? 0) >= level) pending++;
        else learnt.push(lit);
      }
      while (this.seen[(this.trail[index] ?? 0) >> 1] !== 1) index--;
      implied = this.trail[index--] ?? 0;
      reason = this.reasons[implied >> 1] ?? -1;
      this.seen[implied >> 1] = 0;
      pending--;
    } while (pending > 0);
    learnt[0] = negate(implied);
    let back = 0;
    for (let i = 1; i < learnt.length; i++) {
      const atom = (learnt[i] ?? 0) >> 1;
      this.seen[atom] = 0;
      const l = this.levels[atom] ?? 0;
      if (l > back) {
        back = l;
        [learnt[1], learnt[i]] = [learnt[i] ?? 0, learnt[1] ?? 0];
      }
    }
    this.increment *= decay;
    this.backtrack(back);
    if (learnt.length === 1) this.assign(negate(implied), -1);
    else {
      this.watches[learnt[0]]?.push(this.clauses.length);
      this.watches[learnt[1] ?? 0]?.push(this.clauses.length);
      this.clauses.push(learnt);
      this.assign(negate(implied), this.clauses.length - 1);
    }
  }

  /**
   * Drops the clauses satisfied at level 0 and the longer half of the learnt ones (the
   * shorter first, then the older), strips the literals false at level 0 and watches anew.
   * Called at level 0 with nothing left to propagate: every clause left has two literals unassigned.
   */
  private reduce(): void {
    const learnt = this.clauses
      .slice(this.given)
      .map((clause, index) => ({ clause, index }))
      .sort((a, b) => a.clause.length - b.clause.length || a.index - b.index);
    const kept = learnt.slice(0, learnt.length >> 1).sort((a, b) => a.index - b.index);
    const simplify = (clause: Lit[]): Lit[] =>
      clause.some((lit) => this.value(lit) === 1) ? [] : clause.filter((lit) => this.value(lit) === 0);
    const given = this.clauses.slice(0, this.given).map(simplify);
    const all = [...given, ...kept.map(({ clause }) => simplify(clause))].filter((clause) => clause.length >= 2);
    this.given = given.filter((clause) => clause.length >= 2).length;
    this.clauses.length = 0;
    for (const list of this.watches) list.length = 0;
    for (const clause of all) {
      this.watches[clause[0] ?? 0]?.push(this.clauses.length);
      this.watches[clause[1] ?? 0]?.push(this.clauses.length);
      this.clauses.push(clause);
    }
    // Level 0 is never undone, and analysis skips it: its reasons are not needed.
    this.reasons.fill(-1);
    this.learntLimit = Math.ceil(this.learntLimit * 1.1);
  }

  private bump(atom: number): void {
    const a = (this.activity[atom] ?? 0) + this.increment;
    this.activity[atom] = a;
    if (a > 1e100) {
      for (let i = 0; i < this.atoms; i++) this.activity[i] = (this.activity[i] ?? 0) * 1e-100;
      this.increment *= 1e-100;
    }
  }

  /** Undoes every assignment above `level`, saving each atom's phase. */
  private backtrack(level: number): void {
    if (this.trailLimits.length <= level) return;
    const start = this.trailLimits[level] ?? 0;
    for (let i = this.trail.length - 1; i >= start; i--) {
      const lit = this.trail[i] ?? 0;
      this.phase[lit >> 1] = lit & 1 ? 0 : 1;
      this.values[lit >> 1] = 0;
      this.reasons[lit >> 1] = -1;
    }
    this.trail.length = start;
    this.trailLimits.length = level;
    this.head = start;
  }

  /** The unassigned atom of highest activity (the lowest on a tie), or -1 when all are assigned. */
  private pick(): number {
    let best = -1;
    let bestActivity = -1;
    for (let atom = 0; atom < this.atoms; atom++) {
      if (this.values[atom] !== 0) continue;
      const a = this.activity[atom] ?? 0;
      if (a > bestActivity) {
        best = atom;
        bestActivity = a;
      }
    }
    return best;
  }
}

/** The Luby sequence 1, 1, 2, 1, 1, 2, 4, … at position `i` (from 1). */
function luby(i: number): number {
  let size = 1;
  let power = 1;
  while (size < i) {
    size = 2 * size + 1;
    power *= 2;
  }
  while (size !== i) {
    size = (size - 1) / 2;
    power /= 2;
    if (i > size) i -= size;
  }
  return power;
}
