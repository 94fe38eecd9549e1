import type { RuleModel } from "../model.js";
import { describeEffect } from "../describe-model.js";
import { decisionKey, type AnalysisContext } from "./context.js";
import type { PairCheck } from "./report.js";

/**
 * Contradictions (GL3002, error): two plan rules that give different orders for the same
 * drug — `stop` and `continue`, `stop` with two delays, `stop` and `bridge` — and both apply
 * to some patient. For each such pair the check either finds a witness patient (a facts
 * object) or proves that none exists (the conditions are disjoint, as `dose < 160` and
 * `dose >= 160` are). A pair that a declared `precedence` orders is settled, not an error.
 *
 * Pairs are formed per drug among the rules about it, so the cost is Σ k² queries for k
 * rules per drug; a pair of class rules shared by several drugs is asked once per drug
 * until one drug gives a witness.
 */
export function findContradictions(context: AnalysisContext): PairCheck[] {
  const { model } = context;
  const pairs = new Map<string, { a: RuleModel; b: RuleModel; drugs: string[] }>();
  for (const drug of model.drugs) {
    const about = context.model.rules.filter((r) => r.effect.kind === "medication" && r.effect.drugs.includes(drug.name));
    for (let i = 0; i < about.length; i++) {
      for (let j = i + 1; j < about.length; j++) {
        const a = about[i];
        const b = about[j];
        if (!a || !b || decisionKey(a) === decisionKey(b)) continue;
        const key = pairKey(a.id, b.id);
        const entry = pairs.get(key) ?? { a, b, drugs: [] };
        entry.drugs.push(drug.name);
        pairs.set(key, entry);
      }
    }
  }
  const checks: PairCheck[] = [];
  for (const { a, b, drugs } of pairs.values()) {
    let proof: readonly string[] | undefined;
    let found: PairCheck | undefined;
    let undecided = false;
    for (const drug of drugs) {
      const result = context.solver.solve([context.formula(a, "holds", drug), context.formula(b, "holds", drug)]);
      if (result.status === "unknown") {
        undecided = true;
        continue;
      }
      if (result.status === "unsat") {
        proof ??= result.conflicts[0]?.literals ?? [];
        continue;
      }
      const witness = context.witness(result);
      const winner = context.wins(a.id, b.id) ? a.id : context.wins(b.id, a.id) ? b.id : undefined;
      found = { rules: [a.id, b.id], drugs, status: winner ? "settled" : "conflict", witness, ...(winner ? { winner } : {}) };
      if (!winner) {
        context.add(
          "GL3002",
          b.id,
          b.span,
          [
            a.id,
            b.id,
            drug,
            `${describeEffect(a.effect, { form: "order" })} / ${describeEffect(b.effect, { form: "order" })}`,
            describeWitnessLine(witness.given),
          ],
          {
            related: [a.id],
            witness,
          },
        );
      }
      break;
    }
    if (found) checks.push(found);
    else if (undecided) {
      checks.push({ rules: [a.id, b.id], drugs, status: "undecided" });
      context.gaveUp(`whether \`${a.id}\` and \`${b.id}\` can both apply`, b.id, b.span);
    } else checks.push({ rules: [a.id, b.id], drugs, status: "disjoint", proof: proof ?? [] });
  }
  return checks;
}

function describeWitnessLine(given: readonly string[]): string {
  return given.length ? given.join("; ") : "any patient";
}

/** A key for an unordered pair of rules. */
export function pairKey(a: string, b: string): string {
  return a < b ? `${a}\u0000${b}` : `${b}\u0000${a}`;
}
