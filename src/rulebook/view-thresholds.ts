import { anchorId } from "./anchors.js";
import { formatQuantity } from "../runtime/readable-quantity.js";
import { conditionNames, ruleLink, type ViewContext } from "./view-context.js";
import type { RulebookView } from "./view-types.js";

/** The table of thresholds and delays: each value as written and read, and the rules that use it. */
export function valuesView(context: ViewContext): RulebookView["values"] {
  const { model, words } = context;
  return model.thresholds.map((t) => ({
    anchor: anchorId("value", t.name),
    name: t.name,
    label: t.label,
    role: t.role === "delay" ? words["rulebook.role.delay"] : words["rulebook.role.threshold"],
    written: t.written,
    readable: formatQuantity(t.value, t.unit, words),
    unit: t.unit,
    usedBy: model.rules
      .filter(
        (r) => conditionNames(r.when).thresholds.has(t.name) || (r.effect.kind === "medication" && r.effect.delay?.threshold === t.name),
      )
      .map((r) => ruleLink(r.id)),
  }));
}
