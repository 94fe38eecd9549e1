import { Lexer, type TokenType } from "chevrotain";
import { describe, expect, it, test } from "vitest";
import { allTokens, guidelineLexer, keywordTokens } from "../../src/dsl/tokens.js";

/**
 * The lexer, token by token. Each row is an input and the tokens it must give, as
 * `[type name, image]` pairs. Rows for skipped tokens (white space, comments) give no
 * token; they name the skipped type in `skipped`, and the test checks that this type's
 * pattern matches the whole input.
 */
interface Row {
  readonly name?: string;
  readonly input: string;
  readonly tokens: readonly (readonly [string, string])[];
  readonly skipped?: readonly string[];
}

const NBSP = "\u00A0";
const NNBSP = "\u202F";

/** A keyword on its own: `title` → Kw_title. The word list below is written by hand on purpose. */
function kw(word: string): Row {
  return { input: word, tokens: [[`Kw_${word.replace(/-/g, "_")}`, word]] };
}

const keywordRows: Row[] = [
  "guideline",
  "title",
  "edition",
  "language",
  "source",
  "section",
  "fact",
  "label",
  "description",
  "quantity",
  "in",
  "from",
  "to",
  "one",
  "of",
  "date",
  "medication",
  "list",
  "dose",
  "threshold",
  "delay",
  "class",
  "drug",
  "atc",
  "rxnorm",
  "alias",
  "named",
  "by",
  "wording",
  "finding",
  "recommendation",
  "verdict",
  "outcome",
  "otherwise",
  "plan",
  "scope",
  "reminder",
  "reference",
  "rule",
  "statement",
  "quote",
  "cite",
  "when",
  "then",
  "precondition",
  "recommend",
  "stop",
  "continue",
  "bridge",
  "refer",
  "before",
  "and",
  "or",
  "not",
  "is",
  "taking",
  "always",
  "information",
  "uncovered",
  "because",
  "coverage",
  "example",
  "given",
  "expect",
  "no",
  "on",
  "missing",
  "ignore",
  "based",
  "undecided",
  "precedence",
  "over",
  "accept",
  "for",
  "version",
  "units",
  "code",
  "window",
  "readiness",
  "ready",
  "procedure",
  "must",
  "should",
  "may",
  "refused",
].map(kw);

const rows: Row[] = [
  // Skipped: white space of every kind, comments.
  { name: "spaces, tabs and newlines are skipped", input: " \t\r\n  ", tokens: [], skipped: ["WhiteSpace"] },
  { name: "no-break spaces and a byte-order mark are skipped", input: `${NBSP}${NNBSP}\uFEFF`, tokens: [], skipped: ["WhiteSpace"] },
  { name: "a comment runs to the end of the line", input: '# a comment with "quotes" and rule', tokens: [], skipped: ["Comment"] },
  { name: "a comment stops at the newline", input: "# comment\nrule", tokens: [["Kw_rule", "rule"]] },

  // Texts in double quotes.
  { input: '"hello"', tokens: [["StringLiteral", '"hello"']] },
  { input: '""', tokens: [["StringLiteral", '""']] },
  { name: "a text with escaped quote and backslash", input: '"a \\"b\\" c\\\\"', tokens: [["StringLiteral", '"a \\"b\\" c\\\\"']] },
  { name: "a text spanning two lines", input: '"line one\nline two"', tokens: [["StringLiteral", '"line one\nline two"']] },
  {
    name: "an escaped newline inside a text",
    input: '"a\\\nb" x',
    tokens: [
      ["StringLiteral", '"a\\\nb"'],
      ["Identifier", "x"],
    ],
  },
  {
    name: "two texts side by side",
    input: '"a" "b"',
    tokens: [
      ["StringLiteral", '"a"'],
      ["StringLiteral", '"b"'],
    ],
  },
  { name: "a # inside a text is not a comment", input: '"a # b"', tokens: [["StringLiteral", '"a # b"']] },
  {
    name: "an unterminated text runs to the end of its line, and the next line reads as written",
    input: 'quote "no end\nrule r',
    tokens: [
      ["Kw_quote", "quote"],
      ["UnterminatedString", '"no end'],
      ["Kw_rule", "rule"],
      ["Identifier", "r"],
    ],
  },
  {
    name: "a text over two lines whose closing quote is followed by a letter is unterminated: that quote opens the next text",
    input: 'label "no end\nquote "next"',
    tokens: [
      ["Kw_label", "label"],
      ["UnterminatedString", '"no end'],
      ["Kw_quote", "quote"],
      ["StringLiteral", '"next"'],
    ],
  },
  {
    name: "a text over two lines closed before white space, a comma or the end is one text",
    input: '"one\ntwo", "three\nfour" x "five\nsix"',
    tokens: [
      ["StringLiteral", '"one\ntwo"'],
      ["Comma", ","],
      ["StringLiteral", '"three\nfour"'],
      ["Identifier", "x"],
      ["StringLiteral", '"five\nsix"'],
    ],
  },
  { name: "a text whose closing quote is escaped is unterminated", input: '"abc\\"', tokens: [["UnterminatedString", '"abc\\"']] },

  // Fact type `yes/no`.
  { input: "yes/no", tokens: [["YesNo", "yes/no"]] },
  { name: "`yes` alone is a name", input: "yes", tokens: [["Identifier", "yes"]] },

  // Units.
  { input: "mg/d", tokens: [["UnitTerm", "mg/d"]] },
  { input: "g/L", tokens: [["UnitTerm", "g/L"]] },
  { input: "10*9/L", tokens: [["UnitTerm", "10*9/L"]] },
  { input: "10*3/uL", tokens: [["UnitTerm", "10*3/uL"]] },
  { input: "10*9", tokens: [["UnitTerm", "10*9"]] },
  { input: "/mm3", tokens: [["PerUnit", "/mm3"]] },
  { input: "/uL", tokens: [["PerUnit", "/uL"]] },
  { input: "%", tokens: [["Percent", "%"]] },
  { name: "`h` (hours) is a name", input: "h", tokens: [["Identifier", "h"]] },
  { name: "`d` (days) is a name", input: "d", tokens: [["Identifier", "d"]] },
  {
    input: "48 h",
    tokens: [
      ["NumberLiteral", "48"],
      ["Identifier", "h"],
    ],
  },
  {
    input: "50 000/mm3",
    tokens: [
      ["NumberLiteral", "50 000"],
      ["PerUnit", "/mm3"],
    ],
  },
  {
    input: "50 000 /mm3",
    tokens: [
      ["NumberLiteral", "50 000"],
      ["PerUnit", "/mm3"],
    ],
  },
  {
    input: "50 %",
    tokens: [
      ["NumberLiteral", "50"],
      ["Percent", "%"],
    ],
  },
  {
    input: "160 mg/d",
    tokens: [
      ["NumberLiteral", "160"],
      ["UnitTerm", "mg/d"],
    ],
  },

  // Numbers.
  { input: "2019", tokens: [["NumberLiteral", "2019"]] },
  { input: "0", tokens: [["NumberLiteral", "0"]] },
  { input: "0.5", tokens: [["NumberLiteral", "0.5"]] },
  { name: "decimal comma 0,5", input: "0,5", tokens: [["NumberLiteral", "0,5"]] },
  { name: "50 000 with a space", input: "50 000", tokens: [["NumberLiteral", "50 000"]] },
  { name: "50 000 with a no-break space (U+00A0)", input: `50${NBSP}000`, tokens: [["NumberLiteral", `50${NBSP}000`]] },
  { name: "50 000 with a narrow no-break space (U+202F)", input: `50${NNBSP}000`, tokens: [["NumberLiteral", `50${NNBSP}000`]] },
  { input: "1 000 000", tokens: [["NumberLiteral", "1 000 000"]] },
  { name: "mixed group separators in one number", input: `1${NBSP}000 000`, tokens: [["NumberLiteral", `1${NBSP}000 000`]] },
  { input: "1 000,5", tokens: [["NumberLiteral", "1 000,5"]] },
  {
    name: "a list `100, 101` stays two numbers and a comma",
    input: "100, 101",
    tokens: [
      ["NumberLiteral", "100"],
      ["Comma", ","],
      ["NumberLiteral", "101"],
    ],
  },
  { name: "`100,101` is ONE number with a decimal comma (documented)", input: "100,101", tokens: [["NumberLiteral", "100,101"]] },
  {
    name: "groups of other than three digits are two numbers",
    input: "12 34",
    tokens: [
      ["NumberLiteral", "12"],
      ["NumberLiteral", "34"],
    ],
  },
  {
    name: "a first group longer than three digits is not grouped",
    input: "1234 567",
    tokens: [
      ["NumberLiteral", "1234"],
      ["NumberLiteral", "567"],
    ],
  },
  {
    name: "digits across a newline are two numbers",
    input: "50\n000",
    tokens: [
      ["NumberLiteral", "50"],
      ["NumberLiteral", "000"],
    ],
  },

  // Operators and punctuation.
  { input: ">=", tokens: [["GreaterEqual", ">="]] },
  { input: "≥", tokens: [["GreaterEqual", "≥"]] },
  { input: "<=", tokens: [["LessEqual", "<="]] },
  { input: "≤", tokens: [["LessEqual", "≤"]] },
  { input: "!=", tokens: [["NotEqual", "!="]] },
  { input: "≠", tokens: [["NotEqual", "≠"]] },
  { input: ">", tokens: [["Greater", ">"]] },
  { input: "<", tokens: [["Less", "<"]] },
  { input: "=", tokens: [["Equals", "="]] },
  { input: "(", tokens: [["LeftParen", "("]] },
  { input: ")", tokens: [["RightParen", ")"]] },
  { input: ",", tokens: [["Comma", ","]] },
  { input: ":", tokens: [["Colon", ":"]] },
  {
    name: "operators without spaces",
    input: "a>=1",
    tokens: [
      ["Identifier", "a"],
      ["GreaterEqual", ">="],
      ["NumberLiteral", "1"],
    ],
  },
  {
    name: "`> =` with a space is two operators",
    input: "> =",
    tokens: [
      ["Greater", ">"],
      ["Equals", "="],
    ],
  },
  {
    input: "(a, b)",
    tokens: [
      ["LeftParen", "("],
      ["Identifier", "a"],
      ["Comma", ","],
      ["Identifier", "b"],
      ["RightParen", ")"],
    ],
  },

  // Names.
  { input: "x", tokens: [["Identifier", "x"]] },
  { input: "_private", tokens: [["Identifier", "_private"]] },
  { input: "dailyDoseMg", tokens: [["Identifier", "dailyDoseMg"]] },
  { input: "B01AC04", tokens: [["Identifier", "B01AC04"]] },
  { input: "labs.platelets", tokens: [["Identifier", "labs.platelets"]] },
  { input: "long-bone", tokens: [["Identifier", "long-bone"]] },
  { input: "saignement.aspirine.arret", tokens: [["Identifier", "saignement.aspirine.arret"]] },
  { input: "delai.relais-heparine", tokens: [["Identifier", "delai.relais-heparine"]] },
  { input: "x-1", tokens: [["Identifier", "x-1"]] },

  // A keyword at the start of a name does not split it.
  { input: "rules.x", tokens: [["Identifier", "rules.x"]] },
  { input: "rule.x", tokens: [["Identifier", "rule.x"]] },
  { input: "in-situ", tokens: [["Identifier", "in-situ"]] },
  { input: "procedure.date", tokens: [["Identifier", "procedure.date"]] },
  { input: "notes", tokens: [["Identifier", "notes"]] },
  { input: "date2", tokens: [["Identifier", "date2"]] },
  { input: "is_x", tokens: [["Identifier", "is_x"]] },
  { input: "finding.kind", tokens: [["Identifier", "finding.kind"]] },
  { input: "oneself", tokens: [["Identifier", "oneself"]] },

  // Keywords, each on its own, then a few in context.
  ...keywordRows,
  {
    input: "one of",
    tokens: [
      ["Kw_one", "one"],
      ["Kw_of", "of"],
    ],
  },
  {
    input: "not named by source",
    tokens: [
      ["Kw_not", "not"],
      ["Kw_named", "named"],
      ["Kw_by", "by"],
      ["Kw_source", "source"],
    ],
  },
  {
    name: "a list of ATC codes",
    input: "atc B01AC06, N02BA01",
    tokens: [
      ["Kw_atc", "atc"],
      ["Identifier", "B01AC06"],
      ["Comma", ","],
      ["Identifier", "N02BA01"],
    ],
  },
  {
    input: "medication list",
    tokens: [
      ["Kw_medication", "medication"],
      ["Kw_list", "list"],
    ],
  },
  {
    input: "dose of aspirin",
    tokens: [
      ["Kw_dose", "dose"],
      ["Kw_of", "of"],
      ["Identifier", "aspirin"],
    ],
  },
  {
    name: "a keyword followed by punctuation",
    input: "in(a)",
    tokens: [
      ["Kw_in", "in"],
      ["LeftParen", "("],
      ["Identifier", "a"],
      ["RightParen", ")"],
    ],
  },
  {
    name: "a keyword before a colon",
    input: "date:",
    tokens: [
      ["Kw_date", "date"],
      ["Colon", ":"],
    ],
  },
  { name: "keywords are case-sensitive", input: "Rule", tokens: [["Identifier", "Rule"]] },

  // A whole line.
  {
    name: "a fact declaration",
    input: "fact labs.platelets : quantity in /mm3 from 0 to 2 000 000",
    tokens: [
      ["Kw_fact", "fact"],
      ["Identifier", "labs.platelets"],
      ["Colon", ":"],
      ["Kw_quantity", "quantity"],
      ["Kw_in", "in"],
      ["PerUnit", "/mm3"],
      ["Kw_from", "from"],
      ["NumberLiteral", "0"],
      ["Kw_to", "to"],
      ["NumberLiteral", "2 000 000"],
    ],
  },
  {
    name: "a UCUM annotation as a unit",
    input: "1,9 {INR}",
    tokens: [
      ["NumberLiteral", "1,9"],
      ["AnnotationUnit", "{INR}"],
    ],
  },
  {
    name: "a comparison with the value on the left",
    input: "50 000 /mm3 < labs.platelets # platelets",
    tokens: [
      ["NumberLiteral", "50 000"],
      ["PerUnit", "/mm3"],
      ["Less", "<"],
      ["Identifier", "labs.platelets"],
    ],
  },
];

function lex(input: string): { tokens: [string, string][]; errors: number } {
  const result = guidelineLexer.tokenize(input);
  return { tokens: result.tokens.map((t) => [t.tokenType.name, t.image]), errors: result.errors.length };
}

function wholeMatch(type: TokenType, input: string): boolean {
  const pattern = type.PATTERN;
  if (!(pattern instanceof RegExp)) return false;
  return new RegExp(`^(?:${pattern.source})$`, pattern.flags.replace(/[gy]/g, "")).test(input);
}

const tokenByName = new Map(allTokens.map((t) => [t.name, t]));

describe("lexer table", () => {
  test.for(rows.map((row) => ({ ...row, title: row.name ?? row.input })))("$title", (row) => {
    const { tokens, errors } = lex(row.input);
    expect(errors).toBe(0);
    expect(tokens).toEqual(row.tokens);
    for (const name of row.skipped ?? []) {
      const type = tokenByName.get(name);
      expect(type, name).toBeDefined();
      expect(type?.GROUP).toBe(Lexer.SKIPPED);
      expect(wholeMatch(type as TokenType, row.input)).toBe(true);
    }
  });

  it("covers every token type in allTokens with at least one row", () => {
    const covered = new Set(rows.flatMap((row) => [...row.tokens.map(([name]) => name), ...(row.skipped ?? [])]));
    const missing = allTokens.map((t) => t.name).filter((name) => !covered.has(name));
    expect(missing).toEqual([]);
  });

  it("names only token types that exist", () => {
    const known = new Set(allTokens.map((t) => t.name));
    const names = rows.flatMap((row) => [...row.tokens.map(([name]) => name), ...(row.skipped ?? [])]);
    expect(names.filter((name) => !known.has(name))).toEqual([]);
  });

  it("has a row for every keyword on its own", () => {
    const alone = new Set(keywordRows.map((row) => row.tokens[0]?.[0]));
    expect(keywordTokens.map((t) => t.name).filter((name) => !alone.has(name))).toEqual([]);
  });
});

describe("keywords inside names", () => {
  const words = keywordTokens.map((t) => t.name.replace(/^Kw_/, "").replace(/_/g, "-"));
  test.for(words)("`%s` followed by a name character, a dotted or a hyphenated part stays one name", (word) => {
    for (const text of [`${word}s`, `${word}_x`, `${word}2`, `${word}.x`, `${word}-x`, `x.${word}`, `x-${word}`]) {
      expect(lex(text), text).toEqual({ tokens: [["Identifier", text]], errors: 0 });
    }
  });
});

describe("lexer errors and positions", () => {
  it("reports a stray character and goes on", () => {
    const result = guidelineLexer.tokenize("a @ b");
    expect(result.tokens.map((t) => t.image)).toEqual(["a", "b"]);
    expect(result.errors).toHaveLength(1);
    expect(result.errors[0]).toMatchObject({ offset: 2, line: 1, column: 3, length: 1 });
  });

  it("a dot or hyphen not followed by a name character is not part of the name", () => {
    const result = guidelineLexer.tokenize("a. b");
    expect(result.tokens.map((t) => [t.tokenType.name, t.image])).toEqual([
      ["Identifier", "a"],
      ["Identifier", "b"],
    ]);
    expect(result.errors).toHaveLength(1);
  });

  it("counts lines through a text that spans lines", () => {
    const result = guidelineLexer.tokenize('quote "a\nb\nc" when\n  x');
    const positions = result.tokens.map((t) => [t.image, t.startLine, t.startColumn, t.endLine, t.endColumn]);
    expect(positions).toEqual([
      ["quote", 1, 1, 1, 5],
      ['"a\nb\nc"', 1, 7, 3, 2],
      ["when", 3, 4, 3, 7],
      ["x", 4, 3, 4, 3],
    ]);
  });

  it("counts lines with CRLF line ends", () => {
    const result = guidelineLexer.tokenize("rule a\r\n  when b");
    expect(result.tokens.map((t) => [t.image, t.startLine, t.startColumn])).toEqual([
      ["rule", 1, 1],
      ["a", 1, 6],
      ["when", 2, 3],
      ["b", 2, 8],
    ]);
  });
});
