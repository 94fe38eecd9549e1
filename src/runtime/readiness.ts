import type { RulePack } from "./pack-format.js";
import type { Precondition, Readiness } from "./report.js";

/**
 * Readiness: whether the procedure can be done now, from the preconditions alone. `not-ready`
 * as soon as one precondition is definitely unmet, else `unknown` as soon as one is unknown,
 * else `ready` (every precondition met, or none declared). The labels come from the pack
 * (`readiness` in the guideline); `{preconditions}` in a label is replaced by the labels of
 * the preconditions concerned: the unmet ones, the unknown ones, or all of them when ready.
 */
export function readinessOf(pack: RulePack, preconditions: readonly Precondition[]): Readiness {
  const unmet = preconditions.filter((p) => p.status === "unmet");
  const unknown = preconditions.filter((p) => p.status === "unknown");
  const status: Readiness["status"] = unmet.length ? "not-ready" : unknown.length ? "unknown" : "ready";
  const concerned = status === "not-ready" ? unmet : status === "unknown" ? unknown : preconditions;
  const labels = pack.readiness;
  const template = !labels ? status : status === "ready" ? labels.ready : status === "not-ready" ? labels.notReady : labels.undecided;
  const label = template.replace(/\{preconditions\}/g, concerned.map((p) => p.label).join(", "));
  return {
    status,
    label,
    question: labels?.question ?? "",
    preconditions: concerned.map((p) => p.rule),
    missing: [...new Set(unknown.flatMap((p) => p.missing))].sort(),
  };
}
