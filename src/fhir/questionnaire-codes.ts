/**
 * The codes of the generated Questionnaire's answers to a yes/no question, and of the answers to
 * a `one of` question: what {@link questionnaireOf} writes and the QuestionnaireResponse reader
 * reads back.
 */

/** HL7 v2 table 0136 (yes/no indicator): `Y`, `N`. */
export const yesNoSystem = "http://terminology.hl7.org/CodeSystem/v2-0136";
/** FHIR data-absent-reason: `asked-unknown`, the answer « does not know ». */
export const unknownSystem = "http://terminology.hl7.org/CodeSystem/data-absent-reason";
export const unknownCode = "asked-unknown";

/** The code system of the values of a `one of` fact, one per guideline and fact. */
export function enumSystem(guideline: string, fact: string): string {
  return `urn:guideline-kb:${guideline}:${fact}`;
}

/** The canonical URL of the Questionnaire of a guideline edition. */
export function questionnaireUrl(guideline: string, edition: number): string {
  return `urn:guideline-kb:${guideline}:${edition}:questionnaire`;
}
