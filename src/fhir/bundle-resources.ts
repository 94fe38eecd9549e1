import { makeDiagnostic, type Diagnostic } from "../diagnostics/diagnostic.js";
import { isObject, listAt, stringAt, type JsonObject } from "./fhir-json.js";
import { fhirLimits } from "./fhir-limits.js";

/** A resource of the Bundle with what the report names it by: its type and id. */
export interface BundleResource {
  readonly resourceType: string;
  /** Its `id`, or `entry-<n>` (its place in the Bundle) when it has none that can be shown. */
  readonly id: string;
  /** `Type/id`, for messages. */
  readonly label: string;
  readonly resource: JsonObject;
  /** The entry's `fullUrl`, to resolve a reference. */
  readonly fullUrl?: string;
}

/** A FHIR id (`[A-Za-z0-9\-\.]{1,64}`): only such an id is shown in a report or a message. */
const fhirId = /^[A-Za-z0-9.-]{1,64}$/;

/**
 * The resources of a Bundle, in order. A Bundle inside an entry (the result of one search, as a
 * CDS Hooks prefetch gives) is read in turn, down to {@link fhirLimits.nesting} levels; at most
 * {@link fhirLimits.resources} resources are read (GL5066). Not a Bundle: GL5060 and no resource.
 */
export function bundleResources(bundle: unknown): {
  readonly resources: readonly BundleResource[];
  readonly problems: readonly Diagnostic[];
} {
  const problems: Diagnostic[] = [];
  if (!isObject(bundle)) return { resources: [], problems: [makeDiagnostic("GL5060", undefined, ["it is not a JSON object"])] };
  if (bundle.resourceType !== "Bundle") {
    const type = stringAt(bundle, "resourceType");
    const what = type !== undefined && fhirId.test(type) ? `its resourceType is ${type}` : "it has no resourceType Bundle";
    return { resources: [], problems: [makeDiagnostic("GL5060", undefined, [what])] };
  }
  const resources: BundleResource[] = [];
  const counter = { seen: 0, full: false };
  collect(bundle, 0, resources, counter);
  if (counter.full) problems.push(makeDiagnostic("GL5066", undefined, [fhirLimits.resources]));
  return { resources, problems };
}

function collect(bundle: JsonObject, depth: number, into: BundleResource[], counter: { seen: number; full: boolean }): void {
  for (const entry of listAt(bundle, "entry")) {
    const resource = isObject(entry) ? entry.resource : undefined;
    if (!isObject(resource)) continue;
    if (counter.seen >= fhirLimits.resources) {
      counter.full = true;
      return;
    }
    counter.seen++;
    if (resource.resourceType === "Bundle") {
      if (depth + 1 < fhirLimits.nesting) collect(resource, depth + 1, into, counter);
      continue;
    }
    const resourceType = stringAt(resource, "resourceType");
    if (resourceType === undefined || !/^[A-Z][A-Za-z]{1,63}$/.test(resourceType)) continue;
    const given = stringAt(resource, "id");
    const id = given !== undefined && fhirId.test(given) ? given : `entry-${counter.seen}`;
    const fullUrl = stringAt(entry, "fullUrl");
    into.push({ resourceType, id, label: `${resourceType}/${id}`, resource, ...(fullUrl !== undefined ? { fullUrl } : {}) });
  }
}
