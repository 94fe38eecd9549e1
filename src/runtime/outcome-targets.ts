import { memoByObject } from "../shared/memo-by-object.js";
import type { PackCondition, PackRule, RulePack } from "../pack/pack-format.js";
import { takingFactId } from "../pack/pack-format.js";
import { planOrderKey } from "../pack/plan-order.js";
import { closuresFor, type CompiledRule } from "./compile-closures.js";
import { decisionSlots } from "./decision-slots.js";
import { explainInOnePass } from "./explain-condition.js";
import { evaluateCondition, type EngineFacts, type Truth } from "./kleene.js";
import { reportTables } from "./report-tables.js";

/**
 * One thing a report decides, as a function of the engine facts: the verdict, readiness, one
 * treatment's action, one recommendation. `valueAt` gives its value when the facts given settle
 * it (every completion of the missing ones gives that value: the evaluation is three-valued),
 * else undefined. `needs` gives, where it is not settled, the missing facts under its undecided
 * parts (as `explainInOnePass` lists them): a missing fact it does not name cannot change the value.
 */
export interface OutcomeTarget {
  readonly valueAt: (at: Point) => string | undefined;
  readonly needs: (at: Point) => readonly string[];
}

/** The engine facts of one point of the search, with each rule's truth there, worked out once. */
export interface Point {
  readonly facts: EngineFacts;
  readonly status: (rule: PackRule, drug?: string) => Truth;
}

/** The targets of a pack, built once (their conditions are then compiled once, by object). */
const targetsOfPack = memoByObject((_pack: RulePack) => new Map<string, OutcomeTarget>());

function cached(pack: RulePack, key: string, build: () => OutcomeTarget): OutcomeTarget {
  const byKey = targetsOfPack(pack);
  let target = byKey.get(key);
  if (!target) {
    target = build();
    byKey.set(key, target);
  }
  return target;
}

/** Engine rules by the decision they make, per pack. */
const slotRules = memoByObject((pack: RulePack): ReadonlyMap<number, readonly CompiledRule[]> => {
  const slots = decisionSlots(pack);
  const map = new Map<number, CompiledRule[]>();
  for (const rule of closuresFor(pack).rules) {
    const slot = slots.slotOfEvent(rule.event);
    if (slot === undefined) continue;
    map.set(slot, [...(map.get(slot) ?? []), rule]);
  }
  return map;
});

/** A point of the search: the rules' truths are read from the compiled engine rules, on demand. */
export function pointOf(pack: RulePack, facts: EngineFacts): Point {
  const slots = decisionSlots(pack);
  const bySlot = slotRules(pack);
  const known = new Map<number, Truth>();
  return {
    facts,
    status: (rule, drug) => {
      const slot = slots.slotOf(rule.id, drug);
      if (slot === undefined) return "unknown";
      let truth = known.get(slot);
      if (truth === undefined) {
        truth = "unknown";
        for (const engineRule of bySlot.get(slot) ?? [])
          if (engineRule.holds(facts)) {
            truth = engineRule.event.params.holds ? "true" : "false";
            break;
          }
        known.set(slot, truth);
      }
      return truth;
    },
  };
}

/** The verdict: the first outcome that holds, when no earlier one could hold instead. */
export function verdictTarget(pack: RulePack): OutcomeTarget {
  return cached(pack, "", () => buildVerdictTarget(pack));
}

function buildVerdictTarget(pack: RulePack): OutcomeTarget {
  const tables = reportTables(pack);
  const findingTruth =
    (at: Point) =>
    (kind: string): Truth => {
      const values = (tables.findingRules.get(kind) ?? []).map((r) => at.status(r));
      return values.includes("true") ? "true" : values.includes("unknown") ? "unknown" : "false";
    };
  return {
    needs: (at) => {
      const truth = findingTruth(at);
      const findingFacts = (kind: string): string[] =>
        (tables.findingRules.get(kind) ?? []).filter((r) => at.status(r) === "unknown").flatMap((r) => ruleNeeds(r, at.facts));
      const needed: string[] = [];
      for (const outcome of pack.verdict.outcomes) {
        const { truth: value, missing } = explainInOnePass(outcome.when, at.facts, { truth, facts: findingFacts });
        if (value === "true") break;
        for (const fact of missing) needed.push(fact);
      }
      return needed;
    },
    valueAt: (at) => {
      const truthOf = findingTruth(at);
      const possible: string[] = [];
      let decided = false;
      for (const outcome of pack.verdict.outcomes) {
        const truth = evaluateCondition(outcome.when, at.facts, truthOf);
        if (truth === "false") continue;
        possible.push(outcome.code);
        if (truth === "true") {
          decided = true;
          break;
        }
      }
      if (!decided) possible.push(pack.verdict.otherwise.code);
      return possible.length === 1 ? possible[0] : undefined;
    },
  };
}

/** One rule's truth: true or false once settled. */
export const ruleTarget: (rule: PackRule) => OutcomeTarget = memoByObject(buildRuleTarget);

function buildRuleTarget(rule: PackRule): OutcomeTarget {
  return {
    needs: (at) => ruleNeeds(rule, at.facts),
    valueAt: (at) => {
      const truth = at.status(rule);
      return truth === "unknown" ? undefined : truth;
    },
  };
}

/**
 * The action of a drug of the plan (every entry of the drug shares it): the first rule that
 * holds, when every rule that might come first agrees (`action:hours`), `refer` when none
 * applies, as the plan draws it up.
 */
export function drugTarget(pack: RulePack, drug: string): OutcomeTarget {
  return cached(pack, `drug:${drug}`, () => buildDrugTarget(pack, drug));
}

function buildDrugTarget(pack: RulePack, drug: string): OutcomeTarget {
  const tables = reportTables(pack);
  const rules = tables.medicationRules.get(drug) ?? [];
  const list = pack.plan?.list ?? tables.medicationList;
  const taking: PackCondition = { kind: "taking", fact: takingFactId(list, drug), drug };
  const conditions = new Map(
    rules.map((r) => [r, r.condition ? ({ kind: "and", operands: [taking, r.condition] } as const) : taking] as const),
  );
  return {
    needs: (at) => {
      const needed: string[] = [];
      for (const rule of rules) {
        const truth = at.status(rule, drug);
        if (truth === "true") break;
        const condition = conditions.get(rule);
        if (truth === "unknown" && condition) for (const fact of explainInOnePass(condition, at.facts).missing) needed.push(fact);
      }
      return needed;
    },
    valueAt: (at) => {
      const keys = new Set<string>();
      let settled = false;
      for (const rule of rules) {
        const truth = at.status(rule, drug);
        if (truth === "false") continue;
        if (rule.effect.kind === "medication") keys.add(planOrderKey(rule.effect.action, rule.effect.before?.hours));
        if (truth === "true") {
          settled = true;
          break;
        }
      }
      if (keys.size === 0) return "refer:";
      return settled && keys.size === 1 ? [...keys][0] : undefined;
    },
  };
}

/** The missing facts under the undecided parts of a rule's stated condition (none when it has none). */
function ruleNeeds(rule: PackRule, facts: EngineFacts): string[] {
  return rule.condition ? [...explainInOnePass(rule.condition, facts).missing] : [];
}

/** What one entry of the plan drawn up for the report does to readiness, or the drug whose action decides it. */
export type ReadinessEntry =
  { readonly kind: "constant"; readonly effect: "adapt" | "decide" | "none" } | { readonly kind: "drug"; readonly drug: string };

/**
 * Readiness as the preconditions and the plan give it, with the plan drawn up whatever the
 * verdict: `not-ready` once a precondition is unmet or a treatment is to stop, bridge or refer;
 * `unknown` when a treatment is to decide; else `ready`. `list`, when given, is the medication
 * list itself, missing: filled either empty or with a treatment to refer.
 */
export function readinessTarget(
  pack: RulePack,
  preconditions: readonly PackRule[],
  entries: readonly ReadinessEntry[],
  list: string | undefined,
): OutcomeTarget {
  const drugs = new Map<string, OutcomeTarget>();
  for (const entry of entries) if (entry.kind === "drug" && !drugs.has(entry.drug)) drugs.set(entry.drug, drugTarget(pack, entry.drug));
  return {
    needs: (at) => {
      const needed = preconditions.filter((r) => at.status(r) === "unknown").flatMap((r) => ruleNeeds(r, at.facts));
      for (const target of drugs.values()) if (target.valueAt(at) === undefined) needed.push(...target.needs(at));
      if (list !== undefined && !at.facts.has(list)) needed.push(list);
      return needed;
    },
    valueAt: (at) => {
      let open = false;
      let decide = false;
      for (const rule of preconditions) {
        const truth = at.status(rule);
        if (truth === "false") return "not-ready";
        if (truth === "unknown") open = true;
      }
      for (const entry of entries) {
        const effect = entry.kind === "constant" ? entry.effect : effectOf(drugs.get(entry.drug)?.valueAt(at));
        if (effect === "adapt") return "not-ready";
        if (effect === undefined) open = true;
        if (effect === "decide") decide = true;
      }
      if (list !== undefined) {
        const filled = at.facts.get(list);
        if (filled === listClasses[1]) return "not-ready";
        if (filled === undefined) open = true;
      }
      return open ? undefined : decide ? "unknown" : "ready";
    },
  };
}

/** The classes of a missing medication list: empty, or with one treatment to refer. */
export const listClasses: readonly string[] = ["empty", "one-to-refer"];

function effectOf(key: string | undefined): "adapt" | "none" | undefined {
  if (key === undefined) return undefined;
  return key.startsWith("continue:") ? "none" : "adapt";
}
