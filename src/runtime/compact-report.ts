import { InvalidPackError } from "../pack/invalid-pack-error.js";
import type { PackRule, RulePack } from "../pack/pack-format.js";
import type { Finding, PlanEntry, Precondition, Provenance, Readiness, Recommendation, Report } from "./report.js";

/** An item of the report that came from a rule, with its provenance cut to the rule's identifier. */
export type CompactItem<T extends Provenance> = Omit<T, Exclude<keyof Provenance, "rule">>;

/** A plan entry whose provenance, when it has one, is cut to the rule's identifier. */
export type CompactPlanEntry = Omit<PlanEntry, "provenance"> & { readonly provenance?: { readonly rule: string } };

/**
 * The compact form of a {@link Report}, which `guideline evaluate --ndjson --compact` writes
 * (documented in docs/report.md, "The compact report"). It leaves out what the rule pack
 * already holds, and {@link expandReport} puts it back from the pack:
 * - every item that came from a rule (findings, preconditions, recommendations, the `provenance`
 *   of plan entries) keeps `rule` only, without `section`, `sectionTitle`, `statement`, `quotes`
 *   and `citations`;
 * - the wording the pack gives every report is left out: `verdictQuestion`, `readiness.question`,
 *   `medicationPlanReminder`, `medicationPlanTitle` and `medicationPlanWordings`;
 * - `compact` (first) gives the version of this shape, 1.
 */
export interface CompactReport extends Omit<
  Report,
  | "verdictQuestion"
  | "readiness"
  | "findings"
  | "preconditions"
  | "medicationPlan"
  | "medicationPlanReminder"
  | "medicationPlanTitle"
  | "medicationPlanWordings"
  | "recommendations"
> {
  /** The version of the compact shape. */
  readonly compact: 1;
  /** The report's readiness, without the question (the pack's `readiness.question`). */
  readonly readiness: Omit<Readiness, "question">;
  /** The findings, each with its rule's identifier instead of its provenance. */
  readonly findings: readonly CompactItem<Finding>[];
  /** The preconditions, each with its rule's identifier instead of its provenance. */
  readonly preconditions: readonly CompactItem<Precondition>[];
  /** The medication plan, each settled entry with its rule's identifier instead of its provenance. */
  readonly medicationPlan: readonly CompactPlanEntry[];
  /** The recommendations, each with its rule's identifier instead of its provenance. */
  readonly recommendations: readonly CompactItem<Recommendation>[];
}

/** The item without the provenance the pack holds for its rule; `rule` stays first. */
function cut<T extends Provenance>(item: T): CompactItem<T> {
  const { section: _section, sectionTitle: _sectionTitle, statement: _statement, quotes: _quotes, citations: _citations, ...rest } = item;
  return rest;
}

/**
 * The compact form of a report: the same report without what its rule pack holds (see
 * {@link CompactReport}). {@link expandReport} with the same pack gives the report back, equal
 * field for field and in the same key order.
 */
export function compactReport(report: Report): CompactReport {
  const {
    verdictQuestion: _verdictQuestion,
    medicationPlanReminder: _reminder,
    medicationPlanTitle: _title,
    medicationPlanWordings: _wordings,
    ...rest
  } = report;
  const { question: _question, ...readiness } = report.readiness;
  // Fields given again keep their place; any other field of the report is kept as it is.
  return {
    compact: 1,
    ...rest,
    readiness,
    findings: report.findings.map(cut),
    preconditions: report.preconditions.map(cut),
    medicationPlan: report.medicationPlan.map((entry) =>
      entry.provenance === undefined ? entry : { ...entry, provenance: { rule: entry.provenance.rule } },
    ),
    recommendations: report.recommendations.map(cut),
  };
}

/**
 * The full report of a compact one, with the provenance and wording looked up in `pack`, the
 * rule pack that produced it. Throws {@link InvalidPackError} (`GL7033`) when the pack is not
 * that pack: another guideline, edition or content hash, or a rule it does not hold.
 */
export function expandReport(compact: CompactReport, pack: RulePack): Report {
  const given = compact.guideline;
  const mismatch = (): InvalidPackError =>
    new InvalidPackError({
      code: "GL7033",
      args: [
        `${given.id} ${given.edition} (${given.contentHash})`,
        `${pack.guideline.id} ${pack.guideline.edition} (${pack.guideline.contentHash})`,
      ],
    });
  if (given.id !== pack.guideline.id || given.edition !== pack.guideline.edition || given.contentHash !== pack.guideline.contentHash)
    throw mismatch();
  const rules = new Map<string, PackRule>(pack.sourceRules.map((r) => [r.id, r]));
  const sectionTitles = new Map(pack.sections.map((s) => [s.id, s.title]));
  const provenance = (id: string): Provenance => {
    const rule = rules.get(id);
    if (rule === undefined) throw mismatch();
    return {
      rule: id,
      section: rule.section,
      sectionTitle: sectionTitles.get(rule.section) ?? "",
      statement: rule.statement,
      quotes: rule.quotes,
      citations: rule.citations,
    };
  };
  const expand = <T extends Provenance>(item: CompactItem<T>): T => ({ ...provenance(item.rule), ...item }) as T;
  const expanded: { readonly [K in keyof CompactReport]?: () => unknown } = {
    readiness: () => {
      const { status, label, ...readiness } = compact.readiness;
      return { status, label, question: pack.readiness?.question ?? "", ...readiness };
    },
    findings: () => compact.findings.map((f) => expand<Finding>(f)),
    preconditions: () => compact.preconditions.map((p) => expand<Precondition>(p)),
    medicationPlan: () =>
      compact.medicationPlan.map((entry) =>
        entry.provenance === undefined ? entry : { ...entry, provenance: provenance(entry.provenance.rule) },
      ),
    recommendations: () => compact.recommendations.map((r) => expand<Recommendation>(r)),
  };
  // The pack's fields go back where the full report has them; every other field keeps its place.
  const full: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(compact)) {
    if (key === "compact") continue;
    full[key] = expanded[key as keyof CompactReport]?.() ?? value;
    if (key === "verdictLabel") full.verdictQuestion = pack.verdict.question;
    if (key === "procedureExcluded") {
      full.medicationPlanReminder = pack.plan?.reminder ?? "";
      full.medicationPlanTitle = pack.plan?.title ?? "";
      full.medicationPlanWordings = pack.plan?.wordings ?? {};
    }
  }
  return full as unknown as Report;
}
