import type { PackCondition, RulePack } from "../pack/pack-format.js";
import { writeFactPath } from "../pack/fact-path.js";

/** A small seeded generator (mulberry32): the same seed gives the same corpus. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Every number a comparison of the packs tests a fact against, by fact id. */
function boundaries(packs: readonly RulePack[]): Map<string, number[]> {
  const out = new Map<string, number[]>();
  const visit = (c: PackCondition): void => {
    if (c.kind === "and" || c.kind === "or") c.operands.forEach(visit);
    else if (c.kind === "not") visit(c.operand);
    else if (c.kind === "compare") out.set(c.fact, [...(out.get(c.fact) ?? []), c.value]);
  };
  for (const pack of packs) for (const rule of pack.sourceRules) if (rule.condition) visit(rule.condition);
  return out;
}

/**
 * Patients for a behavioural diff, generated from the facts the packs have in common: yes/no
 * and enum facts at random, quantities near every threshold either pack uses (t−1, t, t+1) or
 * anywhere in range, medication lists from both vocabularies, and each fact missing at times.
 */
export function generatePatients(packs: readonly [RulePack, ...RulePack[]], count: number, seed: number): Record<string, unknown>[] {
  const random = seededRandom(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const shared = packs[0].facts.filter((f) => packs.every((p) => p.facts.some((g) => g.path === f.path && g.type === f.type)));
  const bounds = boundaries(packs);
  const drugs = [...new Set(packs.flatMap((p) => p.drugs.map((d) => d.name)))];
  const patients: Record<string, unknown>[] = [];
  for (let i = 0; i < count; i++) {
    const facts: Record<string, unknown> = {};
    for (const fact of shared) {
      if (random() < 0.15) continue;
      let value: unknown;
      switch (fact.type) {
        case "boolean":
          value = random() < 0.5;
          break;
        case "enum":
          value = pick(fact.values);
          break;
        case "date":
          value = "2026-12-14";
          break;
        case "quantity": {
          const near = bounds.get(fact.path);
          if (near?.length && random() < 0.7) value = pick(near) + pick([-1, 0, 1]);
          else value = Math.round((fact.min ?? 0) + random() * ((fact.max ?? 1000) - (fact.min ?? 0)));
          if (fact.min !== undefined) value = Math.max(fact.min, value as number);
          if (fact.max !== undefined) value = Math.min(fact.max, value as number);
          break;
        }
        case "medications": {
          const doseBounds = [...bounds.entries()].filter(([id]) => id.startsWith(`${fact.path}[`)).flatMap(([, v]) => v);
          value = Array.from({ length: Math.floor(random() * 3) }, () => ({
            name: pick(drugs),
            ...(fact.dose && random() < 0.8
              ? { [fact.dose.field]: doseBounds.length ? pick(doseBounds) + pick([-1, 0, 1]) : Math.round(random() * 500) }
              : {}),
          }));
          break;
        }
      }
      writeFactPath(facts, fact.path, value);
    }
    patients.push(facts);
  }
  return patients;
}
