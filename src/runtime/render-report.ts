import { fillWords, interfaceWords, type InterfaceWords } from "../interface-words/index.js";
import { drugNameKey, type ProcedureWordingKey } from "../pack/drug-names.js";
import { escapeLine } from "./escape-text.js";
import { fillPlaceholders } from "./fill-placeholders.js";
import { formatQuantity } from "./readable-quantity.js";
import type { FactSource, MissingFact, PlanEntry, Provenance, RankedFact, Recommendation, Report } from "./report.js";

/** A quantity as a reader reads it, with plain spaces: a terminal's text is searched and copied as typed. */
function quantityText(value: number | string, unit: string, words: InterfaceWords): string {
  return formatQuantity(value, unit, words).replace(/\u00A0/g, " ");
}

/** The guideline's wording for `key`, or the catalogue's neutral phrase when the guideline gives none. */
export function procedureWording(wordings: Report["medicationPlanWordings"], key: ProcedureWordingKey, words: InterfaceWords): string {
  return wordings[key] ?? words[`default.${key}`];
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

/** The plan's line for one treatment, in the guideline's own wording (`named` names the missing facts). */
export function planLine(
  entry: PlanEntry,
  wordings: Report["medicationPlanWordings"],
  named: (paths: readonly string[]) => string,
  words: InterfaceWords,
): string {
  const values = {
    delay: entry.before ? quantityText(entry.before.value, entry.before.unit, words) : undefined,
    date: entry.date === undefined ? undefined : readableDate(entry.date),
    missing: entry.action === "unknown" ? named(entry.missing) : undefined,
  };
  if (entry.action === "refer" && entry.reason !== undefined) {
    const reasonText = wordings[entry.reason];
    return reasonText === undefined
      ? `${fillWording(wordings.refer, "refer", values)} (${entry.reason})`
      : fillWording(reasonText, entry.reason, values);
  }
  return fillWording(wordings[entry.action], entry.action, values);
}

function source(p: Provenance, words: InterfaceWords): string[] {
  const lines = [`      ${fillWords(words["report.rule"], p.rule, p.sectionTitle || p.section)}`];
  for (const quote of p.quotes) lines.push(`      « ${quote.replace(/<[^>]+>/g, "").replace(/\*/g, "")} »`);
  if (p.citations.length) lines.push(`      ${fillWords(words["report.references"], p.citations.join(", "))}`);
  return lines;
}

/** The medication plan section of the text report: its heading, each entry with its source, the reminder and what is outside its scope. */
function planSection(
  report: Report,
  words: InterfaceWords,
  named: (paths: readonly string[]) => string,
  sourceOf: (p: Provenance) => string[],
): string[] {
  const wordings = report.medicationPlanWordings;
  const procedure = (key: ProcedureWordingKey) => procedureWording(wordings, key, words);
  const lines = [`${report.medicationPlanTitle || words["default.plan-title"]} :`];
  if (report.procedureExcluded) lines.push(`  (${procedure("plan-excluded")})`);
  else if (report.medicationPlan.length === 0) {
    // An empty plan with readiness still missing a fact that is no precondition's: the list itself
    // was not given, which is not a list without a treatment concerned.
    const listMissing = report.readiness.missing.filter((path) => !report.preconditions.some((p) => p.facts.includes(path)));
    lines.push(
      listMissing.length
        ? `  (${fillWords(words["report.toGive"], named(listMissing)).replace(/^ — /, "")})`
        : `  (${procedure("plan-empty")})`,
    );
  }
  for (const entry of report.medicationPlan) {
    lines.push(`  - ${entry.label}${writtenAs(entry, words)} : ${planLine(entry, wordings, named, words)}`);
    if (entry.byClass)
      lines.push(`      ${fillWords(words["report.byClass"], entry.byClass.label, entry.atc ?? "", entry.byClass.prefix)}`);
    if (entry.provenance) lines.push(...sourceOf(entry.provenance));
  }
  if (report.medicationPlan.length && report.medicationPlanReminder) lines.push(`  ${report.medicationPlanReminder}`);
  if (report.outsidePlan.length) {
    const outside = report.outsidePlan.map((o) => (o.atc ? `${o.label} (${o.atc})` : o.label)).join(", ");
    lines.push(`  ${fillWording(wordings["outside-scope"], "outside-scope", {})} : ${outside}`);
  }
  return lines;
}

/**
 * How the treatment was written, when the drug's label does not show it: the name given when it
 * is neither the label nor the drug's name (a brand name, a name recognised by its code), and,
 * when the name and the code disagree, the code given too, so that the clinician sees what the
 * record says and not only what the vocabulary made of it.
 */
export function writtenAs(entry: PlanEntry, words: InterfaceWords): string {
  const written = entry.given.trim();
  const given = drugNameKey(written);
  const mismatch = entry.reason === "name-atc-mismatch" && entry.atc !== undefined;
  // A name the vocabulary does not know, given with a code it does not know either: the code is
  // all the clinician has to go on, and is shown.
  if (!mismatch && entry.reason === "not-named-by-source" && entry.label === entry.given && entry.atc !== undefined)
    return ` (${fillWords(words["report.codeGiven"], entry.atc)})`;
  const asLabelled = given === drugNameKey(entry.label) || given === drugNameKey(entry.drug);
  if (mismatch && asLabelled) return ` (${fillWords(words["report.codeGiven"], entry.atc ?? "")})`;
  if (asLabelled) return "";
  return ` (${mismatch ? fillWords(words["report.writtenAsWithCode"], written, entry.atc ?? "") : fillWords(words["report.writtenAs"], written)})`;
}

/**
 * The report as readable text in the guideline's language, for a clinician at a terminal: the
 * interface words come from the catalogue of `language` (French by default), every clinical word
 * from the report, which carries the guideline's own wording. Control characters in any text it
 * shows are written as visible `\uXXXX` escapes.
 */
export function renderReportText(report: Report, language = "fr"): string {
  const words = interfaceWords(language);
  const wordings = report.medicationPlanWordings;
  const procedure = (key: ProcedureWordingKey) => procedureWording(wordings, key, words);
  const lines: string[] = [];
  const labelOf = new Map(report.missingFacts.map((m) => [m.path, m.label]));
  const named = (paths: readonly string[]) => paths.map((p) => `${labelOf.get(p) ?? p} (${p})`).join(", ");
  const sourceOf = (p: Provenance) => source(p, words);
  lines.push(`>> ${report.headline}`);
  lines.push("");
  lines.push(report.verdictQuestion);
  lines.push(fillWords(words["report.conclusion"], report.verdictLabel, report.verdict));
  if (report.readiness.question) lines.push(report.readiness.question);
  if (report.procedureExcluded) lines.push(`${procedure("procedure-now")} : ${procedure("procedure-excluded")}`);
  else
    lines.push(
      `${procedure("procedure-now")} : ${words[`report.readiness.${report.readiness.status}`]} — ${report.readiness.label} [${report.readiness.status}]`,
    );
  lines.push(fillWords(words["report.guideline"], report.guideline.id, report.guideline.edition));
  lines.push("");
  lines.push(words["report.findings"]);
  if (report.findings.length === 0) lines.push(`  ${words["report.noneMasculine"]}`);
  for (const f of report.findings) {
    lines.push(`  - ${f.kindLabel} : ${f.statement}`);
    lines.push(...sourceOf(f));
  }
  lines.push("");
  lines.push(`${procedure("preconditions")} :`);
  if (report.preconditions.length === 0) lines.push(`  ${words["report.noneFeminine"]}`);
  for (const p of report.preconditions) {
    const shown = p.values
      .map(
        (v) =>
          `${v.label} ${v.unit !== undefined && typeof v.value !== "boolean" ? quantityText(v.value, v.unit, words) : String(v.value)}`,
      )
      .join(", ");
    const patient = shown ? fillWords(words["report.patientValues"], shown) : "";
    const toGive = p.status === "unknown" ? fillWords(words["report.toGive"], named(p.missing)) : "";
    lines.push(`  - ${p.label} : ${words[`report.status.${p.status}`]}${patient}${toGive}`);
    lines.push(...sourceOf(p));
  }
  lines.push("");
  lines.push(...planSection(report, words, named, sourceOf));
  lines.push("");
  lines.push(words["report.recommendations"]);
  if (report.recommendations.length === 0) lines.push(`  ${words["report.noneFeminine"]}`);
  // One line per recommendation, with the source of every rule that makes it.
  const byCode = new Map<string, Recommendation[]>();
  for (const r of report.recommendations) byCode.set(r.code, [...(byCode.get(r.code) ?? []), r]);
  for (const [code, made] of byCode) {
    const strengths = [...new Set(made.flatMap((r) => (r.strength ? [words[`report.strength.${r.strength}`]] : [])))];
    lines.push(`  - ${made[0]?.label ?? code}${strengths.length ? ` — ${strengths.join(" / ")}` : ""} [${code}]`);
    for (const r of made) lines.push(...sourceOf(r));
  }
  if (report.missingFacts.length) {
    lines.push("");
    lines.push(words["report.missingFacts"]);
    const purposeHeading: Record<MissingFact["purpose"], string> = {
      verdict: words["report.purpose.verdict"],
      "readiness-and-plan": procedure("missing-before-procedure"),
      other: words["report.purpose.other"],
    };
    for (const purpose of ["verdict", "readiness-and-plan", "other"] as const) {
      const group = report.missingFacts.filter((m) => m.purpose === purpose);
      if (group.length === 0) continue;
      lines.push(`  ${purposeHeading[purpose]} :`);
      for (const m of group) lines.push(`    - ${m.label} (${m.path})`);
    }
  }
  lines.push(...relevantLines(report, words, procedure("missing-before-procedure")));
  lines.push(...factSourceLines(report, words), ...sourceProblemLines(report, words));
  // Text from the facts (a drug name as given) and from the pack is escaped here, once:
  // a line break or an escape sequence in it cannot forge or hide a line.
  return `${lines.map(escapeLine).join("\n")}\n`;
}

/** Where the facts came from, when they were read from a record: one line per fact, `path ← Type/id` (a result with its date and value as written). */
function factSourceLines(report: Report, words: InterfaceWords): string[] {
  if (!report.factSources?.length) return [];
  const written = (s: FactSource): string =>
    s.effective === undefined
      ? ""
      : ` (${s.effective}${s.value === undefined ? "" : `, ${s.value}${s.unit === undefined ? "" : ` ${s.unit}`}`})`;
  const coded = (s: FactSource): string =>
    s.code === undefined
      ? ""
      : s.code.expansion === undefined
        ? fillWords(words["report.sourceCode"], s.code.code, s.code.system)
        : fillWords(words["report.sourceExpansion"], s.code.code, s.code.system, s.code.expansion);
  return [
    "",
    words["report.factSources"],
    ...report.factSources.map((s) => `  - ${s.fact} ← ${s.resourceType}/${s.id}${written(s)}${coded(s)}`),
  ];
}

/** What could not be read from the record, when the caller gave it: one line per problem, with its code. */
function sourceProblemLines(report: Report, words: InterfaceWords): string[] {
  if (!report.sourceProblems?.length) return [];
  return ["", words["report.sourceProblems"], ...report.sourceProblems.map((p) => `  - ${p.code} ${p.message}`)];
}

/**
 * The facts to give first: those that can change the verdict, then readiness and the plan, then
 * the recommendations, each group ranked as `relevant` ranks it, each fact once (in its first group).
 */
function relevantLines(report: Report, words: InterfaceWords, beforeProcedure: string): string[] {
  const { relevant } = report;
  const shown = new Set<string>();
  const group = (heading: string, facts: readonly RankedFact[]): string[] => {
    const fresh: string[] = [];
    for (const f of facts)
      if (!shown.has(f.path)) {
        shown.add(f.path);
        fresh.push(`    - ${f.label} (${f.path})`);
      }
    return fresh.length ? [`  ${heading} :`, ...fresh] : [];
  };
  const lines = [
    ...group(words["report.purpose.verdict"], relevant.verdict),
    ...group(beforeProcedure, [...relevant.readiness, ...relevant.plan.flatMap((e) => e.facts)]),
    ...group(
      words["report.purpose.other"],
      relevant.recommendations.flatMap((r) => r.facts),
    ),
  ];
  return lines.length ? ["", words["report.relevant"], ...lines] : [];
}
