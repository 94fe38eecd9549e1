/**
 * Anchors of the rulebook: every id the page defines is built here, from a prefix naming the
 * kind of thing and the thing's name, so that ids are stable from one build to the next and
 * two kinds never collide. Links are only ever fragments (`#…`) to these ids.
 */

/** The kinds of things the rulebook gives an anchor to, with their id prefix. */
const anchorPrefixes = {
  section: "section",
  rule: "regle",
  information: "information",
  example: "exemple",
  reference: "ref",
  fact: "fait",
  value: "valeur",
  drug: "medicament",
  drugClass: "classe",
  finding: "constat",
  recommendation: "recommandation",
  outcome: "conclusion",
  passage: "passage",
} as const;

/** What a rulebook anchor names. */
export type AnchorKind = keyof typeof anchorPrefixes;

/**
 * The id of a thing in the rulebook (`regle-dose.max`, `ref-100`). Names of the
 * language hold only letters, digits, `_`, `.` and `-`; any other character is written as
 * `_xx` (its code in hexadecimal), so that the id stays unique and needs no escaping.
 */
export function anchorId(kind: AnchorKind, name: string | number): string {
  const safe = String(name).replace(/[^A-Za-z0-9.-]/g, (c) => `_${c.codePointAt(0)?.toString(16) ?? ""}`);
  return `${anchorPrefixes[kind]}-${safe}`;
}

/** A fragment link to a thing in the rulebook (`#regle-dose.max`). */
export function anchorHref(kind: AnchorKind, name: string | number): string {
  return `#${anchorId(kind, name)}`;
}

/**
 * The ids of the page's fixed parts: its sections (the table of contents links to them) and the
 * places the verdict's logic names. The templates and the view model take them from here.
 */
export const pageAnchors = {
  content: "contenu",
  search: "recherche",
  reading: "lecture",
  changes: "changements",
  verdict: "conclusions",
  verdictOtherwise: "verdict-sinon",
  verdictIncomplete: "verdict-incomplet",
  readiness: "disponibilite",
  findings: "constats",
  recommendations: "liste-recommandations",
  values: "seuils",
  facts: "faits",
  drugs: "medicaments",
  planWordings: "plan-wordings",
  unnamedDrugs: "medicaments-non-nommes",
  examples: "exemples",
  tryPatient: "essai",
  consistency: "coherence",
  references: "references",
  source: "texte-source",
} as const;

/** A fixed part of the page. */
export type PageAnchor = keyof typeof pageAnchors;

/** A fragment link to a fixed part of the page (`#conclusions`). */
export function pageHref(part: PageAnchor): string {
  return `#${pageAnchors[part]}`;
}
