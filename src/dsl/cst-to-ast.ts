import type { CstElement, IToken } from "chevrotain";
import { hint, makeDiagnostic, type Diagnostic } from "../diagnostics/diagnostic.js";
import { joinSpans, type Span } from "../diagnostics/span.js";
import { assertNever } from "../shared/assert-never.js";
import type * as A from "./ast.js";
import type * as C from "./cst-types.js";
import { normaliseNumber, unescapeString } from "./parse-number.js";
import { guidelineParser } from "./parser.js";

/**
 * Turns the concrete syntax tree of one file into the AST. Tolerant of trees rebuilt by error
 * recovery: a missing part becomes an absent optional field, never a crash.
 */
export function cstToAst(root: C.FileCstNode, file: string): { readonly ast: A.SourceFile; readonly diagnostics: readonly Diagnostic[] } {
  const reader = new SourceReader(file);
  const ast = new AstBuilder(reader).file(root.children);
  return { ast, diagnostics: reader.diagnostics };
}

/** The children of any CST node, read without their types: for spans only. */
type AnyChildren = Readonly<Record<string, readonly CstElement[] | undefined>>;

function isToken(element: CstElement): element is IToken {
  return "image" in element;
}

/** The tokens of a child list that are really written: tokens inserted by error recovery have no position and are dropped. */
function written(list: readonly IToken[] | undefined): IToken[] {
  return (list ?? []).filter((token) => !token.isInsertedInRecovery && !Number.isNaN(token.startOffset));
}

/** The first written token of a child list. */
function first(list: readonly IToken[] | undefined): IToken | undefined {
  return written(list)[0];
}

/** Builds from the first node of a child list, if there is one. */
function fromFirst<T, R>(nodes: readonly { readonly children: T }[] | undefined, build: (children: T) => R | undefined): R | undefined {
  const node = nodes?.[0];
  return node ? build(node.children) : undefined;
}

/** Builds from every node of a child list, leaving out those that give nothing. */
function fromEach<T, R>(nodes: readonly { readonly children: T }[] | undefined, build: (children: T) => R | undefined): R[] {
  return (nodes ?? []).flatMap((node) => {
    const built = build(node.children);
    return built === undefined ? [] : [built];
  });
}

/**
 * The one child a node made of alternatives holds (`declaration`, `comparator`). Typed by the
 * generated children type: the parser only ever names children after the grammar, and
 * `test/dsl/cst-types.test.ts` keeps that type equal to what the grammar generates.
 */
function alternative<T extends object>(children: T): keyof T | undefined {
  return Object.keys(children)[0] as keyof T | undefined;
}

/**
 * What the visitor needs besides the tree: the file name, spans (each node's extent found
 * once), the small AST leaves, and the diagnostics found while building.
 */
class SourceReader {
  readonly diagnostics: Diagnostic[] = [];
  /** The first and last tokens under each node's children, found once per node: spans are asked for at every level. */
  private readonly extents = new Map<AnyChildren, readonly [IToken, IToken] | null>();

  constructor(readonly file: string) {}

  span(firstToken: IToken, last: IToken = firstToken): Span {
    return {
      file: this.file,
      line: firstToken.startLine ?? 1,
      column: firstToken.startColumn ?? 1,
      offset: firstToken.startOffset,
      endLine: last.endLine ?? firstToken.startLine ?? 1,
      endColumn: last.endColumn ?? firstToken.startColumn ?? 1,
      endOffset: (last.endOffset ?? last.startOffset) + 1,
    };
  }

  /** The span of every token under a node, or undefined when recovery left it empty. */
  nodeSpan(children: AnyChildren | undefined): Span | undefined {
    const found = children && extent(children, this.extents);
    return found ? this.span(found[0], found[1]) : undefined;
  }

  name(t: IToken | undefined): A.Name | undefined {
    return t ? { text: t.image, span: this.span(t) } : undefined;
  }

  /** A name that may also be written as a text in double quotes (a drug in an example). */
  nameOrText(t: IToken | undefined): A.Name | undefined {
    if (!t) return undefined;
    return t.image.startsWith('"') ? { text: unescapeString(t.image), span: this.span(t) } : { text: t.image, span: this.span(t) };
  }

  text(t: IToken | undefined): A.Text | undefined {
    return t ? { value: unescapeString(t.image), span: this.span(t) } : undefined;
  }

  number(t: IToken | undefined): A.NumberValue | undefined {
    return t ? { decimal: normaliseNumber(t.image), written: t.image, span: this.span(t) } : undefined;
  }

  names(list: readonly IToken[] | undefined): A.Name[] {
    return written(list).map((t) => ({ text: t.image, span: this.span(t) }));
  }

  texts(list: readonly IToken[] | undefined): A.Text[] {
    return written(list).map((t) => ({ value: unescapeString(t.image), span: this.span(t) }));
  }

  /** Properties that a declaration may give once: a repeat is reported (GL2019), never silently dropped. */
  reportRepeated(owner: string, properties: readonly (readonly [list: readonly IToken[] | undefined, word: string])[]): void {
    for (const [list, word] of properties) {
      for (const extra of written(list).slice(1)) {
        this.diagnostics.push(makeDiagnostic("GL2019", this.span(extra), [word, `\`${owner}\``], hint("keepOne")));
      }
    }
  }

  /** Statement, quotes and citations of a rule or information item; a second statement is GL2019. */
  provenance(
    children: C.RuleCstChildren | C.InformationCstChildren,
    owner: string,
  ): { statement: A.Text | undefined; quotes: A.Text[]; citations: A.NumberValue[] } {
    const statements = written(children.statement);
    for (const extra of statements.slice(1)) this.diagnostics.push(makeDiagnostic("GL2019", this.span(extra), ["statement", owner]));
    return {
      statement: this.text(statements[0]),
      quotes: this.texts(children.quote),
      citations: written(children.citation).map((t) => ({ decimal: normaliseNumber(t.image), written: t.image, span: this.span(t) })),
    };
  }
}

/** The `SYSTEM "CODE"` pairs of a fact's `code` clauses, in the order written. */
function factCodes(at: SourceReader, children: C.FactCstChildren): A.FactCode[] {
  const systems = at.names(children.codeSystem);
  const codes = at.texts(children.codeValue);
  const pairs: A.FactCode[] = [];
  systems.forEach((system, index) => {
    const code = codes[index];
    if (code) pairs.push({ system, code, span: joinSpans(system.span, code.span) });
  });
  return pairs;
}

const BaseVisitor = guidelineParser.getBaseCstVisitorConstructor<never, unknown>();

/**
 * The CST visitor that builds the AST: one method per grammar rule, each reading its node
 * through the children type generated from the grammar (`cst-types.d.ts`), so a renamed rule or
 * label is a type error rather than data silently read as missing. Chevrotain's
 * `validateVisitor` checks at construction that no rule lacks its method; helpers live in
 * {@link SourceReader}, so the methods here are exactly the grammar's rules.
 */
export class AstBuilder extends BaseVisitor implements C.GuidelineCstVisitor<never, unknown> {
  constructor(private readonly at: SourceReader) {
    super();
    this.validateVisitor();
  }

  file(children: C.FileCstChildren): A.SourceFile {
    return { kind: "source-file", file: this.at.file, declarations: fromEach(children.declaration, (c) => this.declaration(c)) };
  }

  declaration(children: C.DeclarationCstChildren): A.Declaration | undefined {
    const kind = alternative(children);
    if (kind === undefined) return undefined;
    switch (kind) {
      case "header":
        return fromFirst(children.header, (c) => this.header(c));
      case "section":
        return fromFirst(children.section, (c) => this.section(c));
      case "fact":
        return fromFirst(children.fact, (c) => this.fact(c));
      case "threshold":
        return fromFirst(children.threshold, (c) => this.threshold(c));
      case "drugClass":
        return fromFirst(children.drugClass, (c) => this.drugClass(c));
      case "drug":
        return fromFirst(children.drug, (c) => this.drug(c));
      case "findingKind":
        return fromFirst(children.findingKind, (c) => this.findingKind(c));
      case "recommendation":
        return fromFirst(children.recommendation, (c) => this.recommendation(c));
      case "readiness":
        return fromFirst(children.readiness, (c) => this.readiness(c));
      case "verdict":
        return fromFirst(children.verdict, (c) => this.verdict(c));
      case "plan":
        return fromFirst(children.plan, (c) => this.plan(c));
      case "reference":
        return fromFirst(children.reference, (c) => this.reference(c));
      case "rule":
        return fromFirst(children.rule, (c) => this.rule(c));
      case "information":
        return fromFirst(children.information, (c) => this.information(c));
      case "uncovered":
        return fromFirst(children.uncovered, (c) => this.uncovered(c));
      case "example":
        return fromFirst(children.example, (c) => this.example(c));
      case "precedence":
        return fromFirst(children.precedence, (c) => this.precedence(c));
      case "accept":
        return fromFirst(children.accept, (c) => this.accept(c));
      default:
        return assertNever(kind);
    }
  }

  header(children: C.HeaderCstChildren): A.Header | undefined {
    const span = this.at.nodeSpan(children);
    if (!span) return undefined;
    this.at.reportRepeated(first(children.Identifier)?.image ?? "header", [
      [children.title, "title"],
      [children.edition, "edition"],
      [children.language, "language"],
      [children.source, "source"],
      [children.coverageFrom, "coverage"],
      [children.version, "version"],
    ]);
    const id = this.at.name(first(children.Identifier));
    if (!id) return undefined;
    const from = this.at.text(first(children.coverageFrom));
    const to = this.at.text(first(children.coverageTo));
    return {
      kind: "header",
      id,
      title: this.at.text(first(children.title)),
      edition: this.at.number(first(children.edition)),
      language: this.at.name(first(children.language)),
      source: this.at.text(first(children.source)),
      coverage: from && to ? { from, to, span: joinSpans(from.span, to.span) } : undefined,
      ignore: this.at.texts(children.ignore),
      version: this.at.text(first(children.version)),
      span,
    };
  }

  section(children: C.SectionCstChildren): A.SectionDeclaration | undefined {
    const span = this.at.nodeSpan(children);
    const name = this.at.name(first(children.Identifier));
    return span && name ? { kind: "section", name, title: this.at.text(first(children.StringLiteral)), span } : undefined;
  }

  fact(children: C.FactCstChildren): A.FactDeclaration | undefined {
    const span = this.at.nodeSpan(children);
    if (!span) return undefined;
    this.at.reportRepeated(first(children.Identifier)?.image ?? "fact", [
      [children.label, "label"],
      [children.description, "description"],
      [children.doseField, "dose"],
      [children.Kw_window, "window"],
    ]);
    const name = this.at.name(first(children.Identifier));
    if (!name) return undefined;
    const doseField = this.at.name(first(children.doseField));
    const doseUnit = children.doseUnit?.[0]?.children;
    const doseSpan = doseField ? joinSpans(doseField.span, this.at.nodeSpan(doseUnit) ?? doseField.span) : undefined;
    return {
      kind: "fact",
      name,
      type: fromFirst(children.factType, (c) => this.factType(c)),
      label: this.at.text(first(children.label)),
      description: this.at.text(first(children.description)),
      dose: doseField && doseSpan ? { field: doseField, unit: doseUnit && this.unit(doseUnit), span: doseSpan } : undefined,
      accepts: fromEach(children.accepts, (c) => this.unit(c)),
      codes: factCodes(this.at, children),
      window: fromFirst(children.window, (c) => this.quantity(c)),
      span,
    };
  }

  factType(children: C.FactTypeCstChildren): A.FactType | undefined {
    const span = this.at.nodeSpan(children);
    if (!span) return undefined;
    if (first(children.YesNo)) return { kind: "boolean", span };
    if (first(children.Kw_one)) return { kind: "enum", values: this.at.names(children.values), span };
    if (first(children.Kw_quantity)) {
      return {
        kind: "quantity",
        unit: fromFirst(children.unit, (c) => this.unit(c)),
        min: this.at.number(first(children.min)),
        max: this.at.number(first(children.max)),
        span,
      };
    }
    if (first(children.Kw_date)) return { kind: "date", span };
    if (first(children.Kw_medication)) return { kind: "medications", span };
    return undefined;
  }

  unit(children: C.UnitCstChildren): A.Name | undefined {
    return this.at.name(
      first(children.UnitTerm) ??
        first(children.PerUnit) ??
        first(children.Percent) ??
        first(children.AnnotationUnit) ??
        first(children.Identifier),
    );
  }

  quantity(children: C.QuantityCstChildren): A.QuantityLiteral | undefined {
    const value = this.at.number(first(children.NumberLiteral));
    const span = this.at.nodeSpan(children);
    if (!value || !span) return undefined;
    return { kind: "quantity", value, unit: fromFirst(children.unit, (c) => this.unit(c)), span };
  }

  threshold(children: C.ThresholdCstChildren): A.ThresholdDeclaration | undefined {
    const span = this.at.nodeSpan(children);
    if (!span) return undefined;
    this.at.reportRepeated(first(children.Identifier)?.image ?? "threshold", [[children.label, "label"]]);
    const name = this.at.name(first(children.Identifier));
    if (!name) return undefined;
    return {
      kind: "threshold",
      role: first(children.Kw_delay) ? "delay" : "threshold",
      name,
      value: fromFirst(children.quantity, (c) => this.quantity(c)),
      label: this.at.text(first(children.label)),
      span,
    };
  }

  drugClass(children: C.DrugClassCstChildren): A.ClassDeclaration | undefined {
    const span = this.at.nodeSpan(children);
    const name = this.at.name(first(children.Identifier));
    return span && name
      ? { kind: "class", name, label: this.at.text(first(children.label)), atc: this.at.names(children.atc), span }
      : undefined;
  }

  drug(children: C.DrugCstChildren): A.DrugDeclaration | undefined {
    const span = this.at.nodeSpan(children);
    if (!span) return undefined;
    this.at.reportRepeated(first(children.Identifier)?.image ?? "drug", [
      [children.Kw_atc, "atc"],
      [children.Kw_rxnorm, "rxnorm"],
      [children.drugClass, "class"],
      [children.label, "label"],
      [children.Kw_alias, "alias"],
      [children.Kw_named, "not named by source"],
    ]);
    const name = this.at.name(first(children.Identifier));
    if (!name) return undefined;
    // `not named by source` is underlined from its `not` to its `source`.
    const named = first(children.Kw_named);
    const not = named && written(children.Kw_not).find((t) => t.startOffset < named.startOffset);
    const source = named && written(children.Kw_source).find((t) => t.startOffset > named.startOffset);
    return {
      kind: "drug",
      name,
      atc: this.at.names(children.atc),
      rxnorm: this.at.names(children.rxnorm),
      drugClass: this.at.name(first(children.drugClass)),
      label: this.at.text(first(children.label)),
      aliases: this.at.texts(children.alias),
      notNamedBySource: named ? { span: this.at.span(not ?? named, source ?? named) } : undefined,
      span,
    };
  }

  findingKind(children: C.FindingKindCstChildren): A.FindingKindDeclaration | undefined {
    const span = this.at.nodeSpan(children);
    const name = this.at.name(first(children.Identifier));
    return span && name ? { kind: "finding-kind", name, label: this.at.text(first(children.label)), span } : undefined;
  }

  recommendation(children: C.RecommendationCstChildren): A.RecommendationDeclaration | undefined {
    const span = this.at.nodeSpan(children);
    const name = this.at.name(first(children.Identifier));
    if (!span || !name) return undefined;
    return {
      kind: "recommendation",
      name,
      label: this.at.text(first(children.label)),
      forProcedure: first(children.forProcedure) !== undefined,
      span,
    };
  }

  readiness(children: C.ReadinessCstChildren): A.ReadinessDeclaration | undefined {
    const span = this.at.nodeSpan(children);
    if (!span) return undefined;
    this.at.reportRepeated("readiness", [
      [children.question, "question"],
      [children.ready, "ready"],
      [children.notReady, "not ready"],
      [children.undecided, "undecided"],
    ]);
    return {
      kind: "readiness",
      question: this.at.text(first(children.question)),
      ready: this.at.text(first(children.ready)),
      notReady: this.at.text(first(children.notReady)),
      undecided: this.at.text(first(children.undecided)),
      span,
    };
  }

  verdict(children: C.VerdictCstChildren): A.VerdictDeclaration | undefined {
    const span = this.at.nodeSpan(children);
    if (!span) return undefined;
    return {
      kind: "verdict",
      question: this.at.text(first(children.question)),
      outcomes: fromEach(children.outcome, (c) => this.outcome(c)),
      otherwise: fromFirst(children.otherwiseOutcome, (c) => this.otherwiseOutcome(c)),
      undecided: this.at.text(first(children.undecided)),
      span,
    };
  }

  outcome(children: C.OutcomeCstChildren): A.VerdictOutcome | undefined {
    const code = this.at.name(first(children.Identifier));
    const span = this.at.nodeSpan(children);
    if (!code || !span) return undefined;
    return {
      code,
      label: this.at.text(first(children.label)),
      when: fromFirst(children.condition, (c) => this.condition(c)),
      noProcedure: first(children.noProcedure) !== undefined,
      span,
    };
  }

  otherwiseOutcome(children: C.OtherwiseOutcomeCstChildren): A.VerdictDeclaration["otherwise"] {
    const code = this.at.name(first(children.Identifier));
    const span = this.at.nodeSpan(children);
    if (!code || !span) return undefined;
    return { code, label: this.at.text(first(children.label)), noProcedure: first(children.noProcedure) !== undefined, span };
  }

  plan(children: C.PlanCstChildren): A.PlanDeclaration | undefined {
    const span = this.at.nodeSpan(children);
    if (!span) return undefined;
    this.at.reportRepeated(first(children.Identifier)?.image ?? "plan", [
      [children.scope, "scope"],
      [children.otherwise, "otherwise"],
      [children.reminder, "reminder"],
      [children.date, "date"],
      [children.title, "title"],
    ]);
    const list = this.at.name(first(children.Identifier));
    if (!list) return undefined;
    // The `wording KEY "…"` lines, in source order: the n-th key goes with the n-th text.
    const texts = written(children.wordingText);
    const wordings = (children.wordingKey ?? []).flatMap((keyNode, index): A.PlanWording[] => {
      const key = this.wordingKey(keyNode.children);
      if (!key) return [];
      const text = this.at.text(texts[index]);
      return [{ key, ...(text ? { text } : {}), span: text ? joinSpans(key.span, text.span) : key.span }];
    });
    return {
      kind: "plan",
      list,
      scope: this.at.name(first(children.scope)),
      otherwise: this.at.name(first(children.otherwise)),
      reminder: this.at.text(first(children.reminder)),
      date: this.at.name(first(children.date)),
      title: this.at.text(first(children.title)),
      wordings,
      span,
    };
  }

  wordingKey(children: C.WordingKeyCstChildren): A.Name | undefined {
    return this.at.name(first(children.key));
  }

  reference(children: C.ReferenceCstChildren): A.ReferenceDeclaration | undefined {
    const span = this.at.nodeSpan(children);
    const number = this.at.number(first(children.NumberLiteral));
    return span && number ? { kind: "reference", number, text: this.at.text(first(children.StringLiteral)), span } : undefined;
  }

  rule(children: C.RuleCstChildren): A.RuleDeclaration | undefined {
    const span = this.at.nodeSpan(children);
    const id = this.at.name(first(children.Identifier));
    if (!span || !id) return undefined;
    const conditions = children.condition ?? [];
    const effects = children.effect ?? [];
    for (const [list, key] of [
      [conditions, "when"],
      [effects, "then"],
    ] as const) {
      for (const extra of list.slice(1)) {
        const extraSpan = this.at.nodeSpan(extra.children);
        if (extraSpan)
          this.at.diagnostics.push(
            makeDiagnostic("GL2019", extraSpan, [key, `rule \`${id.text}\``], hint(key === "when" ? "joinConditions" : "oneEffect")),
          );
      }
    }
    return {
      kind: "rule",
      id,
      ...this.at.provenance(children, `rule \`${id.text}\``),
      when: fromFirst(conditions, (c) => this.condition(c)),
      then: fromFirst(effects, (c) => this.effect(c)),
      span,
    };
  }

  information(children: C.InformationCstChildren): A.InformationDeclaration | undefined {
    const span = this.at.nodeSpan(children);
    const id = this.at.name(first(children.Identifier));
    if (!span || !id) return undefined;
    return { kind: "information", id, ...this.at.provenance(children, `information \`${id.text}\``), span };
  }

  uncovered(children: C.UncoveredCstChildren): A.UncoveredDeclaration | undefined {
    const span = this.at.nodeSpan(children);
    return span
      ? { kind: "uncovered", text: this.at.text(first(children.text)), reason: this.at.text(first(children.reason)), span }
      : undefined;
  }

  precedence(children: C.PrecedenceCstChildren): A.PrecedenceDeclaration | undefined {
    const span = this.at.nodeSpan(children);
    const winner = this.at.name(first(children.winner));
    const loser = this.at.name(first(children.loser));
    return span && winner && loser ? { kind: "precedence", winner, loser, reason: this.at.text(first(children.reason)), span } : undefined;
  }

  accept(children: C.AcceptCstChildren): A.AcceptDeclaration | undefined {
    const span = this.at.nodeSpan(children);
    const code = this.at.name(first(children.code));
    const subject = this.at.name(first(children.subject));
    return span && code && subject ? { kind: "accept", code, subject, reason: this.at.text(first(children.reason)), span } : undefined;
  }

  example(children: C.ExampleCstChildren): A.ExampleDeclaration | undefined {
    const span = this.at.nodeSpan(children);
    const id = this.at.name(first(children.Identifier));
    if (!span || !id) return undefined;
    return {
      kind: "example",
      id,
      title: this.at.text(first(children.title)),
      base: this.at.name(first(children.base)),
      givens: fromEach(children.given, (c) => this.given(c)),
      expectations: fromEach(children.expectation, (c) => this.expectation(c)),
      span,
    };
  }

  given(children: C.GivenCstChildren): A.Given | undefined {
    const fact = this.at.name(first(children.fact));
    const span = this.at.nodeSpan(children);
    if (!fact || !span) return undefined;
    // The value after `=`: a medication list, a quantity, a text or a word.
    const value = ((): A.GivenValue | undefined => {
      if (first(children.LeftParen))
        return { kind: "medications", items: fromEach(children.medicationItem, (c) => this.medicationItem(c)), span };
      const quantity = fromFirst(children.quantity, (c) => this.quantity(c));
      if (quantity) return { kind: "quantity", quantity, span: quantity.span };
      const text = this.at.text(first(children.text));
      if (text) return { kind: "text", text, span: text.span };
      const word = this.at.name(first(children.word));
      return word ? { kind: "word", word, span: word.span } : undefined;
    })();
    return { fact, value, span };
  }

  medicationItem(children: C.MedicationItemCstChildren): A.MedicationItem | undefined {
    const name = this.at.nameOrText(first(children.name));
    const span = this.at.nodeSpan(children);
    if (!name || !span) return undefined;
    return { name, dose: fromFirst(children.dose, (c) => this.quantity(c)), atc: this.at.name(first(children.atc)), span };
  }

  expectation(children: C.ExpectationCstChildren): A.Expectation | undefined {
    const span = this.at.nodeSpan(children);
    if (!span) return undefined;
    const negated = first(children.negated) !== undefined;
    const nameOf = (list: readonly IToken[] | undefined) => this.at.nameOrText(first(list));
    if (first(children.Kw_verdict)) {
      const code = nameOf(children.code);
      return code ? { kind: "verdict", code, negated, span } : undefined;
    }
    if (first(children.Kw_precondition)) {
      const rule = nameOf(children.rule);
      return rule ? { kind: "precondition", rule, status: nameOf(children.status), negated, span } : undefined;
    }
    if (first(children.Kw_plan)) {
      const drug = nameOf(children.drug);
      if (!drug) return undefined;
      const delay = fromFirst(children.delay, (c) => this.operand(c));
      return {
        kind: "plan",
        drug,
        action: nameOf(children.action),
        delay,
        date: this.at.text(first(children.date)),
        reason: nameOf(children.reason),
        negated,
        span,
      };
    }
    if (first(children.Kw_recommendation)) {
      const code = nameOf(children.code);
      return code ? { kind: "recommendation", code, negated, span } : undefined;
    }
    if (first(children.Kw_finding)) {
      const rule = nameOf(children.rule);
      return rule ? { kind: "finding", rule, negated, span } : undefined;
    }
    if (first(children.Kw_refused)) {
      const refused = nameOf(children.refusedFact);
      return refused ? { kind: "refused", fact: refused, negated, span } : undefined;
    }
    if (first(children.Kw_readiness)) {
      const status = nameOf(children.readinessStatus);
      return status ? { kind: "readiness", status, negated, span } : undefined;
    }
    const fact = nameOf(children.fact);
    return fact ? { kind: "missing", fact, negated, span } : undefined;
  }

  effect(children: C.EffectCstChildren): A.Effect | undefined {
    const span = this.at.nodeSpan(children);
    if (!span) return undefined;
    if (first(children.Kw_finding)) {
      const findingKind = this.at.name(first(children.findingKind));
      return findingKind ? { kind: "finding", findingKind, span } : undefined;
    }
    if (first(children.Kw_precondition)) return { kind: "precondition", label: this.at.text(first(children.label)), span };
    if (first(children.Kw_recommend)) {
      const code = this.at.name(first(children.code));
      const strengthWord = first(children.strength)?.image;
      const strength = strengths.find((word) => word === strengthWord);
      return code ? { kind: "recommend", code, ...(strength ? { strength } : {}), span } : undefined;
    }
    const actions = [
      ["stop", children.Kw_stop],
      ["bridge", children.Kw_bridge],
      ["continue", children.Kw_continue],
      ["refer", children.Kw_refer],
    ] as const;
    const action = actions.find(([, list]) => first(list) !== undefined)?.[0];
    const target = fromFirst(children.target, (c) => this.target(c));
    if (!action || !target) return undefined;
    return { kind: "medication", action, target, delay: fromFirst(children.delay, (c) => this.operand(c)), span };
  }

  target(children: C.TargetCstChildren): A.DrugTarget | undefined {
    const name = this.at.name(first(children.Identifier));
    const span = this.at.nodeSpan(children);
    if (!name || !span) return undefined;
    return { kind: first(children.Kw_class) ? "class" : "drug", name, span };
  }

  condition(children: C.ConditionCstChildren): A.Condition | undefined {
    const span = this.at.nodeSpan(children);
    if (!span) return undefined;
    const operands = fromEach(children.unary, (c) => this.unary(c));
    const connectives = written(children.connective);
    if (operands.length === 1 && connectives.length === 0) return operands[0];
    if (operands.length === 0) return undefined;
    const kinds = new Set(connectives.map((t) => t.image));
    if (kinds.size > 1) {
      this.at.diagnostics.push(makeDiagnostic("GL1004", span, []));
    }
    return { kind: kinds.has("or") && !kinds.has("and") ? "or" : "and", operands, span };
  }

  unary(children: C.UnaryCstChildren): A.Condition | undefined {
    const span = this.at.nodeSpan(children);
    if (!span) return undefined;
    if (first(children.Kw_not)) {
      const operand = fromFirst(children.unary, (c) => this.unary(c));
      return operand ? { kind: "not", operand, span } : undefined;
    }
    return fromFirst(children.primary, (c) => this.primary(c));
  }

  primary(children: C.PrimaryCstChildren): A.Condition | undefined {
    const span = this.at.nodeSpan(children);
    if (!span) return undefined;
    if (first(children.LeftParen)) return fromFirst(children.condition, (c) => this.condition(c));
    if (first(children.Kw_always)) return { kind: "always", span };
    if (first(children.Kw_taking)) {
      const target = fromFirst(children.target, (c) => this.target(c));
      return target ? { kind: "taking", target, span } : undefined;
    }
    if (first(children.Kw_finding)) {
      const findingKind = this.at.name(first(children.findingKind));
      return findingKind ? { kind: "finding", findingKind, span } : undefined;
    }
    return fromFirst(children.test, (c) => this.test(c));
  }

  test(children: C.TestCstChildren): A.Condition | undefined {
    const span = this.at.nodeSpan(children);
    const left = fromFirst(children.left, (c) => this.operand(c));
    if (!span || !left) return undefined;
    const comparator = children.comparator?.[0];
    if (comparator) {
      const right = fromFirst(children.right, (c) => this.operand(c));
      const operator = this.comparator(comparator.children);
      if (!right || !operator) return undefined;
      return { kind: "compare", operator, left, right, span };
    }
    const values = this.at.names(children.values);
    if (first(children.Kw_is) || first(children.Kw_in)) {
      if (left.kind !== "name") {
        this.at.diagnostics.push(makeDiagnostic("GL2080", left.span, [describeOperand(left)]));
        return undefined;
      }
      return { kind: "member", fact: left.name, values, span };
    }
    if (left.kind !== "name") {
      this.at.diagnostics.push(makeDiagnostic("GL2081", left.span, [describeOperand(left)]));
      return undefined;
    }
    return { kind: "flag", fact: left.name, span };
  }

  comparator(children: C.ComparatorCstChildren): A.ComparisonOperator | undefined {
    const operator = alternative(children);
    if (operator === undefined) return undefined;
    switch (operator) {
      case "GreaterEqual":
        return ">=";
      case "LessEqual":
        return "<=";
      case "Greater":
        return ">";
      case "Less":
        return "<";
      case "Equals":
        return "=";
      case "NotEqual":
        return "!=";
      default:
        return assertNever(operator);
    }
  }

  operand(children: C.OperandCstChildren): A.Operand | undefined {
    const span = this.at.nodeSpan(children);
    if (!span) return undefined;
    if (first(children.Kw_dose)) {
      const drug = this.at.name(first(children.drug));
      return drug ? { kind: "dose", drug, span } : undefined;
    }
    const name = this.at.name(first(children.name));
    if (name) return { kind: "name", name, span };
    return fromFirst(children.quantity, (c) => this.quantity(c));
  }
}

/** The words of `recommend CODE must|should|may`. */
const strengths: readonly A.Strength[] = ["must", "should", "may"];

function describeOperand(operand: A.Operand): string {
  return operand.kind === "dose" ? "a dose" : operand.kind === "quantity" ? "a number" : `\`${operand.name.text}\``;
}

/**
 * The first and last tokens under a node's children (tokens rebuilt by recovery left out), or null.
 * Each node is visited once however often it is asked about, so building the spans of a
 * condition takes time linear in its size; the recursion is as deep as the tree, which the
 * parser's nesting limit bounds.
 */
function extent(children: AnyChildren, extents: Map<AnyChildren, readonly [IToken, IToken] | null>): readonly [IToken, IToken] | null {
  const known = extents.get(children);
  if (known !== undefined) return known;
  let firstToken: IToken | undefined;
  let last: IToken | undefined;
  const consider = (from: IToken, to: IToken) => {
    if (!firstToken || from.startOffset < firstToken.startOffset) firstToken = from;
    if (!last || to.startOffset > last.startOffset) last = to;
  };
  for (const list of Object.values(children)) {
    for (const child of list ?? []) {
      if (!isToken(child)) {
        const inner = extent(child.children, extents);
        if (inner) consider(inner[0], inner[1]);
      } else if (!child.isInsertedInRecovery && !Number.isNaN(child.startOffset)) consider(child, child);
    }
  }
  const found = firstToken && last ? ([firstToken, last] as const) : null;
  extents.set(children, found);
  return found;
}
