import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { ConditionModel } from "../../src/compiler/model.js";
import { conditionToFrench, effectParts, enumValueLabels, plainText, vocabularyOf } from "../../src/rulebook/french.js";
import { formatNumber, formatQuantity } from "../../src/runtime/readable-quantity.js";
import { compileShipped } from "../support/compile-guideline.js";

const model = (() => {
  const result = compileShipped();
  if (!result.model) throw new Error("the shipped guideline does not check");
  return result.model;
})();
const vocabulary = vocabularyOf(model);
const rule = (id: string) => {
  const found = model.rules.find((r) => r.id === id);
  if (!found) throw new Error(`no rule ${id}`);
  return found;
};
/** A threshold or delay of the edition as the book reads it (`50 000/mm³`, `5 jours`): the values belong to the edition. */
const readable = (name: string): string => {
  const value = model.thresholds.find((t) => t.name === name);
  if (!value) throw new Error(`no threshold or delay ${name}`);
  return formatQuantity(value.value, value.unit, vocabulary.words);
};
const when = (id: string): ConditionModel => {
  const condition = rule(id).when;
  if (!condition) throw new Error(`rule ${id} has no condition`);
  return condition;
};

describe("conditions read in French, with the model's labels and units", () => {
  it("a threshold comparison gives the fact's label, the value with its unit as a reader writes it, and the threshold", () => {
    expect(conditionToFrench(when("saignement.plaquettes"), vocabulary)).toBe(
      `Plaquettes > ${readable("seuil.plaquettes")} (valeur seuil.plaquettes)`,
    );
    expect(conditionToFrench(when("saignement.aspirine.arret"), vocabulary)).toBe(
      `Dose d'Aspirine (Traitements en cours) ≥ ${readable("seuil.aspirine")} (valeur seuil.aspirine)`,
    );
  });

  it("a value of a `one of` fact reads with its French label from the fact's description", () => {
    expect(conditionToFrench(when("os-long.torsion"), vocabulary)).toBe("Site de la lésion est « os long »");
  });

  it("yes/no facts read `oui` / `non`, and `and` joins the tests", () => {
    expect(conditionToFrench(when("contre-indication.douleurs-diffuses"), vocabulary)).toBe("Douleur : oui et Douleur localisée : non");
    expect(conditionToFrench(when("os-long.stabilisation-percutanee"), vocabulary)).toBe(
      "Site de la lésion est « os long » et Candidat à une chirurgie stabilisatrice : non",
    );
  });

  it("an unconditional rule says so", () => {
    expect(conditionToFrench(when("decision-multidisciplinaire"), vocabulary)).toBe("toujours (sans condition)");
  });

  it("the verdict's conditions read with the labels of the kinds of finding", () => {
    const notIndicated = model.verdict.outcomes.find((o) => o.code === "not-indicated");
    expect(notIndicated && conditionToFrench(notIndicated.when, vocabulary)).toBe(
      "constat « Non-indication » ou constat « Site où la cimentation n'est pas réalisée » ou constat « Lésion non authentifiée comme responsable des signes cliniques » ou (aucun constat « Indication » et aucun constat « Indication discutée »)",
    );
  });

  it("effects name the finding, recommendation, drug and delay in words", () => {
    expect(plainText(effectParts(rule("saignement.clopidogrel").effect, vocabulary))).toBe(
      `Arrêter : Clopidogrel ${readable("delai.clopidogrel")} avant le geste (délai delai.clopidogrel)`,
    );
    expect(plainText(effectParts(rule("saignement.anticoagulant-oral-direct").effect, vocabulary))).toBe(
      `Arrêter : les traitements de la classe « Nouvel anticoagulant oral (anticoagulant oral direct) » (Dabigatran, Rivaroxaban et Apixaban) ${readable("delai.anticoagulant-oral-direct")} avant le geste (délai delai.anticoagulant-oral-direct)`,
    );
    expect(plainText(effectParts(rule("contre-indication.coagulation").effect, vocabulary))).toBe(
      "Constat : « Contre-indication absolue »",
    );
    expect(plainText(effectParts(rule("saignement.plaquettes").effect, vocabulary))).toBe(
      `Condition préalable au geste : « ${rule("saignement.plaquettes").effect.kind === "precondition" ? (rule("saignement.plaquettes").effect as { label: string }).label : ""} »`,
    );
  });
});

describe("negation in the printed condition", () => {
  const platelets = when("saignement.plaquettes");
  const flag = (path: string): ConditionModel => ({ kind: "flag", path });

  it("the negation of a comparison reads with the complementary operator (not x > t is x ≤ t: same truth, unknown included)", () => {
    expect(conditionToFrench({ kind: "not", operand: platelets }, vocabulary)).toBe(
      `Plaquettes ≤ ${readable("seuil.plaquettes")} (valeur seuil.plaquettes)`,
    );
  });

  it("De Morgan: not (A and B) reads as (not A) or (not B)", () => {
    const condition: ConditionModel = { kind: "not", operand: { kind: "and", operands: [flag("pain.present"), flag("lesion.large")] } };
    expect(conditionToFrench(condition, vocabulary)).toBe("Douleur : non ou Lésion volumineuse : non");
  });

  it("law: a condition negated twice reads exactly as the condition", () => {
    const conditions = model.rules.flatMap((r) => (r.when ? [r.when] : []));
    fc.assert(
      fc.property(fc.constantFrom(...conditions), (condition) => {
        expect(conditionToFrench({ kind: "not", operand: { kind: "not", operand: condition } }, vocabulary)).toBe(
          conditionToFrench(condition, vocabulary),
        );
      }),
    );
  });
});

describe("French numbers, durations and value labels", () => {
  it("groups thousands with a no-break space and writes a decimal comma", () => {
    expect(formatNumber(50000)).toBe("50\u00A0000");
    expect(formatNumber("2000000")).toBe("2\u00A0000\u00A0000");
    expect(formatNumber("0.5")).toBe("0,5");
    expect(formatNumber(160)).toBe("160");
  });

  it("writes days in words (singular below two, as French counts) and hours by their symbol, with a no-break space", () => {
    expect(formatQuantity("5", "d", vocabulary.words)).toBe("5\u00A0jours");
    expect(formatQuantity("1", "d", vocabulary.words)).toBe("1\u00A0jour");
    expect(formatQuantity("1.5", "d", vocabulary.words)).toBe("1,5\u00A0jour");
    expect(formatQuantity("48", "h", vocabulary.words)).toBe("48\u00A0h");
    expect(formatQuantity("3", "s", vocabulary.words)).toBe("3\u00A0s");
  });

  it("reads `value : label` pairs from a description, and leaves out values without one", () => {
    const labels = enumValueLabels(
      ["vertebra", "sacrum", "flat-bone"],
      "vertebra : vertèbre ; sacrum ; flat-bone : os plat (sternum, côtes, scapula).",
    );
    expect([...labels]).toEqual([
      ["vertebra", "vertèbre"],
      ["flat-bone", "os plat (sternum, côtes, scapula)"],
    ]);
  });
});
