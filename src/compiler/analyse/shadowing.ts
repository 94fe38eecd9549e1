import { hint } from "../../diagnostics/diagnostic.js";
import type { RuleModel } from "../model.js";
import { describeEffect } from "../describe-model.js";
import { decisionKey, type AnalysisContext } from "./context.js";
import { concreteValues, evaluate } from "./witness.js";
import { ImplicationIndex, variablesOf } from "./implication-index.js";

/**
 * Redundant and shadowed rules (GL3005, warning): a rule that never changes the report.
 *
 * - Redundant: whenever rule A holds, a rule B with the same effect holds too (A's condition
 *   implies B's): A adds nothing. Two identical rules are the special case where each implies
 *   the other; the later one is reported.
 * - Shadowed: in the plan the first rule that holds decides; a rule whose condition implies
 *   that of a rule tried before it for the same drug, with another order, never decides for
 *   that drug. (Without a precedence that is also a contradiction, reported as GL3002 only.)
 *
 * "A implies B" is "no patient for whom A holds and B does not". Pairs are formed only among
 * rules with the same effect (or about the same drug), and within a group only with the rules
 * A can imply by the variables it reads (`ImplicationIndex`), so the cost is about Σ k over
 * those groups rather than Σ k². Most pairs left are ruled out in O(size of B) by evaluating B
 * on two completions of the patient already found for A; only the rest need a satisfiability query.
 */
export function findRedundantRules(context: AnalysisContext): void {
  const { model } = context;
  const position = new Map(model.rules.map((r, i) => [r.id, i]));
  const reported = new Set<string>();
  const groups = new Map<string, RuleModel[]>();
  for (const rule of model.rules) {
    const e = rule.effect;
    // Each precondition is a line of its own in the report; plan rules are compared per drug below.
    if (e.kind === "precondition" || e.kind === "medication") continue;
    const key = e.kind === "finding" ? `finding:${e.findingKind}` : `recommend:${e.code}`;
    groups.set(key, [...(groups.get(key) ?? []), rule]);
  }
  for (const rules of groups.values()) {
    const index = new ImplicationIndex(rules, (r) => context.formula(r, "holds"), context.universe);
    for (const a of rules) {
      if (reported.has(a.id)) continue;
      for (const b of index.candidates(variablesOf(context.formula(a, "holds")))) {
        if (a === b || reported.has(a.id) || !implies(context, a, b)) continue;
        // Two identical rules: report the later one only.
        if ((position.get(a.id) ?? 0) < (position.get(b.id) ?? 0) && implies(context, b, a)) continue;
        reported.add(a.id);
        const same = implies(context, b, a);
        context.add(
          "GL3005",
          a.id,
          a.span,
          [
            a.id,
            same
              ? `it repeats \`${b.id}\` (same condition, same effect \`${describeEffect(a.effect, { form: "order" })}\`)`
              : `whenever it applies, \`${b.id}\` applies too, with the same effect \`${describeEffect(a.effect, { form: "order" })}\``,
          ],
          {
            related: [b.id],
            hint: same ? hint("removeOrMergeQuotes") : hint("removeOrMergeOrAccept", b.id),
          },
        );
      }
    }
  }

  const shadowed = new Map<string, { by: string; drugs: string[]; same: boolean }>();
  for (const drug of model.drugs) {
    const about = context.ordered.filter((r) => r.effect.kind === "medication" && r.effect.drugs.includes(drug.name));
    for (const [i, later] of about.entries()) {
      if (context.holds(later).status !== "sat") continue;
      for (const [j, other] of about.entries()) {
        if (other === later) continue;
        const same = decisionKey(other) === decisionKey(later);
        // With another order, only a rule declared to win (so tried before) shadows it.
        if (!same && !context.wins(other.id, later.id)) continue;
        if (!impliesFor(context, later, other, drug.name)) continue;
        // Two identical plan rules: the earlier one is kept.
        if (same && j > i && impliesFor(context, other, later, drug.name)) continue;
        const entry = shadowed.get(later.id) ?? { by: other.id, drugs: [], same };
        if (!entry.drugs.includes(drug.name)) entry.drugs.push(drug.name);
        shadowed.set(later.id, entry);
        break;
      }
    }
  }
  for (const rule of model.rules) {
    const entry = shadowed.get(rule.id);
    if (!entry || reported.has(rule.id)) continue;
    const drugs = entry.drugs.map((d) => `\`${d}\``).join(", ");
    const detail = entry.same
      ? `whenever it applies to ${drugs}, \`${entry.by}\` applies too and gives the same order`
      : `it never decides for ${drugs}: whenever it applies, \`${entry.by}\`, which takes precedence, applies too`;
    context.add("GL3005", rule.id, rule.span, [rule.id, detail], {
      related: [entry.by],
      hint: entry.same ? hint("removeOrMergeInto", entry.by) : hint("removeOrNarrow"),
    });
  }
}

/** Per analysis: the answers that needed a search, and each rule's witness values, computed once. */
const searched = new WeakMap<AnalysisContext, Map<RuleModel, Map<RuleModel, boolean>>>();
const witnessValues = new WeakMap<AnalysisContext, Map<RuleModel, ReturnType<typeof concreteValues> | null>>();

/**
 * Whether A's condition implies B's: no patient for whom A holds and B does not. Most pairs are
 * ruled out by evaluating B on A's witness, in O(size of B) and without allocating; only the
 * answers that took a search are kept, so memory grows with those, not with every pair compared.
 */
function implies(context: AnalysisContext, a: RuleModel, b: RuleModel): boolean {
  const values = valuesFor(context, a);
  if (values === null) return false;
  const notB = context.formula(b, "not-holds");
  // A patient for whom A holds and B does not rules the implication out at once.
  if (evaluate(notB, values, context.universe, false) || evaluate(notB, values, context.universe, true)) return false;
  const known = searched.get(context) ?? new Map<RuleModel, Map<RuleModel, boolean>>();
  searched.set(context, known);
  const row = known.get(a) ?? new Map<RuleModel, boolean>();
  known.set(a, row);
  let answer = row.get(b);
  if (answer === undefined) {
    answer = decideImplication(context, a, b, notB);
    row.set(b, answer);
  }
  return answer;
}

/** One concrete patient for whom the rule holds (null when none can). */
function valuesFor(context: AnalysisContext, rule: RuleModel): ReturnType<typeof concreteValues> | null {
  const cache = witnessValues.get(context) ?? new Map<RuleModel, ReturnType<typeof concreteValues> | null>();
  witnessValues.set(context, cache);
  let values = cache.get(rule);
  if (values === undefined) {
    const found = context.holds(rule);
    values = found.status === "sat" ? concreteValues(found.assignment, context.universe) : null;
    cache.set(rule, values);
  }
  return values;
}

function decideImplication(context: AnalysisContext, a: RuleModel, b: RuleModel, notB: ReturnType<AnalysisContext["formula"]>): boolean {
  const result = context.solver.solve([context.formula(a, "holds"), notB]);
  if (result.status === "unknown") {
    context.gaveUp(`whether \`${a.id}\` implies \`${b.id}\``, a.id, a.span);
    return false;
  }
  return result.status === "unsat";
}

function impliesFor(context: AnalysisContext, a: RuleModel, b: RuleModel, drug: string): boolean {
  const result = context.solver.solve([context.formula(a, "holds", drug), context.formula(b, "not-holds", drug)]);
  if (result.status === "unknown") {
    context.gaveUp(`whether \`${a.id}\` implies \`${b.id}\` for \`${drug}\``, a.id, a.span);
    return false;
  }
  return result.status === "unsat";
}
