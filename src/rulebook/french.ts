import type { CheckedGuideline, ConditionModel, EffectModel, ExpectationModel, FactModel } from "../compiler/model.js";
import { fillPlaceholders } from "../runtime/fill-placeholders.js";
import { classOfMemberName, type ProcedureWordingKey } from "../pack/drug-names.js";
import { negateComparison } from "../pack/comparison-operator.js";
import { fillWords, interfaceWords, type InterfaceWords } from "../interface-words/index.js";
import { anchorHref, pageHref } from "./anchors.js";
import { formatQuantity } from "../runtime/readable-quantity.js";

/**
 * Prints the checked model in readable French for reviewers: conditions with the facts'
 * labels and the values with their units as a reader writes them (`Count > 50 000/mm³`), effects with
 * the labels of findings, recommendations and drugs. The words are the rulebook's; every
 * label comes from the guideline source.
 */

/** A piece of text, optionally a fragment link, optionally set as code (a name of the source). */
export interface TextPart {
  readonly text: string;
  /** A fragment link (`#…`) built by {@link anchorHref}, or null. */
  readonly href: string | null;
  readonly code: boolean;
}

/** A condition laid out for reading: one line, or a group of conditions introduced by a phrase. */
export interface ConditionView {
  /** The line, when the condition is a single test (empty for a group). */
  readonly parts: readonly TextPart[];
  /** The group, when the condition combines several tests; null for a single test. */
  readonly group: { readonly intro: string; readonly items: readonly ConditionView[] } | null;
}

/** The names of the checked model, looked up by the printers. */
export interface Vocabulary {
  readonly facts: ReadonlyMap<string, FactModel>;
  readonly thresholds: ReadonlyMap<string, CheckedGuideline["thresholds"][number]>;
  readonly drugs: ReadonlyMap<string, CheckedGuideline["drugs"][number]>;
  readonly classes: ReadonlyMap<string, CheckedGuideline["classes"][number]>;
  readonly findingKinds: ReadonlyMap<string, CheckedGuideline["findingKinds"][number]>;
  readonly recommendations: ReadonlyMap<string, CheckedGuideline["recommendations"][number]>;
  /** Verdict outcomes by code: label, and the link to where the verdict logic states them. */
  readonly outcomes: ReadonlyMap<string, { readonly label: string; readonly href: string }>;
  readonly rules: ReadonlyMap<string, CheckedGuideline["rules"][number]>;
  /** French labels of the values of `one of` facts, by fact path then value. */
  readonly valueLabels: ReadonlyMap<string, ReadonlyMap<string, string>>;
  /** The interface words of the guideline's language. */
  readonly words: InterfaceWords;
  /** The guideline's wording of the procedure (`wording KEY "…"`), or the catalogue's neutral phrase. */
  readonly procedure: (key: ProcedureWordingKey, values?: Readonly<Record<string, string>>) => string;
}

/** Builds the {@link Vocabulary} of a checked model. */
export function vocabularyOf(model: CheckedGuideline): Vocabulary {
  const words = interfaceWords(model.language);
  const byName = <T extends { readonly name: string }>(items: readonly T[]) => new Map(items.map((i) => [i.name, i]));
  return {
    facts: new Map(model.facts.map((f) => [f.path, f])),
    thresholds: byName(model.thresholds),
    drugs: byName(model.drugs),
    classes: byName(model.classes),
    findingKinds: byName(model.findingKinds),
    recommendations: byName(model.recommendations),
    outcomes: new Map([
      ["incomplete", { label: model.verdict.undecided, href: pageHref("verdictIncomplete") }],
      [model.verdict.otherwise.code, { label: model.verdict.otherwise.label, href: pageHref("verdictOtherwise") }],
      ...model.verdict.outcomes.map((o) => [o.code, { label: o.label, href: anchorHref("outcome", o.code) }] as const),
    ]),
    rules: new Map(model.rules.map((r) => [r.id, r])),
    valueLabels: new Map(
      model.facts.flatMap((f) => (f.type === "enum" ? [[f.path, enumValueLabels(f.values, f.description)] as const] : [])),
    ),
    words,
    procedure: (key, values = {}) => fillPlaceholders(model.plan?.wordings[key] ?? words[`default.${key}`], values),
  };
}

/**
 * The French labels of a `one of` fact's values, read from its description when it follows
 * the convention `value : label ; value : label.` Values without a label are left out.
 */
export function enumValueLabels(values: readonly string[], description: string): Map<string, string> {
  const labels = new Map<string, string>();
  for (const piece of description.split(";")) {
    const match = /^\s*([A-Za-z0-9_.-]+)\s*:\s*(.+?)\s*\.?\s*$/.exec(piece);
    if (match?.[1] && match[2] && values.includes(match[1]) && !labels.has(match[1])) labels.set(match[1], match[2]);
  }
  return labels;
}

const operatorWords: Readonly<Record<string, string>> = { ">": ">", ">=": "≥", "<": "<", "<=": "≤", "=": "=", "!=": "≠" };

const text = (value: string): TextPart => ({ text: value, href: null, code: false });
const link = (value: string, href: string): TextPart => ({ text: value, href, code: false });
const code = (value: string, href: string | null = null): TextPart => ({ text: value, href, code: true });

/** The label of a fact, linked to the facts dictionary. */
function factPart(path: string, vocabulary: Vocabulary): TextPart {
  return link(vocabulary.facts.get(path)?.label ?? path, anchorHref("fact", path));
}

function drugPart(name: string, vocabulary: Vocabulary): TextPart {
  // A class's stand-in: any other drug coded under one of its prefixes.
  const drugClass = classOfMemberName(name);
  const prefixes = drugClass === undefined ? undefined : vocabulary.classes.get(drugClass)?.atc;
  if (prefixes) return text(fillWords(vocabulary.words["rulebook.class.otherMembers"], prefixes.join(", ")));
  return link(vocabulary.drugs.get(name)?.label ?? name, anchorHref("drug", name));
}

/** A value of a `one of` fact: its French label when the description gives one, else its name. */
function valuePart(path: string, value: string, vocabulary: Vocabulary): TextPart {
  const label = vocabulary.valueLabels.get(path)?.get(value);
  return label === undefined ? code(value) : text(`« ${label} »`);
}

function joinParts(items: readonly (readonly TextPart[])[], separator: string, last: string): TextPart[] {
  return items.flatMap((item, index) => [...(index === 0 ? [] : [text(index === items.length - 1 ? last : separator)]), ...item]);
}

/** `Dose de ` or `Dose d'` before a name, as French elides before a vowel. */
function doseOf(name: string): string {
  return /^[aeiouyàâéèêëîïôöûüh]/i.test(name) ? "Dose d'" : "Dose de ";
}

/** One test, possibly negated, as a line of text parts; undefined for `and` / `or`. */
function testParts(condition: ConditionModel, negated: boolean, vocabulary: Vocabulary): TextPart[] | undefined {
  switch (condition.kind) {
    case "always":
      return [text(negated ? "jamais" : "toujours (sans condition)")];
    case "flag":
      return [factPart(condition.path, vocabulary), text(negated ? " : non" : " : oui")];
    case "member": {
      const values = condition.values.map((v) => [valuePart(condition.path, v, vocabulary)]);
      const verb = condition.values.length > 1 ? (negated ? " n'est ni " : " est ") : negated ? " n'est pas " : " est ";
      return [factPart(condition.path, vocabulary), text(verb), ...joinParts(values, ", ", negated ? " ni " : " ou ")];
    }
    case "compare": {
      const operator = negated ? negateComparison(condition.operator) : condition.operator;
      const measured =
        condition.measured.kind === "fact"
          ? [factPart(condition.measured.path, vocabulary)]
          : [
              text(doseOf(vocabulary.drugs.get(condition.measured.drug)?.label ?? condition.measured.drug)),
              drugPart(condition.measured.drug, vocabulary),
              text(" ("),
              factPart(condition.measured.list, vocabulary),
              text(")"),
            ];
      const threshold = condition.against.threshold;
      return [
        ...measured,
        text(
          ` ${operatorWords[operator] ?? operator} ${formatQuantity(condition.against.value, condition.against.unit, vocabulary.words)}`,
        ),
        ...(threshold ? [text(" (valeur "), code(threshold, anchorHref("value", threshold)), text(")")] : []),
      ];
    }
    case "taking":
      return [
        factPart(condition.list, vocabulary),
        text(negated ? " ne comprennent pas " : " comprennent "),
        drugPart(condition.drug, vocabulary),
      ];
    case "finding": {
      const label = vocabulary.findingKinds.get(condition.findingKind)?.label ?? condition.findingKind;
      return [text(negated ? "aucun constat " : "constat "), link(`« ${label} »`, anchorHref("finding", condition.findingKind))];
    }
    case "not":
      return testParts(condition.operand, !negated, vocabulary);
    case "and":
    case "or":
      return undefined;
  }
}

/** The operands of a combination, flattening `not` over it into the operands (De Morgan). */
function combination(
  condition: ConditionModel,
  negated: boolean,
): { all: boolean; operands: readonly ConditionModel[]; negated: boolean } | undefined {
  if (condition.kind === "not") return combination(condition.operand, !negated);
  if (condition.kind !== "and" && condition.kind !== "or") return undefined;
  // not (A and B) = (not A) or (not B); not (A or B) = (not A) and (not B): three-valued logic keeps both laws.
  return { all: (condition.kind === "and") !== negated, operands: condition.operands, negated };
}

/** A condition laid out for reading, with nested groups for `and` / `or`. */
export function conditionView(condition: ConditionModel, vocabulary: Vocabulary, negated = false): ConditionView {
  const single = testParts(condition, negated, vocabulary);
  if (single) return { parts: single, group: null };
  const group = combination(condition, negated);
  if (!group) return { parts: [], group: null };
  return {
    parts: [],
    group: {
      intro: group.all ? "toutes les conditions suivantes sont remplies :" : "au moins une des conditions suivantes est remplie :",
      items: group.operands.map((operand) => conditionView(operand, vocabulary, group.negated)),
    },
  };
}

/** Joins text parts into plain text. */
export function plainText(parts: readonly TextPart[]): string {
  return parts.map((p) => p.text).join("");
}

/**
 * A condition in one line of French, with parentheses around nested combinations:
 * `Libellé A : oui et Libellé B : non`, with the labels of the facts.
 */
export function conditionToFrench(condition: ConditionModel, vocabulary: Vocabulary, negated = false): string {
  const single = testParts(condition, negated, vocabulary);
  if (single) return plainText(single);
  const group = combination(condition, negated);
  if (!group) return "";
  return group.operands
    .map((operand) => {
      const inner = conditionToFrench(operand, vocabulary, group.negated);
      return combination(operand, group.negated) ? `(${inner})` : inner;
    })
    .join(group.all ? " et " : " ou ");
}

/** The name of a medication action: the interface's verb, or the guideline's wording for `bridge` and `refer`. */
function actionWord(action: "stop" | "continue" | "bridge" | "refer" | "unknown", vocabulary: Vocabulary): string {
  switch (action) {
    case "stop":
    case "continue":
    case "unknown":
      return vocabulary.words[`rulebook.action.${action}`];
    case "bridge":
    case "refer":
      return vocabulary.procedure(`${action}-action`);
  }
}

/**
 * What a rule does, in French, with links to the finding, recommendation, drugs and delay.
 * With `forDrug`, a medication effect leaves out its target (the reader is on the drug's row)
 * and says when the rule is about the whole class.
 */
export function effectParts(effect: EffectModel, vocabulary: Vocabulary, forDrug = false): TextPart[] {
  switch (effect.kind) {
    case "finding":
      return [
        text(vocabulary.words["rulebook.effect.finding"]),
        link(
          `« ${vocabulary.findingKinds.get(effect.findingKind)?.label ?? effect.findingKind} »`,
          anchorHref("finding", effect.findingKind),
        ),
      ];
    case "precondition":
      return [text(`${vocabulary.procedure("precondition-effect")} : « ${effect.label} »`)];
    case "recommend":
      return [
        text(vocabulary.words["rulebook.effect.recommendation"]),
        link(`« ${vocabulary.recommendations.get(effect.code)?.label ?? effect.code} »`, anchorHref("recommendation", effect.code)),
        ...(effect.strength ? [text(` — ${vocabulary.words[`rulebook.strength.${effect.strength}`]}`)] : []),
      ];
    case "medication": {
      const classLink = () =>
        link(`« ${vocabulary.classes.get(effect.target.name)?.label ?? effect.target.name} »`, anchorHref("drugClass", effect.target.name));
      const target = forDrug
        ? []
        : effect.target.kind === "class"
          ? [
              text(" : les traitements de la classe "),
              classLink(),
              text(" ("),
              ...joinParts(
                effect.drugs.map((d) => [drugPart(d, vocabulary)]),
                ", ",
                " et ",
              ),
              text(")"),
            ]
          : [text(" : "), drugPart(effect.target.name, vocabulary)];
      const delayWording = effect.action === "bridge" ? "bridge-before-procedure" : "before-procedure";
      const delay = effect.delay
        ? [
            text(effect.action === "bridge" ? " ; " : " "),
            text(vocabulary.procedure(delayWording, { delay: formatQuantity(effect.delay.value, effect.delay.unit, vocabulary.words) })),
            ...(effect.delay.threshold
              ? [text(" (délai "), code(effect.delay.threshold, anchorHref("value", effect.delay.threshold)), text(")")]
              : []),
          ]
        : [];
      const scope = forDrug && effect.target.kind === "class" ? [text(" — pour toute la classe "), classLink()] : [];
      return [text(actionWord(effect.action, vocabulary)), ...target, ...delay, ...scope];
    }
  }
}

/** What an example expects, in French, with links to the rules, recommendations, drugs and facts it names. */
export function expectationParts(expectation: ExpectationModel, vocabulary: Vocabulary): TextPart[] {
  const not = expectation.negated;
  switch (expectation.kind) {
    case "verdict": {
      const outcome = vocabulary.outcomes.get(expectation.code) ?? { label: expectation.code, href: "#conclusions" };
      return [text(not ? "Conclusion autre que " : "Conclusion : "), link(`« ${outcome.label} »`, outcome.href)];
    }
    case "precondition": {
      const rule = vocabulary.rules.get(expectation.rule);
      const label = rule?.effect.kind === "precondition" ? rule.effect.label : expectation.rule;
      return [
        text("Condition préalable "),
        link(`« ${label} »`, anchorHref("rule", expectation.rule)),
        text(`${not ? " : pas " : " : "}${vocabulary.words[`rulebook.status.${expectation.status}`]}`),
      ];
    }
    case "finding":
      return [
        text(not ? "Pas de constat de la règle " : "Constat de la règle "),
        code(expectation.rule, anchorHref("rule", expectation.rule)),
      ];
    case "recommendation":
      return [
        text(not ? "Pas de recommandation " : "Recommandation "),
        link(
          `« ${vocabulary.recommendations.get(expectation.code)?.label ?? expectation.code} »`,
          anchorHref("recommendation", expectation.code),
        ),
      ];
    case "missing": {
      const known = vocabulary.facts.has(expectation.fact);
      return [
        text(not ? "Donnée non demandée : " : "Donnée demandée : "),
        known ? factPart(expectation.fact, vocabulary) : code(expectation.fact),
      ];
    }
    case "plan": {
      const drug = vocabulary.drugs.has(expectation.drug) ? drugPart(expectation.drug, vocabulary) : code(expectation.drug);
      const action = expectation.action ? ` : ${actionWord(expectation.action, vocabulary).toLowerCase()}` : "";
      const delay =
        expectation.hoursBefore !== undefined
          ? ` ${vocabulary.procedure("before-procedure", { delay: formatHours(expectation.hoursBefore, vocabulary.words) })}`
          : "";
      const date = expectation.date ? ` (le ${expectation.date})` : "";
      return [text(not ? "Plan sans " : "Plan : "), drug, text(`${action}${delay}${date}`)];
    }
    case "refused": {
      const known = vocabulary.facts.has(expectation.fact);
      return [
        text(not ? "Données acceptées pour " : "Données refusées : "),
        known ? factPart(expectation.fact, vocabulary) : code(expectation.fact),
      ];
    }
    case "readiness":
      return [
        text(
          `${vocabulary.procedure("procedure-now")}${not ? " : pas " : " : "}${vocabulary.words[`rulebook.readiness.${expectation.status}`]}`,
        ),
      ];
  }
}

/** A number of hours as days when it is a whole number of days (`120` → `5 jours`). */
function formatHours(hours: number, words: InterfaceWords): string {
  return hours >= 24 && hours % 24 === 0 ? formatQuantity(hours / 24, "d", words) : formatQuantity(hours, "h", words);
}
