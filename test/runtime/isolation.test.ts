import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { fr } from "../../src/interface-words/fr.js";
import { compileShipped, repoRoot } from "../support/compile-guideline.js";

/**
 * Every module reachable from `entry` by relative imports, and the packages they import,
 * including those loaded on first use with `require("…")` (UCUM, ajv).
 */
function importGraph(entry: string): { files: Set<string>; packages: Set<string> } {
  const files = new Set<string>();
  const packages = new Set<string>();
  const visit = (file: string) => {
    if (files.has(file)) return;
    files.add(file);
    const text = readFileSync(file, "utf8");
    for (const match of text.matchAll(/(?:import|export)[^"']*?from\s+["']([^"']+)["']|(?:import|require)\(\s*["']([^"']+)["']\s*\)/g)) {
      const specifier = match[1] ?? match[2] ?? "";
      if (specifier.startsWith(".")) visit(join(file, "..", specifier.replace(/\.js$/, ".ts")));
      else
        packages.add(
          specifier
            .split("/")
            .slice(0, specifier.startsWith("@") ? 2 : 1)
            .join("/"),
        );
    }
  };
  visit(entry);
  return { files, packages };
}

describe("the runtime stands alone", () => {
  it("imports nothing from src/dsl or src/compiler, and no parser", () => {
    const { files, packages } = importGraph(join(repoRoot, "src/runtime/index.ts"));
    const relative = [...files].map((f) => f.slice(repoRoot.length));
    expect(relative.filter((f) => f.startsWith("src/dsl/") || f.startsWith("src/compiler/"))).toEqual([]);
    expect([...packages].sort()).toEqual([
      "@lhncbc/ucum-lhc",
      "ajv",
      "json-rules-engine",
      "node:crypto",
      "node:fs",
      "node:module",
      "node:path",
      "node:url",
    ]);
  });

  it("src/ holds no clinical word: the guideline source owns them", () => {
    const offenders = filesOfSrc().flatMap(({ path, text }) => clinicalWordsIn(text).map((word) => `${path}: ${word}`));
    expect(offenders).toEqual([]);
  });

  it("the banned words catch the clinical wording this morning's report and rulebook had", () => {
    // Lines of src/runtime/render-report.ts, src/rulebook/french.ts and src/rulebook/templates.ts before issue 11 §4.
    const before = [
      'lines.push("Conditions préalables (risque hémorragique) :");',
      '"readiness-and-plan": "Avant le geste (conditions préalables et traitements)",',
      'bridge: "Relais (voir le texte du plan)",',
      "return [text(`Condition préalable au geste : « ${effect.label} »`)];",
      "<h3>Le geste peut-il être fait maintenant ?</h3>",
      "`Douleur : oui et Douleur bien maîtrisée par le traitement médicamenteux : non`",
    ];
    for (const line of before) expect(clinicalWordsIn(line), line).not.toEqual([]);
  });

  it("the interface catalogue is free of the fixed clinical stems, and every word the guideline derives is outside it", () => {
    expect(Object.values(fr).filter((word) => fixedClinicalStems.test(word))).toEqual([]);
    expect(guidelineVocabulary().size).toBeGreaterThan(0);
  });
});

/**
 * Stems that are clinical in any guideline of this kind, in French and English: the procedure, bleeding,
 * anaesthesia, the drugs and their classes, the lesions. Matched anywhere in a word, comments included.
 */
const fixedClinicalStems =
  /plaquett|platelet|clopidogrel|aspirin|apixaban|rivaroxaban|dabigatran|cimento|cement|fracture|epidur|épidur|prothromb|hépar|heparin|anesth|anaesth|antivitamine|warfarin|antithrombo|anticoag|antiagr|analgési|analgesic|hémorrag|hemorrhag|saign|bleed|geste|relais|vertéb|vertebr|douleur|opiac|opioid|biops|ostéo|tumeur|tumour|tumor|métasta|metasta/i;

/**
 * Everyday words that happen to be in the guideline's labels and in the program's own words
 * (English comments, the DSL's keywords, French of the rulebook's prose): not clinical.
 */
const everydayWords = new Set([
  "toutes",
  "contre",
  "partir",
  "changer",
  "compte",
  "preuve",
  "dessous",
  "modifier",
  "atteinte",
  "direct",
  "relative",
  "indication",
  "incomplet",
  "preconditions",
  "missing",
  // An element of every FHIR resource (src/fhir writes the Questionnaire's `extension`s).
  "extension",
]);

/**
 * The clinical vocabulary the guideline itself gives: every word of six letters or more in its drug
 * names, aliases and labels, class, fact, finding, recommendation, threshold and outcome labels, the
 * verdict's and readiness' wording, the plan's title, reminder and wordings; placeholders left out,
 * and words of the interface catalogue (which the program may say) and everyday words excepted.
 */
function guidelineVocabulary(): ReadonlySet<string> {
  const model = compileShipped().model;
  if (!model) throw new Error("the shipped guideline does not compile");
  const texts = [
    ...model.drugs.flatMap((d) => [d.name, d.label, ...d.aliases]),
    ...model.classes.map((c) => c.label),
    ...model.facts.map((f) => f.label),
    ...model.findingKinds.map((f) => f.label),
    ...model.recommendations.map((r) => r.label),
    ...model.thresholds.map((t) => t.label),
    model.verdict.question,
    model.verdict.undecided,
    model.verdict.otherwise.label,
    ...model.verdict.outcomes.map((o) => o.label),
    ...(model.readiness ? [model.readiness.question, model.readiness.ready, model.readiness.notReady, model.readiness.undecided] : []),
    ...(model.plan ? [model.plan.title, model.plan.reminder, ...Object.values(model.plan.wordings)] : []),
  ];
  const interfaceText = Object.values(fr).join(" ").toLowerCase();
  const words = texts.flatMap(
    (text) =>
      text
        .replace(/\{[^{}]*\}/g, " ")
        .toLowerCase()
        .match(/\p{L}{6,}/gu) ?? [],
  );
  return new Set(words.filter((word) => !everydayWords.has(word) && !interfaceText.includes(word)));
}

let vocabulary: RegExp | undefined;

/** The clinical words a text holds: fixed stems anywhere, the guideline's own words as whole words. */
function clinicalWordsIn(text: string): string[] {
  vocabulary ??= new RegExp(`(?<!\\p{L})(?:${[...guidelineVocabulary()].join("|")})(?!\\p{L})`, "giu");
  const fixed = text.match(new RegExp(fixedClinicalStems.source, "gi")) ?? [];
  const derived = text.match(vocabulary) ?? [];
  return [...new Set([...fixed, ...derived].map((w) => w.toLowerCase()))];
}

/** Every file of src/, comments included: a clinical word in a comment is still one the program holds. */
function filesOfSrc(): { path: string; text: string }[] {
  const files: { path: string; text: string }[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else files.push({ path: path.slice(repoRoot.length), text: readFileSync(path, "utf8") });
    }
  };
  walk(join(repoRoot, "src"));
  return files;
}
