import type { CheckedGuideline, ExampleModel, RuleModel } from "../compiler/model.js";
import type { EditionDiff } from "../editions/semantic-diff.js";
import type { PreviousEdition } from "../editions/previous-edition.js";
import { anchorHref } from "./anchors.js";
import { conditionToFrench, effectParts, expectationParts, plainText, vocabularyOf, type TextPart, type Vocabulary } from "./french.js";
import { formatQuantity } from "../runtime/readable-quantity.js";
import { richSegments, ruleLink, type ViewContext } from "./view-context.js";
import type { ChangesView, LinkView, RichSegment, RuleChangeRow } from "./view-types.js";

/** What changed in one rule since the previous edition, in words, or null. */
export function changeNote(id: string, context: ViewContext): string | null {
  const previous = context.input.previous;
  if (!previous) return null;
  const { diff } = previous;
  if (diff.rules.added.includes(id)) return `Règle nouvelle dans l'édition ${diff.to.edition}.`;
  const change = diff.rules.changed.find((r) => r.id === id);
  if (!change) return null;
  const reading = (model: CheckedGuideline, name: string): string => {
    const value = model.thresholds.find((t) => t.name === name);
    return value ? formatQuantity(value.value, value.unit, context.words) : "—";
  };
  const values = (change.values ?? []).map((v) => `${v.name} (${reading(previous.model, v.name)} → ${reading(context.model, v.name)})`);
  return `Modifiée depuis l'édition ${diff.from.edition} : ${changedParts(change, values).join(", ")}.`;
}

/** The parts of a rule that changed, named in French; `values` says how its values changed. */
function changedParts(change: EditionDiff["rules"]["changed"][number], values: readonly string[]): string[] {
  return [
    change.values ? `valeur ${values.join(", ")}` : "",
    change.statement ? "énoncé" : "",
    change.condition ? "condition" : "",
    change.effect ? "effet" : "",
    change.quotes ? "citation du texte" : "",
    change.citations ? "références" : "",
    change.section ? "section" : "",
  ].filter((p) => p !== "");
}

/** How many changes the section lists: values, rules, examples, other lines and source sentences. */
export function changeCount(view: ChangesView): number {
  return view.values.length + view.rules.length + view.examples.length + view.other.length + view.source.length;
}

/**
 * The changes since the previous edition, for a reader: each value once, with its old and new
 * reading (`5 jours` → `7 jours`); each rule added, removed or changed with its old and new
 * wording side by side, in French (statement, condition, effect, quotes, references, section);
 * the examples added, removed and whose expectations changed; and the sentences of the source
 * text added, removed and changed.
 */
export function changesView(context: ViewContext, previous: PreviousEdition): ChangesView {
  const { diff, model: before } = previous;
  const after = context.model;
  const sides = { before: vocabularyOf(before), after: context.vocabulary };
  const ruleIds = [...diff.rules.removed, ...diff.rules.added, ...diff.rules.changed.map((r) => r.id)];
  return {
    from: diff.from.edition,
    to: diff.to.edition,
    values: valueRows(context, before),
    rules: ruleIds.map((id) => ruleChangeView(id, diff, sides, before, after)),
    examples: exampleRows(diff, before, after, sides),
    other: otherLines(diff),
    source: [
      ...diff.source.changed.map((c) => ({ before: richSegments(c.from), after: richSegments(c.to) })),
      ...diff.source.added.map((text) => ({ before: null, after: richSegments(text) })),
      ...diff.source.removed.map((text) => ({ before: richSegments(text), after: null })),
    ],
  };
}

/** Every threshold and delay whose value, unit or presence changed, read as a reader reads it. */
function valueRows(context: ViewContext, before: CheckedGuideline): ChangesView["values"] {
  const { words } = context;
  const old = new Map(before.thresholds.map((t) => [t.name, t]));
  const now = new Map(context.model.thresholds.map((t) => [t.name, t]));
  const names = [...new Set([...old.keys(), ...now.keys()])].sort();
  return names.flatMap((name) => {
    const a = old.get(name);
    const b = now.get(name);
    const readA = a ? formatQuantity(a.value, a.unit, words) : null;
    const readB = b ? formatQuantity(b.value, b.unit, words) : null;
    if (readA === readB && a?.unit === b?.unit) return [];
    return [
      {
        name,
        label: (b ?? a)?.label ?? name,
        link: b ? { href: anchorHref("value", name), text: name } : null,
        before: readA,
        after: readB,
      },
    ];
  });
}

/** One rule: added, removed or changed, with the rows of what differs (all rows when added or removed). */
function ruleChangeView(
  id: string,
  diff: EditionDiff,
  sides: { readonly before: Vocabulary; readonly after: Vocabulary },
  before: CheckedGuideline,
  after: CheckedGuideline,
): ChangesView["rules"][number] {
  const a = before.rules.find((r) => r.id === id);
  const b = after.rules.find((r) => r.id === id);
  const change = diff.rules.changed.find((r) => r.id === id);
  const rowsA = a ? ruleRows(a, sides.before, false) : undefined;
  const rowsB = b ? ruleRows(b, sides.after, true) : undefined;
  const labels = (rowsB ?? rowsA ?? []).map((r) => r.label);
  const rows = labels.flatMap((label, i): RuleChangeRow[] => {
    const old = rowsA?.[i]?.parts ?? null;
    const now = rowsB?.[i]?.parts ?? null;
    if (old && now && sameParts(old, now)) return [];
    return [{ label, before: old, after: now }];
  });
  return {
    id,
    link: b ? ruleLink(id) : null,
    change: !a
      ? "règle ajoutée"
      : !b
        ? "règle supprimée"
        : `modifiée : ${
            change
              ? changedParts(
                  change,
                  (change.values ?? []).map((v) => v.name),
                ).join(", ")
              : ""
          }`,
    rows,
  };
}

/** What a reader compares of a rule, in a fixed order; links only on the side of the current edition. */
function ruleRows(rule: RuleModel, vocabulary: Vocabulary, linked: boolean): { label: string; parts: RuleChangeRow["after"] }[] {
  const plain = (text: string): TextPart[] => [{ text, href: null, code: false }];
  const unlink = (parts: readonly TextPart[]): TextPart[] => parts.map((p) => (linked ? p : { ...p, href: null }));
  return [
    { label: "Énoncé", parts: { text: plain(rule.statement), quotes: [] } },
    { label: "S'applique si", parts: { text: plain(rule.when ? conditionToFrench(rule.when, vocabulary) : "toujours"), quotes: [] } },
    { label: "Effet", parts: { text: unlink(effectParts(rule.effect, vocabulary)), quotes: [] } },
    { label: "Texte source", parts: { text: [], quotes: rule.quotes.map((q) => richSegments(q.text)) } },
    { label: "Références", parts: { text: plain(rule.citations.length ? rule.citations.join(", ") : "aucune"), quotes: [] } },
    { label: "Section", parts: { text: plain(rule.section), quotes: [] } },
  ];
}

function sameParts(a: NonNullable<RuleChangeRow["before"]>, b: NonNullable<RuleChangeRow["after"]>): boolean {
  const quotes = (q: readonly (readonly RichSegment[])[]) => JSON.stringify(q);
  return plainText(a.text) === plainText(b.text) && quotes(a.quotes) === quotes(b.quotes);
}

/** The examples added, removed, and whose expectations changed, with their titles and what they expect. */
function exampleRows(
  diff: EditionDiff,
  before: CheckedGuideline,
  after: CheckedGuideline,
  sides: { readonly before: Vocabulary; readonly after: Vocabulary },
): ChangesView["examples"] {
  const find = (model: CheckedGuideline, id: string) => model.examples.find((e) => e.id === id);
  const expects = (example: ExampleModel | undefined, vocabulary: Vocabulary, linked: boolean): string[] =>
    (example?.expectations ?? []).map((e) => plainText(expectationParts(e, vocabulary).map((p) => (linked ? p : { ...p, href: null }))));
  const link = (id: string): LinkView => ({ href: anchorHref("example", id), text: id });
  return [
    ...diff.examples.added.map((id) => ({
      id,
      title: find(after, id)?.title ?? id,
      link: link(id),
      change: "exemple ajouté",
      before: null,
      after: expects(find(after, id), sides.after, true),
    })),
    ...diff.examples.removed.map((id) => ({
      id,
      title: find(before, id)?.title ?? id,
      link: null,
      change: "exemple supprimé",
      before: expects(find(before, id), sides.before, false),
      after: null,
    })),
    ...diff.examples.changed.map(({ id }) => ({
      id,
      title: find(after, id)?.title ?? id,
      link: link(id),
      change: "résultat attendu modifié",
      before: expects(find(before, id), sides.before, false),
      after: expects(find(after, id), sides.after, true),
    })),
  ];
}

/** Drugs, facts, information items and the verdict's logic: one line each. */
function otherLines(diff: EditionDiff): string[] {
  return [
    ...diff.drugs.added.map((d) => `Médicament ajouté : ${d.name} (ATC ${d.atc}, classe ${d.drugClass})`),
    ...diff.drugs.removed.map((d) => `Médicament supprimé : ${d}`),
    ...diff.drugs.reclassified.map((d) => `Médicament ${d.name} : classe ${d.from} → ${d.to}`),
    ...diff.drugs.atcChanged.map((d) => `Médicament ${d.name} : ATC ${d.from} → ${d.to}`),
    ...diff.facts.added.map((f) => `Fait ajouté : ${f}`),
    ...diff.facts.removed.map((f) => `Fait supprimé : ${f}`),
    ...diff.facts.changed.map((f) => `Fait ${f.path} : ${f.from} → ${f.to}`),
    ...diff.information.added.map((i) => `Information ajoutée : ${i}`),
    ...diff.information.removed.map((i) => `Information supprimée : ${i}`),
    ...diff.information.changed.map((i) => `Information modifiée : ${i}`),
    ...(diff.verdict.changed ? ["Logique de la conclusion modifiée"] : []),
  ];
}
