import type { PackFact } from "../pack/pack-format.js";
import type { BundleResource } from "./bundle-resources.js";
import { codingsAt, firstCodeAt } from "./fhir-json.js";
import type { Found } from "./observations.js";

/** The resources that state a yes/no fact with a SNOMED CT code. */
const statingTypes: ReadonlySet<string> = new Set(["Condition", "AllergyIntolerance"]);

/**
 * A yes/no fact with codes, from the Conditions and AllergyIntolerances that carry one of them:
 * yes when one is active (and not refuted), no when one is refuted, resolved or inactive and none
 * is active. An unconfirmed one, or none at all, says nothing: the fact stays unknown (the absence
 * of a problem from a record never proves it absent).
 */
export function conditionValue(fact: PackFact, resources: readonly BundleResource[]): Found | undefined {
  const codes = new Set((fact.codes ?? []).map((c) => `${c.system}|${c.code}`));
  let no: Found | undefined;
  for (const resource of resources) {
    if (!statingTypes.has(resource.resourceType)) continue;
    if (!codingsAt(resource.resource, "code").some((c) => codes.has(`${c.system ?? ""}|${c.code ?? ""}`))) continue;
    const says = stateOf(resource);
    if (says === true) return { value: true, from: resource };
    if (says === false) no ??= { value: false, from: resource };
  }
  return no;
}

/** What one resource says: true (present), false (absent or over), or undefined (nothing sure). */
function stateOf(resource: BundleResource): boolean | undefined {
  const verification = firstCodeAt(resource.resource, "verificationStatus");
  if (verification === "refuted") return false;
  if (verification !== undefined && verification !== "confirmed") return undefined;
  const clinical = firstCodeAt(resource.resource, "clinicalStatus") ?? "";
  if (presentStatuses.has(clinical)) return true;
  if (overStatuses.has(clinical)) return false;
  return undefined;
}

/** Clinical statuses under which the condition or allergy is present now. */
const presentStatuses: ReadonlySet<string> = new Set(["active", "recurrence", "relapse"]);
/** Clinical statuses under which it is over. */
const overStatuses: ReadonlySet<string> = new Set(["inactive", "remission", "resolved"]);
