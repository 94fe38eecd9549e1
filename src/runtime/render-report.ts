import { escapeLine } from "./escape-text.js";
import type { PlanEntry, Provenance, Report } from "./report.js";

const actionWords: Record<PlanEntry["action"], string> = {
  stop: "arrêter",
  continue: "poursuivre",
  bridge: "relais par héparine de bas poids moléculaire",
  refer: "à décider avec l'équipe d'anesthésie et le prescripteur",
  unknown: "indéterminé (données manquantes)",
};

const statusWords = { met: "remplie", unmet: "NON remplie", unknown: "inconnue" } as const;

function unitWord(unit: string, value: number): string {
  if (unit === "d") return value > 1 ? "jours" : "jour";
  if (unit === "h") return "h";
  return unit;
}

function source(p: Provenance): string[] {
  const lines = [`      Règle ${p.rule} — ${p.sectionTitle || p.section}`];
  for (const quote of p.quotes) lines.push(`      « ${quote.replace(/<[^>]+>/g, "").replace(/\*/g, "")} »`);
  if (p.citations.length) lines.push(`      Références : ${p.citations.join(", ")}`);
  return lines;
}

/**
 * The report as readable French text, for a clinician at a terminal. Control characters in any
 * text it shows are written as visible `\uXXXX` escapes.
 */
export function renderReportText(report: Report): string {
  const lines: string[] = [];
  lines.push(`${report.verdictQuestion}`);
  lines.push(`Conclusion : ${report.verdictLabel} [${report.verdict}]`);
  lines.push(`Référentiel : ${report.guideline.id}, édition ${report.guideline.edition}`);
  lines.push("");
  lines.push("Constats :");
  if (report.findings.length === 0) lines.push("  (aucun)");
  for (const f of report.findings) {
    lines.push(`  - ${f.kindLabel} : ${f.statement}`);
    lines.push(...source(f));
  }
  lines.push("");
  lines.push("Conditions préalables (risque hémorragique) :");
  if (report.preconditions.length === 0) lines.push("  (aucune)");
  for (const p of report.preconditions) {
    lines.push(`  - ${p.label} : ${statusWords[p.status]}${p.status === "unknown" ? ` — à renseigner : ${p.missing.join(", ")}` : ""}`);
    lines.push(...source(p));
  }
  lines.push("");
  lines.push("Traitements antithrombotiques :");
  if (report.medicationPlan.length === 0) lines.push("  (aucun traitement concerné)");
  for (const entry of report.medicationPlan) {
    let line = `  - ${entry.label} : ${actionWords[entry.action]}`;
    if (entry.before) line += ` ${entry.before.value} ${unitWord(entry.before.unit, entry.before.value)} avant le geste`;
    if (entry.date) line += entry.action === "bridge" ? ` (héparine arrêtée à partir du ${entry.date})` : ` (plus de prise à partir du ${entry.date})`;
    if (entry.action === "unknown") line += ` — à renseigner : ${entry.missing.join(", ")}`;
    if (entry.action === "refer" && entry.reason === "unknown-drug") line += " (traitement non couvert par ce référentiel)";
    lines.push(line);
    if (entry.provenance) lines.push(...source(entry.provenance));
  }
  if (report.medicationPlan.length && report.medicationPlanReminder) lines.push(`  ${report.medicationPlanReminder}`);
  lines.push("");
  lines.push("Recommandations :");
  if (report.recommendations.length === 0) lines.push("  (aucune)");
  for (const r of report.recommendations) {
    lines.push(`  - ${r.label} [${r.code}]`);
    lines.push(...source(r));
  }
  if (report.missing.length) {
    lines.push("");
    lines.push(`Données manquantes qui laissent un point indécis : ${report.missing.join(", ")}`);
  }
  // Text from the facts (a drug name as given) and from the pack is escaped here, once:
  // a line break or an escape sequence in it cannot forge or hide a line.
  return `${lines.map(escapeLine).join("\n")}\n`;
}
