import { hint } from "../../diagnostics/diagnostic.js";
import type { AnalysisContext } from "./context.js";
import { and, toFormula, takingLiteral } from "./formula.js";
import type { Witness } from "./report.js";
import { describeWitness } from "./witness.js";
import { nestFacts } from "../../pack/fact-path.js";

/**
 * Gaps (GL3004, warning): for each drug of the vocabulary in the plan's scope, is there a
 * patient taking it for whom every rule about it definitely fails? That patient gets no
 * decision from the guideline: the plan's `otherwise refer` sends them to the prescriber.
 * A drug with no rule at all is the extreme case. One query per drug: "the drug is taken,
 * and every rule about it fails", linear in the size of its rules when they have no `or`.
 * (A missing fact is not a gap: the runtime then answers `unknown` and asks for it.)
 *
 * The verdict always has a fallback (`otherwise` is required), so it has no gap; the check
 * still looks for a patient that reaches the fallback and returns it for the rulebook.
 */
export function findGaps(context: AnalysisContext): { readonly verdictFallback?: Witness } {
  const { model } = context;
  const plan = model.plan;
  if (plan) {
    for (const drug of model.drugs) {
      // A drug the source does not name has no rule by design: the plan refers it, saying so.
      if (!drug.namedBySource) continue;
      if (plan.scopeAtc && !drug.atc.some((code) => code.startsWith(plan.scopeAtc ?? ""))) continue;
      const rules = model.rules.filter(
        (r) => r.effect.kind === "medication" && r.effect.list === plan.list && r.effect.drugs.includes(drug.name),
      );
      const taking = takingLiteral(plan.list, drug.name, true);
      if (rules.length === 0) {
        context.add(
          "GL3004",
          drug.name,
          drug.span,
          [drug.name, "for any patient: no rule is about it", `given ${plan.list} = (${drug.name})`],
          {
            hint: hint("writeRuleForDrug", drug.name),
            witness: { facts: nestedList(plan.list, drug.name), given: [`given ${plan.list} = (${drug.name})`] },
          },
        );
        continue;
      }
      const result = context.solver.solve([taking, ...rules.map((r) => context.formula(r, "fails", drug.name))]);
      if (result.status === "unknown") {
        context.gaveUp(`whether the rules about \`${drug.name}\` cover every patient`, drug.name, drug.span);
        continue;
      }
      if (result.status !== "sat") continue;
      const witness = context.witness(result);
      context.add(
        "GL3004",
        drug.name,
        drug.span,
        [drug.name, `for some patients who take it (its rules: ${rules.map((r) => `\`${r.id}\``).join(", ")})`, describeWitness(witness)],
        {
          hint: hint("checkBandBounds"),
          related: rules.map((r) => r.id),
          witness,
        },
      );
    }
  }
  const outcomes = model.verdict.outcomes.map((o) => toFormula(o.when, "fails", (kind, reading) => context.findingFormula(kind, reading)));
  const result = context.solver.solve([and(outcomes)]);
  return result.status === "sat" ? { verdictFallback: context.witness(result) } : {};
}

function nestedList(path: string, drug: string): Record<string, unknown> {
  return nestFacts([[path, [{ name: drug }]]]);
}
