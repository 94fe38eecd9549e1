import { makeDiagnostic, type Diagnostic } from "../diagnostics/diagnostic.js";
import type { PackFact } from "../pack/pack-format.js";
import type { BundleResource } from "./bundle-resources.js";
import { codingsAt, firstCodeAt } from "./fhir-json.js";
import { printable, type Found } from "./observations.js";
import { matchCodings } from "./code-match.js";
import type { Expansions } from "./value-set-expansions.js";

/** The resources that state a yes/no fact with a SNOMED CT code. */
const statingTypes: ReadonlySet<string> = new Set(["Condition", "AllergyIntolerance"]);

/**
 * A yes/no fact with codes, from the Conditions and AllergyIntolerances that carry one of them:
 * yes when one is active and confirmed (or without a verification status). Nothing else gives a
 * value: a resolved, inactive or remitted one is a past episode and says nothing about now, an
 * unconfirmed or refuted one proves nothing, and the absence of a problem from a record never
 * proves it absent. When none is active, each one that was not used is reported (GL5069) and the
 * fact stays unknown. With `expansions`, a code in the expansion of one of the fact's codes counts
 * as that code (a more specific concept of the record).
 */
export function conditionValue(
  fact: PackFact,
  resources: readonly BundleResource[],
  problems: Diagnostic[],
  expansions?: Expansions,
): Found | undefined {
  const codes = new Set((fact.codes ?? []).map((c) => `${c.system}|${c.code}`));
  const unused: Diagnostic[] = [];
  for (const resource of resources) {
    if (!statingTypes.has(resource.resourceType)) continue;
    const match = matchCodings(codes, codingsAt(resource.resource, "code"), expansions);
    if (!match) continue;
    const why = whyNotPresent(resource);
    if (why === undefined) return { value: true, from: resource, ...(match.source.expansion !== undefined ? { code: match.source } : {}) };
    if (why !== "") unused.push(makeDiagnostic("GL5069", undefined, [resource.label, fact.path, why]));
  }
  problems.push(...unused);
  return undefined;
}

/** Why one resource does not say the condition is present now: undefined when it does, "" when it was entered in error. */
function whyNotPresent(resource: BundleResource): string | undefined {
  const verification = firstCodeAt(resource.resource, "verificationStatus");
  if (verification === "entered-in-error") return "";
  if (verification !== undefined && verification !== "confirmed") {
    return `its verification status is ${printable(verification)}, not confirmed`;
  }
  const clinical = firstCodeAt(resource.resource, "clinicalStatus");
  if (clinical !== undefined && presentStatuses.has(clinical)) return undefined;
  if (clinical === undefined) return "it has no clinical status";
  return `its clinical status is ${printable(clinical)}: a past episode says nothing about now`;
}

/** Clinical statuses under which the condition or allergy is present now. */
const presentStatuses: ReadonlySet<string> = new Set(["active", "recurrence", "relapse"]);
