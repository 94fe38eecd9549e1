import type { PlanEntry, Provenance, Report } from "./report.js";


const statusWords = { met: "remplie", unmet: "NON remplie", unknown: "inconnue" } as const;

function unitWord(unit: string, value: number): string {
  if (unit === "d") return value > 1 ? "jours" : "jour";
  if (unit === "h") return "h";
  return unit;
}

/**
 * A plan wording of the guideline with its placeholders filled: `{delay}`, `{date}`, `{missing}`.
 * A part in square brackets is kept (without its brackets) only when every placeholder inside it
 * has a value. Without a wording, the key itself is shown.
 */
export function fillWording(template: string | undefined, key: string, values: Readonly<Record<string, string | undefined>>): string {
  if (template === undefined) return key;
  const filled = (text: string) => text.replace(/\{([^{}]*)\}/g, (_, name: string) => values[name] ?? "");
  const complete = (text: string) => [...text.matchAll(/\{([^{}]*)\}/g)].every(([, name = ""]) => values[name] !== undefined);
  return filled(template.replace(/\[([^[\]]*)\]/g, (_, inner: string) => (complete(inner) ? inner : "")));
}

/** The plan's line for one treatment, in the guideline's own wording. */
function planLine(entry: PlanEntry, wordings: Report["medicationPlanWordings"]): string {
  const values = {
    delay: entry.before ? `${entry.before.value} ${unitWord(entry.before.unit, entry.before.value)}` : undefined,
    date: entry.date,
    missing: entry.action === "unknown" ? entry.missing.join(", ") : undefined,
  };
  if (entry.action === "refer" && entry.reason !== undefined) {
    const reasonText = wordings[entry.reason];
    return reasonText === undefined ? `${fillWording(wordings.refer, "refer", values)} (${entry.reason})` : fillWording(reasonText, entry.reason, values);
  }
  return fillWording(wordings[entry.action], entry.action, values);
}

function source(p: Provenance): string[] {
  const lines = [`      Règle ${p.rule} — ${p.sectionTitle || p.section}`];
  for (const quote of p.quotes) lines.push(`      « ${quote.replace(/<[^>]+>/g, "").replace(/\*/g, "")} »`);
  if (p.citations.length) lines.push(`      Références : ${p.citations.join(", ")}`);
  return lines;
}

/** The report as readable French text, for a clinician at a terminal. */
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
  lines.push(`${report.medicationPlanTitle || "Traitements"} :`);
  if (report.medicationPlan.length === 0) lines.push("  (aucun traitement concerné)");
  for (const entry of report.medicationPlan) {
    lines.push(`  - ${entry.label} : ${planLine(entry, report.medicationPlanWordings)}`);
    if (entry.provenance) lines.push(...source(entry.provenance));
  }
  if (report.medicationPlan.length && report.medicationPlanReminder) lines.push(`  ${report.medicationPlanReminder}`);
  if (report.outsidePlan.length) {
    const outside = report.outsidePlan.map((o) => (o.atc ? `${o.label} (${o.atc})` : o.label)).join(", ");
    lines.push(`  ${fillWording(report.medicationPlanWordings["outside-scope"], "outside-scope", {})} : ${outside}`);
  }
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
  return `${lines.join("\n")}\n`;
}
