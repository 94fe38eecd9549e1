import { makeDiagnostic, type Diagnostic } from "../diagnostics/diagnostic.js";
import type { RulePack } from "../pack/pack-format.js";
import type { BundleResource } from "./bundle-resources.js";
import { listAt, objectAt, stringAt } from "./fhir-json.js";
import { treatmentIdentity, type DrugCodes } from "./medications.js";
import { printable } from "./observations.js";

/** Statuses of a treatment that is over. */
const overStatuses: ReadonlySet<string> = new Set(["stopped", "completed"]);
/** Statuses that do not say whether the treatment is taken. */
const unsureStatuses: ReadonlySet<string> = new Set(["unknown", "draft"]);

/**
 * The MedicationRequests and MedicationStatements that the medication list leaves out but the
 * plan may concern (GL5071): within the plan's ATC scope (read from the pack, or a drug of its
 * vocabulary in that scope named by its text), either over (stopped, completed) with an end date
 * within the pack's longest plan delay before `now`, or without one, or with a status that does
 * not say whether it is taken (unknown, draft). They are reported, never read into the list.
 */
export function recentTreatments(
  pack: RulePack,
  resources: readonly BundleResource[],
  now: Date,
  problems: Diagnostic[],
  drugs?: DrugCodes,
): void {
  const scope = pack.plan?.scopeAtc;
  const longest = longestDelay(pack);
  if (scope === undefined || longest === undefined) return;
  const names = namesInScope(pack, scope);
  for (const resource of resources) {
    if (resource.resourceType !== "MedicationRequest" && resource.resourceType !== "MedicationStatement") continue;
    const status = stringAt(resource.resource, "status") ?? "";
    if (!overStatuses.has(status) && !unsureStatuses.has(status)) continue;
    const { atc, name } = treatmentIdentity(resource, resources, drugs);
    if (!(atc?.toUpperCase().startsWith(scope.toUpperCase()) ?? false) && !(name !== undefined && names.has(folded(name)))) continue;
    const end = unsureStatuses.has(status) ? undefined : endOf(resource);
    if (end !== undefined && (end.time < now.getTime() - longest.hours * 3_600_000 || Number.isNaN(end.time))) continue;
    const when = unsureStatuses.has(status) ? "" : end === undefined ? ", with no end date" : `, ended ${printable(end.written)}`;
    problems.push(makeDiagnostic("GL5071", undefined, [resource.label, printable(status), when, longest.written]));
  }
}

/** The longest delay before the procedure of the pack's medication rules, in hours and as written. */
function longestDelay(pack: RulePack): { readonly hours: number; readonly written: string } | undefined {
  let longest: { readonly hours: number; readonly written: string } | undefined;
  for (const rule of pack.sourceRules) {
    if (rule.effect.kind !== "medication" || rule.effect.before === undefined) continue;
    const { hours, value, unit } = rule.effect.before;
    if (!longest || hours > longest.hours) longest = { hours, written: `${value} ${unit}` };
  }
  return longest;
}

/** The names and aliases of the pack's drugs within the plan's scope, folded. */
function namesInScope(pack: RulePack, scope: string): ReadonlySet<string> {
  const inScope = pack.drugs.filter((d) => d.atc.some((code) => code.toUpperCase().startsWith(scope.toUpperCase())));
  return new Set(inScope.flatMap((d) => [d.name, d.label, ...d.aliases].map(folded)));
}

/** A name compared without case, accents or extra spaces. */
function folded(text: string): string {
  return text.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase().replace(/\s+/g, " ").trim();
}

/** When the treatment ended: a statement's effective period end or date, a request's dosage bounds or validity end. */
function endOf(resource: BundleResource): { readonly time: number; readonly written: string } | undefined {
  const r = resource.resource;
  const bounds = listAt(r, "dosageInstruction").map((d) =>
    stringAt(objectAt(objectAt(objectAt(d, "timing"), "repeat"), "boundsPeriod"), "end"),
  );
  const written =
    stringAt(objectAt(r, "effectivePeriod"), "end") ??
    stringAt(r, "effectiveDateTime") ??
    bounds.find((b) => b !== undefined) ??
    stringAt(objectAt(objectAt(r, "dispenseRequest"), "validityPeriod"), "end");
  if (written === undefined || !/^\d{4}-\d{2}-\d{2}/.test(written)) return undefined;
  return { time: Date.parse(written), written };
}
