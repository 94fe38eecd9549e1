import { CompletionItemKind, type CompletionItem } from "vscode-languageserver/node.js";
import type * as A from "../dsl/ast.js";
import { fr } from "../interface-words/fr.js";
import { assertNever } from "../shared/assert-never.js";
import { hoverKindWord } from "./hover-text.js";
import { keywordWords } from "./keyword-words.js";
import type { NamedDeclaration, SymbolIndex, SymbolKind } from "./symbol-index.js";

/** UCUM's units of time, which delays are written in whatever the guideline. */
const timeUnits: readonly string[] = ["min", "h", "d", "wk", "mo", "a"];

/** What may follow a word: names of some kinds, and a few keywords. */
interface Expected {
  readonly kinds: readonly SymbolKind[];
  readonly keywords: readonly string[];
}

const only = (...kinds: SymbolKind[]): Expected => ({ kinds, keywords: [] });
/** A drug, or `class` and a class of drugs: after `taking`, `stop`, `continue`… */
const drugTarget: Expected = { kinds: ["drug"], keywords: ["class"] };
/** The start of a condition: a yes/no fact or a fact compared, `not`, `taking`, `always`, `finding`. */
const conditionStart: Expected = { kinds: ["fact"], keywords: ["always", "finding", "not", "taking"] };
/** What a fact is compared with. */
const comparedWith = only("threshold", "fact");

/** After these words, only names of these kinds, and these keywords, can come. */
const expectedAfter: Readonly<Record<string, Expected>> = {
  taking: drugTarget,
  stop: drugTarget,
  continue: drugTarget,
  bridge: drugTarget,
  refer: drugTarget,
  class: only("class"),
  finding: only("finding"),
  recommend: only("recommendation"),
  recommendation: only("recommendation"),
  given: only("fact"),
  missing: only("fact"),
  refused: only("fact"),
  plan: only("fact", "drug"),
  date: only("fact"),
  on: only("example"),
  precedence: only("rule"),
  over: only("rule"),
  precondition: only("rule"),
  when: conditionStart,
  and: conditionStart,
  or: conditionStart,
  not: conditionStart,
  "(": conditionStart,
  ">": comparedWith,
  ">=": comparedWith,
  "<": comparedWith,
  "<=": comparedWith,
  "!=": comparedWith,
  "=": comparedWith,
};

/**
 * What can be written at a place: after a number, a unit (the units the edition writes, and UCUM's
 * units of time); after a word that calls for a kind of name (`taking`, `finding`, `given`, a
 * comparison sign), the declared names of that kind; elsewhere every declared name and every keyword.
 * `before` is the text of the document up to the cursor.
 */
export function completionItems(index: SymbolIndex, files: readonly A.SourceFile[], before: string): CompletionItem[] {
  const start = before.replace(/[A-Za-z0-9_.\-/*%[\]]*$/, "");
  if (/\d\s*$/.test(start) && !/[A-Za-z_][\w.-]*\d\s*$/.test(start)) return unitItems(files);
  const previous = /(>=|<=|!=|[(<>=]|[A-Za-z_][A-Za-z0-9_.-]*)\s*$/.exec(start)?.[1] ?? "";
  const expected = Object.hasOwn(expectedAfter, previous) ? expectedAfter[previous] : undefined;
  const keywords = expected ? expected.keywords : keywordWords;
  return [
    ...nameItems(index, expected?.kinds),
    ...keywords.map((word): CompletionItem => ({ label: word, kind: CompletionItemKind.Keyword })),
  ];
}

function nameItems(index: SymbolIndex, kinds: readonly SymbolKind[] | undefined): CompletionItem[] {
  const items: CompletionItem[] = [];
  for (const [key, declaration] of index.declarations) {
    const kind = key.slice(0, key.indexOf(":")) as SymbolKind;
    if (kinds && !kinds.includes(kind)) continue;
    const name = key.slice(key.indexOf(":") + 1);
    const label = labelOf(declaration);
    items.push({
      label: name,
      kind: itemKind(kind),
      detail: label ? `${hoverKindWord(kind, declaration)} — ${label}` : hoverKindWord(kind, declaration),
    });
  }
  return items.sort((a, b) => (a.label < b.label ? -1 : a.label > b.label ? 1 : 0));
}

function labelOf(d: NamedDeclaration): string | undefined {
  switch (d.kind) {
    case "fact":
    case "threshold":
    case "drug":
    case "class":
    case "finding-kind":
    case "recommendation":
      return d.label?.value;
    case "rule":
    case "information":
      return d.statement?.value;
    case "section":
    case "example":
      return d.title?.value;
    default:
      return assertNever(d);
  }
}

function itemKind(kind: SymbolKind): CompletionItemKind {
  switch (kind) {
    case "fact":
      return CompletionItemKind.Field;
    case "threshold":
      return CompletionItemKind.Constant;
    case "drug":
      return CompletionItemKind.Value;
    case "class":
      return CompletionItemKind.Class;
    case "finding":
      return CompletionItemKind.Event;
    case "recommendation":
      return CompletionItemKind.EnumMember;
    case "rule":
      return CompletionItemKind.Function;
    case "section":
      return CompletionItemKind.Module;
    case "example":
      return CompletionItemKind.Reference;
    default:
      return assertNever(kind);
  }
}

/** Every unit the edition's declarations write (thresholds, quantity facts, accepted units, doses), then UCUM's units of time. */
function unitItems(files: readonly A.SourceFile[]): CompletionItem[] {
  const units = new Set<string>();
  const add = (name: A.Name | undefined) => {
    if (name) units.add(name.text);
  };
  for (const file of files) {
    for (const d of file.declarations) {
      if (d.kind === "threshold") add(d.value?.unit);
      if (d.kind !== "fact") continue;
      if (d.type?.kind === "quantity") add(d.type.unit);
      d.accepts.forEach(add);
      add(d.dose?.unit);
    }
  }
  for (const unit of timeUnits) units.add(unit);
  return [...units].map((unit): CompletionItem => ({ label: unit, kind: CompletionItemKind.Unit, detail: fr["editor.unit"] }));
}
