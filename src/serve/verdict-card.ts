import { fillWords } from "../interface-words/index.js";
import type { Precondition, Recommendation, Report } from "../runtime/report.js";
import { procedureWording } from "../runtime/render-report.js";
import { pageHref } from "../rulebook/anchors.js";
import type { Card, Indicator } from "./cds-hooks.js";
import { provenanceLines, ruleLinks, rulebookLink, type CardContext } from "./card-context.js";
import { markdownText, summaryText } from "./card-text.js";

/**
 * How urgent the verdict is to the person placing the order: `critical` when the verdict is an
 * outcome with which the procedure is not done (the pack's `noProcedure`), `warning` when the
 * verdict is incomplete or the procedure cannot be done now (or that is unknown), else `info`.
 */
function verdictIndicator(report: Report): Indicator {
  if (report.procedureExcluded) return "critical";
  if (report.verdict === "incomplete" || report.readiness.status !== "ready") return "warning";
  return "info";
}

/** The verdict and readiness lines of the detail. */
function headLines(report: Report, context: CardContext): string[] {
  const { words } = context;
  const procedure = (key: Parameters<typeof procedureWording>[1]) => procedureWording(report.medicationPlanWordings, key, words);
  const readiness = report.procedureExcluded
    ? `${procedure("procedure-now")} : ${procedure("procedure-excluded")}`
    : `${procedure("procedure-now")} : ${words[`report.readiness.${report.readiness.status}`]} — ${report.readiness.label} [${report.readiness.status}]`;
  return [
    `**${markdownText(report.verdictQuestion)}**  `,
    markdownText(fillWords(words["report.conclusion"], report.verdictLabel, report.verdict)),
    "",
    ...(report.readiness.question ? [`**${markdownText(report.readiness.question)}**  `] : []),
    markdownText(readiness),
  ];
}

/** Each precondition with its status, the patient's values and the facts it needs. */
function preconditionLines(report: Report, context: CardContext): string[] {
  const { words } = context;
  if (report.preconditions.length === 0) return [];
  const labelOf = new Map(report.missingFacts.map((m) => [m.path, m.label]));
  const line = (p: Precondition) => {
    const shown = p.values.map((v) => `${v.label} ${v.value}${v.unit ? ` ${v.unit}` : ""}`).join(", ");
    const patient = shown ? fillWords(words["report.patientValues"], shown) : "";
    const toGive = p.status === "unknown" ? fillWords(words["report.toGive"], p.missing.map((m) => labelOf.get(m) ?? m).join(", ")) : "";
    return [`- ${markdownText(`${p.label} : ${words[`report.status.${p.status}`]}${patient}${toGive}`)}  `, ...provenanceLines(context, p)];
  };
  return [
    "",
    `**${markdownText(procedureWording(report.medicationPlanWordings, "preconditions", words))}**`,
    "",
    ...report.preconditions.flatMap(line),
  ];
}

/** The findings, each with its statement, quotes and references. */
function findingLines(report: Report, context: CardContext): string[] {
  const { words } = context;
  const lines = ["", `**${markdownText(words["report.findings"])}**`, ""];
  if (report.findings.length === 0) lines.push(markdownText(words["report.noneMasculine"]));
  for (const f of report.findings)
    lines.push(`- **${markdownText(f.kindLabel)}** : ${markdownText(f.statement)}  `, ...provenanceLines(context, f));
  return lines;
}

/** The recommendations that hold, each with its strength and source. */
function recommendationLines(report: Report, context: CardContext): string[] {
  const { words } = context;
  if (report.recommendations.length === 0) return [];
  const line = (r: Recommendation) => {
    const strength = r.strength ? ` — ${words[`report.strength.${r.strength}`]}` : "";
    return [`- ${markdownText(`${r.label}${strength} [${r.code}]`)}  `, ...provenanceLines(context, r)];
  };
  return ["", `**${markdownText(words["report.recommendations"])}**`, "", ...report.recommendations.flatMap(line)];
}

/** Where each fact came from, when the facts were read from the record: `fact ← Type/id`. */
function sourceLines(report: Report, context: CardContext): string[] {
  if (!report.factSources?.length) return [];
  const lines = report.factSources.map((s) => `- ${markdownText(`${s.fact} ← ${s.resourceType}/${s.id}`)}`);
  return ["", `**${markdownText(context.words["report.factSources"])}**`, "", ...lines];
}

/**
 * The verdict card: the summary is the report's headline (the verdict's label and readiness, in
 * the guideline's words); the detail gives the findings, preconditions and recommendations with
 * their quotes and references, and the resource each fact was read from; the links go to the rulebook's verdict and to each rule cited.
 */
export function verdictCard(report: Report, context: CardContext): Card {
  const detail = [
    ...headLines(report, context),
    ...findingLines(report, context),
    ...preconditionLines(report, context),
    ...recommendationLines(report, context),
    ...sourceLines(report, context),
  ];
  const links = [
    ...rulebookLink(context, context.words["serve.link.verdict"], pageHref("verdict")),
    ...ruleLinks(context, [...report.findings, ...report.preconditions, ...report.recommendations]),
  ];
  return {
    summary: summaryText(report.headline),
    indicator: verdictIndicator(report),
    detail: detail.join("\n"),
    source: context.source,
    ...(links.length ? { links } : {}),
  };
}
