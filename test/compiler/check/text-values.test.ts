import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { checkGuideline } from "../../../src/compiler/check/check.js";
import { parseGuideline } from "../../../src/dsl/parse.js";

/**
 * `{name}` in a statement or a label shows the value of a threshold or delay, so the text cannot
 * go stale; a number that restates such a value is warned about (GL2111). Numbers are pinned
 * here, in inline sources, never read from the live guideline.
 */

interface Texts {
  readonly value?: string;
  readonly delay?: string;
  readonly thresholdLabel?: string;
  readonly statement?: string;
  readonly precondition?: string;
  readonly stopStatement?: string;
  readonly quote?: string;
}

function source(texts: Texts): string {
  return `guideline test.values
  title "Essai"
  edition 2019
  language fr
  source "source.txt"

fact labs.count : quantity in /mm3
  label "Numération"

fact medications : medication list
  label "Traitements"

threshold seuil.count = ${texts.value ?? "50 000 /mm3"}
  label ${JSON.stringify(texts.thresholdLabel ?? "Numération minimale")}

delay delai.a = ${texts.delay ?? "5 d"}
  label "Arrêt avant le geste"

class classe-a "Classe A"
drug drug-a atc B01AC04 class classe-a label "Médicament A"

finding indication "Indication"

verdict "Le geste est-il indiqué ?"
  outcome indicated "Indiqué" when finding indication
  otherwise not-indicated "Non indiqué"

plan medications
  scope atc B01
  otherwise refer
  reminder "Rappel."

section q1 "1. Section"

rule seuil
  statement ${JSON.stringify(texts.statement ?? "La numération doit dépasser le seuil.")}
  quote ${JSON.stringify(texts.quote ?? "Numération > 50 000/mm3.")}
  when labs.count > seuil.count
  then precondition ${JSON.stringify(texts.precondition ?? "Numération suffisante")}

rule arret-a
  statement ${JSON.stringify(texts.stopStatement ?? "Le médicament A est arrêté avant le geste.")}
  quote "Arrêt du médicament A avant le geste."
  then stop drug-a delai.a before
`;
}

function check(texts: Texts) {
  const parsed = parseGuideline(source(texts), "test.guideline");
  expect(parsed.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
  return checkGuideline([parsed.ast]);
}

/** The line of the rule `seuil`'s statement in {@link source}. */
const statementLine =
  source({})
    .split("\n")
    .findIndex((line) => line.startsWith("  statement")) + 1;

function codes(texts: Texts): string[] {
  return check(texts).diagnostics.map((d) => d.code);
}

/** A value as an editor writes it: French grouping of thousands, a decimal comma. */
const writtenNumber = fc
  .tuple(fc.integer({ min: 1, max: 9_999_999 }), fc.option(fc.integer({ min: 1, max: 99 }), { nil: undefined }))
  .map(([whole, fraction]) => {
    const grouped = whole >= 10_000 ? String(whole).replace(/\B(?=(\d{3})+(?!\d))/g, " ") : String(whole);
    return fraction === undefined ? grouped : `${grouped},${String(fraction).padStart(2, "0").replace(/0$/, "") || "1"}`;
  });

describe("thresholds and delays written by name in statements and labels", () => {
  it("for any threshold value, the statement, the precondition label and the label show it as written, its unit as a reader writes it after it", () => {
    fc.assert(
      fc.property(writtenNumber, (number) => {
        const result = check({
          value: `${number} /mm3`,
          statement: "La numération doit dépasser {seuil.count}.",
          precondition: "Numération (exigé : > {seuil.count})",
          thresholdLabel: "Seuil ({seuil.count})",
        });
        expect(result.diagnostics).toEqual([]);
        const rule = result.model?.rules.find((r) => r.id === "seuil");
        expect(rule?.statement).toBe(`La numération doit dépasser ${number}/mm³.`);
        expect(rule?.effect).toEqual({ kind: "precondition", label: `Numération (exigé : > ${number}/mm³)` });
        expect(result.model?.thresholds.find((t) => t.name === "seuil.count")?.label).toBe(`Seuil (${number}/mm³)`);
      }),
      { numRuns: 40 },
    );
  });

  it("a delay reads in French: days as words, one or several; hours as written", () => {
    const statement = (delay: string) =>
      check({ delay, stopStatement: "Arrêt {delai.a} avant le geste." }).model?.rules.find((r) => r.id === "arret-a")?.statement;
    expect(statement("5 d")).toBe("Arrêt 5 jours avant le geste.");
    expect(statement("1 d")).toBe("Arrêt 1 jour avant le geste.");
    expect(statement("48 h")).toBe("Arrêt 48 h avant le geste.");
    expect(statement("2 wk")).toBe("Arrêt 2 semaines avant le geste.");
  });

  it("a unit with no word reads as its symbol, never as a UCUM code: superscripts, µ, powers of ten after ×", () => {
    const statement = (value: string) =>
      check({ value, statement: "Seuil : {seuil.count}." }).model?.rules.find((r) => r.id === "seuil")?.statement;
    expect(statement("50 000 /mm3")).toBe("Seuil : 50 000/mm³.");
    expect(statement("50 10*9/L")).toBe("Seuil : 50 × 10⁹/L.");
    expect(statement("50 10*3/uL")).toBe("Seuil : 50 × 10³/µL.");
  });

  it("`{{` and `}}` write a brace, and a quote keeps its braces, unchecked", () => {
    const result = check({ statement: "Un ensemble {{a, b}} et {seuil.count}.", quote: "Texte {seuil.inconnu} et 50 000/mm3." });
    expect(result.diagnostics).toEqual([]);
    const rule = result.model?.rules.find((r) => r.id === "seuil");
    expect(rule?.statement).toBe("Un ensemble {a, b} et 50 000/mm³.");
    expect(rule?.quotes.map((q) => q.text)).toEqual(["Texte {seuil.inconnu} et 50 000/mm3."]);
  });

  it("an unknown name in braces is GL2110 at its place, with a did-you-mean", () => {
    const result = check({ statement: "Dépasser {seuil.cont}." });
    expect(result.model).toBeUndefined();
    const [diagnostic] = result.diagnostics;
    expect(diagnostic?.code).toBe("GL2110");
    expect(diagnostic?.span?.line).toBe(statementLine);
    expect(diagnostic?.span?.column).toBe(23);
    expect(diagnostic?.hint).toContain("seuil.count");
  });

  it("a threshold with an error of its own, named in a text, is reported once, not again as unknown", () => {
    expect(codes({ value: "50 000", statement: "Dépasser {seuil.count}." })).toEqual(["GL2012"]);
  });

  it("a brace alone is GL2112", () => {
    expect(codes({ statement: "Dépasser {seuil.count." })).toEqual(["GL2112"]);
    expect(codes({ precondition: "Numération }" })).toEqual(["GL2112"]);
  });
});

describe("a number that restates a value the rule uses is warned about (GL2111)", () => {
  it("for any threshold value, the statement writing the number itself is warned about, grouped or not, with or without its unit", () => {
    fc.assert(
      fc.property(writtenNumber, fc.constantFrom("/mm3", "", " /mm3"), fc.boolean(), (number, unit, grouped) => {
        const written = grouped ? number : number.replace(/ /g, "");
        expect(codes({ value: `${number} /mm3`, statement: `La numération doit dépasser ${written}${unit}.` })).toEqual(["GL2111"]);
      }),
      { numRuns: 40 },
    );
  });

  it("compares exactly in the value's unit: 50 10*9/L is 50 000 /mm3, 48 h is 2 d; another number or measure is not", () => {
    expect(codes({ precondition: "Numération > 50 10*9/L" })).toEqual(["GL2111"]);
    expect(codes({ delay: "2 d", stopStatement: "Arrêt 48 h avant le geste." })).toEqual(["GL2111"]);
    expect(codes({ delay: "5 d", stopStatement: "Arrêt 5 jours avant le geste." })).toEqual(["GL2111"]);
    expect(codes({ statement: "La numération doit dépasser 50 001/mm3." })).toEqual([]);
    expect(codes({ statement: "La numération doit dépasser 50 000,1/mm3." })).toEqual([]);
    expect(codes({ delay: "5 d", stopStatement: "Arrêt 5 h avant le geste." })).toEqual([]);
  });

  it("a threshold's label restating its own value is warned about; a value the rule does not use is not", () => {
    expect(codes({ thresholdLabel: "Numération > 50 000/mm3" })).toEqual(["GL2111"]);
    // The stop rule does not use seuil.count.
    expect(codes({ stopStatement: "Arrêt avant le geste, quand la numération est sous 50 000/mm3." })).toEqual([]);
  });

  it("the warning points at the number and its unit, and suggests the name in braces", () => {
    const [diagnostic] = check({ statement: "Dépasser 50 000/mm3." }).diagnostics;
    expect(diagnostic?.code).toBe("GL2111");
    expect(diagnostic?.severity).toBe("warning");
    expect([diagnostic?.span?.line, diagnostic?.span?.column, diagnostic?.span?.endColumn]).toEqual([statementLine, 23, 32]);
    expect(diagnostic?.hint).toContain("{seuil.count}");
  });
});
