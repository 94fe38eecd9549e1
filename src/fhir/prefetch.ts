import type { RulePack } from "../pack/pack-format.js";
import { questionnaireUrl } from "./questionnaire-codes.js";

const patient = "{{context.patientId}}";

/**
 * The CDS Hooks prefetch templates that bring what {@link factsFromFhir} reads, by key: one
 * Observation search per fact with LOINC codes (keyed by the fact's path), the Conditions and
 * AllergyIntolerances with the facts' SNOMED CT codes, the current MedicationRequests and
 * MedicationStatements when the pack reads a medication list, and the completed
 * QuestionnaireResponses to the pack's Questionnaire. Deterministic, in that order.
 */
export function prefetchTemplates(pack: RulePack): Readonly<Record<string, string>> {
  const templates: Record<string, string> = {};
  const snomed: string[] = [];
  for (const fact of pack.facts) {
    const codes = (fact.codes ?? []).map((c) => `${c.system}|${c.code}`);
    if (codes.length === 0) continue;
    if (fact.type === "quantity") templates[fact.path] = `Observation?patient=${patient}&code=${codes.join(",")}`;
    else snomed.push(...codes);
  }
  if (snomed.length) {
    templates.Condition = `Condition?patient=${patient}&code=${snomed.join(",")}`;
    templates.AllergyIntolerance = `AllergyIntolerance?patient=${patient}&code=${snomed.join(",")}`;
  }
  if (pack.facts.some((f) => f.type === "medications")) {
    templates.MedicationRequest = `MedicationRequest?patient=${patient}&status=active,on-hold&_include=MedicationRequest:medication`;
    templates.MedicationStatement = `MedicationStatement?patient=${patient}&status=active,intended,on-hold&_include=MedicationStatement:medication`;
  }
  templates.QuestionnaireResponse = `QuestionnaireResponse?subject=${patient}&questionnaire=${questionnaireUrl(pack.guideline.id, pack.guideline.edition)}&status=completed,amended`;
  return templates;
}
