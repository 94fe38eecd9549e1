/**
 * A reference evaluator of the checked model, written for clarity and independent of the
 * lowering (it does not use lower-rules.ts, kleene.ts or evaluate.ts): the differential
 * property compares it with the compiled json-rules-engine pack run by `evaluate`.
 *
 * It reads a schema-valid facts object and computes, in strong Kleene logic (yes, no,
 * unknown), each rule's truth, the verdict, the preconditions' statuses, the medication plan,
 * the findings and the recommendations. Quantities are converted and compared in exact
 * rational arithmetic. Doses of one drug in several entries are added, exactly.
 *
 * A treatment is recognised by its name or an alias (case, accents and spaces aside) or by any
 * ATC code of a drug. When its name and code name different drugs, or when its name is unknown
 * and no code is given, it may be any of those drugs: "taking" them and their doses are unknown.
 */
import type { CheckedGuideline, ConditionModel, RuleModel } from "../../src/compiler/model.js";
import type { Report } from "../../src/runtime/report.js";
import {
  addRationals,
  compareRationals,
  multiplyRationals,
  rationalOfDecimal,
  rationalOfNumber,
  type Rational,
} from "../../src/units/rational.js";
import { conversionRatio } from "../../src/units/ucum.js";

/** Three-valued truth. */
export type Truth = "yes" | "no" | "unknown";

const not = (t: Truth): Truth => (t === "yes" ? "no" : t === "no" ? "yes" : "unknown");
const and = (ts: readonly Truth[]): Truth => (ts.includes("no") ? "no" : ts.includes("unknown") ? "unknown" : "yes");
const or = (ts: readonly Truth[]): Truth => (ts.includes("yes") ? "yes" : ts.includes("unknown") ? "unknown" : "no");
const known = (b: boolean): Truth => (b ? "yes" : "no");

/** The part of a report the reference computes, in a shape both evaluators can be put in. */
export interface ReferenceReport {
  readonly verdict: string;
  /** `rule → kind`, sorted. */
  readonly findings: readonly string[];
  readonly preconditions: readonly { readonly rule: string; readonly status: "met" | "unmet" | "unknown" }[];
  /** `rule → code`, sorted. */
  readonly recommendations: readonly string[];
  /** The verdict excludes the procedure (`no procedure`): no plan is drawn up. */
  readonly procedureExcluded: boolean;
  /** The rules (other than plan rules) that are neither true nor false, sorted. */
  readonly undecided: readonly string[];
  readonly plan: readonly {
    readonly index: number;
    readonly drug: string;
    readonly action: "stop" | "continue" | "bridge" | "refer" | "unknown";
    readonly hoursBefore?: number;
    readonly reason?: string;
  }[];
}

/** The runtime's report put in the reference's shape. */
export function comparable(report: Report): ReferenceReport {
  return {
    verdict: report.verdict,
    findings: report.findings.map((f) => `${f.rule} → ${f.kind}`).sort(),
    preconditions: report.preconditions.map((p) => ({ rule: p.rule, status: p.status })),
    recommendations: report.recommendations.map((r) => `${r.rule} → ${r.code}`).sort(),
    procedureExcluded: report.procedureExcluded,
    undecided: report.undecided
      .filter((u) => u.drug === undefined)
      .map((u) => u.rule)
      .sort(),
    plan: report.medicationPlan.map((e) => ({
      index: e.index,
      drug: e.drug,
      action: e.action,
      ...(e.hoursBefore !== undefined ? { hoursBefore: e.hoursBefore } : {}),
      ...(e.reason !== undefined ? { reason: e.reason } : {}),
    })),
  };
}

/** A treatment as the patient gives it, recognised (or not) as a drug of the vocabulary. */
interface Treatment {
  readonly index: number;
  readonly given: string;
  /** The drug it surely is. */
  readonly drug?: string;
  /** The drugs it may be, without certainty. */
  readonly mayBe: readonly string[];
  /** What the plan does with it when it is not surely a drug: a reason, or leave it out. */
  readonly unsure?: "unknown-drug" | "name-atc-mismatch" | "unknown-code";
  /** The code given (upper case). */
  readonly atc?: string;
  /** The daily dose, exact, in the list's dose unit; undefined when not given. */
  readonly dose?: Rational;
}

/** Evaluates patients against one checked guideline. */
export class ReferenceEvaluator {
  private readonly factorCache = new Map<string, Rational>();
  private readonly rulesOfKind = new Map<string, RuleModel[]>();
  private readonly quantityUnits = new Map<string, string>();
  private readonly treatmentsOf = new WeakMap<readonly unknown[], Treatment[]>();

  /** The rules in the order they are tried: source order, each rule preceded by the rules declared to take precedence over it. */
  private readonly rules: readonly RuleModel[];

  constructor(private readonly model: CheckedGuideline) {
    this.rules = precedenceOrder(model);
    for (const rule of model.rules) {
      if (rule.effect.kind === "finding")
        this.rulesOfKind.set(rule.effect.findingKind, [...(this.rulesOfKind.get(rule.effect.findingKind) ?? []), rule]);
    }
    for (const fact of model.facts) if (fact.type === "quantity") this.quantityUnits.set(fact.path, fact.unit);
  }

  /** The report for a schema-valid facts object. */
  evaluate(facts: unknown): ReferenceReport {
    const truthOf = (condition: ConditionModel): Truth => this.truth(condition, facts, () => "unknown");
    const ruleTruth = new Map<RuleModel, Truth>();
    for (const rule of this.rules) {
      if (rule.effect.kind !== "medication" && rule.when) ruleTruth.set(rule, truthOf(rule.when));
    }
    const truthOfRule = (rule: RuleModel): Truth => ruleTruth.get(rule) ?? "unknown";

    const findings: string[] = [];
    const preconditions: { rule: string; status: "met" | "unmet" | "unknown" }[] = [];
    const recommendations: string[] = [];
    for (const rule of this.rules) {
      const effect = rule.effect;
      const truth = truthOfRule(rule);
      if (effect.kind === "finding" && truth === "yes") findings.push(`${rule.id} → ${effect.findingKind}`);
      if (effect.kind === "recommend" && truth === "yes") recommendations.push(`${rule.id} → ${effect.code}`);
      if (effect.kind === "precondition")
        preconditions.push({ rule: rule.id, status: truth === "yes" ? "met" : truth === "no" ? "unmet" : "unknown" });
    }

    // A kind of finding holds when any rule of that kind holds.
    const findingTruth = (kind: string): Truth => or((this.rulesOfKind.get(kind) ?? []).map(truthOfRule));
    const possible = this.possibleOutcomes((condition) => this.truth(condition, facts, findingTruth));
    const verdict = possible.size === 1 ? ([...possible][0] ?? "") : "incomplete";
    // The procedure: excluded when the verdict is an outcome marked `no procedure`; a
    // recommendation `for procedure` is given only when no possible outcome excludes it, and is
    // undecided while the verdict is open and one could.
    const excluding = new Set(
      [...this.model.verdict.outcomes, this.model.verdict.otherwise].filter((o) => o.noProcedure).map((o) => o.code),
    );
    const maybeExcluded = [...possible].some((code) => excluding.has(code));
    const forProcedure = new Set(this.model.recommendations.filter((r) => r.forProcedure).map((r) => r.name));
    const procedural = (entry: string): boolean => forProcedure.has(entry.slice(entry.indexOf(" → ") + 3));
    const excluded = possible.size === 1 && excluding.has(verdict);
    // A recommendation `for procedure` left open by its own condition needs nothing when the procedure is excluded.
    const undecided = [...ruleTruth]
      .filter(([r, t]) => t === "unknown" && !(excluded && r.effect.kind === "recommend" && forProcedure.has(r.effect.code)))
      .map(([r]) => r.id);
    if (maybeExcluded && possible.size > 1)
      undecided.push(...recommendations.filter(procedural).map((entry) => entry.slice(0, entry.indexOf(" → "))));
    return {
      verdict,
      findings: findings.sort(),
      preconditions,
      recommendations: (maybeExcluded ? recommendations.filter((entry) => !procedural(entry)) : recommendations).sort(),
      procedureExcluded: excluded,
      undecided: undecided.sort(),
      plan: excluded ? [] : this.plan(facts),
    };
  }

  /**
   * Outcomes in order: those that may hold (yes or unknown) up to the first that surely holds,
   * then `otherwise` if none surely holds. One possible code is the verdict; several are
   * `incomplete`, since a missing fact decides between them.
   */
  private possibleOutcomes(truthOf: (condition: ConditionModel) => Truth): Set<string> {
    const possible = new Set<string>();
    let decided = false;
    for (const outcome of this.model.verdict.outcomes) {
      const truth = truthOf(outcome.when);
      if (truth === "no") continue;
      possible.add(outcome.code);
      if (truth === "yes") {
        decided = true;
        break;
      }
    }
    if (!decided) possible.add(this.model.verdict.otherwise.code);
    return possible;
  }

  /**
   * One entry per treatment of the plan's list, in order, except those whose ATC code is
   * outside the scope. An unrecognised treatment is referred. For a drug: the rules about it,
   * in order, each true when the drug is taken (it is: it is in the list) and its condition
   * holds. The first that holds gives the action, provided every rule before it that might
   * hold orders the same; otherwise, if any might hold, the action is unknown; else refer.
   */
  private plan(facts: unknown): ReferenceReport["plan"] {
    const plan = this.model.plan;
    if (!plan) return [];
    const treatments = this.treatments(facts, plan.list);
    if (!treatments) return [];
    const entries: ReferenceReport["plan"][number][] = [];
    const scope = plan.scopeAtc?.toUpperCase() ?? "";
    for (const treatment of treatments) {
      const known = this.model.drugs.find((d) => d.name === treatment.drug);
      if (treatment.unsure === "unknown-code" && !(treatment.atc ?? "").startsWith(scope)) continue;
      if (known && !known.atc.some((code) => code.toUpperCase().startsWith(scope))) continue;
      // A class's member by its prefix: in the plan when its own code is in scope.
      if (treatment.drug?.startsWith("class:") && !(treatment.atc ?? "").startsWith(scope)) continue;
      const named = treatment.unsure === "name-atc-mismatch" ? treatment.mayBe[0] : undefined;
      const base = { index: treatment.index, drug: treatment.drug ?? named ?? treatment.given };
      if (treatment.unsure !== undefined) {
        const reason = treatment.unsure === "unknown-code" ? "not-named-by-source" : treatment.unsure;
        entries.push({ ...base, action: "refer", reason });
        continue;
      }
      if (known && !known.namedBySource) {
        entries.push({ ...base, action: "refer", reason: "not-named-by-source" });
        continue;
      }
      const drug = treatment.drug;
      if (!drug) throw new Error("a treatment is either sure or unsure");
      const rules = this.rules.filter(
        (r) => r.effect.kind === "medication" && r.effect.list === plan.list && r.effect.drugs.includes(drug),
      );
      const mightHold: RuleModel[] = [];
      let holding: RuleModel | undefined;
      for (const rule of rules) {
        const truth = and([this.taking(facts, plan.list, drug), rule.when ? this.truth(rule.when, facts, () => "unknown") : "yes"]);
        if (truth === "no") continue;
        mightHold.push(rule);
        if (truth === "yes") {
          holding = rule;
          break;
        }
      }
      const orders = new Set(mightHold.map(ordered));
      if (holding && orders.size === 1 && holding.effect.kind === "medication") {
        const delay = holding.effect.delay;
        entries.push({ ...base, action: holding.effect.action, ...(delay ? { hoursBefore: Number(delay.hours) } : {}) });
      } else if (mightHold.length) {
        entries.push({ ...base, action: "unknown" });
      } else {
        entries.push({ ...base, action: "refer", reason: rules.length ? "no-rule-applies" : "not-covered" });
      }
    }
    return entries;
  }

  private truth(condition: ConditionModel, facts: unknown, findingTruth: (kind: string) => Truth): Truth {
    switch (condition.kind) {
      case "and":
        return and(condition.operands.map((c) => this.truth(c, facts, findingTruth)));
      case "or":
        return or(condition.operands.map((c) => this.truth(c, facts, findingTruth)));
      case "not":
        return not(this.truth(condition.operand, facts, findingTruth));
      case "always":
        return "yes";
      case "finding":
        return findingTruth(condition.findingKind);
      case "flag": {
        const value = given(facts, condition.path);
        return value === undefined ? "unknown" : known(value === true);
      }
      case "member": {
        const value = given(facts, condition.path);
        return value === undefined ? "unknown" : known(condition.values.includes(value as string));
      }
      case "taking":
        return this.taking(facts, condition.list, condition.drug);
      case "compare": {
        const measured = condition.measured;
        const value = measured.kind === "fact" ? this.quantity(facts, measured.path) : this.dose(facts, measured.list, measured.drug);
        if (value === undefined) return "unknown";
        const order = compareRationals(value, rationalOfDecimal(condition.against.value));
        switch (condition.operator) {
          case ">":
            return known(order > 0);
          case ">=":
            return known(order >= 0);
          case "<":
            return known(order < 0);
          case "<=":
            return known(order <= 0);
          case "=":
            return known(order === 0);
          case "!=":
            return known(order !== 0);
        }
      }
    }
  }

  /** Is the drug in the list? Unknown when there is no list, or when only an unsure entry may be it. */
  private taking(facts: unknown, list: string, drug: string): Truth {
    const treatments = this.treatments(facts, list);
    if (!treatments) return "unknown";
    if (treatments.some((t) => t.drug === drug)) return "yes";
    return treatments.some((t) => t.mayBe.includes(drug)) ? "unknown" : "no";
  }

  /**
   * The drug's daily dose: the sum over its entries, known when it is taken, every entry gives
   * one, and no unsure entry may add to it. Otherwise the doses given are only a lower bound:
   * it stands for the dose when every comparison of this dose in the guideline answers for it
   * as for any larger dose; else the dose is unknown.
   */
  private dose(facts: unknown, list: string, drug: string): Rational | undefined {
    const treatments = this.treatments(facts, list) ?? [];
    const entries = treatments.filter((t) => t.drug === drug);
    if (!entries.length) return undefined;
    const given = entries.map((t) => t.dose ?? rationalOfNumber(0)).reduce(addRationals);
    // An unsure entry that may be the drug adds to its dose, unless its dose is known to be 0.
    const mayAdd = treatments.some(
      (t) => t.mayBe.includes(drug) && !(t.dose !== undefined && compareRationals(t.dose, rationalOfNumber(0)) === 0),
    );
    if (entries.every((t) => t.dose !== undefined) && !mayAdd) return given;
    const answersAsAbove = (c: { operator: string; against: Rational }) => {
      const order = compareRationals(given, c.against);
      const atBound =
        c.operator === ">"
          ? order > 0
          : c.operator === ">="
            ? order >= 0
            : c.operator === "<"
              ? order < 0
              : c.operator === "<="
                ? order <= 0
                : c.operator === "="
                  ? order === 0
                  : order !== 0;
      const farAbove = c.operator === ">" || c.operator === ">=" || c.operator === "!=";
      return atBound === farAbove;
    };
    return this.doseComparisons(list, drug).every(answersAsAbove) ? given : undefined;
  }

  /** Every comparison of the drug's dose in the guideline's rules. */
  private doseComparisons(list: string, drug: string): { operator: string; against: Rational }[] {
    const found: { operator: string; against: Rational }[] = [];
    const visit = (condition: ConditionModel | undefined): void => {
      if (!condition) return;
      if (condition.kind === "and" || condition.kind === "or") condition.operands.forEach(visit);
      else if (condition.kind === "not") visit(condition.operand);
      else if (
        condition.kind === "compare" &&
        condition.measured.kind === "dose" &&
        condition.measured.list === list &&
        condition.measured.drug === drug
      ) {
        found.push({ operator: condition.operator, against: rationalOfDecimal(condition.against.value) });
      }
    };
    for (const rule of this.model.rules) visit(rule.when);
    return found;
  }

  /** A quantity fact in its declared unit, exactly. */
  private quantity(facts: unknown, path: string): Rational | undefined {
    const unit = this.quantityUnits.get(path);
    if (unit === undefined) throw new Error(`${path} is not a quantity fact`);
    return this.inUnit(given(facts, path), unit);
  }

  private inUnit(value: unknown, unit: string): Rational | undefined {
    if (typeof value === "number") return rationalOfNumber(value);
    if (value === null || typeof value !== "object") return undefined;
    const quantity = value as { value: number; unit: string };
    return multiplyRationals(rationalOfNumber(quantity.value), this.factor(quantity.unit, unit));
  }

  private factor(from: string, to: string): Rational {
    const key = `${from}→${to}`;
    let factor = this.factorCache.get(key);
    if (factor === undefined) {
      const conversion = conversionRatio(from, to);
      if (!("ratio" in conversion)) throw new Error(`${from} does not convert to ${to}`);
      factor = conversion.ratio;
      this.factorCache.set(key, factor);
    }
    return factor;
  }

  /** The treatments of a medication list; undefined when the list is not given. */
  private treatments(facts: unknown, list: string): Treatment[] | undefined {
    const entries = given(facts, list);
    if (!Array.isArray(entries)) return undefined;
    // Read once per list (the facts are not changed while they are evaluated).
    const known = this.treatmentsOf.get(entries);
    if (known) return known;
    const fact = this.model.facts.find((f) => f.path === list);
    const dose = fact?.type === "medications" ? fact.dose : undefined;
    const treatments = entries.map((entry: Record<string, unknown>, index): Treatment => {
      const name = String(entry.name);
      const code = typeof entry.atc === "string" ? entry.atc.toUpperCase() : undefined;
      const byName = this.model.drugs.find((d) => [d.name, ...d.aliases].some((n) => sameName(n, name)));
      const byCode = code === undefined ? undefined : byCodeOrPrefix(this.model, code);
      const amount = dose ? this.inUnit(entry[dose.field], dose.unit) : undefined;
      const common = { index, given: name, ...(code ? { atc: code } : {}), ...(amount !== undefined ? { dose: amount } : {}) };
      if (byName && code !== undefined && byCode !== byName) {
        return { ...common, unsure: "name-atc-mismatch", mayBe: [byName.name, ...(byCode ? [byCode.name] : [])] };
      }
      const sure = byName ?? byCode;
      if (sure) return { ...common, drug: sure.name, mayBe: [] };
      if (code !== undefined) return { ...common, unsure: "unknown-code", mayBe: [] };
      return {
        ...common,
        unsure: "unknown-drug",
        mayBe: [...this.model.drugs.map((d) => d.name), ...classMembers(this.model).map((m) => m.name)],
      };
    });
    this.treatmentsOf.set(entries, treatments);
    return treatments;
  }
}

/**
 * The class stand-ins of a model, written here from the language's rule rather than taken from
 * the runtime: `class:NAME` for each class with ATC prefixes, whose codes are the prefixes.
 */
function classMembers(model: CheckedGuideline): { readonly name: string; readonly atc: readonly string[] }[] {
  return model.classes.filter((c) => c.atc.length).map((c) => ({ name: `class:${c.name}`, atc: c.atc }));
}

/** The drug whose code it is; else the class stand-in of the longest prefix it starts with. */
function byCodeOrPrefix(model: CheckedGuideline, code: string): { readonly name: string } | undefined {
  const exact = model.drugs.find((d) => d.atc.some((c) => c.toUpperCase() === code));
  if (exact) return exact;
  const under = classMembers(model).flatMap((m) => m.atc.filter((p) => code.startsWith(p.toUpperCase())).map((p) => ({ m, p })));
  return under.sort((a, b) => b.p.length - a.p.length)[0]?.m;
}

/**
 * The drug of the vocabulary a medication entry surely is: by its name or an alias (case,
 * accents and spaces aside) and its ATC code, which must then agree; else by its ATC code.
 * Undefined when its name and code disagree, or when neither is known.
 */
export function recognise(
  model: CheckedGuideline,
  entry: Readonly<Record<string, unknown>>,
): CheckedGuideline["drugs"][number] | undefined {
  const name = String(entry.name);
  const code = typeof entry.atc === "string" ? entry.atc.toUpperCase() : undefined;
  const byName = model.drugs.find((d) => [d.name, ...d.aliases].some((n) => sameName(n, name)));
  const byCode = code === undefined ? undefined : model.drugs.find((d) => d.atc.some((c) => c.toUpperCase() === code));
  if (byName && code !== undefined && byCode !== byName) return undefined;
  return byName ?? byCode;
}

/**
 * Why a medication entry leaves in doubt which drug it is: `unknown-name` (its name is no drug's
 * and no ATC code is given: it may be any drug), `mismatch` (its name and code are different
 * drugs'); undefined when it is surely one drug, or surely none.
 */
export function doubtOf(model: CheckedGuideline, entry: Readonly<Record<string, unknown>>): "unknown-name" | "mismatch" | undefined {
  const name = String(entry.name);
  const code = typeof entry.atc === "string" ? entry.atc.toUpperCase() : undefined;
  const byName = model.drugs.find((d) => [d.name, ...d.aliases].some((n) => sameName(n, name)));
  if (!byName) return code === undefined ? "unknown-name" : undefined;
  const byCode = code === undefined ? byName : model.drugs.find((d) => d.atc.some((c) => c.toUpperCase() === code));
  return byCode === byName ? undefined : "mismatch";
}

/** Two names of a drug are the same when they differ only by case, accents and spaces. */
function sameName(a: string, b: string): boolean {
  const plain = (s: string) =>
    s
      .normalize("NFKD")
      .replace(/[\u0300-\u036f]/g, "")
      .toLocaleLowerCase("en")
      .split(/\s+/)
      .filter(Boolean)
      .join(" ");
  return plain(a) === plain(b);
}

/**
 * Source order, except that a rule named by `precedence WINNER over LOSER` is tried before its
 * loser: before placing a rule, place (in source order) the rules that take precedence over it.
 */
function precedenceOrder(model: CheckedGuideline): RuleModel[] {
  const placed: RuleModel[] = [];
  const place = (rule: RuleModel, path: readonly string[]) => {
    if (placed.includes(rule) || path.includes(rule.id)) return;
    const winners = model.precedences.filter((p) => p.loser === rule.id).map((p) => p.winner);
    for (const winner of model.rules.filter((r) => winners.includes(r.id))) place(winner, [...path, rule.id]);
    placed.push(rule);
  };
  for (const rule of model.rules) place(rule, []);
  return placed;
}

/** What a medication rule orders: two rules that order the same thing agree. */
function ordered(rule: RuleModel): string {
  return rule.effect.kind === "medication" ? `${rule.effect.action} ${rule.effect.delay?.hours ?? ""}` : "";
}

const segmentsOf = new Map<string, readonly string[]>();

/** The value at a dotted path; undefined when absent or null (unknown). */
function given(facts: unknown, path: string): unknown {
  let segments = segmentsOf.get(path);
  if (!segments) {
    segments = path.split(".");
    segmentsOf.set(path, segments);
  }
  let node: unknown = facts;
  for (const segment of segments) {
    if (node === null || typeof node !== "object") return undefined;
    node = (node as Record<string, unknown>)[segment];
  }
  return node === null ? undefined : node;
}
