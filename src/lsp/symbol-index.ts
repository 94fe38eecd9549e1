import type * as A from "../dsl/ast.js";
import type { Span } from "../diagnostics/span.js";
import { assertNever } from "../shared/assert-never.js";

/** The kinds of names an editor can jump to, find and (for facts and thresholds) rename. */
export type SymbolKind = "fact" | "threshold" | "drug" | "class" | "finding" | "recommendation" | "rule" | "section" | "example";

/** One place a name is written: where it is declared, or where it is used. */
export interface Occurrence {
  readonly kind: SymbolKind;
  readonly name: string;
  readonly span: Span;
  readonly declaration: boolean;
  /** The rule, information or example the use is written in, when it is in one. */
  readonly container?: string;
}

/** The declarations that declare a name an editor navigates to. */
export type NamedDeclaration =
  | A.FactDeclaration
  | A.ThresholdDeclaration
  | A.DrugDeclaration
  | A.ClassDeclaration
  | A.FindingKindDeclaration
  | A.RecommendationDeclaration
  | A.RuleDeclaration
  | A.InformationDeclaration
  | A.SectionDeclaration
  | A.ExampleDeclaration;

/** Every declaration and every use of a name in the files of one edition, with the declarations by kind and name. */
export interface SymbolIndex {
  readonly occurrences: readonly Occurrence[];
  /** The first declaration of each name, by `kind:name`. */
  readonly declarations: ReadonlyMap<string, NamedDeclaration>;
}

/** The key of a declared name in {@link SymbolIndex.declarations}. */
export function symbolKey(kind: SymbolKind, name: string): string {
  return `${kind}:${name}`;
}

/** Kinds a bare name can be, in the order they are tried when the place allows several (a comparison operand, an `accept` subject). */
const operandKinds: readonly SymbolKind[] = ["threshold", "fact"];
const subjectKinds: readonly SymbolKind[] = ["rule", "fact", "threshold", "drug", "class", "finding", "recommendation"];

/**
 * Indexes the parsed files of an edition: every name declared and every name used, with its kind,
 * read from the AST (so it works on files with errors too: recovered nodes may lack parts). A name
 * whose kind depends on what is declared (`labs.count > seuil.count`: a fact or a threshold) is
 * given the kind it is declared with; a use of a name declared nowhere (a misspelling, a brand name
 * in an example's medication list) is left out.
 */
export function indexSymbols(files: readonly A.SourceFile[]): SymbolIndex {
  const declarations = new Map<string, NamedDeclaration>();
  const declared: Occurrence[] = [];
  for (const file of files) {
    for (const d of file.declarations) {
      const own = declaredName(d);
      if (!own) continue;
      declared.push({ kind: own.kind, name: own.name.text, span: own.name.span, declaration: true });
      const key = symbolKey(own.kind, own.name.text);
      if (!declarations.has(key)) declarations.set(key, own.declaration);
    }
  }
  const uses: Occurrence[] = [];
  const use = (kinds: SymbolKind | readonly SymbolKind[], written: A.Name | undefined, container?: string): void => {
    if (!written) return;
    const name = declaredPart(written);
    const kind = (typeof kinds === "string" ? [kinds] : kinds).find((k) => declarations.has(symbolKey(k, name.text)));
    if (kind) uses.push({ kind, name: name.text, span: name.span, declaration: false, ...(container ? { container } : {}) });
  };
  for (const file of files) for (const d of file.declarations) usesIn(d, use);
  return { occurrences: [...declared, ...uses], declarations };
}

/**
 * The part of a name as written that names a declaration: `medications[0].dailyDoseMg` (a field
 * of one item of a medication list, in an example) uses the fact `medications`.
 */
function declaredPart(name: A.Name): A.Name {
  const cut = name.text.indexOf("[");
  if (cut <= 0) return name;
  return {
    text: name.text.slice(0, cut),
    span: { ...name.span, endLine: name.span.line, endColumn: name.span.column + cut - 1, endOffset: name.span.offset + cut },
  };
}

type Use = (kinds: SymbolKind | readonly SymbolKind[], name: A.Name | undefined, container?: string) => void;

/** The name a declaration declares, and its kind; undefined for a declaration that declares none an editor navigates to. */
function declaredName(
  d: A.Declaration,
): { readonly kind: SymbolKind; readonly name: A.Name; readonly declaration: NamedDeclaration } | undefined {
  switch (d.kind) {
    case "fact":
    case "threshold":
    case "drug":
    case "class":
    case "section":
    case "recommendation":
      return { kind: d.kind, name: d.name, declaration: d };
    case "finding-kind":
      return { kind: "finding", name: d.name, declaration: d };
    case "rule":
    case "information":
      return { kind: "rule", name: d.id, declaration: d };
    case "example":
      return { kind: "example", name: d.id, declaration: d };
    case "header":
    case "verdict":
    case "plan":
    case "reference":
    case "uncovered":
    case "precedence":
    case "accept":
    case "readiness":
      return undefined;
    default:
      return assertNever(d);
  }
}

/** Reports every name a declaration uses (not the one it declares). */
function usesIn(d: A.Declaration, use: Use): void {
  switch (d.kind) {
    case "drug":
      use("class", d.drugClass);
      return;
    case "verdict":
      for (const outcome of [...d.outcomes, ...(d.otherwise ? [d.otherwise] : [])]) if (outcome.when) conditionUses(outcome.when, use);
      return;
    case "plan":
      use("fact", d.list);
      use("fact", d.date);
      return;
    case "rule":
      if (d.when) conditionUses(d.when, use, d.id.text);
      if (d.then) effectUses(d.then, use, d.id.text);
      return;
    case "precedence":
      use("rule", d.winner);
      use("rule", d.loser);
      return;
    case "accept":
      use(subjectKinds, d.subject);
      return;
    case "example":
      exampleUses(d, use);
      return;
    case "header":
    case "fact":
    case "threshold":
    case "class":
    case "finding-kind":
    case "recommendation":
    case "reference":
    case "section":
    case "information":
    case "uncovered":
    case "readiness":
      return;
    default:
      assertNever(d);
  }
}

function exampleUses(d: A.ExampleDeclaration, use: Use): void {
  const container = d.id.text;
  use("example", d.base, container);
  for (const given of d.givens) {
    use("fact", given.fact, container);
    if (given.value?.kind === "medications") for (const item of given.value.items) use("drug", item.name, container);
  }
  for (const e of d.expectations) {
    switch (e.kind) {
      case "precondition":
      case "finding":
        use("rule", e.rule, container);
        break;
      case "plan":
        use("drug", e.drug, container);
        if (e.delay) operandUses(e.delay, use, container);
        break;
      case "recommendation":
        use("recommendation", e.code, container);
        break;
      case "missing":
      case "refused":
        use("fact", e.fact, container);
        break;
      case "verdict":
      case "readiness":
        break;
      default:
        assertNever(e);
    }
  }
}

function effectUses(effect: A.Effect, use: Use, container: string): void {
  switch (effect.kind) {
    case "finding":
      use("finding", effect.findingKind, container);
      return;
    case "recommend":
      use("recommendation", effect.code, container);
      return;
    case "medication":
      use(effect.target.kind, effect.target.name, container);
      if (effect.delay) operandUses(effect.delay, use, container);
      return;
    case "precondition":
      return;
    default:
      assertNever(effect);
  }
}

function operandUses(operand: A.Operand, use: Use, container?: string): void {
  switch (operand.kind) {
    case "name":
      use(operandKinds, operand.name, container);
      return;
    case "dose":
      use("drug", operand.drug, container);
      return;
    case "quantity":
      return;
    default:
      assertNever(operand);
  }
}

/** The names a condition uses. Iterative, so a deeply nested condition (up to the parser's limit) cannot overflow the stack. */
function conditionUses(root: A.Condition, use: Use, container?: string): void {
  const pending: A.Condition[] = [root];
  for (let c = pending.pop(); c; c = pending.pop()) {
    switch (c.kind) {
      case "and":
      case "or":
        pending.push(...c.operands);
        break;
      case "not":
        pending.push(c.operand);
        break;
      case "compare":
        operandUses(c.left, use, container);
        operandUses(c.right, use, container);
        break;
      case "member":
      case "flag":
        use("fact", c.fact, container);
        break;
      case "taking":
        use(c.target.kind, c.target.name, container);
        break;
      case "finding":
        use("finding", c.findingKind, container);
        break;
      case "always":
        break;
      default:
        assertNever(c);
    }
  }
}

/** The occurrence whose name covers `offset` in `file`, if any. */
export function occurrenceAt(index: SymbolIndex, file: string, offset: number): Occurrence | undefined {
  return index.occurrences.find((o) => o.span.file === file && o.span.offset <= offset && offset <= o.span.endOffset);
}

/** Every occurrence (declarations and uses) of the name `name` of kind `kind`, in source order. */
export function occurrencesOf(index: SymbolIndex, kind: SymbolKind, name: string): Occurrence[] {
  return index.occurrences
    .filter((o) => o.kind === kind && o.name === name)
    .sort((a, b) => (a.span.file < b.span.file ? -1 : a.span.file > b.span.file ? 1 : a.span.offset - b.span.offset));
}
