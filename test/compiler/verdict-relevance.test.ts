import { readFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { analyseGuideline } from "../../src/compiler/analyse/analyse.js";
import type { VerdictRelevance } from "../../src/compiler/analyse/report.js";
import { checkGuideline } from "../../src/compiler/check/check.js";
import { compileGuideline, type CompileResult } from "../../src/compiler/compile.js";
import type { CheckedGuideline } from "../../src/compiler/model.js";
import { buildRulebook } from "../../src/rulebook/render-rulebook.js";
import { parseGuideline } from "../../src/dsl/parse.js";
import { evaluate } from "../../src/runtime/evaluate.js";
import { repoRoot } from "../support/compile-guideline.js";
import { ReferenceEvaluator } from "../support/reference-evaluator.js";

/**
 * The verdict relevance analysis (GL3012): a rule whose finding the verdict reads, but whose
 * deletion changes the verdict of no patient whose facts are all known. The seeded fixture
 * and its baseline are in test/fixtures/analysis (run by analysis.test.ts); here, the law it
 * must obey (against brute force over every patient), the witness, `accept` and the names in
 * the message.
 */

const fixtureFolder = "test/fixtures/analysis";
const fixture = readFileSync(join(repoRoot, fixtureFolder, "GL3012-verdict-irrelevant-rule.guideline"), "utf8");

const host = { readSourceDocument: (path: string) => readFileSync(join(repoRoot, fixtureFolder, path), "utf8") };

/** Compiles a source text as if it were a file of the fixture folder (its quotes come from source.txt). */
function compileText(text: string): CompileResult {
  return compileGuideline([{ file: `${fixtureFolder}/inline.guideline`, text }], host);
}

/** The checked model of a source (no provenance check: quotes need not be in a source document). */
function modelOf(text: string): CheckedGuideline {
  const parsed = parseGuideline(text, "inline.guideline");
  const checked = checkGuideline([parsed.ast]);
  if (!checked.model)
    throw new Error(`does not check: ${[...parsed.diagnostics, ...checked.diagnostics].map((d) => `${d.code} ${d.message}`).join("; ")}`);
  return checked.model;
}

/** The source without the declaration of one rule (up to the next blank line). */
function withoutRule(text: string, rule: string): string {
  const without = text.replace(new RegExp(`^rule ${rule.replace(/[.]/g, "\\.")}\\n(?:  .*\\n)*`, "m"), "");
  expect(without).not.toBe(text);
  return without;
}

const relevanceOf = (result: { readonly analysis?: { readonly verdictRelevance: readonly VerdictRelevance[] } }, rule: string) =>
  result.analysis?.verdictRelevance.find((r) => r.rule === rule);

describe("a rule always overridden by another is reported (GL3012), naming the rule that decides", () => {
  const irrelevant = "indication.lesion-volumineuse";

  it("names the overriding rule in the message and as related, and counts the rule as unable to change the verdict", () => {
    const result = compileText(fixture);
    expect(result.diagnostics.map((d) => d.code)).toEqual(["GL3012"]);
    expect(result.diagnostics[0]?.message).toBe(
      "the rule `indication.lesion-volumineuse` never changes the verdict: for every patient it applies to, the verdict is already decided by `contre-indication.coagulation`, which applies whenever it does",
    );
    expect(result.diagnostics[0]?.hint).toContain(`accept GL3012 for ${irrelevant} because`);
    expect(result.analysis?.findings.find((f) => f.code === "GL3012")?.related).toEqual(["contre-indication.coagulation"]);
    expect(relevanceOf(result, irrelevant)).toEqual({
      rule: irrelevant,
      status: "irrelevant",
      decidedBy: ["contre-indication.coagulation"],
      decidingOutcomes: [],
      reportedAs: "GL3012",
    });
    // The warning does not stop compilation.
    expect(result.pack).toBeDefined();
  });

  it("with a fact that lifts the contraindication, the rule can decide: no GL3012, and its witness patient's verdict changes in the runtime", async () => {
    const text = fixture
      .replace(
        "fact lesion.large : yes/no",
        'fact patient.coagulationCorrected : yes/no\n  label "Coagulation corrigée"\nfact lesion.large : yes/no',
      )
      .replace("  when patient.severeCoagulopathy\n", "  when patient.severeCoagulopathy and not patient.coagulationCorrected\n");
    const result = compileText(text);
    expect(result.diagnostics).toEqual([]);
    const relevance = relevanceOf(result, irrelevant);
    expect(relevance).toMatchObject({ status: "relevant", verdictWith: "indicated", verdictWithout: "not-indicated" });
    if (relevance?.status !== "relevant") return;
    expect(relevance.witness.given).toEqual([
      "given lesion.large = yes",
      "given patient.coagulationCorrected = yes",
      "given patient.severeCoagulopathy = yes",
    ]);
    // The same patient, evaluated by the runtime on the pack with the rule and on the pack without it.
    expect((await evaluate(relevance.witness.facts, result.pack)).verdict).toBe("indicated");
    const without = compileText(withoutRule(text, irrelevant));
    expect((await evaluate(relevance.witness.facts, without.pack)).verdict).toBe("not-indicated");
  });

  it("an `accept` with a reason silences it; the accepted warning keeps its reason", () => {
    const result = compileText(
      `${fixture}\naccept GL3012 for ${irrelevant} because "La source le mentionne ; la contre-indication l'emporte."\n`,
    );
    expect(result.diagnostics).toEqual([]);
    expect(result.analysis?.accepted.map((a) => [a.finding.code, a.finding.subject, a.reason])).toEqual([
      ["GL3012", irrelevant, "La source le mentionne ; la contre-indication l'emporte."],
    ]);
    expect(result.model?.consistency?.verdictRelevance).toEqual(result.analysis?.verdictRelevance);
  });

  it("the rulebook's checks table counts the rules that can change the conclusion, and those without one, justified or not", async () => {
    const row = async (text: string) => {
      const html = await buildRulebook(compileText(text), host);
      return /<tr><th scope="row"[^>]*>Règles dont le constat compte pour la conclusion[^<]*<\/th><td[^>]*>([^<]*)<\/td><td[^>]*><span class="([^"]*)"/
        .exec(html ?? "")
        ?.slice(1);
    };
    expect(await row(fixture)).toEqual(["1 sur 2 ; 1 règle sans effet sur la conclusion, sans justification", "status-bad"]);
    expect(await row(`${fixture}\naccept GL3012 for ${irrelevant} because "Essai."\n`)).toEqual([
      "1 sur 2 ; 1 règle sans effet sur la conclusion, justifiée",
      "status-ok",
    ]);
  });

  it("an `accept` for a rule that can change the verdict matches nothing (GL3009)", () => {
    const result = compileText(`${fixture}\naccept GL3012 for contre-indication.coagulation because "Essai."\n`);
    expect(result.diagnostics.map((d) => d.code).sort()).toEqual(["GL3009", "GL3012"]);
  });
});

/**
 * A guideline over yes/no facts `p.a`, `p.b`…, with finding kinds, a verdict and rules given as
 * `[id, kind, condition]`; with `drug`, also a medication list `medications` with a daily dose
 * and the drug `aspirin`.
 */
function booleanGuideline(
  facts: readonly string[],
  kinds: readonly string[],
  outcomes: readonly (readonly [code: string, when: string])[],
  otherwise: string,
  rules: readonly (readonly [id: string, kind: string, when: string])[],
  drug = false,
): string {
  return [
    "guideline test.relevance",
    '  title "Fixture"',
    "  edition 2019",
    "  language fr",
    '  source "source.txt"',
    ...facts.flatMap((f) => [`fact p.${f} : yes/no`, `  label "${f}"`]),
    ...(drug
      ? [
          "fact medications : medication list",
          '  label "Traitements"',
          "  dose dailyDoseMg in mg/d",
          'class antiagregant "Antiagrégant"',
          "drug aspirin atc B01AC06 class antiagregant",
        ]
      : []),
    ...kinds.map((k) => `finding ${k} "${k}"`),
    'verdict "Question ?"',
    ...outcomes.map(([code, when]) => `  outcome ${code} "${code}" when ${when}`),
    `  otherwise ${otherwise} "${otherwise}"`,
    'section q "Q"',
    "",
    ...rules.flatMap(([id, kind, when]) => [
      `rule ${id}`,
      '  statement "Règle."',
      '  quote "Troubles sévères de la coagulation"',
      `  when ${when}`,
      `  then finding ${kind}`,
      "",
    ]),
  ].join("\n");
}

describe("the message names what decides when no rule does alone", () => {
  it("an earlier outcome that holds whenever the rule does (here: the absence of a finding)", () => {
    const text = booleanGuideline(
      ["a"],
      ["safe", "good"],
      [
        ["declined", "not finding safe"],
        ["accepted", "finding good"],
      ],
      "none",
      [
        ["r.safe", "safe", "p.a"],
        ["r.good", "good", "not p.a"],
      ],
    );
    const result = analyseGuideline(modelOf(text));
    expect(result.diagnostics.map((d) => d.message)).toEqual([
      "the rule `r.good` never changes the verdict: for every patient it applies to, the verdict is already decided by the outcome `declined`, which holds whenever it applies",
    ]);
    expect(result.verdictRelevance.find((r) => r.rule === "r.good")).toMatchObject({ decidedBy: [], decidingOutcomes: ["declined"] });
  });

  it("the verdict as a whole, when the rule's outcome gives the same code as `otherwise`", () => {
    const text = booleanGuideline(["a"], ["good"], [["accepted", "finding good"]], "accepted", [["r.good", "good", "p.a"]]);
    const result = analyseGuideline(modelOf(text));
    expect(result.diagnostics.map((d) => d.message)).toEqual([
      "the rule `r.good` never changes the verdict: for every patient it applies to, the verdict is already decided by the verdict's other outcomes, which give the same answer without it",
    ]);
  });

  it("several rules, one of which applies whenever the rule does", () => {
    const text = booleanGuideline(
      ["a", "b"],
      ["bad", "good"],
      [
        ["declined", "finding bad"],
        ["accepted", "finding good"],
      ],
      "none",
      [
        ["r.bad", "bad", "p.a and not p.b"],
        ["r.good", "good", "p.b"],
        ["r.also", "good", "p.a"],
      ],
    );
    const result = analyseGuideline(modelOf(text));
    expect(result.diagnostics.map((d) => d.message)).toEqual([
      "the rule `r.also` never changes the verdict: for every patient it applies to, the verdict is already decided by `r.bad` or `r.good`, one of which applies whenever it does",
    ]);
  });
});

describe("a dose of a drug the patient does not take stays unknown, so the verdict is compared in three values", () => {
  const doseGuideline = (otherwise: string) =>
    [
      "guideline test.relevance",
      '  title "Fixture"',
      "  edition 2019",
      "  language fr",
      '  source "source.txt"',
      "fact medications : medication list",
      '  label "Traitements"',
      "  dose dailyDoseMg in mg/d",
      'class antiagregant "Antiagrégant"',
      "drug aspirin atc B01AC06 class antiagregant",
      'finding high "Dose élevée"',
      'verdict "Question ?"',
      '  outcome declined "Refusé" when finding high',
      `  otherwise ${otherwise}`,
      'section q "Q"',
      "rule r.high",
      '  statement "Règle."',
      '  quote "Arrêt de l\'aspirine à dose élevée"',
      "  when dose of aspirin > 160 mg/d",
      "  then finding high",
      "",
    ].join("\n");

  it("a rule on a dose is relevant, with a witness who takes the drug above the threshold", () => {
    const relevance = analyseGuideline(modelOf(doseGuideline('accepted "Accepté"'))).verdictRelevance;
    expect(relevance).toEqual([expect.objectContaining({ rule: "r.high", status: "relevant" })]);
    expect(relevance[0]).toMatchObject({
      verdictWith: "declined",
      verdictWithout: "accepted",
      witness: { given: ["given medications = (aspirin 161 mg/d)"] },
    });
  });

  it("when the outcome and `otherwise` give the same code, an unknown between them is no difference (the runtime gives that code): the rule is irrelevant", async () => {
    const text = doseGuideline('declined "Refusé"');
    const result = analyseGuideline(modelOf(text));
    expect(result.verdictRelevance).toEqual([
      { rule: "r.high", status: "irrelevant", decidedBy: [], decidingOutcomes: [], reportedAs: "GL3012" },
    ]);
    const pack = compileText(text).pack;
    for (const medications of [[], [{ name: "aspirin", dailyDoseMg: 75 }], [{ name: "aspirin", dailyDoseMg: 300 }]])
      expect((await evaluate({ medications }, pack)).verdict).toBe("declined");
  });
});

describe("the search is bounded: a rule the bound leaves open is undecided (GL3011), never reported irrelevant", () => {
  it("with a budget of one branch", () => {
    const text = booleanGuideline(
      ["a", "b", "c"],
      ["bad", "good"],
      [
        ["declined", "finding bad or not finding good"],
        ["accepted", "finding good"],
      ],
      "none",
      [
        ["r.bad", "bad", "(p.a or p.b) and (p.b or p.c)"],
        ["r.good", "good", "p.a or p.c"],
        ["r.also", "good", "(p.a and p.b) or (p.c and p.b)"],
      ],
    );
    const model = modelOf(text);
    const full = analyseGuideline(model);
    expect(full.verdictRelevance.find((r) => r.rule === "r.also")?.status).toBe("irrelevant");
    const bounded = analyseGuideline(model, { budget: 1 });
    expect(bounded.diagnostics.map((d) => d.code)).toContain("GL3011");
    expect(bounded.diagnostics.map((d) => d.code)).not.toContain("GL3012");
    expect(bounded.verdictRelevance.find((r) => r.rule === "r.also")?.status).toBe("undecided");
  });
});

// --- The law, against brute force -----------------------------------------------------------

const factNames = ["a", "b", "c", "d", "e"] as const;
const kindNames = ["k0", "k1", "k2"] as const;

/** A condition over the first `n` facts (rules) or over finding kinds (verdict), as source text. */
function conditionArbitrary(leaf: fc.Arbitrary<string>): fc.Arbitrary<string> {
  const { condition } = fc.letrec<{ condition: string }>((tie) => ({
    condition: fc.oneof(
      { depthSize: "small", maxDepth: 2 },
      leaf,
      leaf.map((l) => `not ${l}`),
      fc.tuple(fc.constantFrom("and", "or"), tie("condition"), tie("condition")).map(([op, x, y]) => `(${x}) ${op} (${y})`),
    ),
  }));
  return condition;
}

interface SmallGuideline {
  readonly facts: readonly string[];
  /** Whether the guideline has a medication list, whose dose tests stay unknown for a patient who does not take the drug. */
  readonly drug: boolean;
  readonly text: string;
  readonly rules: readonly string[];
}

const smallGuidelineArbitrary: fc.Arbitrary<SmallGuideline> = fc
  .record({
    factCount: fc.integer({ min: 1, max: factNames.length }),
    kindCount: fc.integer({ min: 1, max: kindNames.length }),
    drug: fc.boolean(),
  })
  .chain(({ factCount, kindCount, drug }) => {
    const facts = factNames.slice(0, factCount);
    const kinds = kindNames.slice(0, kindCount);
    const drugLeaves = drug ? ["taking aspirin", "dose of aspirin > 100 mg/d", "dose of aspirin <= 100 mg/d"] : [];
    const factLeaf = fc.oneof(
      { weight: 8, arbitrary: fc.constantFrom(...facts.map((f) => `p.${f}`)) },
      { weight: 1, arbitrary: fc.constant("always") },
      ...(drug ? [{ weight: 4, arbitrary: fc.constantFrom(...drugLeaves) }] : []),
    );
    const kindLeaf = fc.constantFrom(...kinds.map((k) => `finding ${k}`));
    return fc.record({
      facts: fc.constant(facts),
      drug: fc.constant(drug),
      rules: fc.array(fc.tuple(fc.constantFrom(...kinds), conditionArbitrary(factLeaf)), { minLength: 1, maxLength: 5 }),
      // Distinct outcome codes (the language requires it); `otherwise` may share one of them.
      outcomes: fc
        .shuffledSubarray(["x", "y", "z"], { minLength: 1, maxLength: 3 })
        .chain((codes) => fc.tuple(...codes.map((code) => conditionArbitrary(kindLeaf).map((when) => [code, when] as const)))),
      otherwise: fc.constantFrom("x", "y", "w"),
    });
  })
  .map(({ facts, drug, rules, outcomes, otherwise }) => {
    const named = rules.map(([kind, when], i) => [`r${i}`, kind, when] as const);
    return { facts, drug, rules: named.map(([id]) => id), text: booleanGuideline(facts, kindNames, outcomes, otherwise, named, drug) };
  });

/** Every complete patient over the facts; with the drug, not taking it, or taking it below, at or above the dose threshold. */
function allPatients(facts: readonly string[], drug: boolean): Record<string, unknown>[] {
  const lists = drug ? [[], ...[50, 100, 150].map((dailyDoseMg) => [{ name: "aspirin", dailyDoseMg }])] : [undefined];
  return lists.flatMap((medications) =>
    Array.from({ length: 2 ** facts.length }, (_, bits) => ({
      p: Object.fromEntries(facts.map((f, i) => [f, (bits & (1 << i)) !== 0])),
      ...(medications ? { medications } : {}),
    })),
  );
}

describe("law of verdict relevance (fast-check, brute force over every patient)", () => {
  // The second run sends every query that needs a branch to the CDCL search, whose answers and
  // models (the witnesses) must obey the same law as the tableau's.
  it.each([
    ["the tableau, then CDCL past 1 000 branches", {}],
    ["CDCL for every query that needs a branch", { tableauShare: 0 }],
  ] as const)(
    "%s: a rule is reported able to change the verdict iff deleting it from the source changes some complete patient's verdict (in three values, doses included); the witness is such a patient",
    (_, options) => {
      const seen = { relevant: 0, irrelevant: 0, reported: 0, incomplete: 0, covered: 0 };
      fc.assert(
        fc.property(smallGuidelineArbitrary, ({ facts, drug, text, rules }) => {
          const model = modelOf(text);
          const result = analyseGuideline(model, options);
          const reference = new ReferenceEvaluator(model);
          const patients = allPatients(facts, drug);
          const verdicts = patients.map((p) => reference.evaluate(p).verdict);
          const read = new Set(result.verdictRelevance.map((r) => r.rule));
          for (const rule of rules) {
            const withoutModel = modelOf(withoutRule(text, rule));
            const without = new ReferenceEvaluator(withoutModel);
            const changes = patients.some((p, i) => without.evaluate(p).verdict !== verdicts[i]);
            const relevance = result.verdictRelevance.find((r) => r.rule === rule);
            // A rule whose finding the verdict does not read is not analysed, and cannot change it.
            if (!read.has(rule)) {
              expect(changes).toBe(false);
              continue;
            }
            expect(relevance?.status).toBe(changes ? "relevant" : "irrelevant");
            seen[changes ? "relevant" : "irrelevant"]++;
            if (relevance?.status === "relevant") {
              if (relevance.verdictWith === "incomplete" || relevance.verdictWithout === "incomplete") seen.incomplete++;
              expect(reference.evaluate(relevance.witness.facts).verdict).toBe(relevance.verdictWith);
              expect(without.evaluate(relevance.witness.facts).verdict).toBe(relevance.verdictWithout);
              expect(relevance.verdictWith).not.toBe(relevance.verdictWithout);
            }
            // Reported as GL3012 exactly when irrelevant and not already reported as impossible or redundant.
            const reported = result.diagnostics.some(
              (d) => d.code === "GL3012" && d.message.includes(`\`${rule}\` never changes the verdict`),
            );
            expect(reported).toBe(relevance?.status === "irrelevant" && relevance.reportedAs === "GL3012");
            if (reported) seen.reported++;
            // The rules named as deciding in its place cover it: for every patient it applies to, one
            // of them applies too (covers are remembered from one rule to the next: they must still fit).
            if (relevance?.status === "irrelevant" && relevance.decidedBy.length > 0) {
              seen.covered++;
              const fires = (id: string, findings: readonly string[]) => findings.some((f) => f.startsWith(`${id} → `));
              for (const [i, p] of patients.entries()) {
                const findings = reference.evaluate(p).findings;
                if (!fires(rule, findings)) continue;
                expect(
                  relevance.decidedBy.some((d) => fires(d, findings)),
                  `patient ${i} of ${rule}`,
                ).toBe(true);
              }
            }
          }
        }),
        { seed: 20190409, numRuns: 200 },
      );
      // The generator reaches both answers, and warnings, often enough for the law to bite.
      expect(seen.relevant).toBeGreaterThan(50);
      expect(seen.irrelevant).toBeGreaterThan(50);
      expect(seen.reported).toBeGreaterThan(20);
      expect(seen.incomplete).toBeGreaterThan(0);
      expect(seen.covered).toBeGreaterThan(10);
    },
  );
});
