import type { PrecedenceModel, RuleModel } from "./model.js";

/**
 * The order in which the runtime tries plan rules: the first rule that holds for a drug
 * decides. It is the source order, except that a rule declared with `precedence A over B`
 * moves up to just before B (with the rules it must itself follow). A depth-first
 * topological sort that visits rules in source order, so that rules no precedence names keep
 * their places. O(rules + precedences).
 *
 * When the precedences form a cycle, no order satisfies them: the cycle is returned (the
 * analysis reports it, GL3003) and the link that closes it is ignored.
 */
export function orderRules(
  rules: readonly RuleModel[],
  precedences: readonly PrecedenceModel[],
): { readonly rules: RuleModel[]; readonly cycle: readonly string[] } {
  if (precedences.length === 0) return { rules: [...rules], cycle: [] };
  const byId = new Map(rules.map((r) => [r.id, r]));
  const index = new Map(rules.map((r, i) => [r.id, i]));
  const winners = new Map<string, string[]>();
  for (const p of precedences) {
    if (!byId.has(p.winner) || !byId.has(p.loser)) continue;
    winners.set(p.loser, [...(winners.get(p.loser) ?? []), p.winner]);
  }
  for (const list of winners.values()) list.sort((a, b) => (index.get(a) ?? 0) - (index.get(b) ?? 0));
  const placed = new Set<string>();
  const visiting: string[] = [];
  const out: RuleModel[] = [];
  let cycle: string[] = [];
  const visit = (rule: RuleModel): void => {
    if (placed.has(rule.id)) return;
    const at = visiting.indexOf(rule.id);
    if (at >= 0) {
      if (cycle.length === 0) cycle = visiting.slice(at);
      return;
    }
    visiting.push(rule.id);
    for (const winner of winners.get(rule.id) ?? []) {
      const w = byId.get(winner);
      if (w) visit(w);
    }
    visiting.pop();
    placed.add(rule.id);
    out.push(rule);
  };
  for (const rule of rules) visit(rule);
  return { rules: out, cycle };
}
