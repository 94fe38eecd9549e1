import { orderRules } from "../order-rules.js";
import type { AnalysisContext } from "./context.js";
import { pairKey } from "./contradictions.js";
import type { PairCheck } from "./report.js";

/**
 * Checks of the declared precedences. A cycle (`a over b`, `b over a`) leaves no order for
 * the runtime to follow (GL3003, error). A precedence that settles no conflict — between rules
 * that are not plan rules about a common drug, that give the same order, or whose conditions
 * never hold together — is noise that hides nothing (GL3010, warning). Linear in the number
 * of precedences, once the contradiction check has compared the pairs.
 */
export function checkPrecedences(context: AnalysisContext, pairs: readonly PairCheck[]): void {
  const { model } = context;
  const { cycle } = orderRules(model.rules, model.precedences);
  if (cycle.length) {
    const inCycle = new Set(cycle);
    const involved = model.precedences.filter((p) => inCycle.has(p.winner) && inCycle.has(p.loser));
    const first = involved[0];
    context.add("GL3003", first?.winner ?? cycle[0] ?? "", first?.span, [involved.map((p) => `${p.winner} over ${p.loser}`).join(", ")], {
      related: cycle,
    });
  }
  const byKey = new Map(pairs.map((p) => [pairKey(p.rules[0], p.rules[1]), p]));
  for (const p of model.precedences) {
    const winner = context.rulesById.get(p.winner);
    const loser = context.rulesById.get(p.loser);
    if (!winner || !loser) continue;
    const pair = byKey.get(pairKey(p.winner, p.loser));
    let why: string | undefined;
    if (winner.effect.kind !== "medication" || loser.effect.kind !== "medication")
      why = "only plan rules (stop, continue, bridge, refer) compete, for the same drug";
    else if (!winner.effect.drugs.some((d) => loser.effect.kind === "medication" && loser.effect.drugs.includes(d)))
      why = "the two rules are about no common drug";
    else if (!pair) why = "the two rules give the same order";
    else if (pair.status === "disjoint")
      why = `no patient makes both apply (${(pair.proof ?? []).map((l) => `\`${l}\``).join(" and ")} cannot hold together)`;
    if (why) context.add("GL3010", p.winner, p.span, [p.winner, p.loser, why], { related: [p.loser] });
  }
}
