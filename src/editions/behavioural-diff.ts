import { evaluate } from "../runtime/evaluate.js";
import type { RulePack } from "../pack/pack-format.js";
import type { Report } from "../runtime/report.js";
import { generatePatients } from "./patient-corpus.js";
import { factLeaves, readFactPath, removeFactPath } from "../pack/fact-path.js";

/** One kind of change in behaviour, with a few small patients that show it. */
export interface BehaviourChange {
  /** e.g. `precondition rule-a: met → unmet`. */
  readonly kind: string;
  readonly count: number;
  readonly examples: readonly { readonly patient: Record<string, unknown>; readonly summary: string }[];
}

/** How two editions differ on the same patients. */
export interface BehaviourDiff {
  readonly patients: number;
  readonly seed: number;
  /** Patients whose report changes in at least one of the compared parts. */
  readonly changed: number;
  readonly kinds: readonly BehaviourChange[];
}

/** The parts of a report compared between editions, as `part → value`. */
function outcomes(report: Report): Map<string, string> {
  const out = new Map<string, string>([["verdict", report.verdict]]);
  for (const p of report.preconditions) out.set(`precondition ${p.rule}`, p.status);
  for (const e of report.medicationPlan)
    out.set(`plan ${e.drug}`, `${e.action}${e.hoursBefore !== undefined ? ` ${e.hoursBefore} h before` : ""}`);
  for (const f of report.findings) out.set(`finding ${f.rule}`, "present");
  for (const code of new Set(report.recommendations.map((r) => r.code))) out.set(`recommendation ${code}`, "present");
  return out;
}

function differences(a: Report, b: Report): { part: string; from: string; to: string }[] {
  const x = outcomes(a);
  const y = outcomes(b);
  const parts = [...new Set([...x.keys(), ...y.keys()])].sort();
  return parts.flatMap((part) => {
    const from = x.get(part) ?? "absent";
    const to = y.get(part) ?? "absent";
    return from === to ? [] : [{ part, from, to }];
  });
}

async function showsChange(facts: Record<string, unknown>, a: RulePack, b: RulePack, kind: string): Promise<boolean> {
  const [x, y] = await Promise.all([evaluate(facts, a), evaluate(facts, b)]);
  return differences(x, y).some((d) => `${d.part}: ${d.from} → ${d.to}` === kind);
}

/** Removes facts one at a time while the change still shows: the smallest patient that shows it. */
async function shrink(facts: Record<string, unknown>, a: RulePack, b: RulePack, kind: string): Promise<Record<string, unknown>> {
  let current = facts;
  for (const [path, value] of factLeaves(facts)) {
    const candidate = removeFactPath(current, path);
    if (await showsChange(candidate, a, b, kind)) {
      current = candidate;
      continue;
    }
    // A list (the medication list) shrinks one entry at a time.
    if (Array.isArray(value)) {
      for (let i = value.length - 1; i >= 0; i--) {
        const list = factLeaves(current).find(([p]) => p === path)?.[1];
        if (!Array.isArray(list) || list.length <= 1) break;
        const shorter = structuredClone(current);
        (readFactPath(shorter, path) as unknown[]).splice(i, 1);
        if (await showsChange(shorter, a, b, kind)) current = shorter;
      }
    }
  }
  return current;
}

/**
 * Runs the same generated patients through two editions' packs and groups the reports that
 * change by kind of change, each with up to `perKind` shrunk example patients: reviewers see
 * what a change does, not only what it says.
 */
export async function behaviouralDiff(
  a: RulePack,
  b: RulePack,
  options: { patients: number; seed: number; perKind?: number },
): Promise<BehaviourDiff> {
  const perKind = options.perKind ?? 3;
  const patients = generatePatients([a, b], options.patients, options.seed);
  const kinds = new Map<string, { part: string; from: string; to: string; count: number; samples: Record<string, unknown>[] }>();
  let changed = 0;
  for (const facts of patients) {
    const [x, y] = await Promise.all([evaluate(facts, a), evaluate(facts, b)]);
    const diffs = differences(x, y);
    if (diffs.length) changed++;
    for (const d of diffs) {
      const kind = `${d.part}: ${d.from} → ${d.to}`;
      const entry = kinds.get(kind) ?? { ...d, count: 0, samples: [] };
      entry.count++;
      if (entry.samples.length < perKind) entry.samples.push(facts);
      kinds.set(kind, entry);
    }
  }
  const result: BehaviourChange[] = [];
  for (const [kind, entry] of [...kinds.entries()].sort(([, x], [, y]) => y.count - x.count)) {
    const examples: { patient: Record<string, unknown>; summary: string }[] = [];
    for (const sample of entry.samples) {
      const small = await shrink(sample, a, b, kind);
      const facts =
        factLeaves(small)
          .map(([path, value]) => `${path} ${JSON.stringify(value)}`)
          .join(", ") || "no facts";
      const summary = `${facts}: ${entry.part} ${entry.from} in ${a.guideline.edition}, ${entry.to} in ${b.guideline.edition}`;
      if (!examples.some((e) => e.summary === summary)) examples.push({ patient: small, summary });
    }
    result.push({ kind, count: entry.count, examples });
  }
  return { patients: patients.length, seed: options.seed, changed, kinds: result };
}
