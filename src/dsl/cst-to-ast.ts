import type { CstElement, CstNode, IToken } from "chevrotain";
import { makeDiagnostic, type Diagnostic } from "../diagnostics/diagnostic.js";
import { joinSpans, type Span } from "../diagnostics/span.js";
import type * as A from "./ast.js";
import { normaliseNumber, unescapeString } from "./parse-number.js";

/**
 * Turns the concrete syntax tree of one file into the AST. Tolerant of trees rebuilt by error
 * recovery: a missing part becomes an absent optional field, never a crash.
 */
export function cstToAst(root: CstNode, file: string): { readonly ast: A.SourceFile; readonly diagnostics: readonly Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const builder = new AstBuilder(file, diagnostics);
  const declarations = nodes(root, "declaration").flatMap((node) => {
    const declaration = builder.declaration(node);
    return declaration ? [declaration] : [];
  });
  return { ast: { kind: "source-file", file, declarations }, diagnostics };
}

function isToken(element: CstElement): element is IToken {
  return (element as IToken).image !== undefined;
}

function tokens(node: CstNode | undefined, key: string): IToken[] {
  const children = node?.children[key] ?? [];
  // Tokens inserted by error recovery have no real position; they are dropped.
  return children.filter(isToken).filter((token) => !token.isInsertedInRecovery && !Number.isNaN(token.startOffset));
}

function token(node: CstNode | undefined, key: string): IToken | undefined {
  return tokens(node, key)[0];
}

function nodes(node: CstNode | undefined, key: string): CstNode[] {
  const children = node?.children[key] ?? [];
  return children.filter((child): child is CstNode => !isToken(child));
}

function firstNode(node: CstNode | undefined, key: string): CstNode | undefined {
  return nodes(node, key)[0];
}

class AstBuilder {
  /** The first and last tokens under each CST node, found once per node: spans are asked for at every level. */
  private readonly extents = new Map<CstNode, readonly [IToken, IToken] | null>();

  constructor(
    private readonly file: string,
    private readonly diagnostics: Diagnostic[],
  ) {}

  span(first: IToken, last: IToken = first): Span {
    return {
      file: this.file,
      line: first.startLine ?? 1,
      column: first.startColumn ?? 1,
      offset: first.startOffset,
      endLine: last.endLine ?? first.startLine ?? 1,
      endColumn: last.endColumn ?? first.startColumn ?? 1,
      endOffset: (last.endOffset ?? last.startOffset) + 1,
    };
  }

  /** The span of every token under a CST node, or undefined when recovery left it empty. */
  nodeSpan(node: CstNode | undefined): Span | undefined {
    const found = node && extent(node, this.extents);
    return found ? this.span(found[0], found[1]) : undefined;
  }

  name(t: IToken | undefined): A.Name | undefined {
    return t ? { text: t.image, span: this.span(t) } : undefined;
  }

  text(t: IToken | undefined): A.Text | undefined {
    return t ? { value: unescapeString(t.image), span: this.span(t) } : undefined;
  }

  number(t: IToken | undefined): A.NumberValue | undefined {
    return t ? { decimal: normaliseNumber(t.image), written: t.image, span: this.span(t) } : undefined;
  }

  declaration(node: CstNode): A.Declaration | undefined {
    const [key, child] = Object.entries(node.children)[0] ?? [];
    const inner = child?.[0];
    if (!key || !inner || isToken(inner)) return undefined;
    const span = this.nodeSpan(inner);
    if (!span) return undefined;
    this.reportRepeated(key, inner);
    switch (key) {
      case "header": return this.header(inner, span);
      case "section": return this.section(inner, span);
      case "fact": return this.fact(inner, span);
      case "threshold": return this.threshold(inner, span);
      case "drugClass": return this.withName(inner, span, (name) => ({ kind: "class", name, label: this.text(token(inner, "label")), span }));
      case "drug": return this.drug(inner, span);
      case "findingKind": return this.withName(inner, span, (name) => ({ kind: "finding-kind", name, label: this.text(token(inner, "label")), span }));
      case "recommendation": return this.withName(inner, span, (name) => ({ kind: "recommendation", name, label: this.text(token(inner, "label")), forProcedure: token(inner, "forProcedure") !== undefined, span }));
      case "readiness": return {
        kind: "readiness",
        question: this.text(token(inner, "question")),
        ready: this.text(token(inner, "ready")),
        notReady: this.text(token(inner, "notReady")),
        undecided: this.text(token(inner, "undecided")),
        span,
      };
      case "verdict": return this.verdict(inner, span);
      case "plan": return this.withName(inner, span, (list) => ({
        kind: "plan",
        list,
        scope: this.name(token(inner, "scope")),
        otherwise: this.name(token(inner, "otherwise")),
        reminder: this.text(token(inner, "reminder")),
        date: this.name(token(inner, "date")),
        title: this.text(token(inner, "title")),
        wordings: this.wordings(inner),
        span,
      }));
      case "reference": {
        const number = this.number(token(inner, "NumberLiteral"));
        return number ? { kind: "reference", number, text: this.text(token(inner, "StringLiteral")), span } : undefined;
      }
      case "rule": return this.rule(inner, span);
      case "information": return this.information(inner, span);
      case "uncovered": return { kind: "uncovered", text: this.text(token(inner, "text")), reason: this.text(token(inner, "reason")), span };
      case "example": return this.example(inner, span);
      case "precedence": {
        const winner = this.name(token(inner, "winner"));
        const loser = this.name(token(inner, "loser"));
        return winner && loser ? { kind: "precedence", winner, loser, reason: this.text(token(inner, "reason")), span } : undefined;
      }
      case "accept": {
        const code = this.name(token(inner, "code"));
        const subject = this.name(token(inner, "subject"));
        return code && subject ? { kind: "accept", code, subject, reason: this.text(token(inner, "reason")), span } : undefined;
      }
      default: return undefined;
    }
  }

  /** Properties that a declaration may give once; a repeat is reported (GL2019), never silently dropped. */
  reportRepeated(kind: string, node: CstNode): void {
    const once: Record<string, readonly [key: string, word: string][]> = {
      header: [["title", "title"], ["edition", "edition"], ["language", "language"], ["source", "source"], ["coverageFrom", "coverage"], ["version", "version"]],
      readiness: [["question", "question"], ["ready", "ready"], ["notReady", "not ready"], ["undecided", "undecided"]],
      fact: [["label", "label"], ["description", "description"], ["doseField", "dose"]],
      threshold: [["label", "label"]],
      drug: [["Kw_atc", "atc"], ["drugClass", "class"], ["label", "label"], ["Kw_alias", "alias"], ["Kw_named", "not named by source"]],
      plan: [["scope", "scope"], ["otherwise", "otherwise"], ["reminder", "reminder"], ["date", "date"], ["title", "title"]],
    };
    const owner = token(node, "Identifier")?.image ?? kind;
    for (const [key, word] of once[kind] ?? []) {
      for (const extra of tokens(node, key).slice(1)) {
        this.diagnostics.push(makeDiagnostic("GL2019", this.span(extra), [word, `\`${owner}\``], "keep one and remove the other"));
      }
    }
  }

  withName<D extends A.Declaration>(node: CstNode, _span: Span, make: (name: A.Name) => D): D | undefined {
    const name = this.name(token(node, "Identifier"));
    return name ? make(name) : undefined;
  }

  header(node: CstNode, span: Span): A.Header | undefined {
    const id = this.name(token(node, "Identifier"));
    if (!id) return undefined;
    return {
      kind: "header",
      id,
      title: this.text(token(node, "title")),
      edition: this.number(token(node, "edition")),
      language: this.name(token(node, "language")),
      source: this.text(token(node, "source")),
      coverage: this.coverage(node),
      ignore: tokens(node, "ignore").map((t) => ({ value: unescapeString(t.image), span: this.span(t) })),
      version: this.text(token(node, "version")),
      span,
    };
  }

  coverage(node: CstNode): A.Header["coverage"] {
    const from = this.text(token(node, "coverageFrom"));
    const to = this.text(token(node, "coverageTo"));
    return from && to ? { from, to, span: joinSpans(from.span, to.span) } : undefined;
  }

  /** Statement, quotes and citations of a rule or information item; a second statement is GL2019. */
  provenance(node: CstNode, owner: string): { statement: A.Text | undefined; quotes: A.Text[]; citations: A.NumberValue[] } {
    const statements = tokens(node, "statement");
    for (const extra of statements.slice(1)) this.diagnostics.push(makeDiagnostic("GL2019", this.span(extra), ["statement", owner]));
    return {
      statement: this.text(statements[0]),
      quotes: tokens(node, "quote").map((t) => ({ value: unescapeString(t.image), span: this.span(t) })),
      citations: tokens(node, "citation").map((t) => ({ decimal: normaliseNumber(t.image), written: t.image, span: this.span(t) })),
    };
  }

  information(node: CstNode, span: Span): A.InformationDeclaration | undefined {
    const id = this.name(token(node, "Identifier"));
    if (!id) return undefined;
    return { kind: "information", id, ...this.provenance(node, `information \`${id.text}\``), span };
  }

  example(node: CstNode, span: Span): A.ExampleDeclaration | undefined {
    const id = this.name(token(node, "Identifier"));
    if (!id) return undefined;
    const givens = nodes(node, "given").flatMap((g): A.Given[] => {
      const fact = this.name(token(g, "fact"));
      const givenSpan = this.nodeSpan(g);
      return fact && givenSpan ? [{ fact, value: this.givenValue(g), span: givenSpan }] : [];
    });
    const expectations = nodes(node, "expectation").flatMap((e) => {
      const expectation = this.expectation(e);
      return expectation ? [expectation] : [];
    });
    return { kind: "example", id, title: this.text(token(node, "title")), base: this.name(token(node, "base")), givens, expectations, span };
  }

  givenValue(node: CstNode): A.GivenValue | undefined {
    if (token(node, "LeftParen")) {
      const span = this.nodeSpan(node);
      const items = nodes(node, "medicationItem").flatMap((item): A.MedicationItem[] => {
        const nameToken = token(item, "name");
        const itemSpan = this.nodeSpan(item);
        if (!nameToken || !itemSpan) return [];
        const name = nameToken.image.startsWith('"') ? { text: unescapeString(nameToken.image), span: this.span(nameToken) } : { text: nameToken.image, span: this.span(nameToken) };
        return [{ name, dose: this.quantity(firstNode(item, "dose")), atc: this.name(token(item, "atc")), span: itemSpan }];
      });
      return span ? { kind: "medications", items, span } : undefined;
    }
    const quantity = this.quantity(firstNode(node, "quantity"));
    if (quantity) return { kind: "quantity", quantity, span: quantity.span };
    const text = this.text(token(node, "text"));
    if (text) return { kind: "text", text, span: text.span };
    const word = this.name(token(node, "word"));
    return word ? { kind: "word", word, span: word.span } : undefined;
  }

  expectation(node: CstNode): A.Expectation | undefined {
    const span = this.nodeSpan(node);
    if (!span) return undefined;
    const negated = token(node, "negated") !== undefined;
    const nameOf = (key: string): A.Name | undefined => {
      const t = token(node, key);
      if (!t) return undefined;
      return t.image.startsWith('"') ? { text: unescapeString(t.image), span: this.span(t) } : { text: t.image, span: this.span(t) };
    };
    if (token(node, "Kw_verdict")) {
      const code = nameOf("code");
      return code ? { kind: "verdict", code, negated, span } : undefined;
    }
    if (token(node, "Kw_precondition")) {
      const rule = nameOf("rule");
      return rule ? { kind: "precondition", rule, status: nameOf("status"), negated, span } : undefined;
    }
    if (token(node, "Kw_plan")) {
      const drug = nameOf("drug");
      return drug ? { kind: "plan", drug, action: nameOf("action"), delay: this.operand(firstNode(node, "delay")), date: this.text(token(node, "date")), reason: nameOf("reason"), negated, span } : undefined;
    }
    if (token(node, "Kw_recommendation")) {
      const code = nameOf("code");
      return code ? { kind: "recommendation", code, negated, span } : undefined;
    }
    if (token(node, "Kw_finding")) {
      const rule = nameOf("rule");
      return rule ? { kind: "finding", rule, negated, span } : undefined;
    }
    if (token(node, "Kw_refused")) {
      const refused = nameOf("refusedFact");
      return refused ? { kind: "refused", fact: refused, negated, span } : undefined;
    }
    if (token(node, "Kw_readiness")) {
      const status = nameOf("readinessStatus");
      return status ? { kind: "readiness", status, negated, span } : undefined;
    }
    const fact = nameOf("fact");
    return fact ? { kind: "missing", fact, negated, span } : undefined;
  }

  section(node: CstNode, span: Span): A.SectionDeclaration | undefined {
    const name = this.name(token(node, "Identifier"));
    return name ? { kind: "section", name, title: this.text(token(node, "StringLiteral")), span } : undefined;
  }

  fact(node: CstNode, span: Span): A.FactDeclaration | undefined {
    const name = this.name(token(node, "Identifier"));
    if (!name) return undefined;
    const doseField = this.name(token(node, "doseField"));
    const doseUnitNode = firstNode(node, "doseUnit");
    const doseSpan = doseField ? joinSpans(doseField.span, this.nodeSpan(doseUnitNode) ?? doseField.span) : undefined;
    return {
      kind: "fact",
      name,
      type: this.factType(firstNode(node, "factType")),
      label: this.text(token(node, "label")),
      description: this.text(token(node, "description")),
      dose: doseField && doseSpan ? { field: doseField, unit: this.unit(doseUnitNode), span: doseSpan } : undefined,
      accepts: nodes(node, "accepts").flatMap((u) => {
        const unit = this.unit(u);
        return unit ? [unit] : [];
      }),
      span,
    };
  }

  factType(node: CstNode | undefined): A.FactType | undefined {
    const span = this.nodeSpan(node);
    if (!node || !span) return undefined;
    if (token(node, "YesNo")) return { kind: "boolean", span };
    if (token(node, "Kw_one")) {
      return { kind: "enum", values: tokens(node, "values").map((t) => ({ text: t.image, span: this.span(t) })), span };
    }
    if (token(node, "Kw_quantity")) {
      return {
        kind: "quantity",
        unit: this.unit(firstNode(node, "unit")),
        min: this.number(token(node, "min")),
        max: this.number(token(node, "max")),
        span,
      };
    }
    if (token(node, "Kw_date")) return { kind: "date", span };
    if (token(node, "Kw_medication")) return { kind: "medications", span };
    return undefined;
  }

  unit(node: CstNode | undefined): A.Name | undefined {
    const t = ["UnitTerm", "PerUnit", "Percent", "AnnotationUnit", "Identifier"].map((key) => token(node, key)).find((x) => x !== undefined);
    return this.name(t);
  }

  quantity(node: CstNode | undefined): A.QuantityLiteral | undefined {
    const value = this.number(token(node, "NumberLiteral"));
    const span = this.nodeSpan(node);
    if (!value || !span) return undefined;
    return { kind: "quantity", value, unit: this.unit(firstNode(node, "unit")), span };
  }

  threshold(node: CstNode, span: Span): A.ThresholdDeclaration | undefined {
    const name = this.name(token(node, "Identifier"));
    if (!name) return undefined;
    return {
      kind: "threshold",
      role: token(node, "Kw_delay") ? "delay" : "threshold",
      name,
      value: this.quantity(firstNode(node, "quantity")),
      label: this.text(token(node, "label")),
      span,
    };
  }

  drug(node: CstNode, span: Span): A.DrugDeclaration | undefined {
    const name = this.name(token(node, "Identifier"));
    if (!name) return undefined;
    return {
      kind: "drug",
      name,
      atc: tokens(node, "atc").map((t) => ({ text: t.image, span: this.span(t) })),
      drugClass: this.name(token(node, "drugClass")),
      label: this.text(token(node, "label")),
      aliases: tokens(node, "alias").map((t) => ({ value: unescapeString(t.image), span: this.span(t) })),
      notNamedBySource: this.markerAt(node, "Kw_named"),
      span,
    };
  }

  /** Where `not named by source` is written, from its `not` to its `source`. */
  markerAt(node: CstNode, key: string): { span: Span } | undefined {
    const named = token(node, key);
    if (!named) return undefined;
    const not = tokens(node, "Kw_not").find((t) => t.startOffset < named.startOffset);
    const source = tokens(node, "Kw_source").find((t) => t.startOffset > named.startOffset);
    return { span: this.span(not ?? named, source ?? named) };
  }

  /** The `wording KEY "…"` lines of a plan, in source order. */
  wordings(node: CstNode): A.PlanWording[] {
    const keys = nodes(node, "wordingKey");
    const texts = tokens(node, "wordingText");
    return keys.flatMap((keyNode, index): A.PlanWording[] => {
      const keyToken = token(keyNode, "key");
      if (!keyToken) return [];
      const text = this.text(texts[index]);
      const key = { text: keyToken.image, span: this.span(keyToken) };
      return [{ key, ...(text ? { text } : {}), span: text ? joinSpans(key.span, text.span) : key.span }];
    });
  }

  verdict(node: CstNode, span: Span): A.VerdictDeclaration {
    const outcomes = nodes(node, "outcome").flatMap((outcome) => {
      const code = this.name(token(outcome, "Identifier"));
      const outcomeSpan = this.nodeSpan(outcome);
      if (!code || !outcomeSpan) return [];
      return [{ code, label: this.text(token(outcome, "label")), when: this.condition(firstNode(outcome, "condition")), noProcedure: token(outcome, "noProcedure") !== undefined, span: outcomeSpan }];
    });
    const otherwiseNode = firstNode(node, "otherwiseOutcome");
    const otherwiseCode = this.name(token(otherwiseNode, "Identifier"));
    const otherwiseSpan = this.nodeSpan(otherwiseNode);
    return {
      kind: "verdict",
      question: this.text(token(node, "question")),
      outcomes,
      otherwise: otherwiseCode && otherwiseSpan ? { code: otherwiseCode, label: this.text(token(otherwiseNode, "label")), noProcedure: token(otherwiseNode, "noProcedure") !== undefined, span: otherwiseSpan } : undefined,
      undecided: this.text(token(node, "undecided")),
      span,
    };
  }

  rule(node: CstNode, span: Span): A.RuleDeclaration | undefined {
    const id = this.name(token(node, "Identifier"));
    if (!id) return undefined;
    const conditions = nodes(node, "condition");
    const effects = nodes(node, "effect");
    for (const [list, key] of [[conditions, "when"], [effects, "then"]] as const) {
      for (const extra of list.slice(1)) {
        const extraSpan = this.nodeSpan(extra);
        if (extraSpan) this.diagnostics.push(makeDiagnostic("GL2019", extraSpan, [key, `rule \`${id.text}\``], key === "when" ? "join the conditions with `and` or `or`" : "a rule has one effect: split it into two rules"));
      }
    }
    return {
      kind: "rule",
      id,
      ...this.provenance(node, `rule \`${id.text}\``),
      when: this.condition(conditions[0]),
      then: this.effect(effects[0]),
      span,
    };
  }

  effect(node: CstNode | undefined): A.Effect | undefined {
    const span = this.nodeSpan(node);
    if (!node || !span) return undefined;
    if (token(node, "Kw_finding")) {
      const findingKind = this.name(token(node, "findingKind"));
      return findingKind ? { kind: "finding", findingKind, span } : undefined;
    }
    if (token(node, "Kw_precondition")) return { kind: "precondition", label: this.text(token(node, "label")), span };
    if (token(node, "Kw_recommend")) {
      const code = this.name(token(node, "code"));
      const strength = token(node, "strength")?.image as A.Strength | undefined;
      return code ? { kind: "recommend", code, ...(strength ? { strength } : {}), span } : undefined;
    }
    const actionToken = ["Kw_stop", "Kw_bridge", "Kw_continue", "Kw_refer"].map((key) => token(node, key)).find((t) => t !== undefined);
    const target = this.target(firstNode(node, "target"));
    if (!actionToken || !target) return undefined;
    const action = actionToken.image as "stop" | "bridge" | "continue" | "refer";
    const delay = this.operand(firstNode(node, "delay"));
    return { kind: "medication", action, target, delay, span };
  }

  target(node: CstNode | undefined): A.DrugTarget | undefined {
    const name = this.name(token(node, "Identifier"));
    const span = this.nodeSpan(node);
    if (!name || !span) return undefined;
    return { kind: token(node, "Kw_class") ? "class" : "drug", name, span };
  }

  condition(node: CstNode | undefined): A.Condition | undefined {
    const span = this.nodeSpan(node);
    if (!node || !span) return undefined;
    const operands = nodes(node, "unary").map((u) => this.unary(u)).filter((c): c is A.Condition => c !== undefined);
    const connectives = tokens(node, "connective");
    if (operands.length === 1 && connectives.length === 0) return operands[0];
    if (operands.length === 0) return undefined;
    const kinds = new Set(connectives.map((t) => t.image));
    if (kinds.size > 1) {
      this.diagnostics.push(makeDiagnostic("GL1004", span, [], "add parentheses to say which comes first, e.g. `a and (b or c)`"));
    }
    return { kind: kinds.has("or") && !kinds.has("and") ? "or" : "and", operands, span };
  }

  unary(node: CstNode): A.Condition | undefined {
    const span = this.nodeSpan(node);
    if (!span) return undefined;
    if (token(node, "Kw_not")) {
      const operand = this.unary(firstNode(node, "unary") ?? node);
      return operand ? { kind: "not", operand, span } : undefined;
    }
    return this.primary(firstNode(node, "primary"));
  }

  primary(node: CstNode | undefined): A.Condition | undefined {
    const span = this.nodeSpan(node);
    if (!node || !span) return undefined;
    if (token(node, "LeftParen")) return this.condition(firstNode(node, "condition"));
    if (token(node, "Kw_always")) return { kind: "always", span };
    if (token(node, "Kw_taking")) {
      const target = this.target(firstNode(node, "target"));
      return target ? { kind: "taking", target, span } : undefined;
    }
    if (token(node, "Kw_finding")) {
      const findingKind = this.name(token(node, "findingKind"));
      return findingKind ? { kind: "finding", findingKind, span } : undefined;
    }
    return this.test(firstNode(node, "test"));
  }

  test(node: CstNode | undefined): A.Condition | undefined {
    const span = this.nodeSpan(node);
    const left = this.operand(firstNode(node, "left"));
    if (!node || !span || !left) return undefined;
    const comparator = firstNode(node, "comparator");
    if (comparator) {
      const right = this.operand(firstNode(node, "right"));
      const operatorToken = Object.values(comparator.children).flat().find(isToken);
      if (!right || !operatorToken) return undefined;
      return { kind: "compare", operator: operatorSymbol(operatorToken.image), left, right, span };
    }
    const values = tokens(node, "values").map((t) => ({ text: t.image, span: this.span(t) }));
    if (token(node, "Kw_is") || token(node, "Kw_in")) {
      if (left.kind !== "name") {
        this.diagnostics.push(makeDiagnostic("GL2023", left.span, [describeOperand(left), "before `is` or `in`"], "write a fact name, e.g. `lesion.site is vertebra`"));
        return undefined;
      }
      return { kind: "member", fact: left.name, values, span };
    }
    if (left.kind !== "name") {
      this.diagnostics.push(makeDiagnostic("GL2023", left.span, [describeOperand(left), "on its own as a condition"], "compare it, e.g. `labs.count > 50 000 /mm3`"));
      return undefined;
    }
    return { kind: "flag", fact: left.name, span };
  }

  operand(node: CstNode | undefined): A.Operand | undefined {
    const span = this.nodeSpan(node);
    if (!node || !span) return undefined;
    if (token(node, "Kw_dose")) {
      const drug = this.name(token(node, "drug"));
      return drug ? { kind: "dose", drug, span } : undefined;
    }
    const name = this.name(token(node, "name"));
    if (name) return { kind: "name", name, span };
    return this.quantity(firstNode(node, "quantity"));
  }
}

function describeOperand(operand: A.Operand): string {
  return operand.kind === "dose" ? "a dose" : operand.kind === "quantity" ? "a number" : `\`${operand.name.text}\``;
}

function operatorSymbol(image: string): A.ComparisonOperator {
  switch (image) {
    case "≥": return ">=";
    case "≤": return "<=";
    case "≠": return "!=";
    default: return image as A.ComparisonOperator;
  }
}

/**
 * The first and last tokens under a CST node (tokens rebuilt by recovery left out), or null.
 * Each node is visited once however often it is asked about, so building the spans of a
 * condition takes time linear in its size; the recursion is as deep as the tree, which the
 * parser's nesting limit bounds.
 */
function extent(node: CstNode, extents: Map<CstNode, readonly [IToken, IToken] | null>): readonly [IToken, IToken] | null {
  const known = extents.get(node);
  if (known !== undefined) return known;
  let first: IToken | undefined;
  let last: IToken | undefined;
  const consider = (from: IToken, to: IToken) => {
    if (!first || from.startOffset < first.startOffset) first = from;
    if (!last || to.startOffset > last.startOffset) last = to;
  };
  for (const children of Object.values(node.children)) {
    for (const child of children) {
      if (!isToken(child)) {
        const inner = extent(child, extents);
        if (inner) consider(inner[0], inner[1]);
      } else if (!child.isInsertedInRecovery && !Number.isNaN(child.startOffset)) consider(child, child);
    }
  }
  const found = first && last ? ([first, last] as const) : null;
  extents.set(node, found);
  return found;
}
