import type { CheckedGuideline, ExampleModel, RuleModel } from "../compiler/model.js";
import { describeCondition, describeEffect } from "../compiler/describe-model.js";
import { valuesUsed } from "../compiler/values-used.js";
import { diffSourceTexts, type SourceTextDiff } from "./source-diff.js";

/** A value that changed between two editions. */
export interface Change<T> {
  readonly from: T;
  readonly to: T;
}

/** What changed in one rule, each part said separately. */
export interface RuleChange {
  readonly id: string;
  readonly statement?: Change<string>;
  readonly section?: Change<string>;
  readonly condition?: Change<string>;
  readonly effect?: Change<string>;
  readonly quotes?: { readonly added: readonly string[]; readonly removed: readonly string[] };
  readonly citations?: Change<readonly number[]>;
  /** The thresholds and delays the rule uses (in both editions) whose value changed: the rule decides differently. */
  readonly values?: readonly ThresholdChange[];
}

/** A threshold or delay whose value changed, as written in each edition. */
export interface ThresholdChange {
  readonly name: string;
  readonly role: string;
  readonly from: string;
  readonly to: string;
}

/** The semantic difference between two editions of a guideline. */
export interface EditionDiff {
  readonly from: { readonly id: string; readonly edition: number };
  readonly to: { readonly id: string; readonly edition: number };
  readonly thresholds: {
    readonly changed: readonly ThresholdChange[];
    readonly added: readonly { readonly name: string; readonly value: string }[];
    readonly removed: readonly { readonly name: string; readonly value: string }[];
  };
  readonly rules: { readonly added: readonly string[]; readonly removed: readonly string[]; readonly changed: readonly RuleChange[] };
  readonly drugs: {
    readonly added: readonly { readonly name: string; readonly atc: string; readonly drugClass: string }[];
    readonly removed: readonly string[];
    readonly reclassified: readonly { readonly name: string; readonly from: string; readonly to: string }[];
    readonly atcChanged: readonly { readonly name: string; readonly from: string; readonly to: string }[];
  };
  readonly facts: {
    readonly added: readonly string[];
    readonly removed: readonly string[];
    readonly changed: readonly { readonly path: string; readonly from: string; readonly to: string }[];
  };
  readonly verdict: { readonly changed: boolean; readonly from: readonly string[]; readonly to: readonly string[] };
  readonly information: { readonly added: readonly string[]; readonly removed: readonly string[]; readonly changed: readonly string[] };
  readonly examples: {
    readonly added: readonly string[];
    readonly removed: readonly string[];
    /** Examples whose expected outcome changed. */
    readonly changed: readonly { readonly id: string; readonly from: readonly string[]; readonly to: readonly string[] }[];
  };
  /** The sentences of the source document added, removed and changed (empty when the texts were not given). */
  readonly source: SourceTextDiff;
  /** True when nothing at all differs. */
  readonly same: boolean;
}

function byKey<T>(items: readonly T[], key: (t: T) => string): Map<string, T> {
  return new Map(items.map((item) => [key(item), item]));
}

function addedRemoved<T>(a: Map<string, T>, b: Map<string, T>): { added: string[]; removed: string[]; both: string[] } {
  return {
    added: [...b.keys()].filter((k) => !a.has(k)).sort(),
    removed: [...a.keys()].filter((k) => !b.has(k)).sort(),
    both: [...a.keys()].filter((k) => b.has(k)).sort(),
  };
}

function sameList<T>(a: readonly T[], b: readonly T[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

function ruleChange(a: RuleModel, b: RuleModel, changedValues: ReadonlyMap<string, ThresholdChange>): RuleChange | undefined {
  const change: { -readonly [K in keyof RuleChange]: RuleChange[K] } = { id: a.id };
  if (a.statement !== b.statement) change.statement = { from: a.statement, to: b.statement };
  if (a.section !== b.section) change.section = { from: a.section, to: b.section };
  const ca = a.when ? describeCondition(a.when) : "(whenever the drug is taken)";
  const cb = b.when ? describeCondition(b.when) : "(whenever the drug is taken)";
  if (ca !== cb) change.condition = { from: ca, to: cb };
  const ea = describeEffect(a.effect, { form: "rule" });
  const eb = describeEffect(b.effect, { form: "rule" });
  if (ea !== eb) change.effect = { from: ea, to: eb };
  const qa = a.quotes.map((q) => q.text);
  const qb = b.quotes.map((q) => q.text);
  const added = qb.filter((q) => !qa.includes(q));
  const removed = qa.filter((q) => !qb.includes(q));
  if (added.length || removed.length) change.quotes = { added, removed };
  if (!sameList(a.citations, b.citations)) change.citations = { from: a.citations, to: b.citations };
  const usedByA = new Set(valuesUsed(a.when, a.effect));
  const values = valuesUsed(b.when, b.effect).flatMap((name) => {
    const value = changedValues.get(name);
    return value && usedByA.has(name) ? [value] : [];
  });
  if (values.length > 0) change.values = values;
  return Object.keys(change).length > 1 ? change : undefined;
}

/** An example's expectations as comparable lines. */
function expectations(example: ExampleModel): string[] {
  return example.expectations.map((e) => e.text);
}

function factShape(fact: CheckedGuideline["facts"][number]): string {
  switch (fact.type) {
    case "enum":
      return `one of ${fact.values.join(", ")}`;
    case "quantity":
      return `quantity in ${fact.unit} from ${fact.min ?? "…"} to ${fact.max ?? "…"}`;
    case "medications":
      return `medication list${fact.dose ? ` (dose ${fact.dose.field} in ${fact.dose.unit})` : ""}`;
    default:
      return fact.type;
  }
}

/**
 * The semantic difference between edition `a` and edition `b`: thresholds changed (old → new,
 * with units), rules added, removed or changed (condition, effect, quotes, citations said
 * separately, and marked when a threshold or delay they use changed), drugs added or
 * reclassified, facts added or removed, verdict logic changed, examples whose expected outcome
 * changed, and, given the texts of the two source documents, their sentences added, removed and changed.
 */
// Long by design: one short block per section of the diff (thresholds, rules, drugs, facts, verdict, examples), read top to bottom in the order the diff is printed.
export function diffEditions(
  a: CheckedGuideline,
  b: CheckedGuideline,
  sourceTexts?: { readonly from: string; readonly to: string },
): EditionDiff {
  const ta = byKey(a.thresholds, (t) => t.name);
  const tb = byKey(b.thresholds, (t) => t.name);
  const tKeys = addedRemoved(ta, tb);
  const thresholds = {
    changed: tKeys.both.flatMap((name) => {
      const x = ta.get(name);
      const y = tb.get(name);
      return x && y && (x.value !== y.value || x.unit !== y.unit) ? [{ name, role: y.role, from: x.written, to: y.written }] : [];
    }),
    added: tKeys.added.map((name) => ({ name, value: tb.get(name)?.written ?? "" })),
    removed: tKeys.removed.map((name) => ({ name, value: ta.get(name)?.written ?? "" })),
  };

  const changedValues = byKey(thresholds.changed, (t) => t.name);
  const ra = byKey(a.rules, (r) => r.id);
  const rb = byKey(b.rules, (r) => r.id);
  const rKeys = addedRemoved(ra, rb);
  const changedRules = rKeys.both.flatMap((id) => {
    const x = ra.get(id);
    const y = rb.get(id);
    const change = x && y ? ruleChange(x, y, changedValues) : undefined;
    return change ? [change] : [];
  });

  const da = byKey(a.drugs, (d) => d.name);
  const db = byKey(b.drugs, (d) => d.name);
  const dKeys = addedRemoved(da, db);
  const drugs = {
    added: dKeys.added.map((name) => {
      const d = db.get(name);
      return { name, atc: d?.atc.join(", ") ?? "", drugClass: d?.drugClass ?? "" };
    }),
    removed: dKeys.removed,
    reclassified: dKeys.both.flatMap((name) => {
      const x = da.get(name);
      const y = db.get(name);
      return x && y && x.drugClass !== y.drugClass ? [{ name, from: x.drugClass ?? "", to: y.drugClass ?? "" }] : [];
    }),
    atcChanged: dKeys.both.flatMap((name) => {
      const x = da.get(name);
      const y = db.get(name);
      return x && y && x.atc.join(", ") !== y.atc.join(", ") ? [{ name, from: x.atc.join(", "), to: y.atc.join(", ") }] : [];
    }),
  };

  const fa = byKey(a.facts, (f) => f.path);
  const fb = byKey(b.facts, (f) => f.path);
  const fKeys = addedRemoved(fa, fb);
  const facts = {
    added: fKeys.added,
    removed: fKeys.removed,
    changed: fKeys.both.flatMap((path) => {
      const x = fa.get(path);
      const y = fb.get(path);
      return x && y && factShape(x) !== factShape(y) ? [{ path, from: factShape(x), to: factShape(y) }] : [];
    }),
  };

  const verdictLines = (g: CheckedGuideline) => [
    ...g.verdict.outcomes.map((o) => `${o.code} when ${describeCondition(o.when)}`),
    `otherwise ${g.verdict.otherwise.code}`,
  ];
  const va = verdictLines(a);
  const vb = verdictLines(b);

  const ia = byKey(a.information, (i) => i.id);
  const ib = byKey(b.information, (i) => i.id);
  const iKeys = addedRemoved(ia, ib);
  const information = {
    added: iKeys.added,
    removed: iKeys.removed,
    changed: iKeys.both.filter((id) => {
      const x = ia.get(id);
      const y = ib.get(id);
      return (
        !!x &&
        !!y &&
        (x.statement !== y.statement ||
          !sameList(
            x.quotes.map((q) => q.text),
            y.quotes.map((q) => q.text),
          ) ||
          !sameList(x.citations, y.citations))
      );
    }),
  };

  const ea = byKey(a.examples, (e) => e.id);
  const eb = byKey(b.examples, (e) => e.id);
  const eKeys = addedRemoved(ea, eb);
  const examples = {
    added: eKeys.added,
    removed: eKeys.removed,
    changed: eKeys.both.flatMap((id) => {
      const x = ea.get(id);
      const y = eb.get(id);
      if (!x || !y) return [];
      const ex = expectations(x);
      const ey = expectations(y);
      return sameList(ex, ey) ? [] : [{ id, from: ex.filter((l) => !ey.includes(l)), to: ey.filter((l) => !ex.includes(l)) }];
    }),
  };

  const diff = {
    from: { id: a.id, edition: a.edition },
    to: { id: b.id, edition: b.edition },
    thresholds,
    rules: { added: rKeys.added, removed: rKeys.removed, changed: changedRules },
    drugs,
    facts,
    verdict: { changed: !sameList(va, vb), from: va, to: vb },
    information,
    examples,
    source: sourceTexts
      ? diffSourceTexts({ text: sourceTexts.from, ignore: a.ignore }, { text: sourceTexts.to, ignore: b.ignore })
      : { added: [], removed: [], changed: [] },
  };
  const counts = [
    thresholds.changed,
    thresholds.added,
    thresholds.removed,
    diff.rules.added,
    diff.rules.removed,
    diff.rules.changed,
    drugs.added,
    drugs.removed,
    drugs.reclassified,
    drugs.atcChanged,
    facts.added,
    facts.removed,
    facts.changed,
    information.added,
    information.removed,
    information.changed,
    examples.added,
    examples.removed,
    examples.changed,
    diff.source.added,
    diff.source.removed,
    diff.source.changed,
  ].reduce((n, list) => n + list.length, 0);
  return { ...diff, same: counts === 0 && !diff.verdict.changed };
}
