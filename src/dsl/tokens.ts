import { createToken, Lexer, type TokenType } from "chevrotain";
import { matchName, matchPerUnit, matchString, matchUnitTerm, matchUnterminatedString } from "./token-matchers.js";

/**
 * The tokens of the guideline language.
 *
 * Chevrotain's lexer takes the first pattern that matches, not the longest, so the order
 * of {@link allTokens} matters: unit terms such as `10*9/L` come before numbers, French
 * grouped numbers (`50 000`) before plain ones, and keywords before identifiers (with
 * identifiers as their longer alternative, so `rules.x` is one identifier).
 */

export const WhiteSpace = createToken({ name: "WhiteSpace", pattern: /[ \t\r\n\u00A0\u202F\uFEFF]+/, group: Lexer.SKIPPED });
export const Comment = createToken({ name: "Comment", pattern: /#[^\n]*/, group: Lexer.SKIPPED });

/** A double-quoted text; `\"` and `\\` escape. May span lines (see `matchString` for the one restriction). */
export const StringLiteral = createToken({
  name: "StringLiteral",
  pattern: { exec: matchString },
  line_breaks: true,
  start_chars_hint: ['"'],
  label: "a text in double quotes",
});
/**
 * An opening quote with no closing one, to the end of its line: reported once (GL1003) at the
 * opening quote, then read as a text so that the parser goes on as if it were closed.
 */
export const UnterminatedString = createToken({
  name: "UnterminatedString",
  pattern: { exec: matchUnterminatedString },
  line_breaks: false,
  start_chars_hint: ['"'],
  label: "a text in double quotes",
});

/**
 * A compound unit containing `/` or a power of ten (as UCUM writes it: `10*9`): `mg/d`, `10*9/L`,
 * `10*3/uL`, `g/L`. Matched by a loop, not a regular expression (see `token-matchers.ts`).
 */
export const UnitTerm = createToken({ name: "UnitTerm", pattern: { exec: matchUnitTerm }, line_breaks: false, label: "a unit" });
/** A unit starting with `/`: `/mm3`, `/uL`. */
export const PerUnit = createToken({
  name: "PerUnit",
  pattern: { exec: matchPerUnit },
  line_breaks: false,
  start_chars_hint: ["/"],
  label: "a unit",
});
export const Percent = createToken({ name: "Percent", pattern: /%/, label: "`%`" });
/** A UCUM annotation standing as a unit on its own: `{INR}`, `{ratio}`. */
export const AnnotationUnit = createToken({ name: "AnnotationUnit", pattern: /\{[A-Za-z0-9_.-]*\}/, label: "a unit" });

/**
 * A number, in French or international form: `50 000` (groups of three digits separated by a
 * space, a no-break space or a narrow no-break space), `0,5` or `0.5`. The decimal comma needs a
 * digit right after it, so a list `100, 101` stays two numbers.
 */
export const NumberLiteral = createToken({
  name: "NumberLiteral",
  pattern: /\d{1,3}(?:[ \u00A0\u202F]\d{3})+(?:[.,]\d+)?(?!\d)|\d+(?:[.,]\d+)?/,
  label: "a number",
});

export const GreaterEqual = createToken({ name: "GreaterEqual", pattern: />=|≥/, label: "`>=`" });
export const LessEqual = createToken({ name: "LessEqual", pattern: /<=|≤/, label: "`<=`" });
export const Greater = createToken({ name: "Greater", pattern: />/, label: "`>`" });
export const Less = createToken({ name: "Less", pattern: /</, label: "`<`" });
export const NotEqual = createToken({ name: "NotEqual", pattern: /!=|≠/, label: "`!=`" });
export const Equals = createToken({ name: "Equals", pattern: /=/, label: "`=`" });
export const LeftParen = createToken({ name: "LeftParen", pattern: /\(/, label: "`(`" });
export const RightParen = createToken({ name: "RightParen", pattern: /\)/, label: "`)`" });
export const Comma = createToken({ name: "Comma", pattern: /,/, label: "`,`" });
export const Colon = createToken({ name: "Colon", pattern: /:/, label: "`:`" });
export const YesNo = createToken({ name: "YesNo", pattern: /yes\/no(?![A-Za-z0-9_])/, label: "yes/no" });

/** A name: letters, digits and `_`, in segments joined by `.` or `-` (`labs.count`, `long-bone`). */
export const Identifier = createToken({ name: "Identifier", pattern: { exec: matchName }, line_breaks: false, label: "a name" });

const keywords: TokenType[] = [];
function keyword(word: string): TokenType {
  const name = `Kw_${word.replace(/-/g, "_")}`;
  const token = createToken({
    name,
    pattern: new RegExp(`${word}(?![A-Za-z0-9_]|[.-][A-Za-z0-9_])`),
    longer_alt: Identifier,
    label: `\`${word}\``,
  });
  keywords.push(token);
  return token;
}

export const Guideline = keyword("guideline");
export const Title = keyword("title");
export const Edition = keyword("edition");
export const Language = keyword("language");
export const Source = keyword("source");
export const Section = keyword("section");
export const Fact = keyword("fact");
export const Label = keyword("label");
export const Description = keyword("description");
export const Quantity = keyword("quantity");
export const In = keyword("in");
export const From = keyword("from");
export const To = keyword("to");
export const OneOf = keyword("one");
export const Of = keyword("of");
export const DateKw = keyword("date");
export const Medication = keyword("medication");
export const List = keyword("list");
export const Dose = keyword("dose");
export const Threshold = keyword("threshold");
export const Delay = keyword("delay");
export const ClassKw = keyword("class");
export const Drug = keyword("drug");
export const Atc = keyword("atc");
/** `rxnorm CODE, CODE` on a drug: its RxNorm concept identifiers. */
export const Rxnorm = keyword("rxnorm");
/** `alias "…", "…"`: other names a drug is written under (French name, brand names, salts). */
export const Alias = keyword("alias");
/** `not named by source`: a drug the source text does not name; the plan says so. */
export const Named = keyword("named");
export const By = keyword("by");
export const FindingKw = keyword("finding");
export const Recommendation = keyword("recommendation");
export const Verdict = keyword("verdict");
export const Outcome = keyword("outcome");
export const Otherwise = keyword("otherwise");
export const Plan = keyword("plan");
export const Scope = keyword("scope");
export const Reminder = keyword("reminder");
/** `wording KEY "…"`: the plan's text for an action or a reason, in the guideline's language. */
export const Wording = keyword("wording");
export const Reference = keyword("reference");
export const Rule = keyword("rule");
export const Statement = keyword("statement");
export const Quote = keyword("quote");
export const Cite = keyword("cite");
export const When = keyword("when");
export const Then = keyword("then");
export const Precondition = keyword("precondition");
export const Recommend = keyword("recommend");
export const Stop = keyword("stop");
export const Continue = keyword("continue");
export const Bridge = keyword("bridge");
export const Refer = keyword("refer");
export const Before = keyword("before");
export const And = keyword("and");
export const Or = keyword("or");
export const Not = keyword("not");
export const Is = keyword("is");
export const Taking = keyword("taking");
export const Always = keyword("always");
export const Information = keyword("information");
export const Uncovered = keyword("uncovered");
export const Because = keyword("because");
export const Coverage = keyword("coverage");
export const Example = keyword("example");
export const Given = keyword("given");
export const Expect = keyword("expect");
export const No = keyword("no");
export const On = keyword("on");
export const Missing = keyword("missing");
export const Ignore = keyword("ignore");
export const Based = keyword("based");
export const Undecided = keyword("undecided");
/** `precedence RULE over RULE because "…"`: which of two conflicting rules wins. */
export const Precedence = keyword("precedence");
export const Over = keyword("over");
/** `accept CODE for NAME because "…"`: a consistency warning accepted with a written reason. */
export const Accept = keyword("accept");
export const For = keyword("for");
/** `version "2.0.0"` in the header: the version of the facts contract of this edition. */
export const Version = keyword("version");
/** `units UNIT, UNIT` on a quantity fact: the only units a value may be given in. */
export const Units = keyword("units");
/** `code loinc "777-3", snomed "…"` on a fact: the standard codes a record states it under. */
export const Code = keyword("code");
/** `window 30 d` on a fact with codes: how old a recorded value may be and still be used. */
export const Window = keyword("window");
/** `readiness "question"` with its `ready`, `not ready` and `undecided` labels. */
export const Readiness = keyword("readiness");
export const Ready = keyword("ready");
/** `no procedure` on a verdict outcome, `for procedure` on a recommendation. */
export const Procedure = keyword("procedure");
/** The strength of a recommendation, from the source's own verb: `must`, `should`, `may`. */
export const Must = keyword("must");
export const Should = keyword("should");
export const May = keyword("may");
/** `expect refused FACT`: the example's facts are refused, with an error on that fact. */
export const Refused = keyword("refused");

/** Every token, in the order the lexer tries them. */
export const allTokens: TokenType[] = [
  WhiteSpace,
  Comment,
  StringLiteral,
  UnterminatedString,
  YesNo,
  UnitTerm,
  NumberLiteral,
  GreaterEqual,
  LessEqual,
  NotEqual,
  Greater,
  Less,
  Equals,
  LeftParen,
  RightParen,
  Comma,
  Colon,
  PerUnit,
  Percent,
  AnnotationUnit,
  ...keywords,
  Identifier,
];

/** The words the language reserves; they cannot be used as names. */
export const keywordTokens: readonly TokenType[] = keywords;

/** The lexer for guideline sources. Positions are tracked in full for diagnostics. */
export const guidelineLexer = new Lexer(allTokens, { positionTracking: "full", ensureOptimizations: false });
