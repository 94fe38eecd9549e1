import { firedRules, type ExampleResult } from "../examples/run-examples.js";
import type { CheckedGuideline, ConditionModel, ExampleModel } from "../compiler/model.js";
import type { InterfaceWords } from "../interface-words/index.js";
import { anchorHref } from "./anchors.js";
import { vocabularyOf, type Vocabulary } from "./french.js";
import { sourcePassages, type SourcePassages } from "./source-passages.js";
import type { LinkView, RichSegment, RulebookInput } from "./view-types.js";

/**
 * What every section builder of the rulebook reads: the input, the names of the checked model,
 * the interface words, the source's sentences and which examples exercise which rule. Built
 * once per page by {@link viewContext}; no builder changes it.
 */
export interface ViewContext {
  readonly input: RulebookInput;
  readonly model: CheckedGuideline;
  readonly vocabulary: Vocabulary;
  readonly words: InterfaceWords;
  readonly passages: SourcePassages;
  readonly resultById: ReadonlyMap<string, ExampleResult>;
  /** The examples in whose report a rule holds, by rule id, in source order. */
  readonly firedBy: ReadonlyMap<string, readonly ExampleModel[]>;
  /** The rules that hold in an example's report, by example id. */
  readonly firedIn: ReadonlyMap<string, readonly string[]>;
  /** The rules and information items citing a reference, by reference number. */
  readonly citedBy: ReadonlyMap<number, readonly string[]>;
}

/** Builds the {@link ViewContext} of a page. */
export function viewContext(input: RulebookInput): ViewContext {
  const { model } = input;
  const vocabulary = vocabularyOf(model);
  // Which examples exercise which rule: the rules that hold in each example's report.
  const resultById = new Map(input.examples.results.map((r) => [r.id, r]));
  const firedBy = new Map<string, ExampleModel[]>();
  const firedIn = new Map<string, string[]>();
  for (const example of model.examples) {
    const report = resultById.get(example.id)?.report;
    const fired = report ? unique(firedRules(report)) : [];
    firedIn.set(example.id, fired);
    for (const rule of fired) firedBy.set(rule, [...(firedBy.get(rule) ?? []), example]);
  }
  const citedBy = new Map<number, string[]>();
  for (const item of [...model.rules, ...model.information])
    for (const n of item.citations) citedBy.set(n, [...(citedBy.get(n) ?? []), item.id]);
  return {
    input,
    model,
    vocabulary,
    words: vocabulary.words,
    passages: sourcePassages(model, input.sourceText),
    resultById,
    firedBy,
    firedIn,
    citedBy,
  };
}

/** `1 règle`, `2 règles`: French uses the singular for 0 and 1. */
export function plural(count: number, one: string, many: string): string {
  return `${count} ${count > 1 ? many : one}`;
}

/** The items without repeats, in first-seen order. */
export function unique<T>(items: readonly T[]): T[] {
  return [...new Set(items)];
}

/** A link to a rule, shown by its id. */
export const ruleLink = (id: string): LinkView => ({ href: anchorHref("rule", id), text: id });

/** A link to a rule or, when no rule has that id, an information item. */
export function linkFor(context: ViewContext, id: string): LinkView {
  return context.vocabulary.rules.has(id) ? ruleLink(id) : { href: anchorHref("information", id), text: id };
}

/** Splits source text into runs, recognising only `<sup>…</sup>` and `*…*`; everything else stays literal text. */
export function richSegments(raw: string): RichSegment[] {
  const collapsed = raw.replace(/\s+/g, " ").trim();
  const segments: RichSegment[] = [];
  const pattern = /<sup>([^<>]*)<\/sup>|\*([^*]+)\*/g;
  let last = 0;
  for (let match = pattern.exec(collapsed); match; match = pattern.exec(collapsed)) {
    if (match.index > last) segments.push({ text: collapsed.slice(last, match.index), sup: false, em: false });
    if (match[1] !== undefined) segments.push({ text: match[1], sup: true, em: false });
    else segments.push({ text: match[2] ?? "", sup: false, em: true });
    last = match.index + match[0].length;
  }
  if (last < collapsed.length) segments.push({ text: collapsed.slice(last), sup: false, em: false });
  return segments;
}

/** Every fact path, threshold and drug a condition reads. */
export function conditionNames(condition: ConditionModel | undefined): { facts: Set<string>; thresholds: Set<string>; drugs: Set<string> } {
  const names = { facts: new Set<string>(), thresholds: new Set<string>(), drugs: new Set<string>() };
  const walk = (c: ConditionModel): void => {
    switch (c.kind) {
      case "and":
      case "or":
        c.operands.forEach(walk);
        break;
      case "not":
        walk(c.operand);
        break;
      case "compare":
        if (c.measured.kind === "fact") names.facts.add(c.measured.path);
        else {
          names.facts.add(c.measured.list);
          names.drugs.add(c.measured.drug);
        }
        if (c.against.threshold) names.thresholds.add(c.against.threshold);
        break;
      case "member":
      case "flag":
        names.facts.add(c.path);
        break;
      case "taking":
        names.facts.add(c.list);
        names.drugs.add(c.drug);
        break;
      case "finding":
      case "always":
        break;
    }
  };
  if (condition) walk(condition);
  return names;
}
