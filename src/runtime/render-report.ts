import { escapeLine } from "./escape-text.js";
import { fillPlaceholders } from "./fill-placeholders.js";
import type { MissingFact, PlanEntry, Provenance, Recommendation, Report } from "./report.js";


const statusWords = { met: "remplie", unmet: "NON remplie", unknown: "inconnue" } as const;

const readinessWords: Record<Report["readiness"]["status"], string> = { ready: "OUI", "not-ready": "NON", unknown: "À VÉRIFIER" };

const strengthWords: Record<NonNullable<Recommendation["strength"]>, string> = { must: "impératif", should: "préférable", may: "possible" };

const purposeWords: Record<MissingFact["purpose"], string> = {
  verdict: "Pour conclure",
  "readiness-and-plan": "Avant le geste (conditions préalables et traitements)",
  other: "Autres points",
};

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
  return template === undefined ? key : fillPlaceholders(template, values);
}

/** A date (`2026-12-09`) or date-time (`2026-12-12T08:00:00`) as a reader writes it: `09/12/2026`, `12/12/2026 08:00`. */
export function readableDate(date: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::\d{2}(?:\.\d+)?)?(Z|[+-]\d{2}:\d{2})?)?$/.exec(date);
  if (!match) return date;
  const [, y, m, d, hh, mm, zone] = match;
  const time = hh !== undefined ? ` ${hh}:${mm ?? "00"}${zone === "Z" ? " UTC" : zone ? ` (UTC${zone})` : ""}` : "";
  return `${d}/${m}/${y}${time}`;
}

/** The plan's line for one treatment, in the guideline's own wording. */
function planLine(entry: PlanEntry, wordings: Report["medicationPlanWordings"], named: (paths: readonly string[]) => string): string {
  const values = {
    delay: entry.before ? `${entry.before.value} ${unitWord(entry.before.unit, entry.before.value)}` : undefined,
    date: entry.date === undefined ? undefined : readableDate(entry.date),
    missing: entry.action === "unknown" ? named(entry.missing) : undefined,
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

/**
 * The report as readable French text, for a clinician at a terminal. Control characters in any
 * text it shows are written as visible `\uXXXX` escapes.
 */
export function renderReportText(report: Report): string {
  const lines: string[] = [];
  const labelOf = new Map(report.missingFacts.map((m) => [m.path, m.label]));
  const named = (paths: readonly string[]) => paths.map((p) => `${labelOf.get(p) ?? p} (${p})`).join(", ");
  lines.push(`>> ${report.headline}`);
  lines.push("");
  lines.push(`${report.verdictQuestion}`);
  lines.push(`Conclusion : ${report.verdictLabel} [${report.verdict}]`);
  if (report.readiness.question) lines.push(`${report.readiness.question}`);
  if (report.procedureExcluded) lines.push("Geste réalisable maintenant : sans objet (la conclusion exclut le geste)");
  else lines.push(`Geste réalisable maintenant : ${readinessWords[report.readiness.status]} — ${report.readiness.label} [${report.readiness.status}]`);
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
    const shown = p.values.map((v) => `${v.label} ${v.value}${v.unit ? ` ${v.unit}` : ""}`).join(", ");
    lines.push(`  - ${p.label} : ${statusWords[p.status]}${shown ? ` (patient : ${shown})` : ""}${p.status === "unknown" ? ` — à renseigner : ${named(p.missing)}` : ""}`);
    lines.push(...source(p));
  }
  lines.push("");
  lines.push(`${report.medicationPlanTitle || "Traitements"} :`);
  if (report.procedureExcluded) lines.push("  (sans objet : la conclusion exclut le geste, aucun traitement n'est à modifier pour lui)");
  else if (report.medicationPlan.length === 0) lines.push("  (aucun traitement concerné)");
  for (const entry of report.medicationPlan) {
    lines.push(`  - ${entry.label} : ${planLine(entry, report.medicationPlanWordings, named)}`);
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
  // One line per recommendation, with the source of every rule that makes it.
  const byCode = new Map<string, Recommendation[]>();
  for (const r of report.recommendations) byCode.set(r.code, [...(byCode.get(r.code) ?? []), r]);
  for (const [code, made] of byCode) {
    const strengths = [...new Set(made.flatMap((r) => (r.strength ? [strengthWords[r.strength]] : [])))];
    lines.push(`  - ${made[0]?.label ?? code}${strengths.length ? ` — ${strengths.join(" / ")}` : ""} [${code}]`);
    for (const r of made) lines.push(...source(r));
  }
  if (report.missingFacts.length) {
    lines.push("");
    lines.push("Données manquantes qui laissent un point indécis :");
    for (const purpose of ["verdict", "readiness-and-plan", "other"] as const) {
      const group = report.missingFacts.filter((m) => m.purpose === purpose);
      if (group.length === 0) continue;
      lines.push(`  ${purposeWords[purpose]} :`);
      for (const m of group) lines.push(`    - ${m.label} (${m.path})`);
    }
  }
  // Text from the facts (a drug name as given) and from the pack is escaped here, once:
  // a line break or an escape sequence in it cannot forge or hide a line.
  return `${lines.map(escapeLine).join("\n")}\n`;
}
