import { makeDiagnostic, type Diagnostic } from "../diagnostics/diagnostic.js";
import type { PackFact, RulePack } from "../pack/pack-format.js";
import { matchCodings, type CodeSource } from "./code-match.js";
import type { Expansions } from "./value-set-expansions.js";
import type { BundleResource } from "./bundle-resources.js";
import { dailyDose } from "./daily-dose.js";
import { fhirLimits } from "./fhir-limits.js";
import { codingsAt, listAt, objectAt, stringAt, type JsonObject } from "./fhir-json.js";

type MedicationsFact = Extract<PackFact, { type: "medications" }>;

/** The ATC system URI, as FHIR resources write it. */
const atcSystem = "http://www.whocc.no/atc";

/** The RxNorm system URI, as FHIR resources write it. */
const rxnormSystem = "http://www.nlm.nih.gov/research/umls/rxnorm";

/**
 * The drugs' RxNorm codes (`system|code`), each with the drug's first ATC code, and the expansions
 * that may widen them: what recognises a treatment coded in RxNorm only.
 */
export interface DrugCodes {
  readonly atcOf: ReadonlyMap<string, string>;
  readonly named: ReadonlySet<string>;
  readonly expansions?: Expansions;
}

/** The {@link DrugCodes} of a pack. */
export function drugCodesOf(pack: RulePack, expansions?: Expansions): DrugCodes {
  const atcOf = new Map<string, string>();
  for (const drug of pack.drugs) {
    const [atc] = drug.atc;
    if (atc !== undefined) for (const code of drug.rxnorm ?? []) atcOf.set(`${rxnormSystem}|${code}`, atc);
  }
  return { atcOf, named: new Set(atcOf.keys()), ...(expansions ? { expansions } : {}) };
}

/** The statuses of a MedicationRequest or MedicationStatement under which the treatment is being taken. */
const currentStatuses: Readonly<Record<string, ReadonlySet<string>>> = {
  MedicationRequest: new Set(["active", "on-hold"]),
  MedicationStatement: new Set(["active", "intended", "on-hold"]),
};

/** One treatment of the list, and the resource it came from. */
export interface FoundTreatment {
  readonly entry: Readonly<Record<string, unknown>>;
  readonly from: BundleResource;
  /** The RxNorm code that identified it, when it has no ATC code (with the ValueSet, when through an expansion). */
  readonly code?: CodeSource;
}

/**
 * The medication list from the current MedicationRequests and MedicationStatements, in Bundle
 * order: each treatment by its name (the text or display of its code) and ATC code, and its daily
 * dose when the dosage gives one exactly (GL5062 when not: the entry has no dose, and the plan for
 * that drug is unknown). A treatment with nothing to read is kept as unknown (GL5064). A treatment
 * without an ATC code but with a drug's RxNorm code (or a code in its expansion) is given that
 * drug's first ATC code: its name, as written, is then checked against it as any name is.
 */
export function medicationList(
  fact: MedicationsFact,
  resources: readonly BundleResource[],
  problems: Diagnostic[],
  drugs?: DrugCodes,
): FoundTreatment[] {
  const found: FoundTreatment[] = [];
  for (const resource of resources) {
    const statuses = currentStatuses[resource.resourceType];
    const status = stringAt(resource.resource, "status");
    if (!statuses || status === undefined || !statuses.has(status)) continue;
    if (found.length >= fhirLimits.treatments) {
      problems.push(makeDiagnostic("GL5068", undefined, [fhirLimits.treatments]));
      break;
    }
    const { atc, name, code } = treatmentIdentity(resource, resources, drugs);
    if (name === undefined || !/\S/.test(name)) problems.push(makeDiagnostic("GL5064", undefined, [resource.label]));
    const entry: Record<string, unknown> = { name: name !== undefined && /\S/.test(name) ? name.slice(0, 200) : resource.label };
    if (atc !== undefined) entry.atc = atc;
    if (fact.dose) {
      const dosages = listAt(resource.resource, resource.resourceType === "MedicationRequest" ? "dosageInstruction" : "dosage");
      const dose = dailyDose(dosages, fact.dose.unit);
      if ("dose" in dose) entry[fact.dose.field] = dose.dose;
      else problems.push(makeDiagnostic("GL5062", undefined, [resource.label, dose.problem]));
    }
    found.push({ entry, from: resource, ...(code ? { code } : {}) });
  }
  return found;
}

/**
 * The treatment's ATC code (a coding of the ATC system that has the form of one; else, with
 * `drugs`, the ATC code of the drug whose RxNorm code it carries, and that code) and name (its
 * text, else a display, else the ATC code).
 */
export function treatmentIdentity(
  resource: BundleResource,
  resources: readonly BundleResource[],
  drugs?: DrugCodes,
): { readonly atc: string | undefined; readonly name: string | undefined; readonly code?: CodeSource } {
  const concept = medicationConcept(resource, resources);
  const coded = concept.codings.find(
    (c) => c.system === atcSystem && c.code !== undefined && /^[A-Za-z]\d{2}[A-Za-z0-9]{0,4}$/.test(c.code),
  )?.code;
  const match = coded === undefined && drugs ? matchCodings(drugs.named, concept.codings, drugs.expansions) : undefined;
  const atc = coded ?? (match && drugs?.atcOf.get(match.named));
  const name = concept.text ?? concept.codings.find((c) => c.display !== undefined)?.display ?? atc;
  return { atc, name, ...(match ? { code: match.source } : {}) };
}

/** The treatment's code: `medicationCodeableConcept`, or the Medication its `medicationReference` names (in the Bundle or contained). */
function medicationConcept(
  resource: BundleResource,
  resources: readonly BundleResource[],
): { readonly text?: string; readonly codings: ReturnType<typeof codingsAt> } {
  const direct = objectAt(resource.resource, "medicationCodeableConcept");
  if (direct) return conceptOf(resource.resource, "medicationCodeableConcept");
  const reference = stringAt(objectAt(resource.resource, "medicationReference"), "reference");
  if (reference === undefined) return { codings: [] };
  const medication = reference.startsWith("#")
    ? listAt(resource.resource, "contained").find(
        (c): c is JsonObject => stringAt(c, "id") === reference.slice(1) && stringAt(c, "resourceType") === "Medication",
      )
    : resources.find((r) => r.resourceType === "Medication" && (r.label === reference || r.fullUrl === reference))?.resource;
  return medication ? conceptOf(medication, "code") : { codings: [] };
}

function conceptOf(owner: unknown, key: string): { readonly text?: string; readonly codings: ReturnType<typeof codingsAt> } {
  const text = stringAt(objectAt(owner, key), "text");
  return { ...(text !== undefined ? { text } : {}), codings: codingsAt(owner, key) };
}
