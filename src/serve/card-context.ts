import { fillWords, interfaceWords, type InterfaceWords } from "../interface-words/index.js";
import type { RulePack } from "../pack/pack-format.js";
import type { Provenance } from "../runtime/report.js";
import { anchorHref } from "../rulebook/anchors.js";
import type { CardLink, CardSource } from "./cds-hooks.js";
import { markdownText, quoteText } from "./card-text.js";

/** What every card of one pack shares: its words, its source and where its rulebook is. */
export interface CardContext {
  readonly pack: RulePack;
  readonly words: InterfaceWords;
  /** The guideline and its edition; its URL is the rulebook's when there is one. */
  readonly source: CardSource;
  /** The rulebook page's absolute URL, when the service serves one: links point to its anchors. */
  readonly rulebookUrl?: string;
  /** The text of each reference the source cites, by number. */
  readonly references: ReadonlyMap<number, string>;
}

/** The context of the cards of `pack`, with links to the rulebook at `rulebookUrl` when given. */
export function cardContext(pack: RulePack, rulebookUrl?: string): CardContext {
  const words = interfaceWords(pack.guideline.language);
  const label = fillWords(words["serve.source"], pack.guideline.title, pack.guideline.edition);
  return {
    pack,
    words,
    source: rulebookUrl === undefined ? { label } : { label, url: rulebookUrl },
    ...(rulebookUrl !== undefined ? { rulebookUrl } : {}),
    references: new Map(pack.references.map((r) => [r.number, r.text])),
  };
}

/** A link to an anchor of the rulebook (`fragment` starts with `#`); none without a rulebook. */
export function rulebookLink(context: CardContext, label: string, fragment: string): CardLink[] {
  return context.rulebookUrl === undefined ? [] : [{ label, url: `${context.rulebookUrl}${fragment}`, type: "absolute" }];
}

/** The links to the rulebook's rules of these provenances, each rule once. */
export function ruleLinks(context: CardContext, provenances: readonly Provenance[]): CardLink[] {
  const seen = new Set<string>();
  return provenances.flatMap((p) => {
    if (seen.has(p.rule)) return [];
    seen.add(p.rule);
    return rulebookLink(context, fillWords(context.words["report.rule"], p.rule, p.sectionTitle || p.section), anchorHref("rule", p.rule));
  });
}

/** The Markdown lines that say where a statement comes from: the rule, its quotes, its references with their text. */
export function provenanceLines(context: CardContext, p: Provenance, indent = "  "): string[] {
  const { words } = context;
  const lines = [`${indent}*${markdownText(fillWords(words["report.rule"], p.rule, p.sectionTitle || p.section))}*`];
  for (const quote of p.quotes) lines.push(`${indent}« ${quoteText(quote)} »`);
  if (p.citations.length) {
    const cited = p.citations.map((n) => `\\[${n}\\] ${markdownText(context.references.get(n) ?? "")}`.trimEnd()).join(" ; ");
    lines.push(`${indent}${fillWords(words["report.references"], cited)}`);
  }
  return lines.map((line, index) => (index < lines.length - 1 ? `${line}  ` : line));
}
