import type { RuleModel } from "../model.js";
import { describeEffect } from "../describe-model.js";
import type { AnalysisContext } from "./context.js";
import { literalsOf, type Literal } from "./formula.js";
import { describeInterval, intersect, isEmpty } from "./intervals.js";
import { describeWitness } from "./witness.js";

/**
 * Overlapping bands (GL3008, warning): two rules with different effects cut the same measure
 * at the same value in opposite directions — one below, one above — and both include the
 * value, which some patient reaches with both rules holding: `dose <= 160` and `dose >= 160`
 * both claim 160. One comparison should be strict. (Bands with different bounds that overlap
 * over a range are ordinary: two findings may well share patients.) Plan rules about the same
 * drug with different orders are left to the contradiction check (GL3002), which reports the
 * same patient as an error.
 *
 * Comparisons are indexed by measure, so only pairs of comparisons on the same fact or dose
 * are looked at: Σ p² for p comparisons per measure, and a query only for bands that overlap.
 */
export function findOverlappingThresholds(context: AnalysisContext): void {
  const { model } = context;
  const bands = new Map<string, { rule: RuleModel; index: number; literal: Extract<Literal, { kind: "number" }> }[]>();
  model.rules.forEach((rule, index) => {
    if (context.holds(rule).status !== "sat") return;
    for (const literal of literalsOf(context.formula(rule, "holds"))) {
      if (literal.kind !== "number") continue;
      const list = bands.get(literal.variable) ?? [];
      list.push({ rule, index, literal });
      bands.set(literal.variable, list);
    }
  });
  const seen = new Set<string>();
  for (const [variable, list] of bands) {
    for (const x of list) {
      for (const y of list) {
        if (x.index >= y.index || !opposite(x.literal, y.literal) || !differentEffects(x.rule, y.rule)) continue;
        const key = `${x.rule.id}\u0000${y.rule.id}\u0000${variable}`;
        if (seen.has(key)) continue;
        const overlap = intersect(x.literal.interval, y.literal.interval);
        // Only a shared boundary value: both bands claim exactly it.
        if (isEmpty(overlap) || overlap.lo !== overlap.hi) continue;
        seen.add(key);
        const band: Literal = { kind: "number", variable, interval: overlap, text: "the shared values" };
        const result = context.solver.solve([context.formula(x.rule, "holds"), context.formula(y.rule, "holds"), band]);
        if (result.status === "unknown") {
          context.gaveUp(`whether \`${x.rule.id}\` and \`${y.rule.id}\` overlap`, y.rule.id, y.rule.span);
          continue;
        }
        if (result.status !== "sat") continue;
        const v = context.universe.variables.get(variable);
        const unit = v?.kind === "number" ? v.unit : "";
        const measure = v?.kind === "number" && v.role === "dose" ? `dose of ${v.drug}` : variable;
        const witness = context.witness(result);
        context.add(
          "GL3008",
          y.rule.id,
          y.rule.span,
          [x.rule.id, y.rule.id, describeInterval(overlap, unit), measure, x.literal.text, y.literal.text, describeWitness(witness)],
          {
            related: [x.rule.id],
            witness,
          },
        );
      }
    }
  }
}

/** One band bounded above and the other below (an equality counts as both). */
function opposite(a: Extract<Literal, { kind: "number" }>, b: Extract<Literal, { kind: "number" }>): boolean {
  const up = (l: typeof a) => Number.isFinite(l.interval.lo);
  const down = (l: typeof a) => Number.isFinite(l.interval.hi);
  return (up(a) && down(b)) || (down(a) && up(b));
}

/** Different effects, leaving to GL3002 two plan rules about a common drug. */
function differentEffects(a: RuleModel, b: RuleModel): boolean {
  if (a.effect.kind === "medication" && b.effect.kind === "medication") {
    const drugs = b.effect.drugs;
    if (a.effect.drugs.some((d) => drugs.includes(d))) return false;
  }
  if (a.effect.kind === "precondition" && b.effect.kind === "precondition") return true;
  return describeEffect(a.effect, { form: "order" }) !== describeEffect(b.effect, { form: "order" });
}
