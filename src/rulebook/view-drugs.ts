import { planWordingKeys, procedureWordingKeys } from "../pack/drug-names.js";
import type { CheckedGuideline } from "../compiler/model.js";
import { fillWords } from "../interface-words/index.js";
import { anchorHref, anchorId } from "./anchors.js";
import { conditionToFrench, effectParts } from "./french.js";
import { conditionNames, ruleLink, type ViewContext } from "./view-context.js";
import type { DrugView, RulebookView } from "./view-types.js";

/** One drug: its names and codes, what the rules say of it and the rules that test it. */
function drugView(context: ViewContext, d: CheckedGuideline["drugs"][number]): DrugView {
  const { model, vocabulary } = context;
  return {
    anchor: anchorId("drug", d.name),
    name: d.name,
    label: d.label,
    atc: d.atc.join(", "),
    rxnorm: d.rxnorm.join(", "),
    aliases: d.aliases.join(", "),
    says: model.rules
      .filter((r) => r.effect.kind === "medication" && r.effect.drugs.includes(d.name))
      .map((r) => ({
        rule: ruleLink(r.id),
        condition: r.when ? conditionToFrench(r.when, vocabulary) : "",
        effect: effectParts(r.effect, vocabulary, true),
      })),
    tested: model.rules
      .filter((r) => r.effect.kind !== "medication" && conditionNames(r.when).drugs.has(d.name))
      .map((r) => ruleLink(r.id)),
  };
}

/** The drug vocabulary, class by class. */
export function drugClassesView(context: ViewContext): RulebookView["drugClasses"] {
  return context.model.classes.map((c) => ({
    anchor: anchorId("drugClass", c.name),
    name: c.name,
    label: c.label,
    prefixes: c.atc.length ? fillWords(context.vocabulary.words["rulebook.class.prefixes"], c.atc.join(", ")) : "",
    drugs: context.model.drugs.filter((d) => d.drugClass === c.name).map((d) => drugView(context, d)),
  }));
}

/** The drugs declared `not named by source`. */
export function unnamedDrugsView(context: ViewContext): RulebookView["unnamedDrugs"] {
  return context.model.drugs.filter((d) => !d.namedBySource).map((d) => drugView(context, d));
}

/**
 * The medication plan: its list, scope, reminder, date, and the wording of each action and reason
 * (the procedure's wording is shown where the page uses it, not in this table).
 */
export function planView(context: ViewContext): RulebookView["plan"] {
  const { model, vocabulary } = context;
  const plan = model.plan;
  if (!plan) return null;
  const procedureKeys: ReadonlySet<string> = new Set(procedureWordingKeys);
  return {
    list: { href: anchorHref("fact", plan.list), text: vocabulary.facts.get(plan.list)?.label ?? plan.list },
    scope: plan.scopeAtc ?? "",
    reminder: plan.reminder,
    date: plan.date ? { href: anchorHref("fact", plan.date), text: vocabulary.facts.get(plan.date)?.label ?? plan.date } : null,
    title: plan.title,
    wordings: planWordingKeys.flatMap((key) => {
      const text = plan.wordings[key];
      return text === undefined || procedureKeys.has(key) ? [] : [{ key, text }];
    }),
  };
}
