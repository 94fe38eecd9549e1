import { CompletionItemKind, type CompletionItem } from "vscode-languageserver/node.js";
import type * as A from "../dsl/ast.js";
import { fr } from "../interface-words/fr.js";
import { assertNever } from "../shared/assert-never.js";
import { hoverKindWord } from "./hover-text.js";
import { keywordWords } from "./keyword-words.js";
import type { NamedDeclaration, SymbolIndex, SymbolKind } from "./symbol-index.js";

/** UCUM's units of time, which delays are written in whatever the guideline. */
const timeUnits: readonly string[] = ["min", "h", "d", "wk", "mo", "a"];

/** After these words, only names of these kinds can come (`taking` a drug, `finding` a kind of finding…). */
const kindsAfter: Readonly<Record<string, readonly SymbolKind[]>> = {
  taking: ["drug"],
  stop: ["drug"],
  continue: ["drug"],
  bridge: ["drug"],
  refer: ["drug"],
  class: ["class"],
  finding: ["finding"],
  recommend: ["recommendation"],
  recommendation: ["recommendation"],
  given: ["fact"],
  missing: ["fact"],
  refused: ["fact"],
  plan: ["fact", "drug"],
  date: ["fact"],
  on: ["example"],
  precedence: ["rule"],
  over: ["rule"],
  precondition: ["rule"],
  when: ["fact"],
  and: ["fact"],
  or: ["fact"],
  not: ["fact"],
  "(": ["fact"],
  ">": ["threshold", "fact"],
  ">=": ["threshold", "fact"],
  "<": ["threshold", "fact"],
  "<=": ["threshold", "fact"],
  "!=": ["threshold", "fact"],
  "=": ["threshold", "fact"],
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
  const kinds = kindsAfter[previous];
  const names = nameItems(index, kinds);
  return kinds ? names : [...names, ...keywordWords.map((word): CompletionItem => ({ label: word, kind: CompletionItemKind.Keyword }))];
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
