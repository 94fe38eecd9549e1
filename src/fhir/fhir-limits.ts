/**
 * The limits the FHIR mapping holds a Bundle to, so that no input makes it crash or hang: the
 * work is linear in the resources read, and at most this many are read.
 */
export const fhirLimits = {
  /** Resources read from one Bundle, nested Bundles included; the rest is reported (GL5066) and not read. */
  resources: 10_000,
  /** Levels of Bundles inside Bundles (a collection of search results is two). */
  nesting: 3,
  /** Treatments read into one medication list (the runtime's limit of entries in a list); the rest is reported (GL5068). */
  treatments: 1_000,
  /** Dosage instructions read for one treatment; with more, its dose is not computed. */
  dosages: 16,
  /** Levels of nested questionnaire items read. */
  itemDepth: 8,
  /** Codes read from the expansions of the ValueSets given (`expansionsFromValueSets`); the rest is reported (GL5076). */
  expansionCodes: 200_000,
  /** Levels of nested `contains` read in one expansion; deeper ones are reported (GL5077). */
  expansionDepth: 8,
} as const;
