import { interfaceWords } from "../interface-words/index.js";
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
 * adapt, the unknown ones (and the medication list, by its label, when it is missing), or every
 * precondition when ready.
 *
 * When the verdict excludes the procedure, readiness is `not-ready`, labelled with the pack's
 * `procedure-excluded` wording, and names nothing to check: the procedure is not done, so nothing
 * can make it ready now, and no report says `ready` for a procedure its verdict excludes (the
 * plan is not drawn up then, so a treatment to adapt would otherwise go unseen).
 */
export function readinessOf(
  pack: RulePack,
  preconditions: readonly Precondition[],
  plan: readonly PlanEntry[],
  listMissing: boolean,
  procedureExcluded = false,
): Readiness {
  const labels = pack.readiness;
  if (procedureExcluded)
    return {
      status: "not-ready",
      label: pack.plan?.wordings["procedure-excluded"] ?? interfaceWords("fr")["default.procedure-excluded"],
      question: labels?.question ?? "",
      preconditions: [],
      treatments: [],
      missing: [],
    };
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
  // The medication list by its label, when it is missing: a list never given is not an empty list.
  const listLabel = listMissing && pack.plan ? [pack.facts.find((f) => f.path === pack.plan?.list)?.label ?? pack.plan.list] : [];
  // Treatments by label, once each and sorted: the label does not depend on the order of the list.
  const names = [
    ...concernedPreconditions.map((p) => p.label),
    ...[...new Set(concernedTreatments.map((e) => e.label))].sort(),
    ...(status === "unknown" ? listLabel : []),
  ];
  const template = !labels ? status : status === "ready" ? labels.ready : status === "not-ready" ? labels.notReady : labels.undecided;
  // `{toCheck}`: what is still to check besides (unknown preconditions and treatments), so that a
  // not-ready label never hides it; a part in brackets is dropped when it has nothing to say.
  const toCheck =
    status === "not-ready" ? [...unknown.map((p) => p.label), ...[...new Set(toDecide.map((e) => e.label))].sort(), ...listLabel] : [];
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
