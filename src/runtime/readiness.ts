import type { RulePack } from "../pack/pack-format.js";
import { fillPlaceholders } from "./fill-placeholders.js";
import type { PlanEntry, Precondition, Readiness } from "./report.js";

/**
 * Readiness: whether the procedure can be done now, from the preconditions and the medication
 * plan. `not-ready` as soon as a precondition is definitely unmet or a treatment is still to be
 * stopped or bridged; else `unknown` as soon as a precondition is unknown, a treatment's action
 * is unknown or to be decided (`refer`), or the medication list itself is missing; else `ready`.
 * The labels come from the pack (`readiness` in the guideline); `{preconditions}` in a label is
 * replaced by the labels of what is concerned: the unmet preconditions and the treatments to
 * adapt, the unknown ones, or every precondition when ready.
 */
export function readinessOf(
  pack: RulePack,
  preconditions: readonly Precondition[],
  plan: readonly PlanEntry[],
  listMissing: boolean,
): Readiness {
  const unmet = preconditions.filter((p) => p.status === "unmet");
  const unknown = preconditions.filter((p) => p.status === "unknown");
  // A treatment to stop, bridge or refer (a decision the prescriber and the team must take) blocks
  // the procedure; one whose action is unknown, or a name that is no drug of the guideline, is to check.
  const toAdapt = plan.filter((e) => e.action === "stop" || e.action === "bridge" || (e.action === "refer" && e.reason !== "unknown-drug"));
  const toDecide = plan.filter((e) => e.action === "unknown" || (e.action === "refer" && e.reason === "unknown-drug"));
  const status: Readiness["status"] =
    unmet.length || toAdapt.length ? "not-ready" : unknown.length || toDecide.length || listMissing ? "unknown" : "ready";
  const concernedPreconditions = status === "not-ready" ? unmet : status === "unknown" ? unknown : preconditions;
  const concernedTreatments = status === "not-ready" ? toAdapt : status === "unknown" ? toDecide : [];
  // Treatments by label, once each and sorted: the label does not depend on the order of the list.
  const names = [...concernedPreconditions.map((p) => p.label), ...[...new Set(concernedTreatments.map((e) => e.label))].sort()];
  const labels = pack.readiness;
  const template = !labels ? status : status === "ready" ? labels.ready : status === "not-ready" ? labels.notReady : labels.undecided;
  // `{toCheck}`: what is still to check besides (unknown preconditions and treatments), so that a
  // not-ready label never hides it; a part in brackets is dropped when it has nothing to say.
  const toCheck = status === "not-ready" ? [...unknown.map((p) => p.label), ...[...new Set(toDecide.map((e) => e.label))].sort()] : [];
  const label = fillPlaceholders(template, { preconditions: names.join(", "), toCheck: toCheck.length ? toCheck.join(", ") : undefined });
  const missing = [
    ...unknown.flatMap((p) => p.missing),
    ...toDecide.flatMap((e) => e.missing),
    ...(listMissing && pack.plan ? [pack.plan.list] : []),
  ];
  return {
    status,
    label,
    question: labels?.question ?? "",
    preconditions: concernedPreconditions.map((p) => p.rule),
    treatments: concernedTreatments.map((e) => e.index),
    missing: [...new Set(missing)].sort(),
  };
}
