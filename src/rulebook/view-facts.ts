import type { FactModel } from "../compiler/model.js";
import { anchorId } from "./anchors.js";
import { formatNumber, formatQuantity, readableUnit } from "../runtime/readable-quantity.js";
import { conditionNames, ruleLink, type ViewContext } from "./view-context.js";
import type { RulebookView } from "./view-types.js";

const typeLabels = (fact: FactModel): string => {
  switch (fact.type) {
    case "boolean":
      return "oui / non";
    case "enum":
      return "une valeur parmi une liste";
    case "quantity":
      return "quantité";
    case "date":
      return "date";
    case "medications":
      return "liste de traitements";
  }
};

/** The facts dictionary: each fact's label, type, unit, range, values and the rules that read it. */
export function factsView(context: ViewContext): RulebookView["facts"] {
  const { model, vocabulary, words } = context;
  return model.facts.map((fact) => ({
    anchor: anchorId("fact", fact.path),
    path: fact.path,
    label: fact.label,
    type: typeLabels(fact),
    unit:
      fact.type === "quantity"
        ? readableUnit(fact.unit, "other", words)
        : fact.type === "medications" && fact.dose
          ? `dose quotidienne (${fact.dose.field}) en ${readableUnit(fact.dose.unit, "other", words)}`
          : "",
    range:
      fact.type === "quantity" && (fact.min !== undefined || fact.max !== undefined)
        ? `de ${fact.min !== undefined ? formatNumber(fact.min) : "…"} à ${fact.max !== undefined ? formatQuantity(fact.max, fact.unit, words) : `… ${readableUnit(fact.unit, "other", words)}`}`
        : "",
    description: fact.description,
    values: fact.type === "enum" ? fact.values.map((v) => ({ name: v, label: vocabulary.valueLabels.get(fact.path)?.get(v) ?? "" })) : [],
    usedBy: model.rules
      .filter((r) => conditionNames(r.when).facts.has(fact.path) || (r.effect.kind === "medication" && r.effect.list === fact.path))
      .map((r) => ruleLink(r.id)),
  }));
}
