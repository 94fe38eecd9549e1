import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { analyseGuideline } from "../../src/compiler/analyse/analyse.js";
import { checkGuideline } from "../../src/compiler/check/check.js";
import { compileGuideline, type CompileResult } from "../../src/compiler/compile.js";
import { loadSources } from "../../src/compiler/load-sources.js";
import { orderRules } from "../../src/compiler/order-rules.js";
import type { RuleModel } from "../../src/compiler/model.js";
import { diagnosticCodes, type DiagnosticCode } from "../../src/diagnostics/codes.js";
import { formatDiagnostic, sortDiagnostics } from "../../src/diagnostics/diagnostic.js";
import { parseGuideline } from "../../src/dsl/parse.js";
import { evaluate } from "../../src/runtime/evaluate.js";
import { compileShipped, pendingEditorialWarnings, repoRoot } from "../support/compile-guideline.js";

/**
 * The consistency checks (GL3xxx) of `guideline check`. One seeded faulty guideline per
 * check in test/fixtures/analysis/<CODE>-<name>.guideline, each caught with its code at an
 * exact place, with the output a user sees in <CODE>-<name>.errors.txt beside it (regenerate
 * with `npx vitest run test/compiler/analysis.test.ts -u`, then read every changed baseline).
 */

const fixtureFolder = "test/fixtures/analysis";

/** Where each fixture's finding is reported: code → [line, column]. */
const expectedPosition: Partial<Record<DiagnosticCode, readonly [line: number, column: number]>> = {
  GL3001: [28, 1],
  GL3002: [48, 1],
  GL3003: [54, 1],
  GL3004: [27, 1],
  GL3005: [38, 1],
  GL3006: [17, 1],
  GL3007: [17, 1],
  GL3008: [37, 1],
  GL3009: [25, 1],
  GL3010: [54, 1],
  GL3012: [30, 1],
};

const fixtures = readdirSync(join(repoRoot, fixtureFolder))
  .filter((entry) => /^GL3\d{3}-.*\.guideline$/.test(entry))
  .sort()
  .map((entry) => ({
    code: entry.slice(0, 6) as DiagnosticCode,
    name: entry.slice(0, -".guideline".length),
    file: `${fixtureFolder}/${entry}`,
  }));

function compileFile(file: string): CompileResult {
  const loaded = loadSources([file], repoRoot);
  return compileGuideline(loaded.sources, loaded.host);
}

/** Compiles a source text as if it were a file of the fixture folder (its quotes come from source.txt). */
function compileText(text: string, name = "inline.guideline"): CompileResult {
  const host = { readSourceDocument: (path: string) => readFileSync(join(repoRoot, fixtureFolder, path), "utf8") };
  return compileGuideline([{ file: `${fixtureFolder}/${name}`, text }], host);
}

const fixtureText = (name: string) => readFileSync(join(repoRoot, fixtureFolder, name), "utf8");

describe("each consistency check catches its seeded fault, with its code at the rule involved", () => {
  it.each(fixtures.map((f) => [f.name, f] as const))("%s", async (_name, fixture) => {
    const result = compileFile(fixture.file);
    const position = expectedPosition[fixture.code];
    expect(position, `add ${fixture.code} to expectedPosition`).toBeDefined();
    const [line, column] = position ?? [0, 0];
    expect(result.diagnostics.map((d) => d.code)).toEqual([fixture.code]);
    const diagnostic = result.diagnostics[0];
    expect(diagnostic?.severity).toBe(diagnosticCodes[fixture.code].severity);
    expect(diagnostic?.span && [diagnostic.span.file, diagnostic.span.line, diagnostic.span.column]).toEqual([fixture.file, line, column]);
    // An error stops compilation; a warning does not.
    expect(result.pack === undefined).toBe(diagnosticCodes[fixture.code].severity === "error");
    const texts = new Map([[fixture.file, readFileSync(join(repoRoot, fixture.file), "utf8")]]);
    const formatted = `${sortDiagnostics(result.diagnostics)
      .map((d) => formatDiagnostic(d, texts))
      .join("\n")}\n`;
    await expect(formatted).toMatchFileSnapshot(`../fixtures/analysis/${fixture.name}.errors.txt`);
  });

  it("every GL3xxx code of the table but the search bound (GL3011, tested below) has a fixture", () => {
    const band = (Object.keys(diagnosticCodes) as DiagnosticCode[]).filter((c) => c.startsWith("GL3") && c !== "GL3011");
    expect(fixtures.map((f) => f.code)).toEqual(band);
    expect(Object.keys(expectedPosition).sort()).toEqual(band);
  });
});

describe("the shipped guideline is consistent", () => {
  const result = compileShipped();

  const pending = (d: { readonly code: string }) => !pendingEditorialWarnings.has(d.code);

  it("has no consistency error and no warning left without a written reason", () => {
    const consistency = result.diagnostics.filter((d) => d.code.startsWith("GL3")).filter(pending);
    expect(consistency).toEqual([]);
    expect(result.analysis?.warnings.filter(pending)).toEqual([]);
    for (const accepted of result.analysis?.accepted ?? []) expect(accepted.reason.trim()).not.toBe("");
  });

  it("proves that the two aspirin rules (below / from 160 mg/d) never apply together", () => {
    const pair = result.analysis?.pairs.find(
      (p) => p.rules.includes("saignement.aspirine.poursuite") && p.rules.includes("saignement.aspirine.arret"),
    );
    expect(pair?.status).toBe("disjoint");
    expect(pair?.proof?.join(" ")).toContain("160 mg/d");
  });

  it("keeps the analysis in the checked model for the rulebook, without timings", () => {
    expect(result.model?.consistency?.pairs).toEqual(result.analysis?.pairs);
    expect(result.model?.consistency).not.toHaveProperty("timings");
  });
});

describe("witness patients are real: the runtime does what the finding says", () => {
  it("a gap's witness (aspirin at exactly 160 mg/d between `< 160` and `> 160`) is referred by the plan's fallback", async () => {
    const result = compileFile(`${fixtureFolder}/GL3004-gap.guideline`);
    const witness = result.analysis?.findings.find((f) => f.code === "GL3004")?.witness;
    expect(witness?.given).toEqual(["given medications = (aspirin 160 mg/d)"]);
    expect(witness?.facts).toEqual({ medications: [{ name: "aspirin", dailyDoseMg: 160 }] });
    const report = await evaluate(witness?.facts, result.pack);
    expect(report.medicationPlan.map((e) => [e.drug, e.action, e.reason])).toEqual([["aspirin", "refer", "no-rule-applies"]]);
  });

  it("an overlap's witness meets both bands: the finding and the precondition both hold", async () => {
    const result = compileFile(`${fixtureFolder}/GL3008-overlapping-bands.guideline`);
    const witness = result.analysis?.findings.find((f) => f.code === "GL3008")?.witness;
    expect(witness?.facts).toEqual({ labs: { platelets: 50_000 } });
    const report = await evaluate(witness?.facts, result.pack);
    expect(report.findings.map((f) => f.rule)).toContain("contre-indication.plaquettes");
    expect(report.preconditions.find((p) => p.rule === "saignement.plaquettes")?.status).toBe("met");
  });

  it("a contradiction's witness makes both rules hold (checked on the pack where a precedence settles the pair)", async () => {
    const conflict = compileFile(`${fixtureFolder}/GL3002-contradiction.guideline`).analysis?.pairs[0];
    expect(conflict?.status).toBe("conflict");
    const settled = compileFile(`${fixtureFolder}/settled.guideline`);
    const pair = settled.analysis?.pairs[0];
    expect(pair).toMatchObject({ status: "settled", winner: "saignement.aspirine.arret", witness: conflict?.witness });
    const report = await evaluate(pair?.witness?.facts, settled.pack);
    expect(report.undecided.filter((u) => u.drug !== undefined)).toEqual([]);
    expect(report.medicationPlan[0]?.provenance?.rule).toBe("saignement.aspirine.arret");
  });
});

describe("precedence: `precedence A over B` settles a contradiction, and the runtime follows it", () => {
  const settledText = fixtureText("settled.guideline");
  const result = compileFile(`${fixtureFolder}/settled.guideline`);

  it("compiles with no diagnostic, and the pack lists the winning rule first", () => {
    expect(result.diagnostics).toEqual([]);
    const ids = result.pack?.sourceRules.map((r) => r.id) ?? [];
    expect(ids.indexOf("saignement.aspirine.arret")).toBeLessThan(ids.indexOf("saignement.aspirine.poursuite"));
    expect(result.model?.precedences).toMatchObject([{ winner: "saignement.aspirine.arret", loser: "saignement.aspirine.poursuite" }]);
  });

  it.each([
    [100, "continue"],
    [160, "stop"],
    [300, "stop"],
  ] as const)("aspirin %d mg/d → %s (at 160 both rules hold and the declared winner decides)", async (dose, action) => {
    const report = await evaluate({ medications: [{ name: "aspirin", dailyDoseMg: dose }] }, result.pack);
    expect(report.medicationPlan[0]?.action).toBe(action);
  });

  it("without the precedence the same rules are refused (GL3002)", () => {
    const without = compileText(settledText.replace(/^precedence .*$/m, ""));
    expect(without.diagnostics.map((d) => d.code)).toEqual(["GL3002"]);
    expect(without.pack).toBeUndefined();
  });

  it("names rules that exist (GL2032 with a did-you-mean), two different ones, and gives a reason", () => {
    const unknown = compileText(
      settledText.replace("precedence saignement.aspirine.arret over", "precedence saignement.aspirine.arrett over"),
    );
    expect(unknown.diagnostics.map((d) => [d.code, d.hint])).toEqual([["GL2032", "did you mean `saignement.aspirine.arret`?"]]);
    const itself = compileText(settledText.replace("over saignement.aspirine.poursuite", "over saignement.aspirine.arret"));
    expect(itself.diagnostics.map((d) => d.code)).toEqual(["GL2070"]);
    const empty = compileText(settledText.replace(/because "À 160[^"]*"/, 'because " "'));
    expect(empty.diagnostics.map((d) => d.code)).toEqual(["GL2018"]);
  });

  it("precedences settle a pair through other rules too (`a over b`, `b over c` settle `a` against `c`)", async () => {
    const third = [
      "rule saignement.aspirine.avis",
      '  statement "À exactement 160 mg/j, avis du prescripteur."',
      '  quote "Poursuite de l\'aspirine à faible dose"',
      "  when dose of aspirin = 160 mg/d",
      "  then refer aspirin",
      'precedence saignement.aspirine.arret over saignement.aspirine.avis because "Essai."',
      'precedence saignement.aspirine.avis over saignement.aspirine.poursuite because "Essai."',
    ].join("\n");
    const chained = compileText(`${settledText.replace(/^precedence .*$/m, "")}\n${third}\n`);
    // Only warning: the new rule never decides, since the rule declared to win over it always applies with it.
    expect(chained.diagnostics.map((d) => [d.code, d.message.includes("saignement.aspirine.avis")])).toEqual([["GL3005", true]]);
    expect(chained.analysis?.pairs.map((p) => p.status)).toEqual(["settled", "settled", "settled"]);
    const report = await evaluate({ medications: [{ name: "aspirin", dailyDoseMg: 160 }] }, chained.pack);
    expect(report.medicationPlan[0]?.action).toBe("stop");
  });

  it("a rule whose every patient is taken by the rule declared to win over it never decides (GL3005)", () => {
    const text = settledText.replace("when dose of aspirin >= seuil.aspirine", "when dose of aspirin >= 0 mg/d");
    const result = compileText(text);
    expect(result.diagnostics.map((d) => [d.code, d.message])).toEqual([
      [
        "GL3005",
        "the rule `saignement.aspirine.poursuite` never changes the report: it never decides for `aspirin`: whenever it applies, `saignement.aspirine.arret`, which takes precedence, applies too",
      ],
    ]);
  });

  it("a plan rule narrower than one giving the same order for the same drug is redundant (GL3005)", () => {
    const text = settledText
      .replace(/^precedence .*$/m, "")
      .replace(
        "when dose of aspirin <= seuil.aspirine\n  then continue aspirin",
        "when dose of aspirin > 300 mg/d\n  then stop aspirin delai.aspirine before",
      );
    const result = compileText(text);
    // Both rules now stop aspirin, from 160 and above 300 mg/d: lower doses are a gap (GL3004).
    expect(result.diagnostics.map((d) => [d.code, d.span?.line])).toEqual([
      ["GL3004", 27],
      ["GL3005", 45],
    ]);
    expect(result.diagnostics[1]?.message).toContain("`saignement.aspirine.arret` applies too and gives the same order");
  });

  it("the order is the source order except where a precedence requires otherwise (stable)", () => {
    const rule = (id: string) => ({ id }) as RuleModel;
    const rules = ["a", "b", "c", "d"].map(rule);
    const at = { file: "x", line: 1, column: 1, endLine: 1, endColumn: 1, offset: 0, endOffset: 0 };
    const order = (pairs: [string, string][]) =>
      orderRules(
        rules,
        pairs.map(([winner, loser]) => ({ winner, loser, reason: "r", span: at })),
      );
    expect(order([]).rules.map((r) => r.id)).toEqual(["a", "b", "c", "d"]);
    expect(order([["d", "b"]]).rules.map((r) => r.id)).toEqual(["a", "d", "b", "c"]);
    expect(
      order([
        ["c", "a"],
        ["d", "c"],
      ]).rules.map((r) => r.id),
    ).toEqual(["d", "c", "a", "b"]);
    expect(
      order([
        ["a", "b"],
        ["b", "a"],
      ]).cycle,
    ).toEqual(expect.arrayContaining(["a", "b"]));
  });
});

describe("accept: a warning accepted with a written reason", () => {
  it("is not reported, but listed with its reason in the result and in the model", () => {
    const result = compileFile(`${fixtureFolder}/settled.guideline`);
    expect(result.diagnostics).toEqual([]);
    expect(result.analysis?.accepted.map((a) => [a.finding.code, a.finding.subject, a.reason])).toEqual([
      ["GL3007", "seuil.tp", "Seuil de la source gardé pour la prochaine édition."],
    ]);
    expect(result.model?.consistency?.accepted).toEqual(result.analysis?.accepted);
  });

  it("cannot accept an error: the error stays and the accept is reported (GL3009)", () => {
    const text = `${fixtureText("GL3002-contradiction.guideline")}\naccept GL3002 for saignement.aspirine.arret because "On verra."\n`;
    const result = compileText(text);
    expect(result.diagnostics.map((d) => d.code).sort()).toEqual(["GL3002", "GL3009"]);
    expect(result.diagnostics.find((d) => d.code === "GL3009")?.hint).toContain("`precedence`");
  });

  it("suggests the subject of the warning when the name is misspelt", () => {
    const text = `${fixtureText("GL3007-unused-threshold.guideline")}\naccept GL3007 for seuil.tpp because "Gardé pour plus tard."\n`;
    const result = compileText(text);
    expect(result.diagnostics.map((d) => [d.code, d.hint])).toEqual([
      ["GL3007", expect.any(String)],
      ["GL3009", "did you mean `seuil.tp`?"],
    ]);
  });

  it("needs a reason (GL2018)", () => {
    const text = `${fixtureText("GL3007-unused-threshold.guideline")}\naccept GL3007 for seuil.tp because ""\n`;
    expect(compileText(text).diagnostics.map((d) => d.code)).toEqual(["GL2018"]);
  });
});

/** A guideline with one fact of each kind and one rule whose condition is `when`. */
function withCondition(when: string): string {
  return [
    "guideline test.analysis",
    '  title "Fixture"',
    "  edition 2019",
    "  language fr",
    '  source "source.txt"',
    "fact patient.severeCoagulopathy : yes/no",
    '  label "Troubles"',
    "fact lesion.site : one of vertebra, sacrum, pelvis",
    '  label "Site"',
    "fact labs.platelets : quantity in /mm3 from 0 to 2 000 000",
    '  label "Plaquettes"',
    "fact medications : medication list",
    '  label "Traitements"',
    "  dose dailyDoseMg in mg/d",
    'class antiagregant "Antiagrégant"',
    "drug aspirin atc B01AC06 class antiagregant",
    'finding absolute-contraindication "Contre-indication absolue"',
    'verdict "Question ?"',
    '  outcome contraindicated "Contre-indiquée" when finding absolute-contraindication',
    '  otherwise not-contraindicated "Non"',
    'section q4 "4"',
    "rule r",
    '  statement "Règle."',
    '  quote "Troubles sévères de la coagulation"',
    `  when ${when}`,
    "  then finding absolute-contraindication",
    "",
  ].join("\n");
}

function deadRuleMessage(when: string): string | undefined {
  const result = compileText(withCondition(when));
  return result.diagnostics.find((d) => d.code === "GL3001")?.message;
}

describe("dead rules (GL3001): interval reasoning on numbers, finite enumeration on yes/no and lists", () => {
  it.each([
    [
      "labs.platelets > 60 000 /mm3 and labs.platelets < 40 000 /mm3",
      "`labs.platelets > 60 000 /mm3` and `labs.platelets < 40 000 /mm3` cannot both hold",
    ],
    ["labs.platelets >= 50 000 /mm3 and labs.platelets < 50 000 /mm3", "cannot both hold"],
    ["labs.platelets > 50 10*9/L and labs.platelets <= 50 000 /mm3", "cannot both hold"],
    ["labs.platelets = 50 000 /mm3 and labs.platelets != 50 000 /mm3", "every way it could hold is impossible"],
    ["labs.platelets < 0 /mm3", "the allowed range of labs.platelets (from 0 and up to 2 000 000 /mm3)"],
    [
      "patient.severeCoagulopathy and not patient.severeCoagulopathy",
      "`patient.severeCoagulopathy` and `not patient.severeCoagulopathy` cannot both hold",
    ],
    ["lesion.site is vertebra and lesion.site is sacrum", "`lesion.site is vertebra` and `lesion.site is sacrum` cannot both hold"],
    ["lesion.site in (vertebra, sacrum) and not lesion.site is vertebra and not lesion.site is sacrum", "cannot all hold"],
    ["not taking aspirin and dose of aspirin > 75 mg/d", "a dose is known only for a drug that is taken"],
    [
      "(labs.platelets > 60 000 /mm3 or patient.severeCoagulopathy) and labs.platelets < 40 000 /mm3 and not patient.severeCoagulopathy",
      "every way it could hold is impossible",
    ],
    ["not always", "`not always` is impossible"],
  ])("`%s` is reported", (when, explanation) => {
    expect(deadRuleMessage(when)).toContain(explanation);
  });

  it.each([
    "labs.platelets > 40 000 /mm3 and labs.platelets < 60 000 /mm3",
    "labs.platelets >= 50 000 /mm3 and labs.platelets <= 50 000 /mm3",
    "labs.platelets != 50 000 /mm3 and labs.platelets > 49 999 /mm3 and labs.platelets < 50 001 /mm3",
    "lesion.site in (vertebra, sacrum) and not lesion.site is vertebra",
    "patient.severeCoagulopathy or not patient.severeCoagulopathy",
    "taking aspirin and dose of aspirin = 0 mg/d",
  ])("`%s` can apply: not reported", (when) => {
    expect(deadRuleMessage(when)).toBeUndefined();
  });
});

describe("the search is bounded (GL3011)", () => {
  it("a query past the bound is reported as undecided, never guessed", () => {
    const when =
      "(lesion.site is vertebra or lesion.site is sacrum) and (labs.platelets < 10 /mm3 or labs.platelets > 20 /mm3) and (patient.severeCoagulopathy or taking aspirin)";
    const files = [parseGuideline(withCondition(when), "inline.guideline").ast];
    const model = checkGuideline(files).model;
    expect(model).toBeDefined();
    if (!model) return;
    const bounded = analyseGuideline(model, { budget: 1 });
    expect(bounded.diagnostics.map((d) => d.code)).toContain("GL3011");
    expect(bounded.diagnostics.map((d) => d.code)).not.toContain("GL3001");
    expect(analyseGuideline(model).diagnostics.map((d) => d.code)).not.toContain("GL3011");
  });
});

/** Two aspirin bands, as the plan rules of a guideline. */
function aspirinBands(first: string, second: string): string {
  const text = fixtureText("GL3002-contradiction.guideline");
  return text
    .replace("when dose of aspirin <= seuil.aspirine", `when dose of aspirin ${first}`)
    .replace("when dose of aspirin >= seuil.aspirine", `when dose of aspirin ${second}`);
}

const operators = ["<", "<=", ">", ">=", "=", "!="] as const;
type Operator = (typeof operators)[number];

function holds(x: number, operator: Operator, value: number): boolean {
  switch (operator) {
    case "<":
      return x < value;
    case "<=":
      return x <= value;
    case ">":
      return x > value;
    case ">=":
      return x >= value;
    case "=":
      return x === value;
    case "!=":
      return x !== value;
  }
}

describe("laws of the interval reasoning (fast-check)", () => {
  const band = fc.record({ operator: fc.constantFrom(...operators), value: fc.integer({ min: 0, max: 12 }) });
  // Doses are never negative; every region cut by two whole-number bounds contains one of these.
  const candidates = (a: number, b: number) =>
    [...new Set([0, a, b, a - 0.5, a + 0.5, b - 0.5, b + 0.5, Math.max(a, b) + 1])].filter((x) => x >= 0);

  it("contradiction law: two plan bands are reported in conflict (GL3002) exactly when some dose satisfies both", () => {
    fc.assert(
      fc.property(band, band, (a, b) => {
        const result = compileText(aspirinBands(`${a.operator} ${a.value} mg/d`, `${b.operator} ${b.value} mg/d`));
        const both = candidates(a.value, b.value).some((x) => holds(x, a.operator, a.value) && holds(x, b.operator, b.value));
        expect(result.diagnostics.some((d) => d.code === "GL3002")).toBe(both);
        const witness = result.analysis?.pairs[0]?.witness?.facts as { medications?: { dailyDoseMg?: number }[] } | undefined;
        const dose = witness?.medications?.[0]?.dailyDoseMg;
        if (both) expect(dose !== undefined && holds(dose, a.operator, a.value) && holds(dose, b.operator, b.value)).toBe(true);
      }),
      { seed: 20190401, numRuns: 150 },
    );
  });

  it("gap law: a drug is reported uncovered (GL3004) exactly when some dose satisfies neither band, and the witness dose does", () => {
    fc.assert(
      fc.property(band, band, (a, b) => {
        const result = compileText(aspirinBands(`${a.operator} ${a.value} mg/d`, `${b.operator} ${b.value} mg/d`));
        const neither = candidates(a.value, b.value).some((x) => !holds(x, a.operator, a.value) && !holds(x, b.operator, b.value));
        const gap = result.analysis?.findings.find((f) => f.code === "GL3004");
        expect(gap !== undefined).toBe(neither);
        const dose = (gap?.witness?.facts as { medications?: { dailyDoseMg?: number }[] } | undefined)?.medications?.[0]?.dailyDoseMg;
        if (neither) expect(dose !== undefined && !holds(dose, a.operator, a.value) && !holds(dose, b.operator, b.value)).toBe(true);
      }),
      { seed: 20190402, numRuns: 150 },
    );
  });
});
