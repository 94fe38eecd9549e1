import { join } from "node:path";
import { readFileSync } from "node:fs";
import type { CstNode } from "chevrotain";
import fc from "fast-check";
import { describe, expect, it, test } from "vitest";
import type { Diagnostic } from "../../src/diagnostics/diagnostic.js";
import type { Span } from "../../src/diagnostics/span.js";
import type { Declaration, RuleDeclaration } from "../../src/dsl/ast.js";
import { parseGuideline } from "../../src/dsl/parse.js";
import { guidelineParser } from "../../src/dsl/parser.js";
import { allTokens, guidelineLexer } from "../../src/dsl/tokens.js";
import { repoRoot, shippedEditions, shippedFolder } from "../support/compile-guideline.js";

const FILE = "test.guideline";
const guidelinePath = join(repoRoot, shippedFolder, "cimentoplastie.guideline");
const realSource = readFileSync(guidelinePath, "utf8");

/** Every source the tests parse, so a final test can check that the whole grammar was exercised. */
const parsedSources: string[] = [];
function parse(text: string, file = FILE) {
  parsedSources.push(text);
  return parseGuideline(text, file);
}

/** The value without its `span`s (at any depth) and without absent optional fields, for comparison. */
function stripSpans(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(stripSpans);
  if (value !== null && typeof value === "object") {
    return Object.fromEntries(
      Object.entries(value)
        .filter(([key, inner]) => key !== "span" && inner !== undefined)
        .map(([key, inner]) => [key, stripSpans(inner)]),
    );
  }
  return value;
}

/** Parses a source that must be free of diagnostics; returns its declarations without spans. */
function parseClean(text: string): unknown[] {
  const { ast, diagnostics } = parse(text, FILE);
  expect(diagnostics.map(show)).toEqual([]);
  return ast.declarations.map(stripSpans);
}

/** The one declaration of a source, without spans. */
function only(text: string): unknown {
  const declarations = parseClean(text);
  expect(declarations).toHaveLength(1);
  return declarations[0];
}

/** The `when` of `rule r when <condition>`, without spans. */
function condition(text: string): unknown {
  return (only(`rule r when ${text}`) as { when?: unknown }).when;
}

/** The `then` of `rule r then <effect>`, without spans. */
function effect(text: string): unknown {
  return (only(`rule r then ${text}`) as { then?: unknown }).then;
}

/** `line:col CODE message`, the way a diagnostic reads. */
function show(d: Diagnostic): string {
  return `${d.span?.line}:${d.span?.column} ${d.code} ${d.message}`;
}

const name = (text: string) => ({ text });
const txt = (value: string) => ({ value });
const num = (written: string, decimal = written) => ({ decimal, written });
const flag = (fact: string) => ({ kind: "flag", fact: name(fact) });
const ref = (n: string) => ({ kind: "name", name: name(n) });
const qty = (written: string, decimal: string, unit?: string) => ({
  kind: "quantity",
  value: num(written, decimal),
  ...(unit ? { unit: name(unit) } : {}),
});

describe("declarations", () => {
  it("header with every property", () => {
    expect(
      only(`guideline aura.metastases-osseuses.cimentoplastie
  title "Traitement local"
  edition 2019
  language fr
  source "source/aura-2019.txt"`),
    ).toEqual({
      kind: "header",
      id: name("aura.metastases-osseuses.cimentoplastie"),
      title: txt("Traitement local"),
      edition: num("2019"),
      language: name("fr"),
      source: txt("source/aura-2019.txt"),
      ignore: [],
    });
  });

  it("header properties in any order, and none at all", () => {
    expect(only('guideline g language en source "s" edition 2020 title "t"')).toEqual({
      kind: "header",
      id: name("g"),
      title: txt("t"),
      edition: num("2020"),
      language: name("en"),
      source: txt("s"),
      ignore: [],
    });
    expect(only("guideline g")).toEqual({ kind: "header", id: name("g"), ignore: [] });
  });

  it("section", () => {
    expect(only('section q4 "4. Quelles sont les contre-indications ?"')).toEqual({
      kind: "section",
      name: name("q4"),
      title: txt("4. Quelles sont les contre-indications ?"),
    });
  });

  describe("facts", () => {
    it("yes/no, with label and description", () => {
      expect(
        only('fact patient.severeCoagulopathy : yes/no\n  label "Troubles"\n  description "Le patient présente des troubles."'),
      ).toEqual({
        kind: "fact",
        name: name("patient.severeCoagulopathy"),
        type: { kind: "boolean" },
        label: txt("Troubles"),
        description: txt("Le patient présente des troubles."),
        accepts: [],
        codes: [],
      });
    });

    it("one of", () => {
      expect(only("fact lesion.site : one of vertebra, sacrum, long-bone")).toEqual({
        kind: "fact",
        name: name("lesion.site"),
        type: { kind: "enum", values: [name("vertebra"), name("sacrum"), name("long-bone")] },
        accepts: [],
        codes: [],
      });
      expect(only("fact x : one of single")).toMatchObject({ type: { kind: "enum", values: [name("single")] } });
    });

    it("quantity in UNIT from A to B", () => {
      expect(only("fact labs.platelets : quantity in /mm3 from 0 to 2 000 000")).toEqual({
        kind: "fact",
        name: name("labs.platelets"),
        type: { kind: "quantity", unit: name("/mm3"), min: num("0"), max: num("2 000 000", "2000000") },
        accepts: [],
        codes: [],
      });
    });

    test.for([
      ["%", "%"],
      ["mg/d", "mg/d"],
      ["10*9/L", "10*9/L"],
      ["10*3/uL", "10*3/uL"],
      ["h", "h"],
      ["kg", "kg"],
    ] as const)("quantity in %s, without a range", ([written, unit]) => {
      expect(only(`fact x : quantity in ${written}`)).toEqual({
        kind: "fact",
        name: name("x"),
        type: { kind: "quantity", unit: name(unit) },
        accepts: [],
        codes: [],
      });
    });

    it("quantity with a decimal-comma range", () => {
      expect(only("fact labs.weight : quantity in kg from 0,5 to 10")).toMatchObject({
        type: { kind: "quantity", unit: name("kg"), min: num("0,5", "0.5"), max: num("10") },
      });
    });

    it("date", () => {
      expect(only('fact procedure.date : date label "Date du geste"')).toEqual({
        kind: "fact",
        name: name("procedure.date"),
        type: { kind: "date" },
        label: txt("Date du geste"),
        accepts: [],
        codes: [],
      });
    });

    it("medication list with dose FIELD in UNIT", () => {
      expect(only('fact medications : medication list\n  label "Traitements"\n  dose dailyDoseMg in mg/d')).toEqual({
        kind: "fact",
        name: name("medications"),
        type: { kind: "medications" },
        label: txt("Traitements"),
        dose: { field: name("dailyDoseMg"), unit: name("mg/d") },
        accepts: [],
        codes: [],
      });
    });

    it("quantity with the units it accepts, one of them a UCUM annotation", () => {
      expect(only("fact labs.tp : quantity in % from 0 to 200\n  units %, {ratio}")).toMatchObject({
        kind: "fact",
        accepts: [name("%"), name("{ratio}")],
      });
    });

    it("codes in their systems, and the window of a recorded value", () => {
      expect(only('fact labs.count : quantity in /mm3\n  code loinc "1234-5", loinc "98-7"\n  window 30 d')).toMatchObject({
        kind: "fact",
        codes: [
          { system: name("loinc"), code: txt("1234-5") },
          { system: name("loinc"), code: txt("98-7") },
        ],
        window: qty("30", "30", "d"),
      });
    });
  });

  it("threshold", () => {
    expect(only('threshold seuil.plaquettes = 50 000 /mm3\n  label "Plaquettes minimales"')).toEqual({
      kind: "threshold",
      role: "threshold",
      name: name("seuil.plaquettes"),
      value: qty("50 000", "50000", "/mm3"),
      label: txt("Plaquettes minimales"),
    });
    expect(only("threshold seuil.tp = 50 %")).toMatchObject({ role: "threshold", value: qty("50", "50", "%") });
    expect(only("threshold seuil.aspirine = 160 mg/d")).toMatchObject({ value: qty("160", "160", "mg/d") });
    expect(only("threshold ratio = 0,5")).toEqual({ kind: "threshold", role: "threshold", name: name("ratio"), value: qty("0,5", "0.5") });
  });

  it("delay", () => {
    expect(only('delay delai.clopidogrel = 5 d label "Arrêt du clopidogrel"')).toEqual({
      kind: "threshold",
      role: "delay",
      name: name("delai.clopidogrel"),
      value: qty("5", "5", "d"),
      label: txt("Arrêt du clopidogrel"),
    });
    expect(only("delay delai.aod = 48 h")).toMatchObject({ role: "delay", value: qty("48", "48", "h") });
  });

  it("class, with and without a label", () => {
    expect(only('class antiagregant "Antiagrégant plaquettaire"')).toEqual({
      kind: "class",
      name: name("antiagregant"),
      label: txt("Antiagrégant plaquettaire"),
      atc: [],
    });
    expect(only("class antivitamine-k")).toEqual({ kind: "class", name: name("antivitamine-k"), atc: [] });
  });

  it("class with ATC prefixes after its label", () => {
    expect(only('class class-a "Class A" atc B01AA, B01AB')).toEqual({
      kind: "class",
      name: name("class-a"),
      label: txt("Class A"),
      atc: [name("B01AA"), name("B01AB")],
    });
  });

  it("drug with RxNorm codes, digits only", () => {
    expect(only("drug drug-a atc B01AC04 rxnorm 11111, 22222 class class-a")).toMatchObject({
      atc: [name("B01AC04")],
      rxnorm: [name("11111"), name("22222")],
      drugClass: name("class-a"),
    });
  });

  it("drug with atc, class and label, in any order", () => {
    const expected = {
      kind: "drug",
      name: name("clopidogrel"),
      atc: [name("B01AC04")],
      rxnorm: [],
      drugClass: name("antiagregant"),
      label: txt("Clopidogrel"),
      aliases: [],
    };
    expect(only('drug clopidogrel atc B01AC04 class antiagregant label "Clopidogrel"')).toEqual(expected);
    expect(only('drug clopidogrel label "Clopidogrel" class antiagregant atc B01AC04')).toEqual(expected);
    expect(only("drug aspirin")).toEqual({ kind: "drug", name: name("aspirin"), atc: [], rxnorm: [], aliases: [] });
  });

  it("drug with several ATC codes, aliases, and `not named by source`", () => {
    expect(only('drug aspirin atc B01AC06, N02BA01 class antiagregant\n  alias "aspirine", "Kardégic"')).toEqual({
      kind: "drug",
      name: name("aspirin"),
      atc: [name("B01AC06"), name("N02BA01")],
      rxnorm: [],
      drugClass: name("antiagregant"),
      aliases: [txt("aspirine"), txt("Kardégic")],
    });
    const unnamed = only('drug drug-x atc B01AC24 label "X" not named by source alias "Brand"') as { notNamedBySource?: unknown };
    expect(unnamed.notNamedBySource).toBeDefined();
  });

  it("finding kind", () => {
    expect(only('finding absolute-contraindication "Contre-indication absolue"')).toEqual({
      kind: "finding-kind",
      name: name("absolute-contraindication"),
      label: txt("Contre-indication absolue"),
    });
    expect(only("finding relative")).toEqual({ kind: "finding-kind", name: name("relative") });
  });

  it("recommendation", () => {
    expect(only('recommendation biopsy "Biopsie avant le geste"')).toEqual({
      kind: "recommendation",
      name: name("biopsy"),
      label: txt("Biopsie avant le geste"),
      forProcedure: false,
    });
    expect(only("recommendation rcp")).toEqual({ kind: "recommendation", name: name("rcp"), forProcedure: false });
    expect(only('recommendation warning.leak "Fuite" for procedure')).toEqual({
      kind: "recommendation",
      name: name("warning.leak"),
      label: txt("Fuite"),
      forProcedure: true,
    });
  });

  it("verdict with outcomes and otherwise", () => {
    expect(
      only(`verdict "La cimentoplastie est-elle contre-indiquée ?"
  outcome contraindicated "Contre-indiquée" no procedure when finding absolute-contraindication
  outcome caution when labs.platelets < 100 000 /mm3 or taking class antiagregant
  otherwise not-contraindicated "Pas de contre-indication"`),
    ).toEqual({
      kind: "verdict",
      question: txt("La cimentoplastie est-elle contre-indiquée ?"),
      outcomes: [
        {
          code: name("contraindicated"),
          label: txt("Contre-indiquée"),
          when: { kind: "finding", findingKind: name("absolute-contraindication") },
          noProcedure: true,
        },
        {
          code: name("caution"),
          noProcedure: false,
          when: {
            kind: "or",
            operands: [
              { kind: "compare", operator: "<", left: ref("labs.platelets"), right: qty("100 000", "100000", "/mm3") },
              { kind: "taking", target: { kind: "class", name: name("antiagregant") } },
            ],
          },
        },
      ],
      otherwise: { code: name("not-contraindicated"), label: txt("Pas de contre-indication"), noProcedure: false },
    });
  });

  it("readiness with its three labels", () => {
    expect(
      only('readiness "Geste possible ?"\n  ready "prêt"\n  not ready "à différer ({preconditions})"\n  undecided "à vérifier"'),
    ).toEqual({
      kind: "readiness",
      question: txt("Geste possible ?"),
      ready: txt("prêt"),
      notReady: txt("à différer ({preconditions})"),
      undecided: txt("à vérifier"),
    });
  });

  it("a header with the version of its facts contract", () => {
    expect(only('guideline g\n  version "2.0.0"')).toEqual({ kind: "header", id: name("g"), ignore: [], version: txt("2.0.0") });
  });

  it("verdict with no question and no otherwise", () => {
    expect(only("verdict outcome ok when a")).toEqual({
      kind: "verdict",
      outcomes: [{ code: name("ok"), when: flag("a"), noProcedure: false }],
    });
    expect(only("verdict otherwise fine")).toEqual({
      kind: "verdict",
      outcomes: [],
      otherwise: { code: name("fine"), noProcedure: false },
    });
    expect(only("verdict otherwise no-go no procedure")).toEqual({
      kind: "verdict",
      outcomes: [],
      otherwise: { code: name("no-go"), noProcedure: true },
    });
  });

  it("plan with scope atc, otherwise refer and reminder", () => {
    expect(only('plan medications\n  scope atc B01\n  otherwise refer\n  reminder "En accord avec l\'anesthésie."')).toEqual({
      kind: "plan",
      list: name("medications"),
      scope: name("B01"),
      otherwise: name("refer"),
      reminder: txt("En accord avec l'anesthésie."),
      wordings: [],
    });
    expect(only("plan medications")).toEqual({ kind: "plan", list: name("medications"), wordings: [] });
  });

  it("plan with title and wordings keyed by an action or a name", () => {
    expect(only('plan medications\n  title "Traitements"\n  wording stop "arrêter {delay}"\n  wording unknown-drug "inconnu"')).toEqual({
      kind: "plan",
      list: name("medications"),
      title: txt("Traitements"),
      wordings: [
        { key: name("stop"), text: txt("arrêter {delay}") },
        { key: name("unknown-drug"), text: txt("inconnu") },
      ],
    });
  });

  it("reference", () => {
    expect(only('reference 100 "Jaffe TA. AJR. 2015;205(2):421–8."')).toEqual({
      kind: "reference",
      number: num("100"),
      text: txt("Jaffe TA. AJR. 2015;205(2):421–8."),
    });
  });

  it("rule with statement, repeated quote, cite list, when and then", () => {
    expect(
      only(`rule saignement.plaquettes
  statement "Les plaquettes doivent être supérieures à 50 000/mm3."
  quote "Plaquettes > 50 000/mm<sup>3</sup>"
  quote "et le TP > 50."
  cite 100, 101
  when labs.platelets > seuil.plaquettes
  then precondition "Plaquettes > 50 000/mm3"`),
    ).toEqual({
      kind: "rule",
      id: name("saignement.plaquettes"),
      statement: txt("Les plaquettes doivent être supérieures à 50 000/mm3."),
      quotes: [txt("Plaquettes > 50 000/mm<sup>3</sup>"), txt("et le TP > 50.")],
      citations: [num("100"), num("101")],
      when: { kind: "compare", operator: ">", left: ref("labs.platelets"), right: ref("seuil.plaquettes") },
      then: { kind: "precondition", label: txt("Plaquettes > 50 000/mm3") },
    });
  });

  it("rule with only an id, and parts in any order", () => {
    expect(only("rule r")).toEqual({ kind: "rule", id: name("r"), quotes: [], citations: [] });
    expect(only('rule r then continue aspirin cite 7 quote "q" when a statement "s"')).toEqual({
      kind: "rule",
      id: name("r"),
      statement: txt("s"),
      quotes: [txt("q")],
      citations: [num("7")],
      when: flag("a"),
      then: { kind: "medication", action: "continue", target: { kind: "drug", name: name("aspirin") } },
    });
  });

  it("`cite 100,101` (no space) is one decimal number, as documented; `cite 100, 101` is two", () => {
    expect(only("rule r cite 100,101")).toMatchObject({ citations: [num("100,101", "100.101")] });
    expect(only("rule r cite 100, 101")).toMatchObject({ citations: [num("100"), num("101")] });
    expect(only("rule r cite 1 000")).toMatchObject({ citations: [num("1 000", "1000")] });
  });

  it("a text with escapes is unescaped in the AST", () => {
    expect(only('rule r quote "il dit \\"stop\\" \\\\ fin"')).toMatchObject({ quotes: [txt('il dit "stop" \\ fin')] });
  });

  it("several declarations keep their source order; comments are ignored", () => {
    const kinds = parseClean('# head\nclass c\n\ndrug d class c # trailing\nrule r\nsection s "t"\n').map(
      (d) => (d as { kind: string }).kind,
    );
    expect(kinds).toEqual(["class", "drug", "rule", "section"]);
  });
});

describe("header coverage and ignore, information, uncovered, always, examples", () => {
  it("header coverage and ignore", () => {
    expect(only('guideline g\n  coverage from "4. Quelles" to "5. Quand"\n  ignore "Référentiel AURA 2019"\n  ignore "Page"')).toEqual({
      kind: "header",
      id: name("g"),
      coverage: { from: txt("4. Quelles"), to: txt("5. Quand") },
      ignore: [txt("Référentiel AURA 2019"), txt("Page")],
    });
  });

  it("information", () => {
    expect(only('information info.anesthesie\n  statement "S"\n  quote "Q1"\n  quote "Q2"\n  cite 100, 101')).toEqual({
      kind: "information",
      id: name("info.anesthesie"),
      statement: txt("S"),
      quotes: [txt("Q1"), txt("Q2")],
      citations: [num("100"), num("101")],
    });
    expect(only("information i")).toEqual({ kind: "information", id: name("i"), quotes: [], citations: [] });
  });

  it("uncovered", () => {
    expect(only('uncovered "Une phrase du texte." because "hors du champ"')).toEqual({
      kind: "uncovered",
      text: txt("Une phrase du texte."),
      reason: txt("hors du champ"),
    });
  });

  it("precedence and accept", () => {
    expect(only('precedence regle.a over regle.b because "La source le dit."')).toEqual({
      kind: "precedence",
      winner: name("regle.a"),
      loser: name("regle.b"),
      reason: txt("La source le dit."),
    });
    expect(only('accept GL3006 for procedure.date because "Lu par le plan."')).toEqual({
      kind: "accept",
      code: name("GL3006"),
      subject: name("procedure.date"),
      reason: txt("Lu par le plan."),
    });
    // The reason is part of the syntax, as for `uncovered`.
    expect(parse("precedence a over b").diagnostics.map((d) => d.code)).toEqual(["GL1002"]);
  });

  it("always", () => {
    expect(condition("always")).toEqual({ kind: "always" });
    expect(condition("always and not a")).toEqual({ kind: "and", operands: [{ kind: "always" }, { kind: "not", operand: flag("a") }] });
  });

  it("example with every kind of given and expectation", () => {
    expect(
      only(`example ex.low "Plaquettes basses"
  given labs.platelets = 30 000 /mm3
  given patient.severeCoagulopathy = no
  given lesion.site = vertebra
  given procedure.date = "2024-05-10"
  given medications = (aspirin 75 mg/d, "edoxaban" atc B01AF03, clopidogrel)
  given others = ()
  expect verdict contraindicated
  expect no verdict not-contraindicated
  expect precondition saignement.plaquettes unmet
  expect precondition saignement.tp
  expect plan clopidogrel stop 5 d before on "2024-05-05"
  expect plan x stop delai.x before
  expect plan aspirin continue
  expect plan "edoxaban" refer
  expect plan warfarin bridge
  expect no plan fluindione
  expect recommendation biopsy
  expect finding contre-indication.coagulation
  expect missing labs.prothrombinActivityPercent
  expect missing "medications"`),
    ).toEqual({
      kind: "example",
      id: name("ex.low"),
      title: txt("Plaquettes basses"),
      givens: [
        { fact: name("labs.platelets"), value: { kind: "quantity", quantity: qty("30 000", "30000", "/mm3") } },
        { fact: name("patient.severeCoagulopathy"), value: { kind: "word", word: name("no") } },
        { fact: name("lesion.site"), value: { kind: "word", word: name("vertebra") } },
        { fact: name("procedure.date"), value: { kind: "text", text: txt("2024-05-10") } },
        {
          fact: name("medications"),
          value: {
            kind: "medications",
            items: [
              { name: name("aspirin"), dose: qty("75", "75", "mg/d") },
              { name: name("edoxaban"), atc: name("B01AF03") },
              { name: name("clopidogrel") },
            ],
          },
        },
        { fact: name("others"), value: { kind: "medications", items: [] } },
      ],
      expectations: [
        { kind: "verdict", code: name("contraindicated"), negated: false },
        { kind: "verdict", code: name("not-contraindicated"), negated: true },
        { kind: "precondition", rule: name("saignement.plaquettes"), status: name("unmet"), negated: false },
        { kind: "precondition", rule: name("saignement.tp"), negated: false },
        {
          kind: "plan",
          drug: name("clopidogrel"),
          action: name("stop"),
          delay: qty("5", "5", "d"),
          date: txt("2024-05-05"),
          negated: false,
        },
        { kind: "plan", drug: name("x"), action: name("stop"), delay: ref("delai.x"), negated: false },
        { kind: "plan", drug: name("aspirin"), action: name("continue"), negated: false },
        { kind: "plan", drug: name("edoxaban"), action: name("refer"), negated: false },
        { kind: "plan", drug: name("warfarin"), action: name("bridge"), negated: false },
        { kind: "plan", drug: name("fluindione"), negated: true },
        { kind: "recommendation", code: name("biopsy"), negated: false },
        { kind: "finding", rule: name("contre-indication.coagulation"), negated: false },
        { kind: "missing", fact: name("labs.prothrombinActivityPercent"), negated: false },
        { kind: "missing", fact: name("medications"), negated: false },
      ],
    });
    expect(only("example e")).toEqual({ kind: "example", id: name("e"), givens: [], expectations: [] });
    expect(
      only("example e\n  given labs.tp = 1,9 {INR}\n  expect refused labs.tp\n  expect readiness ready\n  expect no readiness not-ready"),
    ).toMatchObject({
      givens: [{ fact: name("labs.tp"), value: { kind: "quantity", quantity: qty("1,9", "1.9", "{INR}") } }],
      expectations: [
        { kind: "refused", fact: name("labs.tp"), negated: false },
        { kind: "readiness", status: name("ready"), negated: false },
        { kind: "readiness", status: name("not-ready"), negated: true },
      ],
    });
  });

  it("example based on another", () => {
    expect(
      only(
        'example ex.high "Plaquettes hautes" based on ex.low\n  given labs.platelets = 150 000 /mm3\n  expect no verdict contraindicated',
      ),
    ).toEqual({
      kind: "example",
      id: name("ex.high"),
      title: txt("Plaquettes hautes"),
      base: name("ex.low"),
      givens: [{ fact: name("labs.platelets"), value: { kind: "quantity", quantity: qty("150 000", "150000", "/mm3") } }],
      expectations: [{ kind: "verdict", code: name("contraindicated"), negated: true }],
    });
    expect(only("example e based on base")).toEqual({ kind: "example", id: name("e"), base: name("base"), givens: [], expectations: [] });
  });
});

describe("conditions", () => {
  it("a flag alone", () => {
    expect(condition("patient.severeCoagulopathy")).toEqual(flag("patient.severeCoagulopathy"));
  });

  it("and, or, not", () => {
    expect(condition("a and b and c")).toEqual({ kind: "and", operands: [flag("a"), flag("b"), flag("c")] });
    expect(condition("a or b")).toEqual({ kind: "or", operands: [flag("a"), flag("b")] });
    expect(condition("not a")).toEqual({ kind: "not", operand: flag("a") });
    expect(condition("not not a")).toEqual({ kind: "not", operand: { kind: "not", operand: flag("a") } });
    expect(condition("not a and b")).toEqual({ kind: "and", operands: [{ kind: "not", operand: flag("a") }, flag("b")] });
  });

  it("parentheses group", () => {
    expect(condition("(a or b) and not c")).toEqual({
      kind: "and",
      operands: [
        { kind: "or", operands: [flag("a"), flag("b")] },
        { kind: "not", operand: flag("c") },
      ],
    });
    expect(condition("a and (b or (c and d))")).toEqual({
      kind: "and",
      operands: [flag("a"), { kind: "or", operands: [flag("b"), { kind: "and", operands: [flag("c"), flag("d")] }] }],
    });
    expect(condition("not (a or b)")).toEqual({ kind: "not", operand: { kind: "or", operands: [flag("a"), flag("b")] } });
    expect(condition("((a))")).toEqual(flag("a"));
  });

  test.for([
    [">", ">"],
    [">=", ">="],
    ["≥", ">="],
    ["<", "<"],
    ["<=", "<="],
    ["≤", "<="],
    ["=", "="],
    ["!=", "!="],
    ["≠", "!="],
  ] as const)("comparison with %s", ([written, operator]) => {
    expect(condition(`labs.platelets ${written} 50 000 /mm3`)).toEqual({
      kind: "compare",
      operator,
      left: ref("labs.platelets"),
      right: qty("50 000", "50000", "/mm3"),
    });
  });

  it("comparison with the value on the left", () => {
    expect(condition("50 000 /mm3 < labs.platelets")).toEqual({
      kind: "compare",
      operator: "<",
      left: qty("50 000", "50000", "/mm3"),
      right: ref("labs.platelets"),
    });
  });

  it("comparison of two names, of a number without unit, and with other units", () => {
    expect(condition("labs.prothrombinActivityPercent > seuil.tp")).toEqual({
      kind: "compare",
      operator: ">",
      left: ref("labs.prothrombinActivityPercent"),
      right: ref("seuil.tp"),
    });
    expect(condition("score >= 0,5")).toEqual({ kind: "compare", operator: ">=", left: ref("score"), right: qty("0,5", "0.5") });
    expect(condition("labs.prothrombinActivityPercent > 50 %")).toMatchObject({ right: qty("50", "50", "%") });
    expect(condition("labs.neutrophils < 1,5 10*9/L")).toMatchObject({ right: qty("1,5", "1.5", "10*9/L") });
    expect(condition("delay.since < 48 h")).toMatchObject({ right: qty("48", "48", "h") });
  });

  it("is and in", () => {
    expect(condition("lesion.site is vertebra")).toEqual({ kind: "member", fact: name("lesion.site"), values: [name("vertebra")] });
    expect(condition("lesion.site in (vertebra, sacrum, long-bone)")).toEqual({
      kind: "member",
      fact: name("lesion.site"),
      values: [name("vertebra"), name("sacrum"), name("long-bone")],
    });
  });

  it("taking a drug, taking a class", () => {
    expect(condition("taking clopidogrel")).toEqual({ kind: "taking", target: { kind: "drug", name: name("clopidogrel") } });
    expect(condition("taking class antiagregant")).toEqual({ kind: "taking", target: { kind: "class", name: name("antiagregant") } });
  });

  it("dose of a drug", () => {
    expect(condition("dose of aspirin < seuil.aspirine")).toEqual({
      kind: "compare",
      operator: "<",
      left: { kind: "dose", drug: name("aspirin") },
      right: ref("seuil.aspirine"),
    });
    expect(condition("160 mg/d <= dose of aspirin")).toEqual({
      kind: "compare",
      operator: "<=",
      left: qty("160", "160", "mg/d"),
      right: { kind: "dose", drug: name("aspirin") },
    });
  });

  it("finding kind", () => {
    expect(condition("finding absolute-contraindication")).toEqual({ kind: "finding", findingKind: name("absolute-contraindication") });
  });

  it("a mix of every kind of condition", () => {
    expect(
      condition("(taking class antiagregant or dose of aspirin >= 160 mg/d) and lesion.site in (vertebra) and not finding k and x"),
    ).toEqual({
      kind: "and",
      operands: [
        {
          kind: "or",
          operands: [
            { kind: "taking", target: { kind: "class", name: name("antiagregant") } },
            { kind: "compare", operator: ">=", left: { kind: "dose", drug: name("aspirin") }, right: qty("160", "160", "mg/d") },
          ],
        },
        { kind: "member", fact: name("lesion.site"), values: [name("vertebra")] },
        { kind: "not", operand: { kind: "finding", findingKind: name("k") } },
        flag("x"),
      ],
    });
  });
});

describe("effects", () => {
  it("finding", () => {
    expect(effect("finding absolute-contraindication")).toEqual({ kind: "finding", findingKind: name("absolute-contraindication") });
  });

  it("precondition, with and without a label", () => {
    expect(effect('precondition "TP > 50 %"')).toEqual({ kind: "precondition", label: txt("TP > 50 %") });
    expect(effect("precondition")).toEqual({ kind: "precondition" });
  });

  it("recommend", () => {
    expect(effect("recommend biopsy")).toEqual({ kind: "recommend", code: name("biopsy") });
    expect(effect("recommend biopsy may")).toEqual({ kind: "recommend", code: name("biopsy"), strength: "may" });
    expect(effect("recommend biopsy should")).toEqual({ kind: "recommend", code: name("biopsy"), strength: "should" });
    expect(effect("recommend biopsy must")).toEqual({ kind: "recommend", code: name("biopsy"), strength: "must" });
  });

  it("stop a drug, a class; with a delay name or a duration", () => {
    expect(effect("stop clopidogrel delai.clopidogrel before")).toEqual({
      kind: "medication",
      action: "stop",
      target: { kind: "drug", name: name("clopidogrel") },
      delay: ref("delai.clopidogrel"),
    });
    expect(effect("stop class anticoagulant-oral-direct 48 h before")).toEqual({
      kind: "medication",
      action: "stop",
      target: { kind: "class", name: name("anticoagulant-oral-direct") },
      delay: qty("48", "48", "h"),
    });
  });

  it("bridge", () => {
    expect(effect("bridge class antivitamine-k delai.relais-heparine before")).toEqual({
      kind: "medication",
      action: "bridge",
      target: { kind: "class", name: name("antivitamine-k") },
      delay: ref("delai.relais-heparine"),
    });
    expect(effect("bridge warfarin 1 d before")).toMatchObject({
      action: "bridge",
      target: { kind: "drug", name: name("warfarin") },
      delay: qty("1", "1", "d"),
    });
  });

  it("continue and refer, for a drug and a class", () => {
    expect(effect("continue aspirin")).toEqual({ kind: "medication", action: "continue", target: { kind: "drug", name: name("aspirin") } });
    expect(effect("continue class antiagregant")).toEqual({
      kind: "medication",
      action: "continue",
      target: { kind: "class", name: name("antiagregant") },
    });
    expect(effect("refer warfarin")).toEqual({ kind: "medication", action: "refer", target: { kind: "drug", name: name("warfarin") } });
    expect(effect("refer class antivitamine-k")).toEqual({
      kind: "medication",
      action: "refer",
      target: { kind: "class", name: name("antivitamine-k") },
    });
  });
});

describe("spans", () => {
  const text = [
    "# a comment",
    "rule saignement.plaquettes",
    '  quote "Plaquettes > 50 000/mm3"',
    '  quote "sur',
    '  deux lignes"',
    "  when labs.platelets > 50 000 /mm3 and not taking class antiagregant",
    "  then stop clopidogrel 5 d before",
  ].join("\n");
  const { ast, diagnostics } = parse(text, FILE);
  const rule = ast.declarations[0] as RuleDeclaration;
  const slice = (span: Span | undefined) => (span ? text.slice(span.offset, span.endOffset) : undefined);
  const where = (span: Span | undefined) => (span ? [span.file, span.line, span.column, span.endLine, span.endColumn] : undefined);

  it("parses cleanly", () => {
    expect(diagnostics).toEqual([]);
    expect(rule.kind).toBe("rule");
  });

  it("the rule id", () => {
    expect(where(rule.id.span)).toEqual([FILE, 2, 6, 2, 26]);
    expect(slice(rule.id.span)).toBe("saignement.plaquettes");
  });

  it("the declaration runs from its keyword to its last token", () => {
    expect(where(rule.span)).toEqual([FILE, 2, 1, 7, 34]);
    expect(slice(rule.span)?.startsWith("rule saignement")).toBe(true);
    expect(slice(rule.span)?.endsWith("before")).toBe(true);
  });

  it("quotes, including one over two lines", () => {
    expect(where(rule.quotes[0]?.span)).toEqual([FILE, 3, 9, 3, 33]);
    expect(slice(rule.quotes[0]?.span)).toBe('"Plaquettes > 50 000/mm3"');
    expect(where(rule.quotes[1]?.span)).toEqual([FILE, 4, 9, 5, 14]);
    expect(rule.quotes[1]?.value).toBe("sur\n  deux lignes");
  });

  it("the condition and its parts", () => {
    const when = rule.when;
    expect(where(when?.span)).toEqual([FILE, 6, 8, 6, 69]);
    expect(slice(when?.span)).toBe("labs.platelets > 50 000 /mm3 and not taking class antiagregant");
    if (when?.kind !== "and") throw new Error("expected an `and`");
    const [compare, negation] = when.operands;
    expect(where(compare?.span)).toEqual([FILE, 6, 8, 6, 35]);
    expect(slice(compare?.span)).toBe("labs.platelets > 50 000 /mm3");
    if (compare?.kind !== "compare") throw new Error("expected a comparison");
    expect(where(compare.left.span)).toEqual([FILE, 6, 8, 6, 21]);
    expect(where(compare.right.span)).toEqual([FILE, 6, 25, 6, 35]);
    expect(compare.right.kind === "quantity" && where(compare.right.value.span)).toEqual([FILE, 6, 25, 6, 30]);
    expect(compare.right.kind === "quantity" && where(compare.right.unit?.span)).toEqual([FILE, 6, 32, 6, 35]);
    expect(slice(negation?.span)).toBe("not taking class antiagregant");
  });

  it("the effect", () => {
    expect(where(rule.then?.span)).toEqual([FILE, 7, 8, 7, 34]);
    expect(slice(rule.then?.span)).toBe("stop clopidogrel 5 d before");
  });

  it("columns count characters after non-ASCII text", () => {
    const source = 'rule r quote "Arrêt — ≥ 5 j" when x ≥ 5';
    const result = parse(source, FILE);
    expect(result.diagnostics).toEqual([]);
    const parsedRule = result.ast.declarations[0] as RuleDeclaration;
    expect(where(parsedRule.when?.span)).toEqual([FILE, 1, 35, 1, 39]);
    expect(source.slice(parsedRule.when?.span.offset, parsedRule.when?.span.endOffset)).toBe("x ≥ 5");
  });
});

describe("syntax errors", () => {
  const codes = (text: string) => parse(text, FILE).diagnostics.map((d) => d.code);

  it("reports every error of a file, each at its place, in plain words", () => {
    const text = ["section a 12", "rule r when x > 1 then", "fact f : quantity in from 1 to 2", 'threshold t = "x"', "class ok"].join("\n");
    const { ast, diagnostics } = parse(text, FILE);
    expect(diagnostics.map(show)).toEqual([
      "1:11 GL1002 expected a text in double quotes but found `12`",
      "2:23 GL1002 expected `finding`, `precondition`, `recommend`, `stop`, `bridge`, `continue` or `refer` but found `fact`",
      "3:22 GL1002 expected a unit, `%` or a name but found `from`",
      '4:15 GL1002 expected a number but found `"x"`',
    ]);
    for (const d of diagnostics) {
      expect(d.code).toMatch(/^GL1\d{3}$/);
      expect(d.severity).toBe("error");
      expect(d.span?.file).toBe(FILE);
    }
    // recovery keeps what could be read
    expect(ast.declarations.map((d) => d.kind)).toEqual(["section", "rule", "fact", "threshold", "class"]);
  });

  it("an error at the end of the file says so", () => {
    expect(parse("rule r when", FILE).diagnostics.map(show)).toEqual([
      "1:12 GL1002 expected `not`, `(`, `taking`, `always`, `finding`, `dose`, a name or a number but found the end of the file",
    ]);
    expect(parse("fact x : one of\n", FILE).diagnostics.map(show)).toEqual(["2:1 GL1002 expected a name but found the end of the file"]);
  });

  it("a missing closing parenthesis", () => {
    expect(parse("rule r when (a and b then finding x", FILE).diagnostics.map(show)).toEqual(["1:22 GL1002 expected `)` but found `then`"]);
  });

  it("mixing `and` and `or` without parentheses gives GL1004", () => {
    const { diagnostics } = parse("rule r\n  when a and b or c\n  then finding k", FILE);
    expect(diagnostics.map(show)).toEqual(["2:8 GL1004 `and` and `or` are mixed without parentheses"]);
    expect(diagnostics[0]?.span).toMatchObject({ line: 2, column: 8, endLine: 2, endColumn: 19 });
    expect(diagnostics[0]?.hint).toMatch(/parentheses/);
    expect(codes("rule r when (a or b and c)")).toEqual(["GL1004"]);
    expect(codes("verdict outcome x when a or b and c")).toEqual(["GL1004"]);
    expect(codes("rule r when a and (b or c)")).toEqual([]);
    expect(codes("rule r when (a and b) or c")).toEqual([]);
  });

  it("an unterminated string gives GL1003 at its opening quote", () => {
    const { diagnostics } = parse('rule r\n  quote "Plaquettes > 50\n  when x', FILE);
    const unterminated = diagnostics.filter((d) => d.code === "GL1003");
    expect(unterminated).toHaveLength(1);
    expect(unterminated[0]?.span).toMatchObject({ line: 2, column: 9, endLine: 2 });
    expect(unterminated[0]?.message).toMatch(/closing double quote/);
    expect(diagnostics.every((d) => /^GL1\d{3}$/.test(d.code))).toBe(true);
  });

  it("a stray character gives GL1001, and parsing goes on", () => {
    const { ast, diagnostics } = parse("rule r\n  when a @ b\nrule s when c", FILE);
    expect(diagnostics.map(show)[0]).toBe("2:10 GL1001 unexpected character `@`");
    expect(diagnostics.every((d) => /^GL1\d{3}$/.test(d.code))).toBe(true);
    expect(ast.declarations.map((d) => (d.kind === "rule" ? d.id.text : d.kind))).toContain("s");
  });

  test.for([
    "hello world",
    ") ) )",
    '"just a text"',
    "50 000 /mm3",
    "@@@",
    "when a then finding x",
    "then stop x before",
    "yes/no",
    ", , :",
    "≥ ≤ ≠",
    '"unterminated',
    "rule",
    "fact",
    "fact x :",
    "verdict outcome",
    "plan",
    "reference",
    "rule r when not",
    "rule r when (((((",
    "rule r when a in (",
    "rule r then stop class",
  ])("junk %j gives diagnostics, never a throw", (text) => {
    const result = parse(text, FILE);
    expect(result.ast.kind).toBe("source-file");
    expect(result.diagnostics.length).toBeGreaterThan(0);
    for (const d of result.diagnostics) {
      expect(d.code).toMatch(/^GL1\d{3}$/);
      expect(d.span?.line).toBeGreaterThanOrEqual(1);
      expect(d.span?.column).toBeGreaterThanOrEqual(1);
      expect(d.message).not.toMatch(/EOF|undefined|NaN|\[object/);
    }
  });

  it("junk at top level is reported as a misplaced declaration start (GL1005), and the next declaration is read", () => {
    const { ast, diagnostics } = parse('hello world\nrule r\n"x" 12\nrule s', FILE);
    expect(diagnostics.map(show)).toEqual([
      "1:1 GL1005 `hello` cannot start here; expected a declaration (`rule`, `fact`, `threshold`, `drug`, `section`...)",
      '3:1 GL1005 `"x"` cannot start here; expected a declaration (`rule`, `fact`, `threshold`, `drug`, `section`...)',
    ]);
    expect(ast.declarations.map((d) => (d.kind === "rule" ? d.id.text : d.kind))).toEqual(["r", "s"]);
  });

  it("an empty file, or only comments and blanks, is fine", () => {
    for (const text of ["", "   \n\t\n", "# only a comment\n# another", "\uFEFF"]) {
      const result = parse(text, FILE);
      expect(result.diagnostics).toEqual([]);
      expect(result.ast.declarations).toEqual([]);
    }
  });

  it("structure errors found while building the AST (GL2019, GL2080, GL2081)", () => {
    expect(codes("rule r when a when b")).toEqual(["GL2019"]);
    expect(codes("rule r then continue a then continue b")).toEqual(["GL2019"]);
    expect(codes('rule r statement "a" statement "b"')).toEqual(["GL2019"]);
    expect(parse("rule r when 5 mg", FILE).diagnostics.map(show)).toEqual([
      "1:13 GL2081 a number cannot be used on its own as a condition",
    ]);
    expect(parse("rule r when dose of x is y", FILE).diagnostics.map(show)).toEqual([
      "1:13 GL2080 a dose cannot be used before `is` or `in`: they test a fact",
    ]);
  });

  it("the shared parser carries nothing from one parse to the next", () => {
    const good = 'rule r quote "q" when a > 1 then finding k';
    const first = parse(good, FILE);
    parse("rule r when ( then @ fact", FILE);
    const again = parse(good, FILE);
    expect(again).toEqual(first);
    expect(again.diagnostics).toEqual([]);
  });
});

describe("robustness", () => {
  const words = realSource.split(/(\s+)/).filter((w) => w.length > 0);
  const lines = realSource.split("\n");
  const syntax = [
    "(",
    ")",
    '"',
    "\\",
    ",",
    ":",
    "=",
    ">=",
    "≥",
    "not",
    "and",
    "or",
    "when",
    "then",
    "\n",
    " ",
    "\u00A0",
    "50 000",
    "0,5",
    "@",
    "#",
    "yes/no",
    "10*9/L",
    "/mm3",
    "%",
  ];
  const fragment = fc.oneof(
    fc.constantFrom(...words),
    fc.constantFrom(...lines),
    fc.constantFrom(...syntax),
    fc.string({ unit: "grapheme", maxLength: 12 }),
    fc.string({ unit: "binary", maxLength: 12 }),
  );
  const source = fc.tuple(fc.array(fragment, { maxLength: 80 }), fc.constantFrom("", " ", "\n")).map(([parts, glue]) => parts.join(glue));

  /** Spans that do not point into the text: line and column from 1, offsets within it. */
  function badSpans(value: unknown, text: string, out: Span[] = []): Span[] {
    if (Array.isArray(value)) {
      for (const v of value) badSpans(v, text, out);
      return out;
    }
    if (value === null || typeof value !== "object") return out;
    const span = (value as { span?: Span }).span;
    if (
      span &&
      !(
        span.line >= 1 &&
        span.column >= 1 &&
        span.endLine >= span.line &&
        span.offset >= 0 &&
        span.offset <= span.endOffset &&
        span.endOffset <= text.length
      )
    )
      out.push(span);
    for (const [key, inner] of Object.entries(value)) if (key !== "span") badSpans(inner, text, out);
    return out;
  }

  function checkSpans(value: unknown, text: string): void {
    expect(badSpans(value, text)).toEqual([]);
  }

  it("arbitrary text never makes the parser throw", () => {
    fc.assert(
      fc.property(source, (text) => {
        const result = parseGuideline(text, FILE);
        expect(result.ast.kind).toBe("source-file");
        for (const d of result.diagnostics) {
          expect(d.code).toMatch(/^GL\d{4}$/);
          expect(d.span).toBeDefined();
        }
        checkSpans(result.ast, text);
        checkSpans(result.diagnostics, text);
      }),
      { seed: 20190517, numRuns: 1500 },
    );
  });

  it("the real guideline with any one line removed never makes the parser throw", () => {
    fc.assert(
      fc.property(fc.nat({ max: lines.length - 1 }), (index) => {
        const text = lines.filter((_, i) => i !== index).join("\n");
        const result = parseGuideline(text, FILE);
        checkSpans(result.ast, text);
      }),
      { seed: 2019, numRuns: 120 },
    );
  });
});

describe("the real guideline (guideline/<current edition>/cimentoplastie.guideline)", () => {
  const { ast, diagnostics } = parse(realSource, "cimentoplastie.guideline");
  const ofKind = <K extends Declaration["kind"]>(kind: K) =>
    ast.declarations.filter((d): d is Extract<Declaration, { kind: K }> => d.kind === kind);

  it("parses with no diagnostics", () => {
    expect(diagnostics.map(show)).toEqual([]);
  });

  it("has the expected number of each kind of declaration", () => {
    const counts: Record<string, number> = {};
    for (const d of ast.declarations) {
      const key = d.kind === "threshold" ? d.role : d.kind;
      counts[key] = (counts[key] ?? 0) + 1;
    }
    // Only the shape: the counts belong to the edition, and a new edition changes them.
    expect(Object.keys(counts).sort()).toEqual(
      [
        "accept",
        "class",
        "delay",
        "drug",
        "fact",
        "finding-kind",
        "header",
        "information",
        "plan",
        "readiness",
        "recommendation",
        "rule",
        "section",
        "threshold",
        "verdict",
      ].sort(),
    );
    for (const single of ["header", "verdict", "plan", "readiness"]) expect(counts[single], single).toBe(1);
  });

  it("reads the header, the verdict, the plan and the bleeding-risk rules", () => {
    const [header] = ofKind("header");
    expect(header).toMatchObject({
      id: name("aura.metastases-osseuses.cimentoplastie"),
      edition: num(String(shippedEditions.current)),
      language: name("fr"),
    });
    expect(header?.coverage?.to.value).toBe("## REFERENCES");
    expect(ofKind("fact").find((f) => f.name.text === "labs.platelets")?.type).toMatchObject({
      kind: "quantity",
      unit: name("/mm3"),
      max: num("2 000 000", "2000000"),
    });
    expect(ofKind("fact").find((f) => f.name.text === "medications")?.dose?.unit?.text).toBe("mg/d");
    expect(ofKind("threshold").find((t) => t.name.text === "seuil.plaquettes")?.value?.value.decimal).toBe("50000");
    const [verdict] = ofKind("verdict");
    expect(verdict?.outcomes.map((o) => o.code.text)).toEqual(["contraindicated", "not-indicated", "discuss", "indicated"]);
    expect(verdict?.otherwise?.code.text).toBe("not-indicated");
    expect(ofKind("plan")[0]).toMatchObject({ list: name("medications"), scope: name("B01"), otherwise: name("refer") });
    const rules = new Map(ofKind("rule").map((r) => [r.id.text, r]));
    expect(stripSpans(rules.get("saignement.aspirine.arret"))).toMatchObject({
      citations: [num("100"), num("101")],
      when: { kind: "compare", operator: ">=", left: { kind: "dose", drug: name("aspirin") }, right: ref("seuil.aspirine") },
      then: { kind: "medication", action: "stop", target: { kind: "drug", name: name("aspirin") }, delay: ref("delai.aspirine") },
    });
    expect(stripSpans(rules.get("saignement.anticoagulant-oral-direct")?.then)).toMatchObject({
      action: "stop",
      target: { kind: "class", name: name("anticoagulant-oral-direct") },
    });
    for (const rule of rules.values()) {
      expect(rule.quotes.length, rule.id.text).toBeGreaterThanOrEqual(1);
      expect(rule.then, rule.id.text).toBeDefined();
    }
  });

  it("every rule id span points at the text it was read from", () => {
    const sourceLines = realSource.split("\n");
    for (const rule of ofKind("rule")) {
      expect(realSource.slice(rule.id.span.offset, rule.id.span.endOffset)).toBe(rule.id.text);
      expect(sourceLines[rule.id.span.line - 1]?.slice(rule.id.span.column - 1, rule.id.span.endColumn)).toBe(rule.id.text);
    }
    const first = ofKind("rule").find((r) => r.id.text === "saignement.plaquettes");
    expect(sourceLines[(first?.span.line ?? 0) - 1]).toBe("rule saignement.plaquettes");
  });
});

describe("the reference list (guideline/<current edition>/references.guideline)", () => {
  const text = readFileSync(join(repoRoot, shippedFolder, "references.guideline"), "utf8");
  const { ast, diagnostics } = parse(text, "references.guideline");

  it("parses with no diagnostics into references numbered 1 to 120, in order", () => {
    expect(diagnostics.map(show)).toEqual([]);
    expect(ast.declarations.every((d) => d.kind === "reference")).toBe(true);
    expect(ast.declarations.map((d) => (d.kind === "reference" ? d.number.decimal : ""))).toEqual(
      Array.from({ length: 120 }, (_, i) => String(i + 1)),
    );
    expect(ast.declarations.every((d) => d.kind === "reference" && (d.text?.value.length ?? 0) > 0)).toBe(true);
  });
});

describe("grammar coverage", () => {
  /** The grammar rules and terminals, read from Chevrotain's grammar description. */
  function grammarParts(): { rules: Set<string>; terminals: Set<string> } {
    const productions = guidelineParser.getGAstProductions();
    const terminals = new Set<string>();
    const walk = (node: unknown): void => {
      // a reference to another rule is walked as that rule, not through the reference
      if (node === null || typeof node !== "object" || "nonTerminalName" in node) return;
      const { terminalType, definition, separator } = node as {
        terminalType?: { name: string };
        definition?: unknown[];
        separator?: { name: string };
      };
      if (terminalType) terminals.add(terminalType.name);
      if (separator) terminals.add(separator.name);
      for (const child of definition ?? []) walk(child);
    };
    for (const rule of Object.values(productions)) walk(rule);
    return { rules: new Set(Object.keys(productions)), terminals };
  }

  function usedBy(texts: readonly string[]): { rules: Set<string>; terminals: Set<string> } {
    const rules = new Set<string>();
    const terminals = new Set<string>();
    const walk = (node: CstNode): void => {
      rules.add(node.name);
      for (const children of Object.values(node.children)) {
        for (const child of children) {
          if ("image" in child) terminals.add(child.tokenType.name);
          else walk(child);
        }
      }
    };
    for (const text of texts) {
      // only sources that parse cleanly count: recovery must not pass for coverage
      if (parseGuideline(text, FILE).diagnostics.length > 0) continue;
      guidelineParser.input = guidelineLexer.tokenize(text).tokens;
      walk(guidelineParser.file());
    }
    return { rules, terminals };
  }

  it("every grammar rule and every token the grammar consumes appears in a cleanly parsed test source", () => {
    const grammar = grammarParts();
    const used = usedBy(parsedSources);
    expect([...grammar.rules].filter((r) => !used.rules.has(r))).toEqual([]);
    expect([...grammar.terminals].filter((t) => !used.terminals.has(t))).toEqual([]);
  });

  it("the only tokens the grammar never consumes are the skipped ones, the unterminated text and reserved words", () => {
    const { terminals } = grammarParts();
    expect(allTokens.map((t) => t.name).filter((n) => !terminals.has(n))).toEqual(["WhiteSpace", "Comment", "UnterminatedString"]);
  });
});

describe("a class declaration right after a drug", () => {
  it("is read as a declaration of its own, not as the drug's class", async () => {
    const { parseGuideline } = await import("../../src/dsl/parse.js");
    const { ast, diagnostics } = parseGuideline(
      'drug a atc B01AC04 class c1 label "A"\nclass c2 "Classe 2"\ndrug b atc B01AC05 class c2\n',
      "t.guideline",
    );
    expect(diagnostics).toEqual([]);
    expect(ast.declarations.map((d) => d.kind)).toEqual(["drug", "class", "drug"]);
  });
});

describe("syntax errors travel typed, not as text inside Chevrotain's message", () => {
  it("each error of a parse is paired with what it is about, pointing at the same token, and its message is plain words", () => {
    const text = 'section s "S"\nstray.name\nrule r1\n  when x > 3\n  then\n';
    const { errors } = guidelineParser.parseTokens(guidelineLexer.tokenize(text).tokens);
    expect(errors.length).toBe(2);
    for (const { error, problem } of errors) {
      expect(problem.token).toBe(error.token);
      expect(() => {
        JSON.parse(error.message);
      }).toThrow();
      expect(error.message).toMatch(problem.kind === "cannot-start" ? / cannot start here$/ : /^expected .+ but found /);
    }
    expect(errors.map((e) => e.problem.kind)).toContain("cannot-start");
    expect(errors.map((e) => e.problem.kind)).toContain("expected");
  });

  it("a second parse starts with no errors left from the first", () => {
    guidelineParser.parseTokens(guidelineLexer.tokenize("rule (\n").tokens);
    expect(guidelineParser.parseTokens(guidelineLexer.tokenize('section s "S"\n').tokens).errors).toEqual([]);
  });
});
