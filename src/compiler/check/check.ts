import type * as A from "../../dsl/ast.js";
import { makeDiagnostic, type Diagnostic } from "../../diagnostics/diagnostic.js";
import type { DiagnosticCode } from "../../diagnostics/codes.js";
import { didYouMean } from "../../diagnostics/did-you-mean.js";
import type { Span } from "../../diagnostics/span.js";
import { compareDecimals, multiplyDecimals } from "../../units/decimal.js";
import { conversionFactor, isTimeUnit, unitProblem } from "../../units/ucum.js";
import { drugNameKey, planReasons, planWordingKeys, wordingPlaceholders, type PlanWordingKey } from "../../pack/drug-names.js";
import type * as M from "../model.js";

/** The outcome of checking: the model when there are no errors, and every diagnostic found. */
export interface CheckResult {
  readonly model?: M.CheckedGuideline;
  readonly diagnostics: readonly Diagnostic[];
}

/** The verdict the runtime gives when missing facts could change it; sources may not declare it. */
export const reservedOutcome = "incomplete";

/**
 * Checks parsed sources: resolves every name (with a "did you mean" for near misses),
 * checks types and UCUM units, converts thresholds to the unit of the fact they are compared
 * with, and builds the checked model. Reports user errors as diagnostics; never throws for them.
 */
export function checkGuideline(files: readonly A.SourceFile[]): CheckResult {
  return new Checker(files).run();
}

class Checker {
  private readonly diagnostics: Diagnostic[] = [];
  private readonly declarations: A.Declaration[];
  private readonly facts = new Map<string, A.FactDeclaration>();
  private readonly thresholds = new Map<string, A.ThresholdDeclaration>();
  private readonly classes = new Map<string, A.ClassDeclaration>();
  private readonly drugs = new Map<string, A.DrugDeclaration>();
  private readonly findingKinds = new Map<string, A.FindingKindDeclaration>();
  private readonly recommendations = new Map<string, A.RecommendationDeclaration>();
  private readonly references = new Map<number, A.ReferenceDeclaration>();
  private readonly sections = new Map<string, A.SectionDeclaration>();
  private readonly thresholdModels = new Map<string, M.ThresholdModel>();
  private readonly factModels = new Map<string, M.FactModel>();

  constructor(files: readonly A.SourceFile[]) {
    this.declarations = files.flatMap((file) => file.declarations);
  }

  private report(code: DiagnosticCode, span: Span | undefined, args: readonly (string | number)[] = [], hint?: string): void {
    this.diagnostics.push(makeDiagnostic(code, span, args, hint));
  }

  /** Registers a declaration under its name, reporting a duplicate (GL2008) at the second one. */
  private declare<K, D extends { readonly span: Span }>(table: Map<K, D>, key: K, declaration: D, span: Span, what: string): void {
    const existing = table.get(key);
    if (existing !== undefined) {
      this.report("GL2008", span, [what, String(key), position(existing.span)], "rename one of them or remove the copy");
      return;
    }
    table.set(key, declaration);
  }

  run(): CheckResult {
    const headers = this.declarations.filter((d): d is A.Header => d.kind === "header");
    for (const extra of headers.slice(1)) this.report("GL2008", extra.span, ["the guideline header", extra.id.text, position(headers[0]?.span)]);
    const header = headers[0];
    // Points at the first declaration, so the message says which file lacks the header.
    if (!header) this.report("GL2017", this.declarations[0]?.span);

    const ruleIds = new Map<string, A.RuleDeclaration | A.InformationDeclaration>();
    const exampleIds = new Map<string, A.ExampleDeclaration>();
    let verdicts = 0;
    let plans = 0;
    for (const d of this.declarations) {
      switch (d.kind) {
        case "fact": this.declare(this.facts, d.name.text, d, d.name.span, "the fact"); break;
        case "threshold": this.declare(this.thresholds, d.name.text, d, d.name.span, `the ${d.role}`); break;
        case "class": this.declare(this.classes, d.name.text, d, d.name.span, "the class"); break;
        case "drug": this.declare(this.drugs, d.name.text, d, d.name.span, "the drug"); break;
        case "finding-kind": this.declare(this.findingKinds, d.name.text, d, d.name.span, "the kind of finding"); break;
        case "recommendation": this.declare(this.recommendations, d.name.text, d, d.name.span, "the recommendation"); break;
        case "section": this.declare(this.sections, d.name.text, d, d.name.span, "the section"); break;
        case "rule":
          this.declaredRuleIds.add(d.id.text);
          this.declare(ruleIds, d.id.text, d, d.id.span, "the rule");
          break;
        case "information": this.declare(ruleIds, d.id.text, d, d.id.span, "the rule or information"); break;
        case "example": this.declare(exampleIds, d.id.text, d, d.id.span, "the example"); break;
        case "uncovered":
        case "precedence":
        case "accept":
        case "readiness":
          break;
        case "reference": {
          const number = this.wholeNumber(d.number);
          if (number !== undefined) this.declare(this.references, number, d, d.number.span, "the reference");
          break;
        }
        case "verdict": if (++verdicts > 1) this.report("GL2019", d.span, ["verdict", "the guideline"]); break;
        case "plan": if (++plans > 1) this.report("GL2019", d.span, ["plan", "the guideline"]); break;
        case "header": break;
      }
    }

    for (const fact of this.facts.values()) this.checkFact(fact);
    for (const threshold of this.thresholds.values()) this.checkThreshold(threshold);
    for (const drug of this.drugs.values()) this.checkDrug(drug);
    this.checkDrugNames();
    const verdict = this.checkVerdict(this.declarations.find((d): d is A.VerdictDeclaration => d.kind === "verdict"));
    const plan = this.checkPlan(this.declarations.find((d): d is A.PlanDeclaration => d.kind === "plan"));
    const rules = this.checkRules(plan);
    const information = this.checkInformation();
    const uncovered = this.checkUncovered();
    const precedences = this.checkPrecedences(rules);
    const accepts = this.checkAccepts();
    const examples = verdict ? this.checkExamples(rules, verdict) : [];
    const edition = header ? this.checkHeader(header) : undefined;
    const readiness = this.checkReadiness(rules);

    const errors = this.diagnostics.some((d) => d.severity === "error");
    if (errors || !header || edition === undefined || !verdict) return { diagnostics: this.diagnostics };
    return {
      diagnostics: this.diagnostics,
      model: {
        id: header.id.text,
        title: header.title?.value ?? "",
        edition,
        language: header.language?.text ?? "",
        sourceDocument: header.source?.value ?? "",
        sections: [...this.sections.values()].map((s) => ({ id: s.name.text, title: s.title?.value ?? "" })),
        facts: [...this.factModels.values()],
        thresholds: [...this.thresholdModels.values()],
        classes: [...this.classes.values()].map((c) => ({ name: c.name.text, label: c.label?.value ?? c.name.text, span: c.span })),
        drugs: [...this.drugs.values()].map((d) => ({
          name: d.name.text,
          atc: d.atc.map((code) => code.text),
          ...(d.drugClass ? { drugClass: d.drugClass.text } : {}),
          label: d.label?.value ?? d.name.text,
          aliases: d.aliases.map((a) => a.value),
          namedBySource: !d.notNamedBySource,
          span: d.span,
        })),
        findingKinds: [...this.findingKinds.values()].map((f) => ({ name: f.name.text, label: f.label?.value ?? f.name.text, span: f.span })),
        recommendations: [...this.recommendations.values()].map((r) => ({
          name: r.name.text,
          label: r.label?.value ?? r.name.text,
          ...(r.forProcedure ? { forProcedure: true as const } : {}),
          span: r.span,
        })),
        verdict,
        ...(readiness ? { readiness } : {}),
        ...(header.version ? { version: header.version.value } : {}),
        ...(plan ? { plan } : {}),
        references: [...this.references.entries()].sort(([a], [b]) => a - b).map(([number, r]) => ({ number, text: r.text?.value ?? "" })),
        rules,
        information,
        uncovered,
        ...(header.coverage ? { coverage: { from: header.coverage.from.value, to: header.coverage.to.value, span: header.coverage.span } } : {}),
        ignore: header.ignore.map((t) => t.value),
        examples,
        precedences,
        accepts,
      },
    };
  }

  private citationsOf(list: readonly A.NumberValue[]): number[] {
    const citations: number[] = [];
    for (const citation of list) {
      const number = this.wholeNumber(citation);
      if (number === undefined) continue;
      if (!this.references.has(number)) this.report("GL2016", citation.span, [number], `add \`reference ${number} "<the reference>"\` or fix the number`);
      citations.push(number);
    }
    return citations;
  }

  private checkInformation(): M.InformationModel[] {
    const items: M.InformationModel[] = [];
    let section: A.SectionDeclaration | undefined;
    for (const d of this.declarations) {
      if (d.kind === "section") section = d;
      if (d.kind !== "information") continue;
      const where = `the information \`${d.id.text}\``;
      if (!section) this.report("GL2018", d.id.span, [where, "section"], "put it below the `section` it comes from");
      if (!d.statement) this.report("GL2018", d.id.span, [where, "statement"]);
      if (d.quotes.length === 0) this.report("GL2018", d.id.span, [where, "quote"]);
      items.push({
        id: d.id.text,
        section: section?.name.text ?? "",
        statement: d.statement?.value ?? "",
        quotes: d.quotes.map((q) => ({ text: q.value, span: q.span })),
        citations: this.citationsOf(d.citations),
        span: d.span,
      });
    }
    return items;
  }

  private checkUncovered(): M.CheckedGuideline["uncovered"] {
    const items: { text: string; reason: string; span: Span }[] = [];
    for (const d of this.declarations) {
      if (d.kind !== "uncovered" || !d.text) continue;
      if (!d.reason || d.reason.value.trim() === "") {
        this.report("GL2018", d.text.span, ["`uncovered`", "a reason after `because`"]);
        continue;
      }
      items.push({ text: d.text.value, reason: d.reason.value, span: d.text.span });
    }
    return items;
  }

  /** `precedence A over B`: both must be rules (GL2032), distinct (GL2023), with a reason (GL2018). */
  private checkPrecedences(rules: readonly M.RuleModel[]): M.PrecedenceModel[] {
    const known = new Set(rules.map((r) => r.id));
    const items: M.PrecedenceModel[] = [];
    for (const d of this.declarations) {
      if (d.kind !== "precedence") continue;
      let ok = true;
      for (const name of [d.winner, d.loser]) {
        if (known.has(name.text)) continue;
        ok = false;
        // A rule with errors of its own has been reported already.
        if (!this.declaredRuleIds.has(name.text)) this.report("GL2032", name.span, [name.text], didYouMean(name.text, known));
      }
      if (ok && d.winner.text === d.loser.text) {
        this.report("GL2023", d.loser.span, [`\`${d.loser.text}\``, "over itself: a precedence is between two rules"]);
        ok = false;
      }
      if (!d.reason || d.reason.value.trim() === "") {
        this.report("GL2018", d.span, ["`precedence`", "a reason after `because`"]);
        ok = false;
      }
      if (ok) items.push({ winner: d.winner.text, loser: d.loser.text, reason: d.reason?.value ?? "", span: d.span });
    }
    return items;
  }

  /** `accept CODE for NAME`: needs a reason (GL2018); what it matches is settled by the analysis. */
  private checkAccepts(): M.AcceptModel[] {
    const items: M.AcceptModel[] = [];
    for (const d of this.declarations) {
      if (d.kind !== "accept") continue;
      if (!d.reason || d.reason.value.trim() === "") {
        this.report("GL2018", d.span, ["`accept`", "a reason after `because`"], "say, for the reviewers, why the warning is accepted");
        continue;
      }
      items.push({ code: d.code.text, subject: d.subject.text, reason: d.reason.value, span: d.span });
    }
    return items;
  }

  private checkExamples(rules: readonly M.RuleModel[], verdict: M.VerdictModel): M.ExampleModel[] {
    const examples: M.ExampleModel[] = [];
    const outcomes = [...new Set([...verdict.outcomes.map((o) => o.code), verdict.otherwise.code, reservedOutcome])];
    const rulesById = new Map(rules.map((r) => [r.id, r]));
    const givenByExample = new Map<string, ReadonlyMap<string, unknown>>();
    for (const d of this.declarations) {
      if (d.kind !== "example") continue;
      const given = new Map<string, unknown>();
      if (d.base) {
        const base = givenByExample.get(d.base.text);
        if (base) for (const [path, value] of base) given.set(path, value);
        else this.report("GL2037", d.base.span, [d.base.text], didYouMean(d.base.text, givenByExample.keys()));
      }
      const seen = new Set<string>();
      for (const g of d.givens) {
        if (seen.has(g.fact.text)) this.report("GL2019", g.fact.span, [g.fact.text, `example \`${d.id.text}\``]);
        seen.add(g.fact.text);
        const value = this.givenValue(g);
        if (value !== undefined) given.set(g.fact.text, value);
      }
      givenByExample.set(d.id.text, given);
      const facts: Record<string, unknown> = {};
      for (const [path, value] of [...given.entries()].sort(([a], [b]) => (a < b ? -1 : 1))) {
        const segments = path.split(".");
        let node = facts;
        for (const segment of segments.slice(0, -1)) node = (node[segment] ??= {}) as Record<string, unknown>;
        node[segments[segments.length - 1] ?? path] = value;
      }
      const expectations: M.ExpectationModel[] = [];
      for (const e of d.expectations) {
        const resolved = this.expectation(e, outcomes, rulesById);
        if (resolved) expectations.push(resolved);
      }
      examples.push({ id: d.id.text, title: d.title?.value ?? "", facts, expectations, span: d.span });
    }
    return examples;
  }

  private givenValue(given: A.Given): unknown {
    const fact = this.fact(given.fact);
    const value = given.value;
    if (!fact || !value) return undefined;
    // `unknown` says the fact is not known: it is given as null, which the runtime treats as missing.
    if (value.kind === "word" && value.word.text === "unknown") return null;
    const bad = (expected: string): undefined => {
      this.report("GL2033", value.span, [value.kind === "word" ? value.word.text : value.kind === "text" ? value.text.value : value.kind === "quantity" ? `${value.quantity.value.written}${value.quantity.unit ? ` ${value.quantity.unit.text}` : ""}` : "(…)", fact.path, expected]);
      return undefined;
    };
    switch (fact.type) {
      case "boolean":
        if (value.kind === "word" && (value.word.text === "yes" || value.word.text === "no")) return value.word.text === "yes";
        return bad("`yes` or `no`");
      case "enum":
        if (value.kind === "word" && fact.values.includes(value.word.text)) return value.word.text;
        if (value.kind === "word") this.report("GL2005", value.span, [value.word.text, fact.path, fact.values.join(", ")], didYouMean(value.word.text, fact.values));
        else bad(`one of ${fact.values.join(", ")}`);
        return undefined;
      case "date":
        if (value.kind === "text" && /^\d{4}-\d{2}-\d{2}(T.*)?$/.test(value.text.value)) return value.text.value;
        return bad('a date in double quotes, e.g. "2026-12-14"');
      case "quantity": {
        if (value.kind !== "quantity") return bad(`a number with its unit, e.g. 50 000 ${fact.unit}`);
        const q = value.quantity;
        if (!q.unit) return bad(`a number with its unit, e.g. ${q.value.written} ${fact.unit}`);
        if (!this.checkUnit(q.unit)) return undefined;
        if (!("factor" in conversionFactor(q.unit.text, fact.unit))) {
          this.report("GL2011", q.unit.span, [q.unit.text, fact.unit]);
          return undefined;
        }
        return q.unit.text === fact.unit ? Number(q.value.decimal) : { value: Number(q.value.decimal), unit: q.unit.text };
      }
      case "medications": {
        if (value.kind !== "medications") return bad("a list of treatments in parentheses, e.g. (drug-a, drug-b 75 mg/d)");
        return value.items.flatMap((item) => {
          const entry: Record<string, unknown> = { name: item.name.text };
          if (item.dose) {
            if (!fact.dose) {
              this.report("GL2022", item.dose.span, [fact.path]);
              return [];
            }
            const unit = item.dose.unit;
            if (!unit) {
              bad(`a dose with its unit, e.g. 75 ${fact.dose.unit}`);
              return [];
            }
            const conversion = conversionFactor(unit.text, fact.dose.unit);
            if (!("factor" in conversion)) {
              this.report("GL2011", unit.span, [unit.text, fact.dose.unit]);
              return [];
            }
            // Given in its own unit: the runtime converts it exactly (1 120 mg/wk is 160 mg/d).
            entry[fact.dose.field] = unit.text === fact.dose.unit ? Number(item.dose.value.decimal) : { value: Number(item.dose.value.decimal), unit: unit.text };
          }
          if (item.atc) entry.atc = item.atc.text;
          return [entry];
        });
      }
    }
  }

  private expectation(e: A.Expectation, outcomes: readonly string[], rules: ReadonlyMap<string, M.RuleModel>): M.ExpectationModel | undefined {
    const base = { negated: e.negated, span: e.span, text: describeExpectation(e) };
    const rule = (name: A.Name, effect: M.EffectModel["kind"], what: string): M.RuleModel | undefined => {
      const found = rules.get(name.text);
      // A rule that is declared but has its own errors is not reported again here.
      if (!found && this.declaredRuleIds.has(name.text)) return undefined;
      if (!found) {
        this.report("GL2032", name.span, [name.text], didYouMean(name.text, rules.keys()));
        return undefined;
      }
      if (found.effect.kind !== effect) {
        this.report("GL2036", name.span, [name.text, what]);
        return undefined;
      }
      return found;
    };
    switch (e.kind) {
      case "verdict":
        if (!outcomes.includes(e.code.text)) {
          this.report("GL2034", e.code.span, [e.code.text, outcomes.join(", ")], didYouMean(e.code.text, outcomes));
          return undefined;
        }
        return { ...base, kind: "verdict", code: e.code.text };
      case "precondition": {
        if (!rule(e.rule, "precondition", "a precondition")) return undefined;
        const statuses = ["met", "unmet", "unknown"] as const;
        const status = statuses.find((x) => x === e.status?.text);
        if (!status) {
          this.report("GL2035", e.status?.span ?? e.rule.span, [e.status?.text ?? "(nothing)", "a status: met, unmet or unknown"]);
          return undefined;
        }
        return { ...base, kind: "precondition", rule: e.rule.text, status };
      }
      case "finding":
        if (!rule(e.rule, "finding", "a finding")) return undefined;
        return { ...base, kind: "finding", rule: e.rule.text };
      case "recommendation":
        if (!this.recommendations.has(e.code.text)) {
          this.report("GL2007", e.code.span, [e.code.text], didYouMean(e.code.text, this.recommendations.keys()));
          return undefined;
        }
        return { ...base, kind: "recommendation", code: e.code.text };
      case "missing": {
        const head = e.fact.text.replace(/\[.*$/, "");
        if (!this.facts.has(head)) {
          this.report("GL2001", e.fact.span, [head], didYouMean(head, this.facts.keys()));
          return undefined;
        }
        return { ...base, kind: "missing", fact: e.fact.text };
      }
      case "refused": {
        if (!this.facts.has(e.fact.text)) {
          this.report("GL2001", e.fact.span, [e.fact.text], didYouMean(e.fact.text, this.facts.keys()));
          return undefined;
        }
        return { ...base, kind: "refused", fact: e.fact.text };
      }
      case "readiness": {
        const status = e.status.text;
        if (status !== "ready" && status !== "not-ready" && status !== "unknown") {
          this.report("GL2033", e.status.span, [status, "readiness", "`ready`, `not-ready` or `unknown`"]);
          return undefined;
        }
        return { ...base, kind: "readiness", status };
      }
      case "plan": {
        const actions = ["stop", "continue", "bridge", "refer", "unknown"] as const;
        const action = e.action ? actions.find((a) => a === e.action?.text) : undefined;
        if (e.action && !action) {
          this.report("GL2035", e.action.span, [e.action.text, "a plan action: stop, continue, bridge, refer or unknown"]);
          return undefined;
        }
        const reason = e.reason ? planReasons.find((r) => r === e.reason?.text) : undefined;
        if (e.reason && !reason) {
          this.report("GL2035", e.reason.span, [e.reason.text, `a reason of a referral: ${planReasons.join(", ")}`], didYouMean(e.reason.text, planReasons));
          return undefined;
        }
        let hoursBefore: number | undefined;
        if (e.delay) {
          const delay = this.delay(e.delay);
          if (!delay) return undefined;
          hoursBefore = Number(delay.hours);
        }
        return {
          ...base,
          kind: "plan",
          drug: e.drug.text,
          ...(action ? { action } : {}),
          ...(hoursBefore !== undefined ? { hoursBefore } : {}),
          ...(e.date ? { date: e.date.value } : {}),
          ...(reason ? { reason } : {}),
        };
      }
    }
  }

  /** The `readiness` block: one at most, its placeholders known, and preconditions for it to speak of. */
  private checkReadiness(rules: readonly M.RuleModel[]): M.ReadinessModel | undefined {
    const blocks = this.declarations.filter((d): d is A.ReadinessDeclaration => d.kind === "readiness");
    for (const extra of blocks.slice(1)) this.report("GL2019", extra.span, ["readiness", "the guideline"]);
    const block = blocks[0];
    if (!block) return undefined;
    if (!rules.some((r) => r.effect.kind === "precondition")) this.report("GL2054", block.span);
    for (const [label, property] of [[block.question, "a question"], [block.ready, "`ready`"], [block.notReady, "`not ready`"], [block.undecided, "`undecided`"]] as const) {
      if (!label) {
        this.report("GL2018", block.span, ["`readiness`", property], 'e.g. `not ready "conditions préalables non remplies ({preconditions})"`');
        continue;
      }
      for (const match of label.value.matchAll(/\{([^}]*)\}/g)) {
        if (match[1] !== "preconditions" && match[1] !== "toCheck") this.report("GL2053", label.span, [match[1] ?? ""]);
      }
    }
    return {
      question: block.question?.value ?? "",
      ready: block.ready?.value ?? "",
      notReady: block.notReady?.value ?? "",
      undecided: block.undecided?.value ?? "",
    };
  }

  private checkHeader(header: A.Header): number | undefined {
    if (header.version && !/^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)$/.test(header.version.value)) {
      this.report("GL2051", header.version.span, [header.version.value]);
    }
    for (const [value, property] of [[header.title, "title"], [header.edition, "edition"], [header.language, "language"], [header.source, "source"]] as const) {
      if (value === undefined) this.report("GL2018", header.id.span, [`the guideline header \`${header.id.text}\``, property]);
    }
    if (!header.edition) return undefined;
    const year = Number(header.edition.decimal);
    if (!/^\d{4}$/.test(header.edition.decimal)) {
      this.report("GL2024", header.edition.span, [header.edition.written], "write the year of the edition, e.g. `edition 2019`");
      return undefined;
    }
    return year;
  }

  private wholeNumber(value: A.NumberValue): number | undefined {
    if (/[ \u00A0\u202F]/.test(value.written)) {
      // `cite 100 101` lexes as the French number 100 101: for a reference it is a missing comma.
      this.report("GL2015", value.span, [value.written], `separate reference numbers with a comma, e.g. \`${value.written.replace(/[ \u00A0\u202F]+/g, ", ")}\``);
      return undefined;
    }
    if (!/^\d+$/.test(value.decimal)) {
      const hint = value.written.includes(",") ? `\`${value.written}\` reads as a decimal number: separate numbers with a comma and a space, e.g. \`${value.written.replace(",", ", ")}\`` : undefined;
      this.report("GL2015", value.span, [value.written], hint);
      return undefined;
    }
    return Number(value.decimal);
  }

  private checkUnit(unit: A.Name): boolean {
    const problem = unitProblem(unit.text);
    if (problem !== undefined) {
      this.report("GL2010", unit.span, [unit.text, problem], "units are written in UCUM: `/mm3`, `%`, `mg/d`, `h`, `d`, `10*9/L`");
      return false;
    }
    return true;
  }

  private checkFact(fact: A.FactDeclaration): void {
    const common = {
      path: fact.name.text,
      label: fact.label?.value ?? fact.name.text,
      description: fact.description?.value ?? "",
      span: fact.span,
    };
    if (!fact.label) this.report("GL2018", fact.name.span, [`the fact \`${fact.name.text}\``, "label"], 'add a French label, e.g. `label "Numération"`');
    const type = fact.type;
    if (!type) return;
    if (fact.dose && type.kind !== "medications") this.report("GL2023", fact.dose.span, ["`dose`", "on a fact that is not a medication list"]);
    if (fact.accepts[0] && type.kind !== "quantity") this.report("GL2052", fact.accepts[0].span, [fact.name.text]);
    switch (type.kind) {
      case "boolean":
      case "date":
        this.factModels.set(common.path, { ...common, type: type.kind });
        return;
      case "enum": {
        const seen = new Set<string>();
        for (const value of type.values) {
          if (seen.has(value.text)) this.report("GL2021", value.span, [value.text, fact.name.text]);
          seen.add(value.text);
        }
        if (type.values.length === 0) {
          this.report("GL2030", type.span, [fact.name.text]);
          return;
        }
        this.factModels.set(common.path, { ...common, type: "enum", values: [...seen] });
        return;
      }
      case "quantity": {
        if (!type.unit || !this.checkUnit(type.unit)) return;
        if (type.min && type.max && compareDecimals(type.min.decimal, type.max.decimal) > 0) {
          this.report("GL2020", type.min.span, [fact.name.text, type.min.written, type.max.written]);
          return;
        }
        const accepts = this.acceptedUnits(fact.accepts, type.unit.text);
        if (!accepts) return;
        this.factModels.set(common.path, {
          ...common,
          type: "quantity",
          unit: type.unit.text,
          ...(type.min ? { min: type.min.decimal } : {}),
          ...(type.max ? { max: type.max.decimal } : {}),
          ...(accepts.length ? { accepts } : {}),
        });
        return;
      }
      case "medications": {
        if (fact.dose?.unit && !this.checkUnit(fact.dose.unit)) return;
        this.factModels.set(common.path, {
          ...common,
          type: "medications",
          ...(fact.dose?.unit ? { dose: { field: fact.dose.field.text, unit: fact.dose.unit.text } } : {}),
        });
        return;
      }
    }
  }

  /** The units of `accepts`, each a UCUM unit convertible to the fact's unit; the fact's unit comes first. */
  private acceptedUnits(listed: readonly A.Name[], unit: string): string[] | undefined {
    if (listed.length === 0) return [];
    let ok = true;
    const units = [unit];
    const seen = new Set<string>();
    for (const accepted of listed) {
      if (seen.has(accepted.text)) {
        this.report("GL2021", accepted.span, [accepted.text, "units"]);
        continue;
      }
      seen.add(accepted.text);
      if (!this.checkUnit(accepted)) {
        ok = false;
        continue;
      }
      if (!("factor" in conversionFactor(accepted.text, unit))) {
        this.report("GL2011", accepted.span, [accepted.text, unit], "list only units that measure the same thing as the fact");
        ok = false;
        continue;
      }
      if (!units.includes(accepted.text)) units.push(accepted.text);
    }
    return ok ? units : undefined;
  }

  private checkThreshold(threshold: A.ThresholdDeclaration): void {
    const quantity = threshold.value;
    if (!quantity) return;
    if (!quantity.unit) {
      this.report("GL2012", quantity.span, [threshold.name.text]);
      return;
    }
    if (!this.checkUnit(quantity.unit)) return;
    if (threshold.role === "delay" && !isTimeUnit(quantity.unit.text)) {
      this.report("GL2013", quantity.unit.span, [threshold.name.text, quantity.unit.text], "use `h` for hours or `d` for days");
      return;
    }
    this.thresholdModels.set(threshold.name.text, {
      name: threshold.name.text,
      role: threshold.role,
      value: quantity.value.decimal,
      unit: quantity.unit.text,
      written: `${quantity.value.written} ${quantity.unit.text}`,
      label: threshold.label?.value ?? threshold.name.text,
      span: threshold.span,
    });
  }

  private checkDrug(drug: A.DrugDeclaration): void {
    if (drug.atc.length === 0) this.report("GL2018", drug.name.span, [`the drug \`${drug.name.text}\``, "atc"]);
    for (const code of drug.atc) if (!/^[A-Z]\d{2}[A-Z0-9]{0,4}$/.test(code.text)) this.report("GL2026", code.span, [code.text]);
    if (drug.notNamedBySource) {
      if (drug.drugClass) this.report("GL2043", drug.drugClass.span, [drug.name.text], "remove the class, or remove `not named by source` if the source names the drug");
    } else if (!drug.drugClass) this.report("GL2018", drug.name.span, [`the drug \`${drug.name.text}\``, "class"]);
    else if (!this.classes.has(drug.drugClass.text)) {
      this.report("GL2004", drug.drugClass.span, [drug.drugClass.text], didYouMean(drug.drugClass.text, this.classes.keys()) ?? "declare it with `class <name> \"<label>\"`");
    }
  }

  /**
   * A treatment is recognised by any name or ATC code of a drug: two drugs may not share an ATC
   * code (GL2040) or a name (GL2041, case, accents and spaces aside), and a drug lists each name once (GL2021).
   */
  private checkDrugNames(): void {
    const codes = new Map<string, string>();
    const names = new Map<string, string>();
    for (const drug of this.drugs.values()) {
      for (const code of drug.atc) {
        const owner = codes.get(code.text);
        if (owner === undefined) codes.set(code.text, drug.name.text);
        else if (owner === drug.name.text) this.report("GL2021", code.span, [code.text, drug.name.text]);
        else this.report("GL2040", code.span, [code.text, owner, drug.name.text], "keep the code on the drug it belongs to; check it against the WHO ATC index");
      }
      const written = [{ text: drug.name.text, span: drug.name.span }, ...drug.aliases.map((a) => ({ text: a.value, span: a.span }))];
      for (const name of written) {
        const key = drugNameKey(name.text);
        const owner = names.get(key);
        if (owner === undefined) names.set(key, drug.name.text);
        else if (owner === drug.name.text) this.report("GL2021", name.span, [name.text, drug.name.text], "a name is compared without case, accents or extra spaces: list it once");
        else this.report("GL2041", name.span, [name.text, drug.name.text, owner], "a name must lead to one drug: remove it from one of them");
      }
    }
  }

  private checkVerdict(verdict: A.VerdictDeclaration | undefined): M.VerdictModel | undefined {
    if (!verdict) {
      // Points at the header (or the first declaration), so the message says which guideline lacks it.
      const at = this.declarations.find((d) => d.kind === "header") ?? this.declarations[0];
      this.report("GL2027", at?.span, ["a `verdict` block saying how findings combine into the verdict"]);
      return undefined;
    }
    const codes = new Set<string>();
    const outcomes: M.VerdictModel["outcomes"][number][] = [];
    const all = [...verdict.outcomes, ...(verdict.otherwise ? [verdict.otherwise] : [])];
    for (const outcome of all) {
      if (outcome.code.text === reservedOutcome) this.report("GL2029", outcome.code.span, [reservedOutcome]);
      else if (codes.has(outcome.code.text) && outcome !== verdict.otherwise) this.report("GL2028", outcome.code.span, [outcome.code.text], "list each outcome once, joining its conditions with `or`");
      codes.add(outcome.code.text);
    }
    const excluded = new Map<string, boolean>();
    for (const outcome of all) {
      const earlier = excluded.get(outcome.code.text);
      if (earlier !== undefined && earlier !== outcome.noProcedure) this.report("GL2050", outcome.code.span, [outcome.code.text]);
      excluded.set(outcome.code.text, outcome.noProcedure);
    }
    for (const outcome of verdict.outcomes) {
      const when = outcome.when ? this.condition(outcome.when, "verdict") : undefined;
      if (when) outcomes.push({ code: outcome.code.text, label: outcome.label?.value ?? outcome.code.text, when, ...(outcome.noProcedure ? { noProcedure: true as const } : {}) });
    }
    if (!verdict.otherwise) {
      this.report("GL2018", verdict.span, ["the verdict", "otherwise"], "end the verdict with `otherwise <outcome> \"<label>\"`");
      return undefined;
    }
    return {
      question: verdict.question?.value ?? "",
      outcomes,
      otherwise: {
        code: verdict.otherwise.code.text,
        label: verdict.otherwise.label?.value ?? verdict.otherwise.code.text,
        ...(verdict.otherwise.noProcedure ? { noProcedure: true as const } : {}),
      },
      undecided: verdict.undecided?.value ?? reservedOutcome,
    };
  }

  private checkPlan(plan: A.PlanDeclaration | undefined): M.PlanModel | undefined {
    if (!plan) return undefined;
    const list = this.facts.get(plan.list.text);
    if (!list) {
      this.report("GL2001", plan.list.span, [plan.list.text], didYouMean(plan.list.text, this.facts.keys()));
      return undefined;
    }
    if (list.type?.kind !== "medications") {
      this.report("GL2025", plan.list.span, [plan.list.text]);
      return undefined;
    }
    if (!plan.reminder) this.report("GL2018", plan.list.span, ["the plan", "reminder"]);
    if (!plan.otherwise) this.report("GL2018", plan.list.span, ["the plan", "otherwise"], "write `otherwise refer`");
    if (plan.scope && !/^[A-Z](\d{2}([A-Z0-9]{0,4}))?$/.test(plan.scope.text)) this.report("GL2026", plan.scope.span, [plan.scope.text]);
    if (plan.date) {
      const dateFact = this.facts.get(plan.date.text);
      if (!dateFact) this.report("GL2001", plan.date.span, [plan.date.text], didYouMean(plan.date.text, this.facts.keys()));
      else if (dateFact.type?.kind !== "date") this.report("GL2023", plan.date.span, [`\`${plan.date.text}\``, "as the plan's date: it is not a date"]);
    }
    return {
      list: plan.list.text,
      ...(plan.scope ? { scopeAtc: plan.scope.text } : {}),
      otherwise: "refer",
      reminder: plan.reminder?.value ?? "",
      ...(plan.date ? { date: plan.date.text } : {}),
      title: plan.title?.value ?? "",
      wordings: this.checkWordings(plan.wordings),
    };
  }

  /** The plan's `wording KEY "…"`: known keys (GL2044), each once (GL2019), placeholders the report can fill (GL2045). */
  private checkWordings(wordings: readonly A.PlanWording[]): M.PlanModel["wordings"] {
    const checked: Partial<Record<PlanWordingKey, string>> = {};
    for (const wording of wordings) {
      const key = planWordingKeys.find((k) => k === wording.key.text);
      if (!key) {
        this.report("GL2044", wording.key.span, [wording.key.text, planWordingKeys.join(", ")], didYouMean(wording.key.text, planWordingKeys));
        continue;
      }
      if (checked[key] !== undefined) {
        this.report("GL2019", wording.key.span, [`wording ${key}`, "the plan"], "keep one and remove the other");
        continue;
      }
      const text = wording.text?.value ?? "";
      const allowed = wordingPlaceholders[key];
      for (const [, placeholder = ""] of text.matchAll(/\{([^{}]*)\}/g)) {
        if (!allowed.includes(placeholder)) {
          this.report("GL2045", wording.text?.span ?? wording.span, [key, placeholder, allowed.length ? `it may use ${allowed.map((p) => `{${p}}`).join(", ")}` : "it takes no placeholder"]);
        }
      }
      checked[key] = text;
    }
    return checked;
  }

  /** The medication list that `taking`, `dose of` and medication effects refer to. */
  private medicationList(span: Span, plan: M.PlanModel | undefined): Extract<M.FactModel, { type: "medications" }> | undefined {
    const list = plan ? this.factModels.get(plan.list) : [...this.factModels.values()].find((f) => f.type === "medications");
    if (!list || list.type !== "medications") {
      this.report("GL2027", span, ["a `medication list` fact to test treatments"]);
      return undefined;
    }
    return list;
  }

  private currentPlan: M.PlanModel | undefined;
  private readonly declaredRuleIds = new Set<string>();

  private checkRules(plan: M.PlanModel | undefined): M.RuleModel[] {
    this.currentPlan = plan;
    const rules: M.RuleModel[] = [];
    let section: A.SectionDeclaration | undefined;
    for (const d of this.declarations) {
      if (d.kind === "section") section = d;
      if (d.kind !== "rule") continue;
      const where = `the rule \`${d.id.text}\``;
      if (!section) this.report("GL2018", d.id.span, [where, "section"], "put the rule below the `section` it comes from");
      if (!d.statement) this.report("GL2018", d.id.span, [where, "statement"], 'add `statement "<what the rule says, in French>"`');
      if (d.quotes.length === 0) this.report("GL2018", d.id.span, [where, "quote"], 'add `quote "<the source sentence, word for word>"`');
      if (!d.then) {
        this.report("GL2018", d.id.span, [where, "then"], "add what the rule does, e.g. `then finding absolute-contraindication`");
        continue;
      }
      const citations = this.citationsOf(d.citations);
      const effect = this.effect(d.then);
      const when = d.when ? this.condition(d.when, "rule") : undefined;
      if (!d.when && d.then.kind !== "medication") {
        this.report("GL2018", d.id.span, [where, "when"], "say when the rule applies, e.g. `when patient.allergy`");
      }
      if (!effect || (d.when && !when)) continue;
      rules.push({
        id: d.id.text,
        section: section?.name.text ?? "",
        statement: d.statement?.value ?? "",
        quotes: d.quotes.map((q) => ({ text: q.value, span: q.span })),
        citations,
        ...(when ? { when } : {}),
        effect,
        span: d.span,
      });
    }
    return rules;
  }

  private drugsOf(target: A.DrugTarget): readonly string[] | undefined {
    if (target.kind === "drug") {
      if (!this.drugs.has(target.name.text)) {
        const hint = didYouMean(target.name.text, this.drugs.keys()) ?? (this.classes.has(target.name.text) ? `\`${target.name.text}\` is a class: write \`class ${target.name.text}\`` : "declare it with `drug <name> atc <code> class <class>`");
        this.report("GL2003", target.name.span, [target.name.text], hint);
        return undefined;
      }
      if (this.drugs.get(target.name.text)?.notNamedBySource) {
        this.report("GL2042", target.name.span, [target.name.text], "the plan refers this drug and says that the source does not name it; remove `not named by source` if it does");
        return undefined;
      }
      return [target.name.text];
    }
    if (!this.classes.has(target.name.text)) {
      this.report("GL2004", target.name.span, [target.name.text], didYouMean(target.name.text, this.classes.keys()));
      return undefined;
    }
    const members = [...this.drugs.values()].filter((d) => d.drugClass?.text === target.name.text).map((d) => d.name.text);
    if (members.length === 0) this.report("GL2031", target.name.span, [target.name.text]);
    return members;
  }

  private effect(effect: A.Effect): M.EffectModel | undefined {
    switch (effect.kind) {
      case "finding":
        if (!this.findingKinds.has(effect.findingKind.text)) {
          this.report("GL2006", effect.findingKind.span, [effect.findingKind.text], didYouMean(effect.findingKind.text, this.findingKinds.keys()) ?? "declare it with `finding <kind> \"<label>\"`");
          return undefined;
        }
        return { kind: "finding", findingKind: effect.findingKind.text };
      case "precondition":
        return { kind: "precondition", label: effect.label?.value ?? "" };
      case "recommend":
        if (!this.recommendations.has(effect.code.text)) {
          this.report("GL2007", effect.code.span, [effect.code.text], didYouMean(effect.code.text, this.recommendations.keys()) ?? "declare it with `recommendation <code> \"<label>\"`");
          return undefined;
        }
        return { kind: "recommend", code: effect.code.text, ...(effect.strength ? { strength: effect.strength } : {}) };
      case "medication": {
        const list = this.medicationList(effect.span, this.currentPlan);
        const drugs = this.drugsOf(effect.target);
        const needsDelay = effect.action === "stop" || effect.action === "bridge";
        let delay: Extract<M.EffectModel, { kind: "medication" }>["delay"];
        if (needsDelay && !effect.delay) this.report("GL2018", effect.span, [`\`${effect.action}\``, "a delay"], "e.g. `stop drug-a 5 d before`");
        if (!needsDelay && effect.delay) this.report("GL2023", effect.delay.span, ["a delay", `with \`${effect.action}\``]);
        if (needsDelay && effect.delay) {
          delay = this.delay(effect.delay);
          if (!delay) return undefined;
        }
        if (!list || !drugs) return undefined;
        return {
          kind: "medication",
          action: effect.action,
          list: list.path,
          drugs,
          target: { kind: effect.target.kind, name: effect.target.name.text },
          ...(delay ? { delay } : {}),
        };
      }
    }
  }

  private delay(operand: A.Operand): Extract<M.EffectModel, { kind: "medication" }>["delay"] {
    const value = this.value(operand, "delay");
    if (!value) return undefined;
    const hours = conversionFactor(value.unit, "h");
    if (!("factor" in hours)) {
      this.report("GL2013", operand.span, [value.written, value.unit], "use `h` for hours or `d` for days");
      return undefined;
    }
    return { value: value.value, unit: value.unit, hours: multiplyDecimals(value.value, hours.factor), ...(value.threshold ? { threshold: value.threshold } : {}), written: value.written };
  }

  /** A threshold name or a literal quantity, in its own unit. */
  private value(operand: A.Operand, role: "threshold" | "delay"): M.ComparedValue | undefined {
    if (operand.kind === "quantity") {
      if (!operand.unit) {
        this.report("GL2012", operand.span, [operand.value.written]);
        return undefined;
      }
      if (!this.checkUnit(operand.unit)) return undefined;
      return { value: operand.value.decimal, unit: operand.unit.text, written: `${operand.value.written} ${operand.unit.text}` };
    }
    if (operand.kind === "name") {
      const threshold = this.thresholdModels.get(operand.name.text);
      if (threshold && threshold.role !== role) {
        this.report("GL2023", operand.name.span, [`the ${threshold.role} \`${threshold.name}\``, role === "delay" ? "as a delay before the procedure: declare it with `delay`" : "in a comparison: declare it with `threshold`"]);
        return undefined;
      }
      if (threshold) return { value: threshold.value, unit: threshold.unit, threshold: threshold.name, written: threshold.written };
      if (!this.thresholds.has(operand.name.text)) {
        this.report("GL2002", operand.name.span, [operand.name.text], didYouMean(operand.name.text, this.thresholds.keys()));
      }
      return undefined;
    }
    this.report("GL2023", operand.span, ["a dose", "here: a value is expected"]);
    return undefined;
  }

  private condition(condition: A.Condition, context: "rule" | "verdict"): M.ConditionModel | undefined {
    const inVerdict = context === "verdict";
    switch (condition.kind) {
      case "and":
      case "or": {
        const operands = condition.operands.map((c) => this.condition(c, context));
        if (operands.some((o) => o === undefined)) return undefined;
        return { kind: condition.kind, operands: operands as M.ConditionModel[] };
      }
      case "not": {
        const operand = this.condition(condition.operand, context);
        return operand ? { kind: "not", operand } : undefined;
      }
      case "always":
        if (inVerdict) {
          this.report("GL2023", condition.span, ["`always`", "in the verdict: use `otherwise`"]);
          return undefined;
        }
        return { kind: "always" };
      case "finding":
        if (!inVerdict) {
          this.report("GL2023", condition.span, ["`finding`", "in a rule condition: it belongs in the verdict"], "test the facts that lead to the finding instead");
          return undefined;
        }
        if (!this.findingKinds.has(condition.findingKind.text)) {
          this.report("GL2006", condition.findingKind.span, [condition.findingKind.text], didYouMean(condition.findingKind.text, this.findingKinds.keys()));
          return undefined;
        }
        return { kind: "finding", findingKind: condition.findingKind.text };
      default:
        break;
    }
    if (inVerdict) {
      this.report("GL2023", condition.span, ["a test on facts", "in the verdict: the verdict combines findings"], "write a rule with `then finding <kind>` and test `finding <kind>` here");
      return undefined;
    }
    switch (condition.kind) {
      case "flag": {
        const fact = this.fact(condition.fact);
        if (!fact) return undefined;
        if (fact.type !== "boolean") {
          this.report("GL2023", condition.fact.span, [`\`${fact.path}\` (${describeType(fact)})`, "on its own as a condition"], fact.type === "enum" ? `test a value, e.g. \`${fact.path} is ${fact.values[0] ?? "…"}\`` : "compare it with a threshold");
          return undefined;
        }
        return { kind: "flag", path: fact.path };
      }
      case "member": {
        const fact = this.fact(condition.fact);
        if (!fact) return undefined;
        if (fact.type !== "enum") {
          this.report("GL2023", condition.span, [`\`is\` or \`in\` on \`${fact.path}\` (${describeType(fact)})`, "here: they test a fact with a list of values"]);
          return undefined;
        }
        let ok = true;
        for (const value of condition.values) {
          if (!fact.values.includes(value.text)) {
            ok = false;
            this.report("GL2005", value.span, [value.text, fact.path, fact.values.join(", ")], didYouMean(value.text, fact.values));
          }
        }
        return ok ? { kind: "member", path: fact.path, values: [...new Set(condition.values.map((v) => v.text))], allValues: fact.values } : undefined;
      }
      case "taking": {
        const list = this.medicationList(condition.span, this.currentPlan);
        const drugs = this.drugsOf(condition.target);
        if (!list || !drugs) return undefined;
        const tests: M.ConditionModel[] = drugs.map((drug) => ({ kind: "taking", list: list.path, drug }));
        return tests.length === 1 && tests[0] ? tests[0] : { kind: "or", operands: tests };
      }
      case "compare":
        return this.compare(condition);
    }
  }

  private fact(name: A.Name): M.FactModel | undefined {
    const fact = this.factModels.get(name.text);
    if (fact) return fact;
    if (!this.facts.has(name.text)) this.report("GL2001", name.span, [name.text], didYouMean(name.text, this.facts.keys()));
    return undefined;
  }

  private measured(operand: A.Operand): { measured: M.Measured; unit: string; range?: { min?: string; max?: string; path: string } } | undefined {
    if (operand.kind === "dose") {
      const list = this.medicationList(operand.span, this.currentPlan);
      if (!this.drugs.has(operand.drug.text)) {
        this.report("GL2003", operand.drug.span, [operand.drug.text], didYouMean(operand.drug.text, this.drugs.keys()));
        return undefined;
      }
      if (!list) return undefined;
      if (!list.dose) {
        this.report("GL2022", operand.span, [list.path], "add `dose <field> in <unit>` to the medication list fact, e.g. `dose dailyDoseMg in mg/d`");
        return undefined;
      }
      return { measured: { kind: "dose", list: list.path, drug: operand.drug.text, field: list.dose.field }, unit: list.dose.unit };
    }
    if (operand.kind !== "name") return undefined;
    const fact = this.factModels.get(operand.name.text);
    if (!fact) return undefined;
    if (fact.type !== "quantity") {
      this.report("GL2009", operand.span, [`\`${fact.path}\` (${describeType(fact)})`, "a number"], fact.type === "enum" ? `use \`${fact.path} is <value>\`` : fact.type === "boolean" ? `use \`${fact.path}\` or \`not ${fact.path}\`` : undefined);
      return undefined;
    }
    return { measured: { kind: "fact", path: fact.path }, unit: fact.unit, range: { path: fact.path, ...(fact.min ? { min: fact.min } : {}), ...(fact.max ? { max: fact.max } : {}) } };
  }

  private compare(condition: Extract<A.Condition, { kind: "compare" }>): M.ConditionModel | undefined {
    const isMeasured = (o: A.Operand) => o.kind === "dose" || (o.kind === "name" && this.facts.has(o.name.text));
    let { left, right, operator } = condition;
    if (!isMeasured(left) && isMeasured(right)) {
      [left, right] = [right, left];
      operator = flip(operator);
    }
    if (!isMeasured(left)) {
      if (left.kind === "name" && !this.thresholds.has(left.name.text)) {
        this.report("GL2001", left.name.span, [left.name.text], didYouMean(left.name.text, this.facts.keys()) ?? didYouMean(left.name.text, this.thresholds.keys()));
      } else {
        this.report("GL2009", condition.span, ["two values", "each other"], "compare a fact with a threshold, e.g. `labs.count > seuil.count`");
      }
      return undefined;
    }
    if (isMeasured(right)) {
      this.report("GL2009", condition.span, ["a fact", "another fact"], "compare a fact with a threshold or a number with its unit");
      return undefined;
    }
    const measured = this.measured(left);
    const against = this.value(right, "threshold");
    if (!measured || !against) return undefined;
    const conversion = conversionFactor(against.unit, measured.unit);
    if (!("factor" in conversion)) {
      this.report("GL2011", right.span, [against.unit, measured.unit], `the value is compared with a quantity in ${measured.unit}`);
      return undefined;
    }
    const value = multiplyDecimals(against.value, conversion.factor);
    const range = measured.range;
    if (range && ((range.min !== undefined && compareDecimals(value, range.min) < 0) || (range.max !== undefined && compareDecimals(value, range.max) > 0))) {
      this.report("GL2014", right.span, [against.written, range.path, `${range.min ?? "…"} to ${range.max ?? "…"} ${measured.unit}`]);
      return undefined;
    }
    return {
      kind: "compare",
      measured: measured.measured,
      operator,
      against: { value, unit: measured.unit, written: against.written, ...(against.threshold ? { threshold: against.threshold } : {}) },
    };
  }
}

function describeExpectation(e: A.Expectation): string {
  const no = e.negated ? "no " : "";
  switch (e.kind) {
    case "verdict": return `${no}verdict ${e.code.text}`;
    case "precondition": return `${no}precondition ${e.rule.text} ${e.status?.text ?? ""}`.trim();
    case "finding": return `${no}finding ${e.rule.text}`;
    case "recommendation": return `${no}recommendation ${e.code.text}`;
    case "missing": return `${no}missing ${e.fact.text}`;
    case "refused": return `${no}refused ${e.fact.text}`;
    case "readiness": return `${no}readiness ${e.status.text}`;
    case "plan": {
      const delay = e.delay ? ` ${e.delay.kind === "quantity" ? `${e.delay.value.written}${e.delay.unit ? ` ${e.delay.unit.text}` : ""}` : e.delay.kind === "name" ? e.delay.name.text : "dose"} before` : "";
      return `${no}plan ${e.drug.text}${e.action ? ` ${e.action.text}` : ""}${delay}${e.date ? ` on "${e.date.value}"` : ""}${e.reason ? ` because ${e.reason.text}` : ""}`;
    }
  }
}

function flip(operator: A.ComparisonOperator): A.ComparisonOperator {
  switch (operator) {
    case ">": return "<";
    case "<": return ">";
    case ">=": return "<=";
    case "<=": return ">=";
    default: return operator;
  }
}

function describeType(fact: M.FactModel): string {
  switch (fact.type) {
    case "boolean": return "yes/no";
    case "enum": return "one of a list";
    case "quantity": return `a quantity in ${fact.unit}`;
    case "date": return "a date";
    case "medications": return "a medication list";
  }
}

function position(span: Span | undefined): string {
  return span ? `${span.file}:${span.line}:${span.column}` : "?";
}
