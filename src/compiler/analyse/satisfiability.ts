import { describeRange, type Formula, type Literal, type Universe } from "./formula.js";
import { includes, intersect, isEmpty, type Interval } from "./intervals.js";
import { solveByClauses } from "./sat-encoding.js";
import { assertNever } from "../../shared/assert-never.js";

/**
 * Is there a patient for whom a formula holds? A tableau search with unit propagation, over
 * three theories that need no general solver: booleans (a value), enumerations (a set of
 * values still allowed) and numbers (one interval, with open or closed ends — `!=` is read as
 * "below or above", so a domain stays one interval).
 *
 * Complexity: literals and `and` are applied in O(1) each; the search branches only on an
 * `or` none of whose operands is already decided, choosing the one with the fewest operands
 * left. A conjunction of tests (most rules) is decided in time linear in its size. In the
 * worst case the search is exponential in the number of `or` nodes — satisfiability with
 * disjunctions is NP-complete — and the tableau learns nothing from a failed branch, so it
 * explores at most `tableauShare` branches (1 000 by default). A query still open then is
 * a real SAT instance: it is translated to clauses (sat-encoding.ts) and searched by CDCL
 * (cdcl.ts), which learns a clause from each conflict and so prunes what the tableau would
 * explore again and again; it may meet the rest of the `budget` in conflicts. Past that
 * bound too the answer is `unknown`, and the caller reports it (GL3011) rather than guess.
 * With a budget no larger than the share, only the tableau runs. A CDCL answer has no
 * explanation in words: its model becomes an assignment (each variable narrowed to the value
 * or the cell of the model), its unsat no conflict.
 */

/**
 * The branches the tableau may explore before the CDCL search takes over (when the budget is
 * larger): a query that needs more is a real SAT instance, where learning wins.
 */
const defaultTableauShare = 1_000;

/** What the search knows about one variable, and the tests that narrowed it (for explanations). */
export interface Slot {
  readonly domain:
    | { readonly kind: "bool"; readonly value: boolean }
    | { readonly kind: "enum"; readonly values: readonly string[] }
    | { readonly kind: "number"; readonly interval: Interval };
  readonly because: Because;
}

/**
 * The tests that narrowed a variable, latest first, as a chain: narrowing adds one link and
 * copies nothing (a copied list made a variable narrowed k times cost k² in the search).
 * Written out as a list, in the order applied, only for a conflict ({@link becauseList}).
 */
export type Because = { readonly text: string; readonly earlier: Because } | undefined;

/** The tests of a chain, in the order they were applied. */
export function becauseList(because: Because): string[] {
  const texts: string[] = [];
  for (let link = because; link !== undefined; link = link.earlier) texts.push(link.text);
  return texts.reverse();
}

/** A partial patient: the variables the search constrained. Others are free. */
export type Assignment = ReadonlyMap<string, Slot>;

/** Tests that cannot hold together, in the source's words. */
export interface Conflict {
  readonly literals: readonly string[];
}

/** The answer to one query. */
export type SatResult =
  | { readonly status: "sat"; readonly assignment: Assignment }
  | { readonly status: "unsat"; readonly conflicts: readonly Conflict[] }
  | { readonly status: "unknown" };

/** Counts queries and search steps across an analysis, and holds the per-query bound. */
export class Solver {
  queries = 0;
  steps = 0;
  private readonly initialDomains = new Map<string, Slot["domain"] | undefined>();

  constructor(
    private readonly universe: Universe,
    /** Branches one query may explore before giving up. */
    readonly budget = 20_000,
    /** Of the budget, the branches of the tableau; the rest bounds the conflicts of the CDCL search. */
    readonly tableauShare = defaultTableauShare,
  ) {}

  /**
   * Searches for an assignment that makes every formula hold: the tableau first, within
   * `tableauShare` branches (its witnesses and conflicts explain findings in words);
   * past them, the CDCL search over clauses with the rest of the budget, counted in conflicts.
   */
  solve(formulas: readonly Formula[]): SatResult {
    this.queries++;
    const share = Math.min(this.budget, this.tableauShare);
    const context = { steps: 0, budget: share };
    try {
      // `pending` is a stack: reversed, so tests are applied in the order written.
      const result = this.search(new Map(), [...formulas].reverse(), [], context);
      return result;
    } catch (error) {
      if (error instanceof BudgetExceeded) return this.solveByClauses(formulas, this.budget - share);
      throw error;
    } finally {
      this.steps += Math.min(context.steps, share);
    }
  }

  /** The fallback: CDCL within `conflicts` conflicts (none left: `unknown`). An unsat answer has no conflict in words. */
  private solveByClauses(formulas: readonly Formula[], conflicts: number): SatResult {
    if (conflicts <= 0) return { status: "unknown" };
    const answer = solveByClauses(formulas, this.universe, conflicts);
    this.steps += answer.decisions;
    switch (answer.status) {
      case "unknown":
        return { status: "unknown" };
      case "unsat":
        return { status: "unsat", conflicts: [] };
      case "sat": {
        const because: Because = { text: "a model of the clause search", earlier: undefined };
        const assignment = new Map<string, Slot>();
        for (const [variable, value] of answer.values) {
          const domain: Slot["domain"] =
            typeof value === "boolean"
              ? { kind: "bool", value }
              : typeof value === "string"
                ? { kind: "enum", values: [value] }
                : { kind: "number", interval: value };
          assignment.set(variable, { domain, because });
        }
        return { status: "sat", assignment };
      }
      default:
        return assertNever(answer.status);
    }
  }

  private search(
    state: Map<string, Slot>,
    pending: Formula[],
    disjunctions: readonly Extract<Formula, { kind: "or" }>[],
    context: { steps: number; budget: number },
  ): SatResult {
    let open = [...disjunctions];
    // The first `clean` ors of `open` were scanned in this state as it was before the variables
    // in `changed` were narrowed: one that reads none of them would scan the same, and is kept as is.
    let clean = open.length;
    const changed = new Set<string>();
    for (;;) {
      while (pending.length) {
        const f = pending.pop();
        if (!f || f.kind === "true") continue;
        if (f.kind === "false") return { status: "unsat", conflicts: [{ literals: [f.text] }] };
        if (f.kind === "and") for (let i = f.operands.length - 1; i >= 0; i--) pending.push(f.operands[i] as Formula);
        else if (f.kind === "or") open.push(f);
        else {
          const conflict = this.apply(state, f);
          if (conflict) return { status: "unsat", conflicts: [conflict] };
          changed.add(f.variable);
        }
      }
      const live: Extract<Formula, { kind: "or" }>[] = [];
      for (const [i, d] of open.entries()) {
        if (i < clean && !readsAny(d, changed)) {
          live.push(d);
          continue;
        }
        const scanned = this.scan(state, d);
        if (scanned.kind === "unsat") return { status: "unsat", conflicts: mergeConflicts(scanned.dead) };
        if (scanned.kind === "unit") pending.push(scanned.operand);
        else if (scanned.kind === "live") live.push(scanned.or);
      }
      clean = live.length;
      changed.clear();
      open = live;
      if (pending.length) continue;
      if (open.length === 0) return { status: "sat", assignment: state };
      let chosen = 0;
      for (let i = 1; i < open.length; i++) if ((open[i]?.operands.length ?? 0) < (open[chosen]?.operands.length ?? 0)) chosen = i;
      const branch = open[chosen];
      const rest = open.filter((_, i) => i !== chosen);
      const conflicts: Conflict[] = [];
      for (const operand of branch?.operands ?? []) {
        if (++context.steps > context.budget) throw new BudgetExceeded();
        const result = this.search(new Map(state), [operand], rest, context);
        if (result.status === "sat") return result;
        if (result.status === "unsat") for (const c of result.conflicts) conflicts.push(c);
      }
      return { status: "unsat", conflicts: mergeConflicts(conflicts) };
    }
  }

  /**
   * One `or` in the state: satisfied (an operand is already true), impossible (every operand
   * is), a unit (one operand is left: it must hold), or still open with the operands left.
   */
  private scan(
    state: ReadonlyMap<string, Slot>,
    d: Extract<Formula, { kind: "or" }>,
  ):
    | { readonly kind: "satisfied" }
    | { readonly kind: "unsat"; readonly dead: readonly Conflict[] }
    | { readonly kind: "unit"; readonly operand: Formula }
    | { readonly kind: "live"; readonly or: Extract<Formula, { kind: "or" }> } {
    const operands: Formula[] = [];
    // The operands that cannot hold; their conflicts are written out only if the whole `or`
    // fails (most scans find it satisfied or open, and the search scans millions of times).
    let dead: Formula[] | undefined;
    for (const operand of d.operands) {
      if (operand.kind === "true") return { kind: "satisfied" };
      if (operand.kind === "false") {
        (dead ??= []).push(operand);
        continue;
      }
      if (operand.kind === "bool" || operand.kind === "enum" || operand.kind === "number") {
        if (this.entailed(state, operand)) return { kind: "satisfied" };
        if (this.clashes(state, operand)) {
          (dead ??= []).push(operand);
          continue;
        }
      }
      operands.push(operand);
    }
    if (operands.length === 0)
      return {
        kind: "unsat",
        dead: (dead ?? []).map((operand) =>
          operand.kind === "false" ? { literals: [operand.text] } : (this.conflictWith(state, operand as Literal) ?? { literals: [] }),
        ),
      };
    if (operands.length === 1 && operands[0]) return { kind: "unit", operand: operands[0] };
    // An `or` that lost no operand is kept as is: the same operands, and no allocation.
    return { kind: "live", or: operands.length === d.operands.length ? d : { kind: "or", operands } };
  }

  /** A variable's domain before any test narrows it; built once per variable, read in every scan of the search. */
  private initial(variable: string): Slot["domain"] | undefined {
    if (this.initialDomains.has(variable)) return this.initialDomains.get(variable);
    const v = this.universe.variables.get(variable);
    const domain: Slot["domain"] | undefined =
      v?.kind === "enum" ? { kind: "enum", values: v.values } : v?.kind === "number" ? { kind: "number", interval: v.range } : undefined;
    this.initialDomains.set(variable, domain);
    return domain;
  }

  private entailed(state: ReadonlyMap<string, Slot>, literal: Literal): boolean {
    const domain = state.get(literal.variable)?.domain ?? this.initial(literal.variable);
    if (!domain) return false;
    switch (literal.kind) {
      case "bool":
        return domain.kind === "bool" && domain.value === literal.value;
      case "enum":
        return domain.kind === "enum" && domain.values.every((v) => literal.values.includes(v));
      case "number":
        return domain.kind === "number" && includes(literal.interval, domain.interval);
    }
  }

  /** Whether `literal` conflicts with the state: {@link conflictWith} without writing the conflict out. */
  private clashes(state: ReadonlyMap<string, Slot>, literal: Literal): boolean {
    const domain = state.get(literal.variable)?.domain ?? this.initial(literal.variable);
    if (!domain) return false;
    switch (literal.kind) {
      case "bool":
        return domain.kind === "bool" && domain.value !== literal.value;
      case "enum":
        return domain.kind === "enum" && !domain.values.some((v) => literal.values.includes(v));
      case "number":
        return domain.kind === "number" && isEmpty(intersect(domain.interval, literal.interval));
    }
  }

  /** The conflict `literal` would cause, without applying it. */
  private conflictWith(state: ReadonlyMap<string, Slot>, literal: Literal): Conflict | undefined {
    const slot = state.get(literal.variable);
    const domain = slot?.domain ?? this.initial(literal.variable);
    if (!domain) return undefined;
    const because = becauseList(slot?.because);
    switch (literal.kind) {
      case "bool":
        return domain.kind === "bool" && domain.value !== literal.value ? { literals: [...because, literal.text] } : undefined;
      case "enum":
        return domain.kind === "enum" && !domain.values.some((v) => literal.values.includes(v))
          ? { literals: [...because, literal.text] }
          : undefined;
      case "number": {
        if (domain.kind !== "number" || !isEmpty(intersect(domain.interval, literal.interval))) return undefined;
        const variable = this.universe.variables.get(literal.variable);
        const range = variable && because.length === 0 ? describeRange(variable) : undefined;
        return { literals: [...because, ...(range ? [range] : []), literal.text] };
      }
    }
  }

  /** Narrows the variable of `literal`; returns the conflict if nothing is left. */
  private apply(state: Map<string, Slot>, literal: Literal): Conflict | undefined {
    if (this.clashes(state, literal)) return this.conflictWith(state, literal);
    if (this.entailed(state, literal)) return undefined;
    const slot = state.get(literal.variable);
    const domain = slot?.domain ?? this.initial(literal.variable);
    const because: Because = { text: literal.text, earlier: slot?.because };
    switch (literal.kind) {
      case "bool":
        state.set(literal.variable, { domain: { kind: "bool", value: literal.value }, because });
        break;
      case "enum": {
        const values = domain?.kind === "enum" ? domain.values.filter((v) => literal.values.includes(v)) : literal.values;
        state.set(literal.variable, { domain: { kind: "enum", values }, because });
        break;
      }
      case "number": {
        const interval = domain?.kind === "number" ? intersect(domain.interval, literal.interval) : literal.interval;
        state.set(literal.variable, { domain: { kind: "number", interval }, because });
        break;
      }
    }
    return undefined;
  }
}

class BudgetExceeded extends Error {}

/**
 * Whether an `or` (as the search keeps it: literals, and `and`s, whose scan reads no variable)
 * has a literal on one of the variables.
 */
function readsAny(d: Extract<Formula, { kind: "or" }>, variables: ReadonlySet<string>): boolean {
  if (variables.size === 0) return false;
  for (const operand of d.operands) {
    if ((operand.kind === "bool" || operand.kind === "enum" || operand.kind === "number") && variables.has(operand.variable)) return true;
    // `true` and `false` are settled by the scan itself: an `or` that still holds one was never scanned.
    if (operand.kind === "true" || operand.kind === "false") return true;
  }
  return false;
}

function mergeConflicts(conflicts: readonly Conflict[]): Conflict[] {
  const seen = new Set<string>();
  const out: Conflict[] = [];
  for (const c of conflicts) {
    const literals = [...new Set(c.literals)];
    const key = [...literals].sort().join("\u0000");
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ literals });
  }
  return out;
}

/** A conflict in words: "`a` and `b` cannot both hold". */
export function explainConflicts(conflicts: readonly Conflict[], limit = 3): string {
  const parts = conflicts.slice(0, limit).map((c) => {
    const quoted = c.literals.map((l) => (l.startsWith("`") || l.startsWith("the allowed range") ? l : `\`${l}\``));
    if (quoted.length === 1) return `${quoted[0]} is impossible`;
    return `${quoted.slice(0, -1).join(", ")} and ${quoted[quoted.length - 1]} cannot ${quoted.length === 2 ? "both" : "all"} hold`;
  });
  const more = conflicts.length > limit ? `; and ${conflicts.length - limit} more` : "";
  if (parts.length <= 1) return `${parts[0] ?? "the condition is impossible"}${more}`;
  return `every way it could hold is impossible: ${parts.join("; ")}${more}`;
}
