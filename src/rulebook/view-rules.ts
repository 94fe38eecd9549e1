import { assertNever } from "../shared/assert-never.js";
import type { CheckedGuideline, ExampleModel, ExpectationModel, RuleModel } from "../compiler/model.js";
import { anchorHref, anchorId } from "./anchors.js";
import { conditionToFrench, conditionView, effectParts, expectationParts } from "./french.js";
import { changeNote } from "./view-changes.js";
import { plural, richSegments, ruleLink, type ViewContext } from "./view-context.js";
import type { ItemView, RulebookView } from "./view-types.js";

/** How many examples a rule lists in full; the others are only linked. */
const detailedExamples = 6;

/** Does this expectation of an example say something about this rule? */
function concerns(expectation: ExpectationModel, rule: RuleModel): boolean {
  switch (expectation.kind) {
    case "finding":
    case "precondition":
      return expectation.rule === rule.id;
    case "recommendation":
      return rule.effect.kind === "recommend" && rule.effect.code === expectation.code;
    case "plan":
      return rule.effect.kind === "medication" && rule.effect.drugs.includes(expectation.drug);
    case "verdict":
    case "missing":
    case "refused":
    case "readiness":
      return false;
    default:
      return assertNever(expectation);
  }
}

/** The examples that exercise a rule (those written for it first, then the others), as the rule's facet shows them. */
function exampleFacet(
  context: ViewContext,
  rule: RuleModel | undefined,
): Pick<ItemView, "examples" | "moreExamples" | "moreExamplesLabel" | "exampleCount"> {
  // Examples written for this rule (they expect something of it) come first, then the others, each in source order.
  const fired = rule ? (context.firedBy.get(rule.id) ?? []) : [];
  const aimed = (e: ExampleModel) => (rule ? e.expectations.some((x) => concerns(x, rule)) : false);
  const exercising = [...fired.filter(aimed), ...fired.filter((e) => !aimed(e))];
  const detailed = exercising.slice(0, detailedExamples);
  return {
    examples: detailed.map((example) => {
      const verdict = example.expectations.filter((e) => e.kind === "verdict");
      const specific = rule ? example.expectations.filter((e) => concerns(e, rule)) : [];
      return {
        href: anchorHref("example", example.id),
        id: example.id,
        title: example.title,
        expected: [...specific, ...verdict].map((e) => expectationParts(e, context.vocabulary)),
      };
    }),
    moreExamples: exercising.slice(detailed.length).map((e) => ({ href: anchorHref("example", e.id), text: e.id })),
    moreExamplesLabel: plural(exercising.length - detailed.length, "autre exemple", "autres exemples"),
    exampleCount: exercising.length,
  };
}

/** The precedences a rule takes part in, worded from its side. */
function precedenceFacet(model: CheckedGuideline, rule: RuleModel): ItemView["precedence"] {
  return model.precedences.flatMap((p) =>
    p.winner === rule.id
      ? [{ text: "l'emporte sur", other: ruleLink(p.loser), reason: p.reason }]
      : p.loser === rule.id
        ? [{ text: "cède devant", other: ruleLink(p.winner), reason: p.reason }]
        : [],
  );
}

/** A rule or an information item, with its quotes, condition, effect, references and examples. */
function itemView(context: ViewContext, item: RuleModel | CheckedGuideline["information"][number], isRule: boolean): ItemView {
  const { model, vocabulary } = context;
  const targets = context.passages.quoteTargets.get(item.id) ?? [];
  const rule = isRule ? (item as RuleModel) : undefined;
  return {
    anchor: anchorId(isRule ? "rule" : "information", item.id),
    isRule,
    kindLabel: context.words[isRule ? "rulebook.kind.rule" : "rulebook.kind.information"],
    id: item.id,
    statement: item.statement,
    quotes: item.quotes.map((q, index) => {
      const target = targets[index];
      const found = target !== null && target !== undefined;
      return {
        segments: richSegments(q.text),
        passageHref: found ? anchorHref("passage", target) : null,
        passageNumber: found ? target : 0,
      };
    }),
    citations: item.citations.map((n) => ({ href: anchorHref("reference", n), text: String(n) })),
    condition: rule?.when ? conditionView(rule.when, vocabulary) : null,
    conditionText: rule?.when ? conditionToFrench(rule.when, vocabulary) : "",
    effect: rule ? effectParts(rule.effect, vocabulary) : null,
    precedence: rule ? precedenceFacet(model, rule) : [],
    changed: rule ? changeNote(rule.id, context) : null,
    acceptedWarnings: rule
      ? (model.consistency?.accepted ?? [])
          .filter((a) => a.finding.subject === rule.id)
          .map((a) => ({ code: a.finding.code, message: a.finding.message, reason: a.reason }))
      : [],
    ...exampleFacet(context, rule),
  };
}

/** The guideline's sections, each with its rules and information items in source order and an index of them. */
export function sectionsView(context: ViewContext): RulebookView["sections"] {
  const { model } = context;
  const inSourceOrder = <T extends { readonly span: { readonly file: string; readonly offset: number } }>(items: readonly T[]): T[] =>
    [...items].sort((a, b) => (a.span.file < b.span.file ? -1 : a.span.file > b.span.file ? 1 : a.span.offset - b.span.offset));
  return model.sections.map((section) => {
    const items = inSourceOrder([
      ...model.rules.filter((r) => r.section === section.id).map((r) => ({ span: r.span, view: () => itemView(context, r, true) })),
      ...model.information.filter((i) => i.section === section.id).map((i) => ({ span: i.span, view: () => itemView(context, i, false) })),
    ]).map((i) => i.view());
    return {
      anchor: anchorId("section", section.id),
      title: section.title,
      index: items.map((i) => ({ href: `#${i.anchor}`, id: i.id, kindLabel: i.kindLabel, statement: i.statement })),
      items,
    };
  });
}
