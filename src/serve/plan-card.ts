import { fillWords } from "../interface-words/index.js";
import type { PlanEntry, Provenance, Report } from "../runtime/report.js";
import { fillWording, planLine, writtenAs } from "../runtime/render-report.js";
import { pageHref } from "../rulebook/anchors.js";
import type { Card, Indicator } from "./cds-hooks.js";
import { provenanceLines, ruleLinks, rulebookLink, type CardContext } from "./card-context.js";
import { markdownText, summaryText } from "./card-text.js";

/** `info` when every treatment continues as it is, else `warning`: one is to change, to refer or to decide. */
function planIndicator(plan: readonly PlanEntry[]): Indicator {
  return plan.every((entry) => entry.action === "continue") ? "info" : "warning";
}

/**
 * The plan card, when the report has a medication plan or treatments outside it: the summary
 * is the plan's title and its lines, the detail each treatment's line in the guideline's wording
 * (its delay and date included) with the rule that settled it, the reminder and the treatments
 * outside the plan's scope; the links go to the rulebook's plan and to each rule cited.
 */
export function planCard(report: Report, context: CardContext): Card | undefined {
  if (report.medicationPlan.length === 0 && report.outsidePlan.length === 0) return undefined;
  const { words } = context;
  const wordings = report.medicationPlanWordings;
  const title = report.medicationPlanTitle || words["default.plan-title"];
  const labelOf = new Map(report.missingFacts.map((m) => [m.path, m.label]));
  const named = (paths: readonly string[]) => paths.map((p) => labelOf.get(p) ?? p).join(", ");
  const lineOf = (entry: PlanEntry) => `${entry.label}${writtenAs(entry, words)} : ${planLine(entry, wordings, named, words)}`;
  const detail = [`**${markdownText(title)}**`, ""];
  for (const entry of report.medicationPlan)
    detail.push(
      `- ${markdownText(lineOf(entry))}  `,
      ...(entry.byClass
        ? [`  ${markdownText(fillWords(words["report.byClass"], entry.byClass.label, entry.atc ?? "", entry.byClass.prefix))}  `]
        : []),
      ...(entry.provenance ? provenanceLines(context, entry.provenance) : []),
    );
  if (report.medicationPlan.length && report.medicationPlanReminder) detail.push("", markdownText(report.medicationPlanReminder));
  if (report.outsidePlan.length) {
    const outside = report.outsidePlan.map((o) => (o.atc ? `${o.label} (${o.atc})` : o.label)).join(", ");
    detail.push("", markdownText(`${fillWording(wordings["outside-scope"], "outside-scope", {})} : ${outside}`));
  }
  const provenances = report.medicationPlan.flatMap((entry): Provenance[] => (entry.provenance ? [entry.provenance] : []));
  const links = [
    ...rulebookLink(context, fillWords(words["serve.link.plan"], title), pageHref("drugs")),
    ...ruleLinks(context, provenances),
  ];
  return {
    summary: summaryText(report.medicationPlan.length ? `${title} — ${report.medicationPlan.map(lineOf).join(" ; ")}` : title),
    indicator: planIndicator(report.medicationPlan),
    detail: detail.join("\n"),
    source: context.source,
    ...(links.length ? { links } : {}),
  };
}
