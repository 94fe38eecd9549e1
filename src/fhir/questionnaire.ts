import { interfaceWords } from "../interface-words/index.js";
import { assertNever } from "../shared/assert-never.js";
import type { PackFact, RulePack } from "../pack/pack-format.js";
import { enumSystem, questionnaireUrl, unknownCode, unknownSystem, yesNoSystem } from "./questionnaire-codes.js";

/** The SDC Questionnaire profile the generated Questionnaire claims. */
const sdcProfile = "http://hl7.org/fhir/uv/sdc/StructureDefinition/sdc-questionnaire";
const unitOptionUrl = "http://hl7.org/fhir/StructureDefinition/questionnaire-unitOption";
const itemControlUrl = "http://hl7.org/fhir/StructureDefinition/questionnaire-itemControl";

/**
 * The FHIR R4 Questionnaire (SDC) of a pack's facts: one question per fact, the medication list
 * aside (it comes from MedicationRequest and MedicationStatement), linkId the fact's path, text its
 * label in the guideline's language, its description as help; yes/no questions answer oui, non or
 * « ne sait pas », `one of` questions their values, quantities a number in one of the units the
 * fact accepts; a fact with codes carries them in `code`. Deterministic: same pack, same JSON.
 */
export function questionnaireOf(pack: RulePack): unknown {
  const { guideline } = pack;
  const name = guideline.id.replace(/[^A-Za-z0-9]+(.)?/g, (_, next: string | undefined) => (next ?? "").toUpperCase());
  return {
    resourceType: "Questionnaire",
    id: `${guideline.id.replace(/[^A-Za-z0-9.-]/g, "-").slice(0, 58)}-${guideline.edition}`,
    meta: { profile: [sdcProfile] },
    url: questionnaireUrl(guideline.id, guideline.edition),
    version: guideline.version ?? String(guideline.edition),
    name: name.charAt(0).toUpperCase() + name.slice(1),
    title: guideline.title,
    status: "active",
    language: guideline.language,
    subjectType: ["Patient"],
    item: pack.facts.filter((f) => f.type !== "medications").map((f) => questionOf(pack, f)),
  };
}

function questionOf(pack: RulePack, fact: PackFact): Record<string, unknown> {
  const common = {
    linkId: fact.path,
    ...(fact.codes ? { code: fact.codes.map((c) => ({ system: c.system, code: c.code })) } : {}),
    text: fact.label,
    ...answersOf(pack, fact),
    ...(fact.description
      ? {
          item: [
            {
              extension: [
                {
                  url: itemControlUrl,
                  valueCodeableConcept: { coding: [{ system: "http://hl7.org/fhir/questionnaire-item-control", code: "help" }] },
                },
              ],
              linkId: `${fact.path}.help`,
              text: fact.description,
              type: "display",
            },
          ],
        }
      : {}),
  };
  return common;
}

/** The type of the question and its answers, by the fact's type. */
function answersOf(pack: RulePack, fact: PackFact): Record<string, unknown> {
  switch (fact.type) {
    case "boolean": {
      const words = interfaceWords(pack.guideline.language);
      return {
        type: "choice",
        answerOption: [
          { valueCoding: { system: yesNoSystem, code: "Y", display: words["questionnaire.yes"] } },
          { valueCoding: { system: yesNoSystem, code: "N", display: words["questionnaire.no"] } },
          { valueCoding: { system: unknownSystem, code: unknownCode, display: words["questionnaire.unknown"] } },
        ],
      };
    }
    case "enum":
      return {
        type: "choice",
        answerOption: fact.values.map((value) => ({
          valueCoding: { system: enumSystem(pack.guideline.id, fact.path), code: value, display: value },
        })),
      };
    case "quantity":
      return {
        type: "quantity",
        extension: (fact.accepts ?? [fact.unit]).map((unit) => ({
          url: unitOptionUrl,
          valueCoding: { system: "http://unitsofmeasure.org", code: unit },
        })),
      };
    case "date":
      return { type: "dateTime" };
    case "medications":
      return { type: "display" };
    default:
      return assertNever(fact);
  }
}
