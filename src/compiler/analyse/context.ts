import type { DiagnosticCode } from "../../diagnostics/codes.js";
import { makeDiagnostic, type Hint } from "../../diagnostics/diagnostic.js";
import type { Span } from "../../diagnostics/span.js";
import type { CheckedGuideline, RuleModel } from "../model.js";
import { orderRules } from "../order-rules.js";
import { and, buildUniverse, or, ruleFormula, toFormula, type Formula, type Reading, type Universe } from "./formula.js";
import type { Finding, Witness } from "./report.js";
import { Solver, type SatResult } from "./satisfiability.js";
import { witnessOf } from "./witness.js";
import { planOrderKey } from "../../pack/plan-order.js";

/**
 * What every check of the analysis shares: the model, its variables, one solver (so queries
 * and steps are counted once), the rules in plan order, cached rule formulas, and the list
 * the findings go to.
 */
export class AnalysisContext {
  readonly universe: Universe;
  readonly solver: Solver;
  readonly findings: Finding[] = [];
  readonly rulesById: ReadonlyMap<string, RuleModel>;
  /** Rules in the order the runtime tries them: source order, with declared precedences applied. */
  readonly ordered: readonly RuleModel[];
  /** Rule formulas by rule, then by reading (and drug): keyed by object, so a lookup allocates nothing. */
  private readonly formulas = new Map<RuleModel, Map<string, Formula>>();
  /** Declared precedences as links winner → losers. */
  private readonly beats = new Map<string, string[]>();
  private readonly holding = new Map<string, SatResult>();
  private byKind: ReadonlyMap<string, readonly RuleModel[]> | undefined;
  private readonly findingCache = new Map<string, { operands: readonly Formula[]; whole: Formula }>();

  constructor(
    readonly model: CheckedGuideline,
    budget?: number,
    tableauShare?: number,
  ) {
    this.universe = buildUniverse(model);
    this.solver = new Solver(this.universe, budget, tableauShare);
    this.rulesById = new Map(model.rules.map((r) => [r.id, r]));
    this.ordered = orderRules(model.rules, model.precedences).rules;
    for (const p of model.precedences) this.beats.set(p.winner, [...(this.beats.get(p.winner) ?? []), p.loser]);
  }

  /**
   * Whether declared precedences put `winner` before `loser`, directly or through other rules
   * (`a over b`, `b over c` settle `a` against `c`). A search along the declared links.
   */
  wins(winner: string, loser: string): boolean {
    const seen = new Set<string>();
    const stack = [winner];
    while (stack.length) {
      const current = stack.pop() ?? "";
      for (const next of this.beats.get(current) ?? []) {
        if (next === loser) return true;
        if (!seen.has(next)) {
          seen.add(next);
          stack.push(next);
        }
      }
    }
    return false;
  }

  /** The formula of a rule for one reading (and one drug, for a medication rule); computed once. */
  formula(rule: RuleModel, reading: Reading, drug?: string): Formula {
    let byReading = this.formulas.get(rule);
    if (!byReading) {
      byReading = new Map();
      this.formulas.set(rule, byReading);
    }
    const key = drug === undefined ? reading : `${reading}\u0000${drug}`;
    let f = byReading.get(key);
    if (!f) {
      f = ruleFormula(rule, reading, drug);
      byReading.set(key, f);
    }
    return f;
  }

  /**
   * "Some rule gives this finding", for one reading: the `or` of the conditions of the rules
   * of that kind, leaving out `without` if given (to ask what the verdict would be without it).
   * Each rule's condition is translated once per reading, and the whole formula once per kind
   * and reading: leaving one rule out copies the list of operands, it translates nothing again.
   */
  findingFormula(kind: string, reading: Reading, without?: RuleModel): Formula {
    const rules = this.rulesOfKind().get(kind) ?? [];
    const left = without ? rules.indexOf(without) : -1;
    if (rules.length - (left < 0 ? 0 : 1) === 0)
      return reading === "holds" || reading === "not-fails"
        ? { kind: "false", text: `no rule gives the finding ${kind}` }
        : { kind: "true" };
    const translated = this.findingOperands(kind, reading, rules);
    if (left >= 0)
      return combineFindingOperands(
        translated.operands.filter((_, i) => i !== left),
        reading,
      );
    return translated.whole;
  }

  /** The conditions of the rules of one kind of finding, translated for one reading, and their `or`; computed once. */
  private findingOperands(kind: string, reading: Reading, rules: readonly RuleModel[]): { operands: readonly Formula[]; whole: Formula } {
    const key = `${kind}\u0000${reading}`;
    let found = this.findingCache.get(key);
    if (!found) {
      const operands = rules.map((r) => toFormula(r.when ?? { kind: "always" }, reading));
      found = { operands, whole: combineFindingOperands(operands, reading) };
      this.findingCache.set(key, found);
    }
    return found;
  }

  /** The rules that give each kind of finding, in source order; indexed once, not searched on every query. */
  private rulesOfKind(): ReadonlyMap<string, readonly RuleModel[]> {
    if (!this.byKind) {
      const byKind = new Map<string, RuleModel[]>();
      for (const r of this.model.rules) {
        if (r.effect.kind !== "finding") continue;
        const list = byKind.get(r.effect.findingKind);
        if (list) list.push(r);
        else byKind.set(r.effect.findingKind, [r]);
      }
      this.byKind = byKind;
    }
    return this.byKind;
  }

  /** Whether a rule can hold at all, with a patient for whom it does; computed once. */
  holds(rule: RuleModel): SatResult {
    let result = this.holding.get(rule.id);
    if (!result) {
      result = this.solver.solve([this.formula(rule, "holds")]);
      this.holding.set(rule.id, result);
    }
    return result;
  }

  /** The patient an assignment describes. */
  witness(result: Extract<SatResult, { status: "sat" }>): Witness {
    return witnessOf(result.assignment, this.universe);
  }

  /** Records a finding; its message comes from the diagnostic table. */
  add(
    code: DiagnosticCode,
    subject: string,
    span: Span | undefined,
    args: readonly (string | number)[],
    options: { readonly hint?: Hint; readonly related?: readonly string[]; readonly witness?: Witness } = {},
  ): void {
    const diagnostic = makeDiagnostic(code, span, args, options.hint);
    this.findings.push({
      code,
      severity: diagnostic.severity,
      subject,
      related: options.related ?? [],
      message: diagnostic.message,
      ...(diagnostic.hint !== undefined ? { hint: diagnostic.hint } : {}),
      ...(span ? { span } : {}),
      ...(options.witness ? { witness: options.witness } : {}),
    });
  }

  /** Reports a query the search bound stopped (GL3011). */
  gaveUp(what: string, subject: string, span: Span | undefined): void {
    this.add("GL3011", subject, span, [what, this.solver.budget]);
  }
}

/**
 * The `or` of the rules' conditions (already translated for `reading`), as `toFormula` reads an
 * `or` of conditions: "fails" and "not-holds" turn it into an `and` (De Morgan).
 */
function combineFindingOperands(operands: readonly Formula[], reading: Reading): Formula {
  return reading === "holds" || reading === "not-fails" ? or(operands) : and(operands);
}

/**
 * What a plan rule orders for a drug, asked as the runtime asks it (`planOrderKey`, with the
 * delay in hours as the pack carries it), so that two rules ordering the same thing agree.
 * Empty for a rule that is not a plan rule.
 */
export function decisionKey(rule: RuleModel): string {
  const e = rule.effect;
  return e.kind === "medication" ? planOrderKey(e.action, e.delay && Number(e.delay.hours)) : "";
}
