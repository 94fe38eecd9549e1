/**
 * The cards built from a report: the plan card gives each treatment's line and date, every
 * card's text is safe Markdown whatever the facts hold, and the indicator follows the verdict.
 * Expectations come from the report itself, never from the guideline's numbers or wording.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { evaluateSync } from "../../src/runtime/evaluate.js";
import { defaultPack } from "../../src/runtime/load-pack.js";
import { interfaceWords } from "../../src/interface-words/index.js";
import { drugNameKey } from "../../src/pack/drug-names.js";
import { readableDate, renderReportText, writtenAs } from "../../src/runtime/render-report.js";
import { cardContext } from "../../src/serve/card-context.js";
import { markdownText, summaryText } from "../../src/serve/card-text.js";
import { reportCards } from "../../src/serve/cards.js";
import { repoRoot } from "../support/compile-guideline.js";

const pack = defaultPack();
const context = cardContext(pack, "http://127.0.0.1:1/rulebook");
const patient = JSON.parse(readFileSync(join(repoRoot, "examples/patient-vertebra.json"), "utf8")) as Record<string, unknown>;
const none = { absent: [], problems: [] };

describe("the plan card", () => {
  it("gives each treatment of the plan with its line, its date and the rule that settled it", () => {
    const report = evaluateSync(patient, pack);
    expect(report.medicationPlan.length).toBeGreaterThan(0);
    const cards = reportCards(report, none, context);
    const plan = cards.find((card) => card.detail.includes(markdownText(report.medicationPlanTitle)) && card !== cards[0]);
    expect(plan).toBeDefined();
    expect(plan?.summary.startsWith(summaryText(report.medicationPlanTitle).slice(0, 20))).toBe(true);
    for (const entry of report.medicationPlan) {
      expect(plan?.detail).toContain(markdownText(entry.label));
      if (entry.date !== undefined) expect(plan?.detail).toContain(markdownText(readableDate(entry.date)));
      if (entry.provenance) expect(plan?.links?.map((l) => l.url)).toContain(`http://127.0.0.1:1/rulebook#regle-${entry.provenance.rule}`);
    }
  });
});

describe("the plan card says how a treatment was written, as the text report does", () => {
  it("a drug given under one of its other names (read from the pack) shows that name beside the drug's label", () => {
    // An alias that is not the drug's label or name written otherwise (a brand name).
    const other = (d: (typeof pack.drugs)[number]) =>
      d.aliases.find((a) => drugNameKey(a) !== drugNameKey(d.label) && drugNameKey(a) !== drugNameKey(d.name));
    const drug = pack.drugs.find((d) => other(d) !== undefined);
    if (!drug) throw new Error("the pack declares no drug with another name");
    const alias = other(drug) ?? "";
    const report = evaluateSync({ ...patient, medications: [{ name: alias }] }, pack);
    const [entry] = report.medicationPlan;
    if (!entry) throw new Error("the drug is outside the plan");
    const shown = `${entry.label}${writtenAs(entry, interfaceWords("fr"))}`;
    expect(shown).toContain(alias);
    expect(renderReportText(report)).toContain(`  - ${shown} : `);
    const cards = reportCards(report, none, context);
    expect(cards.some((card) => card.detail.includes(`- ${markdownText(shown)}`))).toBe(true);
  });
});

describe("the verdict card", () => {
  it("gives the findings with their quotes and references, and links to their rules", () => {
    const report = evaluateSync(patient, pack);
    const [verdict] = reportCards(report, none, context);
    expect(verdict?.summary).toBe(summaryText(report.headline));
    for (const finding of report.findings) {
      expect(verdict?.detail).toContain(markdownText(finding.statement));
      for (const n of finding.citations) expect(verdict?.detail).toContain(`\\[${n}\\]`);
      expect(verdict?.links?.some((l) => l.url.endsWith(`#regle-${finding.rule}`))).toBe(true);
    }
  });

  it("is critical for a verdict with which the procedure is not done, else info or warning", () => {
    const report = evaluateSync(patient, pack);
    const [verdict] = reportCards(report, none, context);
    const expected = report.procedureExcluded
      ? "critical"
      : report.verdict === "incomplete" || report.readiness.status !== "ready"
        ? "warning"
        : "info";
    expect(verdict?.indicator).toBe(expected);
  });
});

describe("text from the facts is safe Markdown", () => {
  it("a drug name with a link, a heading, HTML and control characters shows as written, in one line", () => {
    const name = "[click](javascript:alert(1))\n# title <img src=x onerror=alert(1)> \u001b[31m";
    const report = evaluateSync({ ...patient, medications: [{ name }] }, pack);
    const cards = reportCards(report, none, context);
    for (const card of cards) {
      expect(card.detail).not.toContain("[click](");
      expect(card.detail).not.toMatch(/(?<!\\)<img/);
      expect(card.detail).not.toContain("\u001b");
      expect(card.detail).not.toMatch(/^# /m);
      expect(card.summary).not.toContain("\n");
    }
    expect(cards.some((card) => card.detail.includes(markdownText(name)))).toBe(true);
  });

  it("a summary never exceeds 140 characters", () => {
    expect([...new Intl.Segmenter().segment(summaryText("é".repeat(500)))].length).toBe(140);
    expect(summaryText("short")).toBe("short");
  });
});
