import { assertNever } from "../shared/assert-never.js";
import { planWordingKeys } from "../pack/drug-names.js";
import type { EditionDiff } from "../editions/semantic-diff.js";
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import { firedRules, type ExamplesRun } from "../examples/run-examples.js";
import type { RulePack } from "../pack/pack-format.js";
import type { ConsistencyReport, Finding as ConsistencyFinding, Witness } from "../compiler/analyse/report.js";
import type { CheckedGuideline, ConditionModel, ExpectationModel, ExampleModel, FactModel, RuleModel } from "../compiler/model.js";
import type { Coverage } from "../compiler/check/provenance.js";
import { anchorHref, anchorId } from "./anchors.js";
import {
  conditionToFrench,
  conditionView,
  effectParts,
  expectationParts,
  formatDuration,
  formatNumber,
  vocabularyOf,
  type ConditionView,
  type TextPart,
  type Vocabulary,
} from "./french.js";
import { sourcePassages, type Passage } from "./source-passages.js";
import { readFactPath } from "../pack/fact-path.js";

/**
 * The rulebook's view model: everything the templates show, already worded in French, with
 * every link a fragment to an id the page defines. Templates only lay it out; nothing here
 * is HTML, so Handlebars escapes every string that came from a source file.
 */

/** What the rulebook is built from: the compiler's output, the source document and the examples' run. */
/** One drug of the vocabulary in the rulebook: French name, international name, ATC codes, aliases and what the rules say. */
export interface DrugView {
  readonly anchor: string;
  readonly name: string;
  readonly label: string;
  /** Its ATC codes, comma-separated. */
  readonly atc: string;
  /** The other names it is recognised by, comma-separated ("" when none). */
  readonly aliases: string;
  readonly says: readonly { readonly rule: LinkView; readonly condition: string; readonly effect: readonly TextPart[] }[];
  readonly tested: readonly LinkView[];
}

export interface RulebookInput {
  readonly model: CheckedGuideline;
  readonly pack: RulePack;
  /** The text of the source document named in the header. */
  readonly sourceText: string;
  /** The compiler's diagnostics (warnings only, since there is a pack). */
  readonly diagnostics: readonly Diagnostic[];
  readonly coverage?: Coverage;
  readonly examples: ExamplesRun;
  /** For an example written `based on` another, the other's id: the rulebook then shows only what differs. */
  readonly exampleBases?: ReadonlyMap<string, string>;
  /** The difference from the previous edition, when there is one: shown as a section, and on each changed rule. */
  readonly previous?: EditionDiff;
}

/** A link to a thing of the rulebook, shown by its name. */
export interface LinkView {
  readonly href: string;
  readonly text: string;
}

/** A run of text, set as superscript or emphasis as the source marks it (`<sup>3</sup>`, `*…*`). */
export interface RichSegment {
  readonly text: string;
  readonly sup: boolean;
  readonly em: boolean;
}

/** An example that exercises a rule, with what it expects. */
export interface ExampleRefView {
  readonly href: string;
  readonly id: string;
  readonly title: string;
  readonly expected: readonly (readonly TextPart[])[];
}

/** A sentence of the source text, with the items quoting it and its status. */
export interface PassageView {
  readonly anchor: string;
  readonly number: number;
  readonly text: string;
  readonly uncovered: boolean;
  readonly justified: boolean;
  readonly reason: string;
  readonly quotedBy: readonly LinkView[];
}

/** A problem the compiler reports, as the consistency section shows it. */
export interface ProblemView {
  readonly severity: string;
  readonly code: string;
  readonly message: string;
  /** `file:line` in the guideline sources, or empty. */
  readonly where: string;
  /** What it is about, linked: a rule, fact, value, drug or outcome; and the other rules involved. */
  readonly about: readonly LinkView[];
  /** A patient that shows the problem, as example `given` lines; empty when none. */
  readonly witness: readonly string[];
}

/** A rule or an information item of a section. */
export interface ItemView {
  readonly anchor: string;
  readonly isRule: boolean;
  readonly kindLabel: string;
  readonly id: string;
  readonly statement: string;
  /** Each quote, with the link to the first sentence of the source it quotes and that sentence's number (0 when outside the transcribed part). */
  readonly quotes: readonly { readonly segments: readonly RichSegment[]; readonly passageHref: string | null; readonly passageNumber: number }[];
  readonly citations: readonly LinkView[];
  readonly condition: ConditionView | null;
  /** The condition in one line (for a rule with a condition). */
  readonly conditionText: string;
  readonly effect: readonly TextPart[] | null;
  /** Declared precedences this rule takes part in, worded from its side. */
  readonly precedence: readonly { readonly text: string; readonly other: LinkView; readonly reason: string }[];
  /** How the rule changed since the previous edition (`null` when it did not, or there is none). */
  readonly changed: string | null;
  /** Consistency warnings about this rule that the source accepts, with the reason. */
  readonly acceptedWarnings: readonly { readonly code: string; readonly message: string; readonly reason: string }[];
  readonly examples: readonly ExampleRefView[];
  readonly moreExamples: readonly LinkView[];
  /** `12 autres exemples`. */
  readonly moreExamplesLabel: string;
  readonly exampleCount: number;
}

/** The whole page. */
export interface RulebookView {
  readonly banner: string;
  readonly language: string;
  readonly title: string;
  readonly guidelineId: string;
  readonly edition: number;
  readonly sourceDocument: string;
  readonly contentHash: string;
  readonly compiler: string;
  /** The figures of the masthead, each with its (plural-aware) label. */
  readonly figures: readonly { readonly value: number; readonly label: string }[];
  readonly referencesSummary: string;
  readonly counts: {
    readonly rules: number;
    readonly information: number;
    readonly examples: number;
    readonly references: number;
    readonly citedReferences: number;
    readonly passages: number;
    readonly facts: number;
    readonly values: number;
    readonly drugs: number;
  };
  readonly toc: readonly { readonly href: string; readonly label: string; readonly detail: string }[];
  /** Changes since the previous edition, one line each, with a link to the rule where it exists. */
  readonly changes: { readonly from: number; readonly lines: readonly { readonly text: string; readonly link: LinkView | null }[] } | null;
  readonly sections: readonly {
    readonly anchor: string;
    readonly title: string;
    readonly index: readonly { readonly href: string; readonly id: string; readonly kindLabel: string; readonly statement: string }[];
    readonly items: readonly ItemView[];
  }[];
  readonly verdict: {
    readonly question: string;
    readonly outcomes: readonly {
      readonly anchor: string;
      readonly position: number;
      readonly code: string;
      readonly label: string;
      readonly condition: ConditionView;
      readonly leadingFindings: readonly { readonly href: string; readonly label: string; readonly rules: readonly LinkView[] }[];
      /** With this outcome the procedure is not done (`no procedure`). */
      readonly noProcedure: boolean;
    }[];
    readonly otherwise: { readonly code: string; readonly label: string; readonly noProcedure: boolean };
    /** The readiness labels, when the guideline declares them. */
    readonly readiness: { readonly question: string; readonly ready: string; readonly notReady: string; readonly undecided: string } | null;
    readonly undecided: string;
    readonly findings: readonly { readonly anchor: string; readonly name: string; readonly label: string; readonly rules: readonly LinkView[]; readonly outcomes: readonly LinkView[] }[];
    readonly recommendations: readonly { readonly anchor: string; readonly name: string; readonly label: string; readonly rules: readonly LinkView[]; readonly forProcedure: boolean }[];
  };
  readonly values: readonly {
    readonly anchor: string;
    readonly name: string;
    readonly label: string;
    readonly role: string;
    readonly written: string;
    readonly readable: string;
    readonly unit: string;
    readonly usedBy: readonly LinkView[];
  }[];
  readonly facts: readonly {
    readonly anchor: string;
    readonly path: string;
    readonly label: string;
    readonly type: string;
    readonly unit: string;
    readonly range: string;
    readonly description: string;
    readonly values: readonly { readonly name: string; readonly label: string }[];
    readonly usedBy: readonly LinkView[];
  }[];
  readonly plan: {
    readonly list: LinkView;
    readonly scope: string;
    readonly reminder: string;
    readonly date: LinkView | null;
    readonly title: string;
    /** The report's text for each action and reason, as the guideline words it. */
    readonly wordings: readonly { readonly key: string; readonly text: string }[];
  } | null;
  readonly drugClasses: readonly {
    readonly anchor: string;
    readonly name: string;
    readonly label: string;
    readonly drugs: readonly DrugView[];
  }[];
  /** Drugs declared `not named by source`: recognised, and referred with that reason. */
  readonly unnamedDrugs: readonly DrugView[];
  readonly examples: readonly {
    readonly anchor: string;
    readonly id: string;
    readonly title: string;
    readonly passed: boolean;
    /** The report's headline for this patient: the verdict and, unless it excludes the procedure, readiness. */
    readonly headline: string;
    readonly failures: readonly string[];
    /** The example it starts from, when it is written `based on` another: `facts` then lists only what differs. */
    readonly base: LinkView | null;
    readonly facts: readonly { readonly href: string; readonly label: string; readonly value: string }[];
    readonly expectations: readonly (readonly TextPart[])[];
    readonly rules: readonly LinkView[];
  }[];
  readonly consistency: {
    /** Nothing to look at: no open warning, no accepted one, no failing example, no uncovered sentence, no conflict. */
    readonly clean: boolean;
    /** Nothing open, but warnings accepted with a justification. */
    readonly justifiedOnly: boolean;
    readonly checks: readonly { readonly label: string; readonly result: string; readonly ok: boolean }[];
    readonly problems: readonly ProblemView[];
    /** Warnings the source accepts, with the editor's justification. */
    readonly accepted: readonly (ProblemView & { readonly reason: string })[];
    /** Pairs of plan rules giving different orders for a common drug, and how each pair resolves. */
    readonly pairs: readonly { readonly rules: readonly LinkView[]; readonly drugs: readonly LinkView[]; readonly status: string; readonly ok: boolean; readonly proof: readonly string[]; readonly witness: readonly string[] }[];
    readonly precedences: readonly { readonly winner: LinkView; readonly loser: LinkView; readonly reason: string }[];
    /** A patient for whom no outcome holds, so the verdict's `otherwise` decides (as `given` lines); empty when none. */
    readonly verdictFallback: readonly string[];
    readonly justifiedSentences: readonly { readonly href: string; readonly text: string; readonly reason: string }[];
    readonly exampleFailures: readonly { readonly href: string; readonly id: string; readonly messages: readonly string[] }[];
    readonly unfired: readonly LinkView[];
  };
  readonly references: readonly { readonly anchor: string; readonly number: number; readonly segments: readonly RichSegment[]; readonly citedBy: readonly LinkView[] }[];
  readonly source: {
    readonly document: string;
    readonly scope: string;
    /** How many sentences are quoted, or explained. */
    readonly summary: string;
    /** How many sentences are neither quoted nor explained, in words; empty when none. */
    readonly uncovered: string;
    readonly blocks: readonly {
      readonly heading: { readonly level: number; readonly text: string } | null;
      readonly listItem: boolean;
      readonly passages: readonly PassageView[];
      /** A table row, column by column; empty for a paragraph. */
      readonly columns: readonly (readonly PassageView[])[];
    }[];
  };
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
function conditionNames(condition: ConditionModel | undefined): { facts: Set<string>; thresholds: Set<string>; drugs: Set<string> } {
  const names = { facts: new Set<string>(), thresholds: new Set<string>(), drugs: new Set<string>() };
  const walk = (c: ConditionModel): void => {
    switch (c.kind) {
      case "and":
      case "or": c.operands.forEach(walk); break;
      case "not": walk(c.operand); break;
      case "compare":
        if (c.measured.kind === "fact") names.facts.add(c.measured.path);
        else {
          names.facts.add(c.measured.list);
          names.drugs.add(c.measured.drug);
        }
        if (c.against.threshold) names.thresholds.add(c.against.threshold);
        break;
      case "member":
      case "flag": names.facts.add(c.path); break;
      case "taking":
        names.facts.add(c.list);
        names.drugs.add(c.drug);
        break;
      case "finding":
      case "always": break;
    }
  };
  if (condition) walk(condition);
  return names;
}

/** Finding kinds a verdict condition tests positively (under an even number of `not`). */
function positiveFindings(condition: ConditionModel, negated = false): string[] {
  switch (condition.kind) {
    case "and":
    case "or": return condition.operands.flatMap((o) => positiveFindings(o, negated));
    case "not": return positiveFindings(condition.operand, !negated);
    case "finding": return negated ? [] : [condition.findingKind];
    case "compare":
    case "member":
    case "flag":
    case "taking":
    case "always": return [];
    default: return assertNever(condition);
  }
}

/** `1 règle`, `2 règles`: French uses the singular for 0 and 1. */
function plural(count: number, one: string, many: string): string {
  return `${count} ${count > 1 ? many : one}`;
}

function unique<T>(items: readonly T[]): T[] {
  return [...new Set(items)];
}

const ruleLink = (id: string): LinkView => ({ href: anchorHref("rule", id), text: id });

/** Does this expectation of an example say something about this rule? */
function concerns(expectation: ExpectationModel, rule: RuleModel): boolean {
  switch (expectation.kind) {
    case "finding":
    case "precondition": return expectation.rule === rule.id;
    case "recommendation": return rule.effect.kind === "recommend" && rule.effect.code === expectation.code;
    case "plan": return rule.effect.kind === "medication" && rule.effect.drugs.includes(expectation.drug);
    case "verdict":
    case "missing":
    case "refused":
    case "readiness": return false;
    default: return assertNever(expectation);
  }
}

/** The value of a fact in an example's facts, in French with its unit; undefined when not given. */
function factValue(fact: FactModel, facts: Readonly<Record<string, unknown>>, vocabulary: Vocabulary): string | undefined {
  const node = readFactPath(facts, fact.path);
  if (node === undefined || node === null) return undefined;
  switch (fact.type) {
    case "boolean": return node === true ? "oui" : node === false ? "non" : String(node);
    case "enum": {
      const label = vocabulary.valueLabels.get(fact.path)?.get(String(node));
      return label ? `${label} (${String(node)})` : String(node);
    }
    case "quantity":
      if (typeof node === "number") return `${formatNumber(node)} ${fact.unit}`;
      if (typeof node === "object" && "value" in node && "unit" in node) return `${formatNumber(Number((node as { value: unknown }).value))} ${String((node as { unit: unknown }).unit)}`;
      return String(node);
    case "date": return String(node);
    case "medications": {
      if (!Array.isArray(node)) return String(node);
      if (node.length === 0) return "aucun";
      return node
        .map((entry: Record<string, unknown>) => {
          const name = String(entry.name ?? "?");
          const label = vocabulary.drugs.get(name)?.label ?? name;
          const dose = fact.dose && typeof entry[fact.dose.field] === "number" ? ` ${formatNumber(entry[fact.dose.field] as number)} ${fact.dose.unit}` : "";
          const atc = typeof entry.atc === "string" ? ` (ATC ${entry.atc})` : "";
          return `${label}${dose}${atc}`;
        })
        .join(", ");
    }
  }
}

const typeLabels = (fact: FactModel): string => {
  switch (fact.type) {
    case "boolean": return "oui / non";
    case "enum": return "une valeur parmi une liste";
    case "quantity": return "quantité";
    case "date": return "date";
    case "medications": return "liste de traitements";
  }
};

const severityLabels: Readonly<Record<string, string>> = { error: "erreur", warning: "avertissement", info: "information" };

/** Builds the rulebook's view model from the compiler's output and the examples' run. */
/** What changed in one rule since the previous edition, in words, or null. */
function changeNote(id: string, diff: EditionDiff | undefined): string | null {
  if (!diff) return null;
  if (diff.rules.added.includes(id)) return `Règle nouvelle dans l'édition ${diff.to.edition}.`;
  const change = diff.rules.changed.find((r) => r.id === id);
  if (!change) return null;
  const parts = [
    change.condition ? "condition" : "",
    change.effect ? "effet" : "",
    change.statement ? "énoncé" : "",
    change.quotes ? "citation du texte" : "",
    change.citations ? "références" : "",
    change.section ? "section" : "",
  ].filter((p) => p !== "");
  return `Modifiée depuis l'édition ${diff.from.edition} : ${parts.join(", ")}.`;
}

/** The changes since the previous edition, one line each, in French, linked to the rules that still exist. */
function changeLines(diff: EditionDiff, ruleLink: (id: string) => LinkView, current: ReadonlySet<string>) {
  const lines: { text: string; link: LinkView | null }[] = [];
  const line = (text: string, rule?: string) => lines.push({ text, link: rule && current.has(rule) ? ruleLink(rule) : null });
  for (const t of diff.thresholds.changed) line(`Valeur ${t.name} : ${t.from} → ${t.to}`);
  for (const t of diff.thresholds.added) line(`Valeur ajoutée ${t.name} = ${t.value}`);
  for (const t of diff.thresholds.removed) line(`Valeur supprimée ${t.name} (était ${t.value})`);
  for (const id of diff.rules.added) line(`Règle ajoutée : ${id}`, id);
  for (const id of diff.rules.removed) line(`Règle supprimée : ${id}`);
  for (const r of diff.rules.changed) {
    if (r.condition) line(`Règle ${r.id}, condition : ${r.condition.from} → ${r.condition.to}`, r.id);
    if (r.effect) line(`Règle ${r.id}, effet : ${r.effect.from} → ${r.effect.to}`, r.id);
    if (r.statement) line(`Règle ${r.id}, énoncé : « ${r.statement.to} »`, r.id);
    if (r.quotes) line(`Règle ${r.id}, citation : ${r.quotes.removed.map((q) => `« ${q} » retirée`).concat(r.quotes.added.map((q) => `« ${q} » ajoutée`)).join(" ; ")}`, r.id);
    if (r.citations) line(`Règle ${r.id}, références : ${r.citations.from.join(", ") || "aucune"} → ${r.citations.to.join(", ") || "aucune"}`, r.id);
    if (r.section) line(`Règle ${r.id}, section : ${r.section.from} → ${r.section.to}`, r.id);
  }
  for (const d of diff.drugs.added) line(`Médicament ajouté : ${d.name} (ATC ${d.atc}, classe ${d.drugClass})`);
  for (const d of diff.drugs.removed) line(`Médicament supprimé : ${d}`);
  for (const d of diff.drugs.reclassified) line(`Médicament ${d.name} : classe ${d.from} → ${d.to}`);
  for (const d of diff.drugs.atcChanged) line(`Médicament ${d.name} : ATC ${d.from} → ${d.to}`);
  for (const f of diff.facts.added) line(`Fait ajouté : ${f}`);
  for (const f of diff.facts.removed) line(`Fait supprimé : ${f}`);
  for (const f of diff.facts.changed) line(`Fait ${f.path} : ${f.from} → ${f.to}`);
  if (diff.verdict.changed) line("Logique de la conclusion modifiée");
  for (const e of diff.examples.changed) line(`Exemple ${e.id} : résultat attendu modifié`);
  return { from: diff.from.edition, lines };
}

export function buildRulebookView(input: RulebookInput): RulebookView {
  const { model, pack } = input;
  const vocabulary = vocabularyOf(model);
  const passages = sourcePassages(model, input.sourceText);

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
  for (const item of [...model.rules, ...model.information]) for (const n of item.citations) citedBy.set(n, [...(citedBy.get(n) ?? []), item.id]);
  const linkFor = (id: string): LinkView => (vocabulary.rules.has(id) ? ruleLink(id) : { href: anchorHref("information", id), text: id });

  const itemView = (item: RuleModel | CheckedGuideline["information"][number], isRule: boolean): ItemView => {
    const targets = passages.quoteTargets.get(item.id) ?? [];
    const rule = isRule ? (item as RuleModel) : undefined;
    // Examples written for this rule (they expect something of it) come first, then the others, each in source order.
    const fired = rule ? firedBy.get(rule.id) ?? [] : [];
    const aimed = (e: ExampleModel) => (rule ? e.expectations.some((x) => concerns(x, rule)) : false);
    const exercising = [...fired.filter(aimed), ...fired.filter((e) => !aimed(e))];
    const detailed = exercising.slice(0, 6);
    return {
      anchor: anchorId(isRule ? "rule" : "information", item.id),
      isRule,
      kindLabel: isRule ? "Règle" : "Information",
      id: item.id,
      statement: item.statement,
      quotes: item.quotes.map((q, index) => {
        const target = targets[index];
        const found = target !== null && target !== undefined;
        return { segments: richSegments(q.text), passageHref: found ? anchorHref("passage", target) : null, passageNumber: found ? target : 0 };
      }),
      citations: item.citations.map((n) => ({ href: anchorHref("reference", n), text: String(n) })),
      condition: rule?.when ? conditionView(rule.when, vocabulary) : null,
      conditionText: rule?.when ? conditionToFrench(rule.when, vocabulary) : "",
      effect: rule ? effectParts(rule.effect, vocabulary) : null,
      precedence: rule
        ? (model.precedences ?? []).flatMap((p) =>
            p.winner === rule.id
              ? [{ text: "l'emporte sur", other: ruleLink(p.loser), reason: p.reason }]
              : p.loser === rule.id
                ? [{ text: "cède devant", other: ruleLink(p.winner), reason: p.reason }]
                : [],
          )
        : [],
      changed: rule ? changeNote(rule.id, input.previous) : null,
      acceptedWarnings: rule ? (model.consistency?.accepted ?? []).filter((a) => a.finding.subject === rule.id).map((a) => ({ code: a.finding.code, message: a.finding.message, reason: a.reason })) : [],
      examples: detailed.map((example) => {
        const verdict = example.expectations.filter((e) => e.kind === "verdict");
        const specific = rule ? example.expectations.filter((e) => concerns(e, rule)) : [];
        return {
          href: anchorHref("example", example.id),
          id: example.id,
          title: example.title,
          expected: [...specific, ...verdict].map((e) => expectationParts(e, vocabulary)),
        };
      }),
      moreExamples: exercising.slice(detailed.length).map((e) => ({ href: anchorHref("example", e.id), text: e.id })),
      moreExamplesLabel: plural(exercising.length - detailed.length, "autre exemple", "autres exemples"),
      exampleCount: exercising.length,
    };
  };

  const inSourceOrder = <T extends { readonly span: { readonly file: string; readonly offset: number } }>(items: readonly T[]): T[] =>
    [...items].sort((a, b) => (a.span.file < b.span.file ? -1 : a.span.file > b.span.file ? 1 : a.span.offset - b.span.offset));

  const sections = model.sections.map((section) => {
    const items = inSourceOrder([
      ...model.rules.filter((r) => r.section === section.id).map((r) => ({ span: r.span, view: () => itemView(r, true) })),
      ...model.information.filter((i) => i.section === section.id).map((i) => ({ span: i.span, view: () => itemView(i, false) })),
    ]).map((i) => i.view());
    return {
      anchor: anchorId("section", section.id),
      title: section.title,
      index: items.map((i) => ({ href: `#${i.anchor}`, id: i.id, kindLabel: i.kindLabel, statement: i.statement })),
      items,
    };
  });

  const rulesByFinding = (kind: string) => model.rules.filter((r) => r.effect.kind === "finding" && r.effect.findingKind === kind).map((r) => ruleLink(r.id));
  const outcomes = model.verdict.outcomes.map((outcome, index) => ({
    anchor: anchorId("outcome", outcome.code),
    position: index + 1,
    code: outcome.code,
    label: outcome.label,
    condition: conditionView(outcome.when, vocabulary),
    leadingFindings: unique(positiveFindings(outcome.when)).map((kind) => ({
      href: anchorHref("finding", kind),
      label: vocabulary.findingKinds.get(kind)?.label ?? kind,
      rules: rulesByFinding(kind),
    })),
    noProcedure: outcome.noProcedure === true,
  }));

  const values = model.thresholds.map((t) => ({
    anchor: anchorId("value", t.name),
    name: t.name,
    label: t.label,
    role: t.role === "delay" ? "délai" : "seuil",
    written: t.written,
    readable: t.role === "delay" ? formatDuration(t.value, t.unit) : `${formatNumber(t.value)} ${t.unit}`,
    unit: t.unit,
    usedBy: model.rules
      .filter((r) => conditionNames(r.when).thresholds.has(t.name) || (r.effect.kind === "medication" && r.effect.delay?.threshold === t.name))
      .map((r) => ruleLink(r.id)),
  }));

  const facts = model.facts.map((fact) => ({
    anchor: anchorId("fact", fact.path),
    path: fact.path,
    label: fact.label,
    type: typeLabels(fact),
    unit: fact.type === "quantity" ? fact.unit : fact.type === "medications" && fact.dose ? `dose quotidienne (${fact.dose.field}) en ${fact.dose.unit}` : "",
    range:
      fact.type === "quantity" && (fact.min !== undefined || fact.max !== undefined)
        ? `de ${fact.min !== undefined ? formatNumber(fact.min) : "…"} à ${fact.max !== undefined ? formatNumber(fact.max) : "…"} ${fact.unit}`
        : "",
    description: fact.description,
    values: fact.type === "enum" ? fact.values.map((v) => ({ name: v, label: vocabulary.valueLabels.get(fact.path)?.get(v) ?? "" })) : [],
    usedBy: model.rules
      .filter((r) => conditionNames(r.when).facts.has(fact.path) || (r.effect.kind === "medication" && r.effect.list === fact.path))
      .map((r) => ruleLink(r.id)),
  }));

  const drugView = (d: CheckedGuideline["drugs"][number]): DrugView => ({
    anchor: anchorId("drug", d.name),
    name: d.name,
    label: d.label,
    atc: d.atc.join(", "),
    aliases: d.aliases.join(", "),
    says: model.rules
      .filter((r) => r.effect.kind === "medication" && r.effect.drugs.includes(d.name))
      .map((r) => ({ rule: ruleLink(r.id), condition: r.when ? conditionToFrench(r.when, vocabulary) : "", effect: effectParts(r.effect, vocabulary, true) })),
    tested: model.rules.filter((r) => r.effect.kind !== "medication" && conditionNames(r.when).drugs.has(d.name)).map((r) => ruleLink(r.id)),
  });
  const drugClasses = model.classes.map((c) => ({
    anchor: anchorId("drugClass", c.name),
    name: c.name,
    label: c.label,
    drugs: model.drugs.filter((d) => d.drugClass === c.name).map(drugView),
  }));
  const unnamedDrugs = model.drugs.filter((d) => !d.namedBySource).map(drugView);

  const exampleById = new Map(model.examples.map((e) => [e.id, e]));
  const examples = model.examples.map((example) => {
    const result = resultById.get(example.id);
    const baseId = input.exampleBases?.get(example.id);
    const base = baseId === undefined ? undefined : exampleById.get(baseId);
    return {
      anchor: anchorId("example", example.id),
      id: example.id,
      title: example.title,
      passed: result?.passed ?? false,
      headline: result?.report?.headline ?? "",
      failures: result?.failures.map((f) => `attendu ${f.expectation}, mais ${f.actual}`) ?? ["non exécuté"],
      base: base ? { href: anchorHref("example", base.id), text: base.title || base.id } : null,
      facts: model.facts.flatMap((fact) => {
        const value = factValue(fact, example.facts, vocabulary);
        if (base) {
          const before = factValue(fact, base.facts, vocabulary);
          if (before === value) return [];
          return [{ href: anchorHref("fact", fact.path), label: fact.label, value: value ?? "inconnu" }];
        }
        return value === undefined ? [] : [{ href: anchorHref("fact", fact.path), label: fact.label, value }];
      }),
      expectations: example.expectations.map((e) => expectationParts(e, vocabulary)),
      rules: (firedIn.get(example.id) ?? []).map(linkFor),
    };
  });

  const passageLinks = (p: Passage): LinkView[] => p.quotedBy.map((q) => (q.kind === "rule" ? ruleLink(q.id) : { href: anchorHref("information", q.id), text: q.id }));
  const passageView = (p: Passage): PassageView => ({
    anchor: anchorId("passage", p.number),
    number: p.number,
    text: p.text,
    uncovered: p.status === "uncovered",
    justified: p.status === "justified",
    reason: p.reason ?? "",
    quotedBy: passageLinks(p),
  });
  const quotedCount = passages.passages.filter((p) => p.status === "quoted").length;
  const justifiedPassages = passages.passages.filter((p) => p.status === "justified");
  const uncoveredPassages = passages.passages.filter((p) => p.status === "uncovered");

  const failures = input.examples.results.filter((r) => !r.passed);
  const unfired = input.examples.unfired.map(ruleLink);
  // The file's name only: the book must not depend on the folder `compile` was run from.
  const where = (span: Diagnostic["span"]) => (span ? `${span.file.slice(span.file.replace(/\\/g, "/").lastIndexOf("/") + 1)}:${span.line}` : "");
  const subjectLink = (name: string): LinkView => {
    if (vocabulary.rules.has(name)) return ruleLink(name);
    if (model.information.some((i) => i.id === name)) return { href: anchorHref("information", name), text: name };
    if (vocabulary.facts.has(name)) return { href: anchorHref("fact", name), text: name };
    if (vocabulary.thresholds.has(name)) return { href: anchorHref("value", name), text: name };
    if (vocabulary.drugs.has(name)) return { href: anchorHref("drug", name), text: name };
    if (vocabulary.classes.has(name)) return { href: anchorHref("drugClass", name), text: name };
    if (vocabulary.findingKinds.has(name)) return { href: anchorHref("finding", name), text: name };
    if (vocabulary.recommendations.has(name)) return { href: anchorHref("recommendation", name), text: name };
    const outcome = vocabulary.outcomes.get(name);
    return { href: outcome?.href ?? "#conclusions", text: name };
  };
  const witnessLines = (w: Witness | undefined) => (w ? [...w.given] : []);
  const findingView = (f: ConsistencyFinding): ProblemView => ({
    severity: severityLabels[f.severity] ?? f.severity,
    code: f.code,
    message: f.message,
    where: where(f.span),
    about: unique([f.subject, ...f.related]).map(subjectLink),
    witness: witnessLines(f.witness),
  });
  const consistency = model.consistency;
  // Open consistency warnings come with their witness patient from the analysis; other diagnostics as reported.
  const analysed = new Set((consistency?.warnings ?? []).map((f) => `${f.code}\0${f.message}\0${where(f.span)}`));
  const problems: ProblemView[] = [
    ...(consistency?.warnings ?? []).map(findingView),
    ...input.diagnostics
      .filter((d) => !analysed.has(`${d.code}\0${d.message}\0${where(d.span)}`))
      .map((d) => ({ severity: severityLabels[d.severity] ?? d.severity, code: d.code, message: d.message, where: where(d.span), about: [], witness: [] })),
  ];
  const accepted = (consistency?.accepted ?? []).map((a) => ({ ...findingView(a.finding), reason: a.reason }));
  const pairStatus = { disjoint: "jamais ensemble (prouvé)", settled: "départagées par une priorité déclarée", conflict: "CONFLIT : aucune priorité ne les départage", undecided: "non tranché (limite de recherche atteinte)" } as const;
  const pairs = (consistency?.pairs ?? []).map((p) => ({
    rules: p.rules.map(ruleLink),
    drugs: p.drugs.map((d) => ({ href: anchorHref("drug", d), text: vocabulary.drugs.get(d)?.label ?? d })),
    status: `${pairStatus[p.status]}${p.winner ? ` : ${p.winner} l'emporte` : ""}`,
    ok: p.status === "disjoint" || p.status === "settled",
    proof: [...(p.proof ?? [])],
    witness: witnessLines(p.witness),
  }));
  const precedences = (model.precedences ?? []).map((p) => ({ winner: ruleLink(p.winner), loser: ruleLink(p.loser), reason: p.reason }));
  const quoteCount = [...model.rules, ...model.information].reduce((n, i) => n + i.quotes.length, 0);
  const passedCount = input.examples.results.filter((r) => r.passed).length;
  const checks = [
    { label: "Citations retrouvées mot pour mot dans le texte source", result: `${quoteCount} sur ${quoteCount}`, ok: true },
    {
      label: "Références citées présentes dans la liste",
      result: `${citedBy.size} références citées, toutes dans la liste de ${model.references.length}`,
      ok: true,
    },
    {
      label: "Phrases du texte source reprises par une règle ou une information",
      result: `${quotedCount} sur ${passages.passages.length}${justifiedPassages.length ? ` ; ${justifiedPassages.length} non reprises avec une raison` : ""}${uncoveredPassages.length ? ` ; ${uncoveredPassages.length} non reprises sans raison` : ""}`,
      ok: uncoveredPassages.length === 0,
    },
    { label: "Exemples dont le résultat est celui attendu", result: `${passedCount} sur ${input.examples.results.length}`, ok: failures.length === 0 },
    {
      label: "Règles mises en œuvre par au moins un exemple",
      result: `${model.rules.length - input.examples.unfired.length} sur ${model.rules.length}`,
      ok: unfired.length === 0,
    },
    ...(consistency
      ? [
          {
            label: "Analyse des règles : conditions impossibles, contradictions du plan, lacunes, redondances, valeurs inutilisées",
            result: [
              `${plural(consistency.warnings.length, "avertissement non justifié", "avertissements non justifiés")}`,
              `${plural(accepted.length, "avertissement accepté", "avertissements acceptés")} avec sa justification`,
              `${plural(pairs.length, "paire de règles du plan comparée", "paires de règles du plan comparées")}`,
            ].join(" ; "),
            ok: consistency.warnings.length === 0 && pairs.every((p) => p.ok),
          },
        ]
      : []),
    ...(consistency?.verdictRelevance.length ? [verdictRelevanceCheck(consistency)] : []),
  ];

  const openIssues = problems.length + failures.length + unfired.length + uncoveredPassages.length + pairs.filter((p) => !p.ok).length;
  const citedNumbers = new Set(citedBy.keys());
  return {
    banner: pack.generatedBy,
    language: model.language,
    title: model.title,
    guidelineId: model.id,
    edition: model.edition,
    sourceDocument: model.sourceDocument,
    contentHash: pack.guideline.contentHash,
    compiler: `${pack.compiler.name} ${pack.compiler.version}`,
    figures: [
      { value: model.rules.length, label: model.rules.length > 1 ? "règles" : "règle" },
      { value: model.information.length, label: model.information.length > 1 ? "informations" : "information" },
      { value: model.examples.length, label: model.examples.length > 1 ? "exemples" : "exemple" },
      { value: model.thresholds.length, label: model.thresholds.length > 1 ? "seuils et délais" : "seuil ou délai" },
      { value: model.facts.length, label: model.facts.length > 1 ? "faits" : "fait" },
      { value: model.drugs.length, label: model.drugs.length > 1 ? "médicaments" : "médicament" },
      { value: model.references.length, label: `${model.references.length > 1 ? "références" : "référence"} (${plural(citedNumbers.size, "citée", "citées")})` },
      { value: passages.passages.length, label: passages.passages.length > 1 ? "phrases du texte source" : "phrase du texte source" },
    ],
    referencesSummary: `${plural(model.references.length, "référence", "références")} du document source ; ${
      citedNumbers.size === 0 ? "aucune n'est citée" : citedNumbers.size === 1 ? "celle citée par une règle ou une information est signalée par « citée par »" : `les ${citedNumbers.size} citées par une règle ou une information sont signalées par « citée par »`
    }.`,
    counts: {
      rules: model.rules.length,
      information: model.information.length,
      examples: model.examples.length,
      references: model.references.length,
      citedReferences: citedNumbers.size,
      passages: passages.passages.length,
      facts: model.facts.length,
      values: model.thresholds.length,
      drugs: model.drugs.length,
    },
    changes: input.previous ? changeLines(input.previous, ruleLink, new Set(model.rules.map((r) => r.id))) : null,
    toc: [
      ...(input.previous ? [{ href: "#changements", label: `Changements depuis l'édition ${input.previous.from.edition}`, detail: plural(changeLines(input.previous, ruleLink, new Set()).lines.length, "changement", "changements") }] : []),
      ...sections.map((s) => {
        const rules = s.items.filter((i) => i.isRule).length;
        const information = s.items.length - rules;
        return { href: `#${s.anchor}`, label: s.title, detail: `${plural(rules, "règle", "règles")}, ${plural(information, "information", "informations")}` };
      }),
      { href: "#conclusions", label: "Logique de la conclusion", detail: plural(outcomes.length + 1, "conclusion possible", "conclusions possibles") },
      { href: "#seuils", label: "Seuils et délais", detail: plural(values.length, "valeur modifiable", "valeurs modifiables") },
      { href: "#faits", label: "Dictionnaire des faits", detail: plural(facts.length, "fait", "faits") },
      { href: "#medicaments", label: "Vocabulaire des médicaments", detail: plural(model.drugs.length, "médicament", "médicaments") },
      { href: "#exemples", label: "Exemples", detail: plural(examples.length, "patient type", "patients types") },
      { href: "#coherence", label: "Rapport de cohérence", detail: openIssues ? "à examiner" : accepted.length || justifiedPassages.length ? "avertissements justifiés" : "aucune incohérence détectée" },
      { href: "#references", label: "Références", detail: `${plural(model.references.length, "référence", "références")}, ${plural(citedNumbers.size, "citée", "citées")}` },
      { href: "#texte-source", label: "Texte source", detail: plural(passages.passages.length, "phrase", "phrases") },
    ],
    sections,
    verdict: {
      question: model.verdict.question,
      outcomes,
      otherwise: { code: model.verdict.otherwise.code, label: model.verdict.otherwise.label, noProcedure: model.verdict.otherwise.noProcedure === true },
      readiness: model.readiness ?? null,
      undecided: model.verdict.undecided,
      findings: model.findingKinds.map((f) => ({
        anchor: anchorId("finding", f.name),
        name: f.name,
        label: f.label,
        rules: rulesByFinding(f.name),
        outcomes: outcomes.filter((o) => o.leadingFindings.some((l) => l.href === anchorHref("finding", f.name))).map((o) => ({ href: `#${o.anchor}`, text: o.label })),
      })),
      recommendations: model.recommendations.map((r) => ({
        anchor: anchorId("recommendation", r.name),
        name: r.name,
        label: r.label,
        rules: model.rules.filter((rule) => rule.effect.kind === "recommend" && rule.effect.code === r.name).map((rule) => ruleLink(rule.id)),
        forProcedure: r.forProcedure === true,
      })),
    },
    values,
    facts,
    plan: model.plan
      ? {
          list: { href: anchorHref("fact", model.plan.list), text: vocabulary.facts.get(model.plan.list)?.label ?? model.plan.list },
          scope: model.plan.scopeAtc ?? "",
          reminder: model.plan.reminder,
          date: model.plan.date ? { href: anchorHref("fact", model.plan.date), text: vocabulary.facts.get(model.plan.date)?.label ?? model.plan.date } : null,
          title: model.plan.title,
          wordings: planWordingKeys.flatMap((key) => {
            const text = model.plan?.wordings[key];
            return text === undefined ? [] : [{ key, text }];
          }),
        }
      : null,
    drugClasses,
    unnamedDrugs,
    examples,
    consistency: {
      clean: openIssues === 0 && accepted.length === 0 && justifiedPassages.length === 0,
      justifiedOnly: openIssues === 0 && (accepted.length > 0 || justifiedPassages.length > 0),
      checks,
      problems,
      accepted,
      pairs,
      precedences,
      verdictFallback: witnessLines(consistency?.verdictFallback),
      justifiedSentences: justifiedPassages.map((p) => ({ href: anchorHref("passage", p.number), text: p.text, reason: p.reason ?? "" })),
      exampleFailures: failures.map((f) => ({ href: anchorHref("example", f.id), id: f.id, messages: f.failures.map((x) => `attendu ${x.expectation}, mais ${x.actual}`) })),
      unfired,
    },
    references: model.references.map((r) => ({
      anchor: anchorId("reference", r.number),
      number: r.number,
      segments: richSegments(r.text),
      citedBy: (citedBy.get(r.number) ?? []).map(linkFor),
    })),
    source: {
      document: model.sourceDocument,
      scope: passages.coverageDeclared && model.coverage ? `de « ${model.coverage.from.replace(/^#+\s*/, "")} » jusqu'à « ${model.coverage.to.replace(/^#+\s*/, "")} » (non compris)` : "le document entier",
      summary: [
        `${plural(quotedCount, "phrase reprise", "phrases reprises")} par une règle ou une information`,
        ...(justifiedPassages.length ? [`${plural(justifiedPassages.length, "phrase non reprise", "phrases non reprises")} avec une raison`] : []),
      ].join(", "),
      uncovered: uncoveredPassages.length === 0 ? "" : plural(uncoveredPassages.length, "phrase non reprise, sans raison", "phrases non reprises, sans raison"),
      blocks: passages.blocks.map((block) =>
        block.kind === "heading"
          ? { heading: { level: Math.min(6, block.level), text: block.text }, listItem: false, passages: [], columns: [] }
          : {
              heading: null,
              listItem: block.listItem,
              passages: block.columns.length ? [] : block.passages.map(passageView),
              columns: block.columns.map((column) => column.map(passageView)),
            },
      ),
    },
  };
}

/**
 * The row of the checks table for verdict relevance (GL3012): of the rules whose finding the
 * conclusion reads, how many can change it for some patient; those that cannot, with or
 * without an accepted justification; those the search bound left open.
 */
function verdictRelevanceCheck(consistency: ConsistencyReport): { readonly label: string; readonly result: string; readonly ok: boolean } {
  const relevance = consistency.verdictRelevance;
  const justified = (rule: string, code: string) => consistency.accepted.some((a) => a.finding.subject === rule && a.finding.code === code);
  const irrelevant = relevance.flatMap((r) => (r.status === "irrelevant" ? [r] : []));
  const accepted = irrelevant.filter((r) => justified(r.rule, r.reportedAs)).length;
  const open = irrelevant.length - accepted;
  const undecided = relevance.filter((r) => r.status === "undecided").length;
  const parts = [
    `${relevance.length - irrelevant.length - undecided} sur ${relevance.length}`,
    ...(accepted ? [`${plural(accepted, "règle sans effet sur la conclusion, justifiée", "règles sans effet sur la conclusion, justifiées")}`] : []),
    ...(open ? [`${plural(open, "règle sans effet sur la conclusion, sans justification", "règles sans effet sur la conclusion, sans justification")}`] : []),
    ...(undecided ? [`${plural(undecided, "règle non tranchée (limite de recherche atteinte)", "règles non tranchées (limite de recherche atteinte)")}`] : []),
  ];
  return { label: "Règles dont le constat compte pour la conclusion et qui peuvent la changer pour au moins un patient", result: parts.join(" ; "), ok: open === 0 && undecided === 0 };
}
