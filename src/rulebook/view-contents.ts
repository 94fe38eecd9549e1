import { fillWords } from "../interface-words/index.js";
import { pageHref } from "./anchors.js";
import { changeCount } from "./view-changes.js";
import { plural, type ViewContext } from "./view-context.js";
import type { RulebookView } from "./view-types.js";

/** The parts of the page the table of contents and the masthead count. */
type Counted = Pick<RulebookView, "sections" | "values" | "facts" | "examples" | "consistency" | "changes"> & { readonly outcomes: number };

/** The table of contents: one line per part of the page, each with what it holds. Every link comes from `anchors.ts`. */
export function contentsView(context: ViewContext, page: Counted): RulebookView["toc"] {
  const { model, words, input } = context;
  const cited = context.citedBy.size;
  const { consistency } = page;
  return [
    ...(input.previous && page.changes
      ? [
          {
            href: pageHref("changes"),
            label: fillWords(words["rulebook.toc.changes"], input.previous.diff.from.edition),
            detail: plural(changeCount(page.changes), "changement", "changements"),
          },
        ]
      : []),
    ...page.sections.map((s) => {
      const rules = s.items.filter((i) => i.isRule).length;
      const information = s.items.length - rules;
      return {
        href: `#${s.anchor}`,
        label: s.title,
        detail: `${plural(rules, "règle", "règles")}, ${plural(information, "information", "informations")}`,
      };
    }),
    {
      href: pageHref("verdict"),
      label: words["rulebook.toc.verdict"],
      detail: plural(page.outcomes + 1, "conclusion possible", "conclusions possibles"),
    },
    {
      href: pageHref("values"),
      label: words["rulebook.toc.values"],
      detail: plural(page.values.length, "valeur modifiable", "valeurs modifiables"),
    },
    { href: pageHref("facts"), label: words["rulebook.toc.facts"], detail: plural(page.facts.length, "fait", "faits") },
    { href: pageHref("drugs"), label: words["rulebook.toc.drugs"], detail: plural(model.drugs.length, "médicament", "médicaments") },
    {
      href: pageHref("examples"),
      label: words["rulebook.toc.examples"],
      detail: plural(page.examples.length, "patient type", "patients types"),
    },
    { href: pageHref("tryPatient"), label: words["rulebook.toc.try"], detail: "" },
    {
      href: pageHref("consistency"),
      label: words["rulebook.toc.consistency"],
      detail: consistency.clean ? "aucune incohérence détectée" : consistency.justifiedOnly ? "avertissements justifiés" : "à examiner",
    },
    {
      href: pageHref("references"),
      label: words["rulebook.toc.references"],
      detail: `${plural(model.references.length, "référence", "références")}, ${plural(cited, "citée", "citées")}`,
    },
    {
      href: pageHref("source"),
      label: words["rulebook.toc.source"],
      detail: plural(context.passages.passages.length, "phrase", "phrases"),
    },
  ];
}

/** The figures of the masthead, each with its plural-aware label. */
export function figuresView(context: ViewContext): RulebookView["figures"] {
  const { model } = context;
  const cited = context.citedBy.size;
  const passages = context.passages.passages.length;
  return [
    { value: model.rules.length, label: model.rules.length > 1 ? "règles" : "règle" },
    { value: model.information.length, label: model.information.length > 1 ? "informations" : "information" },
    { value: model.examples.length, label: model.examples.length > 1 ? "exemples" : "exemple" },
    { value: model.thresholds.length, label: model.thresholds.length > 1 ? "seuils et délais" : "seuil ou délai" },
    { value: model.facts.length, label: model.facts.length > 1 ? "faits" : "fait" },
    { value: model.drugs.length, label: model.drugs.length > 1 ? "médicaments" : "médicament" },
    {
      value: model.references.length,
      label: `${model.references.length > 1 ? "références" : "référence"} (${plural(cited, "citée", "citées")})`,
    },
    { value: passages, label: passages > 1 ? "phrases du texte source" : "phrase du texte source" },
  ];
}

/** The sentence above the bibliography: how many references, and how the cited ones are marked. */
export function referencesSummary(context: ViewContext): string {
  const total = context.model.references.length;
  const cited = context.citedBy.size;
  return `${plural(total, "référence", "références")} du document source ; ${
    cited === 0
      ? "aucune n'est citée"
      : cited === 1
        ? "celle citée par une règle ou une information est signalée par « citée par »"
        : `les ${cited} citées par une règle ou une information sont signalées par « citée par »`
  }.`;
}

/** The page's counts, for tests and tools that read the view. */
export function countsView(context: ViewContext): RulebookView["counts"] {
  const { model } = context;
  return {
    rules: model.rules.length,
    information: model.information.length,
    examples: model.examples.length,
    references: model.references.length,
    citedReferences: context.citedBy.size,
    passages: context.passages.passages.length,
    facts: model.facts.length,
    values: model.thresholds.length,
    drugs: model.drugs.length,
  };
}
