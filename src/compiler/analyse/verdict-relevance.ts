import type { DiagnosticCode } from "../../diagnostics/codes.js";
import type { ConditionModel, RuleModel } from "../model.js";
import type { AnalysisContext } from "./context.js";
import { and, literalsOf, or, toFormula, type Formula, type Reading } from "./formula.js";
import type { VerdictRelevance } from "./report.js";
import type { Assignment } from "./satisfiability.js";
import { completeValues, concreteValues, evaluate, witnessOfValues } from "./witness.js";

/**
 * Verdict-irrelevant rules (GL3012, warning): a rule whose finding the verdict reads, but
 * whose presence changes the verdict of no patient whose facts are all known.
 *
 * The question, exactly. Let R give the finding K. "With R", K holds as (R or the other rules
 * of K); "without R", as (the other rules of K) — as if R were deleted from the source. The
 * verdict is computed as the runtime does, in three values: the outcomes are tried in order,
 * and the verdict is the code C when some outcome of code C definitely holds and every
 * outcome before it of another code definitely fails (`definite(C)`); when no code is
 * definite it is `incomplete` (for a complete patient, only a dose of a drug the patient does
 * not take can leave a test unknown). `otherwise` is the last outcome, and always holds. Two
 * outcomes of the same code are the same verdict. The codes' `definite` are exclusive, so the
 * verdicts with and without R differ exactly when, for some code C, one side is `definite(C)`
 * and the other is not. So R can change the verdict iff one of these queries is satisfiable:
 *
 *     for each code C:  definite_with(C) and not definite_without(C)
 *                       definite_without(C) and not definite_with(C)
 *
 * each with "R does not definitely fail" added (where R fails, both sides are the same), which
 * only narrows the search. Before these, the patient already found for "R holds" (GL3001's
 * query, asked once) is completed two ways and the verdicts computed; then "K differs" (R does
 * not fail and no other rule of K holds) is asked alone: unsatisfiable, R is irrelevant at once
 * (other rules of K cover it); satisfiable, its patient is tried the same way. Most rules are
 * settled there. ("K differs" is not added to the per-code queries: its many `or`s multiply
 * the search there, measured at 60 times the branches on the 1 000-rule benchmark.) A
 * satisfiable query gives the witness: its patient, completed on every fact the verdict
 * reads, for whom the verdict changes.
 *
 * Who decides in R's place (named in the message), for an irrelevant R:
 * 1. other rules of the verdict, whose finding is K or is read by an outcome tried no later
 *    than the first outcome that reads K (they give the same finding, or one the verdict looks
 *    at no later), such that whenever R holds, one of them holds: R implies their `or`. The
 *    set is built from counterexamples (see `coverOf`) and kept small, not minimum; often it
 *    is one rule that R implies;
 * 2. else the outcomes, tried no later than the first that reads K, that hold without R
 *    whenever R holds;
 * 3. else the verdict's other outcomes as a whole (e.g. an outcome of K that gives the same
 *    code as `otherwise`).
 * A rule already reported as impossible (GL3001) or redundant (GL3005) is not reported again.
 *
 * Cost, for n rules whose finding the verdict reads, c verdict codes (with `otherwise`) and a
 * verdict of size v once its findings are expanded into their rules' conditions: at most 2·c + 1
 * queries per rule, each over formulas of size O(v), so O(n · c) queries; plus, per irrelevant
 * rule only, one query per counterexample while its cover grows (usually one: the last cover
 * found fits) and one per member to prune (k ≤ n the rules named, usually one to four), and one
 * per outcome when no rule is named. Each query is bounded by the solver's budget: one that
 * gives up is reported (GL3011) and the rule counted `undecided`, never irrelevant. Measured
 * (`node bench/analysis.mjs --rules N`): the shipped guideline in about 15 ms; the synthetic
 * guideline in about 0.2 s at 1 000 rules and 1 s at 5 000.
 */
export function findVerdictIrrelevantRules(context: AnalysisContext): VerdictRelevance[] {
  const verdict = new VerdictFormulas(context);
  const alreadyReported = new Map<string, DiagnosticCode>();
  for (const finding of context.findings) {
    if (finding.code === "GL3001" || finding.code === "GL3005") alreadyReported.set(finding.subject, finding.code);
  }
  const results: VerdictRelevance[] = [];
  for (const rule of verdict.feeding) {
    if (context.holds(rule).status !== "sat") {
      // Impossible (GL3001), or undecided (already reported as GL3011 by the dead-rule check).
      results.push(
        context.holds(rule).status === "unsat"
          ? { rule: rule.id, status: "irrelevant", decidedBy: [], decidingOutcomes: [], reportedAs: "GL3001" }
          : { rule: rule.id, status: "undecided" },
      );
      continue;
    }
    const relevance = decide(context, verdict, rule);
    if (relevance.status !== "irrelevant") {
      results.push(relevance);
      continue;
    }
    const reportedAs = alreadyReported.get(rule.id) ?? "GL3012";
    const deciders = whoDecides(context, verdict, rule);
    results.push({ rule: rule.id, status: "irrelevant", ...deciders, reportedAs });
    if (reportedAs !== "GL3012") continue;
    context.add("GL3012", rule.id, rule.span, [rule.id, describeDeciders(deciders)], { related: deciders.decidedBy });
  }
  return results;
}

/** One outcome of the verdict; `otherwise` has no condition. */
interface Outcome {
  readonly code: string;
  readonly when?: ConditionModel;
  /** The kinds of finding its condition reads. */
  readonly kinds: ReadonlySet<string>;
}

/** The verdict's outcomes as formulas, with and without one rule, built once each. */
class VerdictFormulas {
  readonly outcomes: readonly Outcome[];
  /** The distinct verdict codes, in order of first appearance (`otherwise` included). */
  readonly codes: readonly string[];
  /** The rules whose finding some outcome reads, in source order. */
  readonly feeding: readonly RuleModel[];
  /** The variables the verdict depends on: those of the feeding rules' conditions. */
  readonly variables: readonly string[];
  /** {@link feeding}, stably sorted by where the verdict first reads each rule's finding. */
  readonly feedingByReading: readonly RuleModel[];
  /** The covers found for the rules examined so far, tried first for the next ones. */
  readonly covers = new CoverMemory();
  private readonly cache = new FormulaCache();
  /** Each feeding rule's variables, and whether it holds when every variable takes its low default. */
  private readonly alone = new Map<RuleModel, { readonly variables: readonly string[]; readonly byDefault: boolean }>();

  constructor(private readonly context: AnalysisContext) {
    const { verdict, rules } = context.model;
    this.outcomes = [
      ...verdict.outcomes.map((o) => ({ code: o.code, when: o.when, kinds: new Set(kindsOf(o.when)) })),
      { code: verdict.otherwise.code, kinds: new Set<string>() },
    ];
    this.codes = [...new Set(this.outcomes.map((o) => o.code))];
    const read = new Set(this.outcomes.flatMap((o) => [...o.kinds]));
    this.feeding = rules.filter((r) => r.effect.kind === "finding" && read.has(r.effect.findingKind));
    this.variables = [...new Set(this.feeding.flatMap((r) => literalsOf(context.formula(r, "holds")).map((l) => l.variable)))].sort();
    this.feedingByReading = [...this.feeding].sort((a, b) => readAt(this, a) - readAt(this, b));
  }

  /**
   * Whether a rule holds for a patient, read with the low default for every variable the patient
   * leaves free (as `evaluate(…, false)`). A rule that reads none of the patient's variables holds
   * for it as it holds with every default, which is worked out once per rule: finding who covers
   * a rule asks this of every candidate, for each patient tried.
   */
  holdsFor(rule: RuleModel, patient: ReadonlyMap<string, boolean | string | number>): boolean {
    const holds = this.context.formula(rule, "holds");
    let alone = this.alone.get(rule);
    if (!alone) {
      alone = {
        variables: [...new Set(literalsOf(holds).map((l) => l.variable))],
        byDefault: evaluate(holds, new Map(), this.context.universe, false),
      };
      this.alone.set(rule, alone);
    }
    return alone.variables.some((v) => patient.has(v)) ? evaluate(holds, patient, this.context.universe, false) : alone.byDefault;
  }

  /** The index of the first outcome that reads the kind of finding (the number of outcomes if none does). */
  firstReading(kind: string): number {
    const index = this.outcomes.findIndex((o) => o.kinds.has(kind));
    return index < 0 ? this.outcomes.length : index;
  }

  /** An outcome's condition for one reading, without `without` (which only matters if the outcome reads its finding). */
  outcome(index: number, reading: Reading, without?: RuleModel): Formula {
    const outcome = this.outcomes[index];
    if (!outcome) throw new Error(`no outcome ${index}`);
    if (!outcome.when)
      return reading === "holds" || reading === "not-fails" ? { kind: "true" } : { kind: "false", text: "`otherwise` always holds" };
    const when = outcome.when;
    const left = without?.effect.kind === "finding" && outcome.kinds.has(without.effect.findingKind) ? without : undefined;
    return this.cache.get(`${index}\u0000${reading}`, left, () =>
      toFormula(when, reading, (kind, r) => this.context.findingFormula(kind, r, left)),
    );
  }

  /** "The verdict is `code`": some outcome of that code holds, and every earlier outcome of another code fails. */
  definite(code: string, without?: RuleModel): Formula {
    return this.combined("definite", code, without, () =>
      or(
        this.outcomes.flatMap((o, j) =>
          o.code !== code
            ? []
            : [and([this.outcome(j, "holds", without), ...this.earlierOthers(j, code).map((i) => this.outcome(i, "fails", without))])],
        ),
        `no outcome gives ${code}`,
      ),
    );
  }

  /** "The verdict is not `code`": the complement of `definite`. */
  notDefinite(code: string, without?: RuleModel): Formula {
    return this.combined("not-definite", code, without, () =>
      and(
        this.outcomes.flatMap((o, j) =>
          o.code !== code
            ? []
            : [
                or([
                  this.outcome(j, "not-holds", without),
                  ...this.earlierOthers(j, code).map((i) => this.outcome(i, "not-fails", without)),
                ]),
              ],
        ),
      ),
    );
  }

  /**
   * `definite` and `notDefinite` built once per code (and per rule left out): each is as large
   * as the verdict with its findings expanded, and `verdictOf` asks for them for every patient tried.
   */
  private combined(which: "definite" | "not-definite", code: string, without: RuleModel | undefined, build: () => Formula): Formula {
    return this.cache.get(`${which}\u0000${code}`, without, build);
  }

  /** The verdict of a complete patient (`incomplete` when no code is definite). */
  verdictOf(values: ReadonlyMap<string, boolean | string | number>, without?: RuleModel): string {
    return this.codes.find((code) => evaluate(this.definite(code, without), values, this.context.universe, false)) ?? "incomplete";
  }

  private earlierOthers(index: number, code: string): number[] {
    return this.outcomes.slice(0, index).flatMap((o, i) => (o.code === code ? [] : [i]));
  }
}

/**
 * Formulas built once: those of the whole verdict for good, those without one rule only while
 * that rule is examined (they are kept for the last rule left out only, so that memory stays
 * linear in the verdict's size).
 */
class FormulaCache {
  private readonly whole = new Map<string, Formula>();
  private readonly withoutLast = new Map<string, Formula>();
  private last: RuleModel | undefined;

  get(key: string, without: RuleModel | undefined, build: () => Formula): Formula {
    if (without && without !== this.last) {
      this.withoutLast.clear();
      this.last = without;
    }
    const cache = without ? this.withoutLast : this.whole;
    let formula = cache.get(key);
    if (!formula) {
      formula = build();
      cache.set(key, formula);
    }
    return formula;
  }
}

/** Relevant (with a witness), irrelevant, or undecided; who decides in its place is found later. */
function decide(context: AnalysisContext, verdict: VerdictFormulas, rule: RuleModel): VerdictRelevance {
  const relevant = (values: ReadonlyMap<string, boolean | string | number>): VerdictRelevance | undefined => {
    const verdictWith = verdict.verdictOf(values);
    const verdictWithout = verdict.verdictOf(values, rule);
    return verdictWith === verdictWithout
      ? undefined
      : { rule: rule.id, status: "relevant", witness: witnessOfValues(values, context.universe), verdictWith, verdictWithout };
  };
  const tryPatient = (assignment: Assignment): VerdictRelevance | undefined => {
    const values = concreteValues(assignment, context.universe);
    for (const high of [false, true]) {
      const found = relevant(completeValues(values, verdict.variables, context.universe, high));
      if (found) return found;
    }
    return undefined;
  };
  // The patient for whom the rule holds, completed two ways: settles most relevant rules.
  const holding = context.holds(rule);
  const quick = holding.status === "sat" ? tryPatient(holding.assignment) : undefined;
  if (quick) return quick;
  // Only where the rule's finding differs with and without it can the verdict differ.
  const kind = rule.effect.kind === "finding" ? rule.effect.findingKind : "";
  const applies = context.formula(rule, "not-fails");
  const findingChanges = and([applies, context.findingFormula(kind, "not-holds", rule)]);
  const changing = context.solver.solve([findingChanges]);
  if (changing.status === "unsat")
    return { rule: rule.id, status: "irrelevant", decidedBy: [], decidingOutcomes: [], reportedAs: "GL3012" };
  const second = changing.status === "sat" ? tryPatient(changing.assignment) : undefined;
  if (second) return second;
  let gaveUp = changing.status === "unknown";
  for (const code of verdict.codes) {
    for (const [first, other] of [
      [undefined, rule],
      [rule, undefined],
    ] as const) {
      const result = context.solver.solve([applies, verdict.definite(code, first), verdict.notDefinite(code, other)]);
      if (result.status === "unknown") {
        gaveUp = true;
        continue;
      }
      if (result.status !== "sat") continue;
      const found = relevant(
        completeValues(concreteValues(result.assignment, context.universe), verdict.variables, context.universe, false),
      );
      if (!found) throw new Error(`the patient found for \`${rule.id}\` does not change the verdict`);
      return found;
    }
  }
  if (gaveUp) {
    context.gaveUp(`whether \`${rule.id}\` can change the verdict`, rule.id, rule.span);
    return { rule: rule.id, status: "undecided" };
  }
  return { rule: rule.id, status: "irrelevant", decidedBy: [], decidingOutcomes: [], reportedAs: "GL3012" };
}

/** What decides the verdict in the place of an irrelevant rule; see the module comment. */
function whoDecides(context: AnalysisContext, verdict: VerdictFormulas, rule: RuleModel): Deciders {
  if (rule.effect.kind !== "finding") return { decidedBy: [], decidingOutcomes: [] };
  const kind = rule.effect.findingKind;
  const first = verdict.firstReading(kind);
  const holds = context.formula(rule, "holds");
  const always = (notThat: Formula, what: string): boolean => {
    const result = context.solver.solve([holds, notThat]);
    if (result.status === "unknown") context.gaveUp(`whether ${what} whenever \`${rule.id}\` does`, rule.id, rule.span);
    return result.status === "unsat";
  };
  // Rules of the same finding, or of one an outcome reads no later; those read earliest are kept
  // first (the feeding rules sorted once, stably: the same order as sorting each rule's list).
  const candidates = verdict.feedingByReading.filter(
    (s) =>
      s !== rule &&
      s.effect.kind === "finding" &&
      (s.effect.findingKind === kind || verdict.firstReading(s.effect.findingKind) <= first) &&
      context.holds(s).status === "sat",
  );
  const cover = coverOf(context, verdict, rule, candidates);
  if (cover.length) return { decidedBy: context.model.rules.filter((r) => cover.includes(r)).map((r) => r.id), decidingOutcomes: [] };
  const outcomes = verdict.outcomes
    .slice(0, first + 1)
    .flatMap((o, i) => (o.when && always(verdict.outcome(i, "not-holds", rule), `the outcome \`${o.code}\` holds`) ? [o.code] : []));
  return { decidedBy: [], decidingOutcomes: [...new Set(outcomes)] };
}

/** Who decides in the place of an irrelevant rule: rules, else outcomes, else (both empty) the verdict as a whole. */
interface Deciders {
  readonly decidedBy: readonly string[];
  readonly decidingOutcomes: readonly string[];
}

/**
 * A small set of `candidates` one of which holds whenever `rule` holds, or none if even all
 * of them do not cover it. Built from counterexamples: while some patient of `rule` meets none
 * of the set, add a candidate that holds for that patient; then drop any member the others
 * make needless.
 *
 * The set starts from the last cover found for another rule (those of its members that are
 * candidates here), and a candidate that was in an earlier cover is tried before the others:
 * the rules of one finding are often covered by the same few rules. Without that memory, a
 * cover grew one rule per counterexample from the first candidates in reading order, and the
 * queries per rule grew with the number of rules (about 44 a rule at 5 000 rules, 98 at 10 000,
 * each as large as the set so far): the analysis was quadratic. With it, most rules take one
 * query, plus one per member to prune.
 */
function coverOf(context: AnalysisContext, verdict: VerdictFormulas, rule: RuleModel, candidates: readonly RuleModel[]): RuleModel[] {
  const holds = context.formula(rule, "holds");
  const names = (rules: readonly RuleModel[]) => rules.map((s) => `\`${s.id}\``).join(" or ");
  const uncovered = (rules: readonly RuleModel[]) => {
    // With no rule, the question is whether the rule holds at all, already answered.
    if (rules.length === 0) return context.holds(rule);
    const result = context.solver.solve([holds, ...rules.map((s) => context.formula(s, "not-holds"))]);
    if (result.status === "unknown")
      context.gaveUp(`whether one of ${names(rules)} applies whenever \`${rule.id}\` does`, rule.id, rule.span);
    return result;
  };
  if (candidates.length === 0) return [];
  const allowed = new Set(candidates);
  let cover: RuleModel[] = verdict.covers.last.filter((s) => allowed.has(s));
  for (;;) {
    const result = uncovered(cover);
    if (result.status === "unsat") break;
    if (result.status === "unknown") return [];
    // `evaluate` reads the low default for every variable the patient leaves free, as completing
    // it with `completeValues(…, false)` would: the completion is not built.
    const patient = concreteValues(result.assignment, context.universe);
    const holding = (s: RuleModel) => allowed.has(s) && !cover.includes(s) && verdict.holdsFor(s, patient);
    const next = verdict.covers.earlier.find(holding) ?? candidates.find(holding);
    if (next) {
      cover = [...cover, next];
      continue;
    }
    // A patient of the rule for whom no candidate holds: the candidates do not cover the rule.
    // (Asked this way rather than by one query over every candidate up front, which made the
    // analysis quadratic in the number of rules.) The solver's patient holds the rule for every
    // completion; should it not, the question is asked as one query after all.
    if (evaluate(holds, patient, context.universe, false)) return [];
    if (uncovered(candidates).status !== "unsat") return [];
    throw new Error(`no candidate holds for a patient of \`${rule.id}\``);
  }
  for (const s of [...cover].reverse()) {
    const rest = cover.filter((c) => c !== s);
    if (rest.length && uncovered(rest).status === "unsat") cover = rest;
  }
  verdict.covers.remember(cover);
  return cover;
}

/**
 * The covers found so far in one analysis (see {@link coverOf}): the last one, and every rule
 * that was in one, in the order first found. Deterministic: it depends only on the rules
 * examined before, in source order.
 */
class CoverMemory {
  last: readonly RuleModel[] = [];
  readonly earlier: RuleModel[] = [];
  private readonly seen = new Set<RuleModel>();

  remember(cover: readonly RuleModel[]): void {
    this.last = cover;
    for (const s of cover) {
      if (this.seen.has(s)) continue;
      this.seen.add(s);
      this.earlier.push(s);
    }
  }
}

/** Where the verdict first reads a rule's finding. */
function readAt(verdict: VerdictFormulas, rule: RuleModel): number {
  return rule.effect.kind === "finding" ? verdict.firstReading(rule.effect.findingKind) : verdict.outcomes.length;
}

/** Who decides, for the message: "`a`", "`a` or `b`, one of which…", "the outcome `x`", or the outcomes as a whole. */
function describeDeciders({ decidedBy, decidingOutcomes }: Deciders): string {
  const quoted = (names: readonly string[]) => names.map((n) => `\`${n}\``);
  if (decidedBy.length === 1) return `${quoted(decidedBy)[0] ?? ""}, which applies whenever it does`;
  if (decidedBy.length > 1)
    return `${quoted(decidedBy.slice(0, -1)).join(", ")} or ${quoted(decidedBy.slice(-1))[0] ?? ""}, one of which applies whenever it does`;
  if (decidingOutcomes.length)
    return `the outcome${decidingOutcomes.length > 1 ? "s" : ""} ${quoted(decidingOutcomes).join(" and ")}, which ${decidingOutcomes.length > 1 ? "hold" : "holds"} whenever it applies`;
  return "the verdict's other outcomes, which give the same answer without it";
}

/** The kinds of finding a condition reads. */
function kindsOf(condition: ConditionModel): string[] {
  switch (condition.kind) {
    case "and":
    case "or":
      return condition.operands.flatMap(kindsOf);
    case "not":
      return kindsOf(condition.operand);
    case "finding":
      return [condition.findingKind];
    case "compare":
    case "member":
    case "flag":
    case "taking":
    case "always":
      return [];
  }
}
