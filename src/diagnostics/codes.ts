/** Shared by GL1011 and GL4012: a file that is not UTF-8. */
const saveAsUtf8 =
  "save the file as UTF-8: a file saved as Latin-1 (ISO-8859-1) or Windows-1252 stores an accented letter as one byte that is not UTF-8";

/** Shared by GL4010 and GL4011: a source document outside the guideline's folder. */
const copySourceIntoFolder =
  "copy the source document into the guideline's folder (for example into `source/`) and name it by a path relative to that folder";

/**
 * The one table of diagnostic codes. Every message the toolchain reports to a user
 * comes from here, identified by a stable code in bands:
 * - `GL1xxx` syntax (lexer and parser),
 * - `GL2xxx` names, types and units (checker),
 * - `GL3xxx` consistency (the analysis passes in `src/compiler/analyse`),
 * - `GL4xxx` provenance (quotes and the source text),
 * - `GL5xxx` runtime (facts and packs),
 * - `GL6xxx` examples (`guideline test`),
 * - `GL7xxx` input and output: a file or standard output that cannot be read or written
 *   (full disk, read-only folder, permission denied, a path through a file). These are user
 *   errors, never bugs: the command line exits with code 74 (see docs/cli.md), not 70.
 *   GL7011–GL7019 are mistakes in the command line itself (an unknown option, a missing
 *   value): exit code 2. GL7070–GL7079 are the editor's: a rename the language server refuses
 *   (`guideline lsp`), a folder `guideline check --watch` cannot watch. GL7080–GL7089 refuse
 *   a change of the editions index
 *   (`guideline mark-current`): an unknown edition (exit 2), one with errors (exit 1).
 *   GL7090–GL7099 are the answers of the CDS Hooks service (`guideline serve`) to a request it
 *   refuses: not JSON, too large, not a CDS Hooks request, an unknown service, too many at once.
 *
 * Templates use `{0}`, `{1}`… for the arguments given when the diagnostic is made. An entry
 * may carry its `hint` (advice on the fix, filled with the same arguments). Where the advice
 * depends on the situation rather than on the code alone, the place that makes the diagnostic
 * names one of the {@link hintTemplates} instead, with its own arguments; it never writes the
 * words itself.
 */
export const diagnosticCodes = {
  GL1001: {
    severity: "error",
    template: "unexpected character {0}",
    hint: "names use letters, digits, `_`, `.` and `-`; texts go in double quotes",
  },
  GL1002: { severity: "error", template: "expected {0} but found {1}" },
  GL1003: {
    severity: "error",
    template: 'this text is not closed: a string needs a closing double quote (")',
    hint: 'add a closing " at the end of the text',
  },
  GL1004: {
    severity: "error",
    template: "`and` and `or` are mixed without parentheses",
    hint: "add parentheses to say which comes first, e.g. `a and (b or c)`",
  },
  GL1005: {
    severity: "error",
    template: "{0} cannot start here; expected {1}",
    hint: "each declaration starts with a keyword such as `rule`, `fact` or `threshold`",
  },
  GL1010: {
    severity: "error",
    template: "this condition is nested more than {0} levels deep (parentheses and `not` together); the file is not read further",
    hint: "name a part of the condition as a finding of its own rule, or remove doubled `not`s",
  },
  GL1011: {
    severity: "error",
    template: "this file is not valid UTF-8: the byte 0x{0} on this line cannot be decoded",
    hint: saveAsUtf8,
  },

  GL2001: { severity: "error", template: "unknown fact `{0}`" },
  GL2002: { severity: "error", template: "unknown threshold or delay `{0}`" },
  GL2003: { severity: "error", template: "unknown drug `{0}`" },
  GL2004: { severity: "error", template: "unknown drug class `{0}`" },
  GL2005: { severity: "error", template: "`{0}` is not a value of `{1}` (values: {2})" },
  GL2006: { severity: "error", template: "unknown kind of finding `{0}`" },
  GL2007: { severity: "error", template: "unknown recommendation `{0}`" },
  GL2008: { severity: "error", template: "{0} `{1}` is declared twice (first at {2})" },
  GL2009: { severity: "error", template: "cannot compare {0} with {1}" },
  GL2010: {
    severity: "error",
    template: "`{0}` is not a UCUM unit: {1}",
    hint: "units are written in UCUM: `/mm3`, `%`, `mg/d`, `h`, `d`, `10*9/L`",
  },
  GL2011: { severity: "error", template: "unit `{0}` cannot be converted to `{1}`" },
  GL2012: {
    severity: "error",
    template: "`{0}` needs a unit after its value",
    hint: "write the unit after the number, e.g. `50 000 /mm3`, `5 d`, `160 mg/d`",
  },
  GL2013: {
    severity: "error",
    template: "the delay `{0}` is not a duration (its unit `{1}` is not a unit of time)",
    hint: "use `h` for hours or `d` for days",
  },
  GL2014: { severity: "error", template: "{0} lies outside the allowed range of `{1}` ({2})" },
  GL2015: { severity: "error", template: "citation `{0}` is not a whole number" },
  GL2016: {
    severity: "error",
    template: "reference {0} is cited but not in the reference list",
    hint: 'add `reference {0} "<the reference>"` or fix the number',
  },
  GL2017: {
    severity: "error",
    template: "the guideline header is missing: declare `guideline <id>` with its title, edition, language and source",
  },
  GL2018: { severity: "error", template: "{0} needs `{1}`" },
  GL2019: { severity: "error", template: "`{0}` is given twice in {1}" },
  GL2020: { severity: "error", template: "the range of `{0}` is empty: {1} is above {2}" },
  GL2021: { severity: "error", template: "the value `{0}` is listed twice in `{1}`" },
  GL2022: { severity: "error", template: "`dose of` needs the medication list `{0}` to declare a `dose` field" },
  GL2023: {
    severity: "error",
    template: "`finding` cannot be used in a rule condition: it belongs in the verdict",
    hint: "test the facts that lead to the finding instead",
  },
  GL2024: {
    severity: "error",
    template: "the edition `{0}` is not a year",
    hint: "write the year of the edition, e.g. `edition 2019`",
  },
  GL2025: { severity: "error", template: "`{0}` is not a medication list" },
  GL2026: {
    severity: "error",
    template: "ATC code `{0}` is malformed: expected a letter, two digits, then up to four letters and digits (e.g. B01AC04)",
  },
  GL2027: { severity: "error", template: "the guideline needs {0}" },
  GL2028: {
    severity: "error",
    template: "the verdict outcome `{0}` is declared twice",
    hint: "list each outcome once, joining its conditions with `or`",
  },
  GL2029: { severity: "error", template: "`{0}` is a reserved outcome: the runtime gives it when missing facts could change the verdict" },
  GL2031: { severity: "error", template: "the class `{0}` has no drug, so the rule can never apply" },

  GL2032: { severity: "error", template: "unknown rule `{0}`" },
  GL2033: { severity: "error", template: "`{0}` is not a value for `{1}`: expected {2}" },
  GL2034: { severity: "error", template: "`{0}` is not a verdict outcome (outcomes: {1})" },
  GL2035: { severity: "error", template: "`{0}` is not {1}" },
  GL2036: { severity: "error", template: "the rule `{0}` does not give {1}" },
  GL2037: { severity: "error", template: "unknown example `{0}`: an example can only be based on one declared before it" },
  GL2040: {
    severity: "error",
    template: "the ATC code `{0}` is given to two drugs, `{1}` and `{2}`: a treatment with this code could not be recognised",
    hint: "keep the code on the drug it belongs to; check it against the WHO ATC index",
  },
  GL2041: {
    severity: "error",
    template:
      'the name "{0}" of `{1}` is also a name of `{2}` (upper and lower case, accents and spaces aside): a treatment with this name could not be recognised',
    hint: "a name must lead to one drug: remove it from one of them",
  },
  GL2042: {
    severity: "error",
    template: "the drug `{0}` is declared `not named by source`, so no rule can be about it",
    hint: "the plan refers this drug and says that the source does not name it; remove `not named by source` if it does",
  },
  GL2043: {
    severity: "error",
    template: "the drug `{0}` is declared `not named by source` and so takes no class: a rule about the class would be about it",
    hint: "remove the class, or remove `not named by source` if the source names the drug",
  },
  GL2044: { severity: "error", template: "`{0}` is not a wording of the plan (wordings: {1})" },
  GL2045: { severity: "error", template: "the wording `{0}` uses `{{1}}`, which the report cannot fill for it ({2})" },

  GL2050: {
    severity: "error",
    template: "the outcome `{0}` is declared both with and without `no procedure`: say once whether the procedure is done with it",
  },
  GL2051: { severity: "error", template: 'the version `{0}` is not a semantic version: write three whole numbers, e.g. "2.0.0"' },
  GL2052: { severity: "error", template: "`units` lists the units a quantity fact accepts, and `{0}` is not a quantity" },
  GL2053: {
    severity: "error",
    template:
      "the readiness label uses `{{0}}`, which is not a placeholder: only `{preconditions}` (what is in cause) and `{toCheck}` (what is still to check) are replaced",
  },
  GL2054: {
    severity: "error",
    template: "`readiness` is declared but no rule gives a precondition, so the procedure would always be ready",
  },

  GL2060: { severity: "error", template: "the number {0} is too large to be represented (the largest is about 1.8 × 10^308)" },
  GL2061: { severity: "error", template: "the number {0} is too small to be represented: it would be read as 0" },

  GL2070: { severity: "error", template: "`{0}` cannot take precedence over itself: a precedence is between two rules" },
  GL2071: { severity: "error", template: "`dose` cannot be used on the fact `{0}`, which is not a medication list" },
  GL2072: { severity: "error", template: "`{0}` cannot be used as the plan's date: it is not a `date` fact" },
  GL2073: { severity: "error", template: "the threshold `{0}` cannot be used as a delay before the procedure: declare it with `delay`" },
  GL2074: { severity: "error", template: "the delay `{0}` cannot be used in a comparison: declare it with `threshold`" },
  GL2075: { severity: "error", template: "a dose cannot be used here: a threshold or a number with its unit is expected" },
  GL2076: { severity: "error", template: "`always` cannot be used in the verdict: use `otherwise`" },
  GL2077: {
    severity: "error",
    template: "a test on facts cannot be used in the verdict: the verdict combines findings",
    hint: "write a rule with `then finding <kind>` and test `finding <kind>` here",
  },
  GL2078: { severity: "error", template: "`{0}` ({1}) cannot be used on its own as a condition: only a yes/no fact can" },
  GL2079: {
    severity: "error",
    template: "`is` and `in` cannot be used on `{0}` ({1}): they test a fact that is `one of` a list of values",
  },
  GL2080: {
    severity: "error",
    template: "{0} cannot be used before `is` or `in`: they test a fact",
    hint: "write a fact name, e.g. `sample.colour is red`",
  },
  GL2081: {
    severity: "error",
    template: "{0} cannot be used on its own as a condition",
    hint: "compare it, e.g. `labs.count > 50 000 /mm3`",
  },
  GL2090: {
    severity: "error",
    template: "`{0}` is declared here, but {1} places write `{2}`, which is not declared: was the declaration renamed?",
    hint: "name the declaration `{2}` again, or write `{0}` at each place",
  },
  GL2120: {
    severity: "error",
    template: "`{0}` is not a code system the language knows",
    hint: "write `loinc` (a laboratory result) or `snomed` (a condition or an allergy)",
  },
  GL2121: {
    severity: "error",
    template: "`{0}` is not a well-formed {1} code",
    hint: "a LOINC code is digits, a hyphen and a check digit (`1234-5`); a SNOMED CT concept identifier is 6 to 18 digits ending in `0`, `1` (partition) and a check digit",
  },
  GL2122: {
    severity: "error",
    template: "the check digit of the {1} code `{0}` is wrong: it should end in {2}",
    hint: "copy the code again from the terminology: a digit was mistyped",
  },
  GL2123: {
    severity: "error",
    template: "a {1} code cannot be given to `{0}`, a {2} fact: {1} codes name {3} facts",
  },
  GL2124: { severity: "error", template: "the code {0} is given to both `{1}` and `{2}`: a record value would fill two facts" },
  GL2125: {
    severity: "error",
    template: "`{0}` has LOINC codes but no `window`: say how old a result may be (`window 30 d`)",
    hint: "when the source text is silent, write the editorial choice with a comment that says so",
  },
  GL2126: { severity: "error", template: "`window` on `{0}` needs a duration with a unit of time, and `{1}` is not one" },
  GL2127: { severity: "error", template: "`window` on `{0}` has no use: the fact has no LOINC code" },
  GL2128: {
    severity: "error",
    template: "`{0}` is not a well-formed ATC prefix of the class `{1}`",
    hint: "an ATC prefix is a code of level 1 to 5: a letter (`A`), two digits (`A01`), a letter (`A01A`), a letter (`A01AA`), two digits (`A01AA01`)",
  },
  GL2129: {
    severity: "error",
    template:
      "the ATC prefix `{0}` of the class `{1}` overlaps `{2}` of the class `{3}`: a treatment coded under both would be in two classes",
    hint: "keep each prefix in one class, and no prefix inside another class's",
  },
  GL2130: {
    severity: "error",
    template: "the drug `{0}` has the ATC code `{1}`, under the prefix `{2}` of the class `{3}`, but it is {4}",
    hint: "put the drug in the class `{3}`, or narrow the class's prefixes so that they leave its code out",
  },
  GL2131: {
    severity: "warning",
    template:
      "the ATC prefix `{0}` of the class `{1}` is outside the plan's scope `{2}`: a treatment it takes outside the scope is left out of the plan",
    hint: "narrow the prefix to the scope, or widen the scope",
  },
  GL2132: {
    severity: "error",
    template: "`{0}` is not a well-formed RxNorm code",
    hint: "an RxNorm concept identifier (RXCUI) is digits only, without a check digit, such as `12345`; separate two codes with a comma and a space (`12345, 67890`)",
  },
  GL2133: { severity: "error", template: "the RxNorm code {0} is given to both `{1}` and `{2}`: a treatment would be two drugs" },
  GL2110: {
    severity: "error",
    template: "`{{0}}` names no threshold or delay: only a threshold or delay can be written in braces in a statement or a label",
    hint: "write the name of a `threshold` or `delay`, or `{{` and `}}` for a brace of the text",
  },
  GL2111: {
    severity: "warning",
    template: "the text writes {0}, the value of `{1}` {2}: the text will not follow when the value changes",
    hint: "write `{{1}}` instead: the text then always shows the value as declared",
  },
  GL2112: {
    severity: "error",
    template: "a `{0}` in a statement or a label must open or close the name of a threshold or delay",
    hint: "write `{{` or `}}` for a brace of the text",
  },

  GL3001: {
    severity: "error",
    template: "the rule `{0}` can never apply: {1}",
    hint: "check the comparison signs and the thresholds of its condition: as written, the rule holds for no patient",
  },
  GL3002: {
    severity: "error",
    template: "the rules `{0}` and `{1}` give different orders for `{2}` ({3}) and both apply to some patients, for example: {4}",
    hint: 'make their conditions exclusive, or say which one wins: `precedence {0} over {1} because "…"`',
  },
  GL3003: {
    severity: "error",
    template: "the precedences form a cycle ({0}): no order of the rules satisfies them all",
    hint: "keep one direction for each pair of rules",
  },
  GL3004: {
    severity: "warning",
    template: "no rule decides what to do with `{0}` {1}, so the plan's `otherwise refer` applies; for example: {2}",
  },
  GL3005: { severity: "warning", template: "the rule `{0}` never changes the report: {1}" },
  GL3006: {
    severity: "warning",
    template: "the fact `{0}` is read by no rule and not by the plan",
    hint: 'use it in a rule\'s condition, remove it, or say why it stays: `accept GL3006 for {0} because "…"`',
  },
  GL3007: {
    severity: "warning",
    template: "the {0} `{1}` is used by no rule",
    hint: "use it in a rule (`> {1}` or `stop … {1} before`), or remove it",
  },
  GL3008: {
    severity: "warning",
    template: "the rules `{0}` and `{1}` give different effects and both claim {2} of `{3}` (`{4}` and `{5}`); for example: {6}",
    hint: "make one of the two comparisons strict (`<` instead of `<=`, or `>` instead of `>=`) so that each value belongs to one band",
  },
  GL3009: { severity: "warning", template: "`accept {0} for {1}` matches no warning" },
  GL3010: {
    severity: "warning",
    template: "the precedence of `{0}` over `{1}` settles nothing: {2}",
    hint: "remove the precedence",
  },
  GL3011: {
    severity: "warning",
    template: "the consistency check of {0} stopped after {1} search steps without an answer",
    hint: "simplify the conditions involved (fewer `or`), or accept the warning if the rules are right",
  },
  GL3012: {
    severity: "warning",
    template: "the rule `{0}` never changes the verdict: for every patient it applies to, the verdict is already decided by {1}",
    hint: 'remove the rule, or change the verdict or the rules that decide in its place; if the source states it on purpose (its finding still shows in the report), write `accept GL3012 for {0} because "…"` with the clinical reason',
  },

  GL4001: {
    severity: "error",
    template: "cannot read the source document `{0}`",
    hint: "the header's `source` is a path relative to the guideline folder",
  },
  GL4002: { severity: "error", template: "this quote is not found in the source document `{0}`" },

  GL4003: {
    severity: "warning",
    template: "this sentence of the source is quoted by no rule or information, and no `uncovered` gives a reason",
  },
  GL4004: { severity: "error", template: 'the coverage heading "{0}" is not found in the source document' },
  GL4010: {
    severity: "error",
    template: "the source document `{0}` lies outside the guideline's folder `{1}`, so it is not read",
    hint: copySourceIntoFolder,
  },
  GL4011: {
    severity: "error",
    template: "the source document `{0}` is a symbolic link to `{1}`, outside the guideline's folder `{2}`, so it is not read",
    hint: copySourceIntoFolder,
  },
  GL4012: {
    severity: "error",
    template: "the source document `{0}` is not valid UTF-8: the byte 0x{1} on this line cannot be decoded",
    hint: saveAsUtf8,
  },

  GL5001: { severity: "error", template: "the value has the wrong type: expected {0}" },
  GL5002: { severity: "error", template: "unknown fact `{0}`" },
  GL5003: { severity: "error", template: "cannot convert `{0}` to `{1}`: {2}" },
  GL5004: { severity: "error", template: "{0} is outside the allowed range ({1})" },
  GL5005: { severity: "error", template: "the rule pack is not valid: {0}" },
  GL5006: { severity: "error", template: "`{0}` is not a valid calendar date" },
  GL5007: { severity: "error", template: "the input is not JSON: {0}" },

  GL5010: { severity: "error", template: "the unit `{0}` is not accepted for `{1}` ({2}): give the value in {3}. {2}: {4}" },
  GL5011: { severity: "error", template: 'expected a number in {0} or { "value": number, "unit": "<UCUM unit>" }' },
  GL5012: { severity: "error", template: 'expected a number or { "value": number, "unit": "<UCUM unit>" }' },
  GL5013: { severity: "error", template: "the value is not allowed here: expected one of {0}" },
  GL5014: { severity: "error", template: "the required property `{0}` is missing" },
  GL5015: { severity: "error", template: "expected an ATC code such as B01AC04" },
  GL5016: { severity: "error", template: "the name must not be blank" },
  GL5017: { severity: "error", template: "expected a date such as 2026-12-10 or a date-time such as 2026-12-10T08:30:00+01:00" },
  GL5018: { severity: "error", template: "the text must not be empty" },
  GL5019: { severity: "error", template: "the value does not match the rule `{0}` of the facts schema: {1}" },
  GL5030: { severity: "error", template: "{0} is not a finite number: facts take finite numbers only" },
  GL5031: { severity: "error", template: "{0} converted to `{1}` is too large to represent as a number" },
  GL5032: { severity: "error", template: "the facts hold more than {0} values, the limit; nothing was evaluated" },
  GL5033: {
    severity: "error",
    template: "the facts hold more than {0} characters of property names and text, the limit; nothing was evaluated",
  },
  GL5034: { severity: "error", template: "the facts are nested deeper than {0} levels, the limit" },
  GL5035: { severity: "error", template: "this list has {0} entries, more than the limit of {1}" },
  GL5036: { severity: "error", template: "this property name is {0} characters long, more than the limit of {1}" },
  GL5037: { severity: "error", template: "this text is {0} characters long, more than the limit of {1}" },
  GL5038: {
    severity: "error",
    template: "{0} is not JSON data: facts hold only objects, lists, strings, finite numbers, booleans and null",
  },
  GL5039: { severity: "error", template: "this value contains itself: facts must be JSON data, which has no cycles" },
  GL5040: { severity: "error", template: "the input is more than {0} bytes long, the limit for one facts document" },
  GL5041: { severity: "error", template: "{0} more problems are not listed (only the first {1} are)" },
  GL5042: {
    severity: "error",
    template:
      "the rule pack is not signed: give its detached signature and a trusted public key, or opt out explicitly (`allowUnsigned`, `--unsigned`)",
  },
  GL5043: { severity: "error", template: "the rule pack's signature does not verify: {0}" },
  GL5044: { severity: "error", template: "the signature is not a guideline-kb pack signature: {0}" },
  GL5045: { severity: "error", template: "the rule pack is nested deeper than {0} levels, the limit" },
  GL5046: { severity: "error", template: "the facts schema of the rule pack uses the pattern `{0}`, which the compiler never emits" },
  GL5047: {
    severity: "warning",
    template: "the rule pack {0} is used without a signature check (--unsigned): nothing proves who wrote it",
  },
  GL5048: { severity: "error", template: "cannot sign with this key: {0}" },
  GL5049: { severity: "error", template: "the signing key {0} is inside a Git working tree: keep private keys outside every repository" },
  GL5050: { severity: "error", template: "the rule pack file {0} is more than {1} bytes long, the limit" },
  GL5051: {
    severity: "error",
    template:
      "the rule pack's engine {0} uses {1}, which the closure evaluator does not know: recompile the pack with this version's `guideline compile`, or evaluate it with the stock engine (`--engine json-rules-engine`)",
  },

  GL5060: {
    severity: "error",
    template: "the FHIR input is not a Bundle: {0}",
    hint: 'give a FHIR R4 Bundle (`"resourceType": "Bundle"`) whose `entry` list holds the resources',
  },
  GL5061: {
    severity: "warning",
    template: "{0}: the unit {1} cannot be used for `{2}`, which accepts {3}; this result is not used",
    hint: "send the value with its UCUM code (`system` http://unitsofmeasure.org)",
  },
  GL5062: { severity: "warning", template: "{0}: the daily dose cannot be computed ({1}); the treatment is kept without a dose" },
  GL5063: { severity: "warning", template: "{0}: not used for `{1}`: {2}" },
  GL5064: { severity: "warning", template: "{0}: the treatment has no name or code that can be read; it is kept as an unknown treatment" },
  GL5065: { severity: "warning", template: "{0}: the answer for `{1}` cannot be read: {2}" },
  GL5066: { severity: "warning", template: "the FHIR input holds more than {0} resources, the limit; the rest is not read" },
  GL5067: {
    severity: "warning",
    template: "{0}: the answer for `{1}` differs from {2}; neither is used and the fact stays unknown",
    hint: "correct the record or the answer so that they agree",
  },
  GL5068: { severity: "warning", template: "more than {0} treatments are current, the most a medication list holds; the rest is not read" },
  GL5069: {
    severity: "warning",
    template: "{0}: not used for `{1}`: {2}; the fact stays unknown unless another resource or an answer gives it",
  },
  GL5070: {
    severity: "warning",
    template:
      "{0}: the latest result for `{1}`, dated {2} ({3}), cannot be used: {4}; the fact stays unknown, the older {5} is not used in its place",
    hint: "correct or complete the latest result (a final value, in a unit the fact accepts), or mark it entered-in-error",
  },
  GL5071: {
    severity: "warning",
    template:
      "{0}: not in the medication list (its status is {1}{2}), though the plan covers this treatment: check whether it is still taken, or was within {3} of the procedure",
    hint: "if it is taken, give it as active; if not, give its end date",
  },
  GL5072: {
    severity: "error",
    template: "{0}: not a ValueSet ({1}); it is not read",
    hint: "give ValueSet resources, alone or in a Bundle",
  },
  GL5073: {
    severity: "error",
    template: "{0}: the ValueSet must name in `compose.include` the one code it expands, and it names {1}; it is not read",
    hint: "name the guideline's code as a `concept`, or in a `filter` with `op` `is-a` and that code as its `value`",
  },
  GL5074: {
    severity: "error",
    template: "{0}: the ValueSet has no `expansion.contains`; it is not read",
    hint: "expand it first with a terminology server (`$expand`), and give the expanded ValueSet",
  },
  GL5075: { severity: "error", template: "{0} at {1}: not read: {2}" },
  GL5076: { severity: "error", template: "the ValueSets hold more than {0} codes, the limit; the rest is not read" },
  GL5077: {
    severity: "error",
    template: "{0} at {1}: the expansion is nested deeper than {2} levels, the limit; the deeper codes are not read",
  },
  GL6001: { severity: "error", template: "example `{0}`: {1}" },
  GL6002: {
    severity: "error",
    template: "the rule `{0}` is fired by no example",
    hint: "add an example in which the rule holds",
  },

  GL7001: { severity: "error", template: "standard output cannot be written ({0}): the output is incomplete" },
  GL7002: { severity: "error", template: "`{0}` cannot be written: permission denied ({1}); nothing was changed" },
  GL7003: { severity: "error", template: "`{0}` cannot be written: the file system is read-only; nothing was changed" },
  GL7004: { severity: "error", template: "`{0}` cannot be written: a part of its path is a file, not a folder ({1}); nothing was changed" },
  GL7005: { severity: "error", template: "`{0}` cannot be written: the disk is full ({1}); nothing was changed" },
  GL7006: {
    severity: "error",
    template: "`{0}` cannot be written: the file would exceed this process's file size limit (EFBIG); nothing was changed",
  },
  GL7007: { severity: "error", template: "`{0}` cannot be written: the system reports {1}; nothing was changed" },
  GL7008: { severity: "warning", template: "an interrupted write of {0} file(s) under `{1}` was found and completed before this one" },
  GL7009: { severity: "error", template: "`{0}` cannot be read: the system reports {1}" },
  GL7010: {
    severity: "error",
    template: "the write under `{0}` stopped after {1} of {2} file(s) were replaced ({3}); the next write there completes it",
  },
  GL7011: { severity: "error", template: "`{0}` is not an option of `guideline {1}`", hint: "`guideline {1} --help` lists its options" },
  GL7012: { severity: "error", template: "`{0}` is not an option of `guideline {1}`; did you mean `{2}`?" },
  GL7013: { severity: "error", template: "the option `{0}` needs a value: write `{0} {1}`" },
  GL7014: { severity: "error", template: "the option `{0}` takes no value: write `{0}` alone" },
  GL7015: { severity: "error", template: "the option `{0}` is given twice, but it takes one value: write `{0} {1}` once" },
  GL7016: {
    severity: "error",
    template: "`{0}` is not a diagnostic code",
    hint: "codes are written GL and four digits, as diagnostics print them: `guideline explain GL2001`",
  },
  GL7030: {
    severity: "error",
    template: "line {0} was not evaluated: the worker thread evaluating it stopped ({1}); the next lines go to a new worker thread",
  },
  GL7031: { severity: "warning", template: "{0} lines answered, {1} lines a second, about {2} left" },
  GL7032: { severity: "warning", template: "{0} lines answered, {1} lines a second" },
  GL7033: {
    severity: "error",
    template: "this compact report was produced by the rule pack {0}, not by {1}: expand it with the pack that produced it",
  },
  GL7034: { severity: "error", template: "`--workers` needs a whole number of worker threads from 1 to {0}" },
  GL7035: { severity: "error", template: "`{0}` applies to `evaluate --ndjson` only" },
  GL7070: {
    severity: "error",
    template:
      "`{0}` is not a name: a name starts with a letter or `_` and uses unaccented letters, digits and `_`, in parts joined by `.` or `-`",
  },
  GL7071: { severity: "error", template: "`{0}` is a keyword of the language: it cannot be a name" },
  GL7072: {
    severity: "error",
    template: "`{0}` cannot be renamed here: only thresholds, delays and facts are renamed across the edition's files",
  },
  GL7073: { severity: "error", template: "`{0}` is already declared: renaming `{1}` to it would make two declarations of one name" },
  GL7074: { severity: "error", template: "`{0}` cannot be watched for changes: the system reports {1}" },
  GL7080: {
    severity: "error",
    template: "{0} is not an edition of `guideline/editions.json` (editions: {1}); nothing was changed",
    hint: "start it with `guideline new-edition {0}`, or name one of the editions listed",
  },
  GL7081: {
    severity: "error",
    template: "edition {0} has errors and cannot be made current; nothing was changed",
    hint: "fix the errors above (`guideline check guideline/{0}`), then mark it current again",
  },
  GL7090: {
    severity: "error",
    template: "the request body is not JSON",
    hint: "send the CDS Hooks request as one JSON object, with `Content-Type: application/json`",
  },
  GL7091: { severity: "error", template: "the request body is more than {0} bytes long, the limit" },
  GL7092: { severity: "error", template: "the CDS Hooks request is not valid: `{0}` {1}" },
  GL7093: {
    severity: "error",
    template: "the hook `{0}` is not the hook of the service `{1}`, which answers `{2}`",
    hint: "`GET /cds-services` lists each service with its hook",
  },
  GL7094: {
    severity: "error",
    template: "`{0}` is not a service or a page of this server",
    hint: "`GET /cds-services` lists the services",
  },
  GL7095: {
    severity: "error",
    template: "{0} requests are already being answered, the limit; nothing was evaluated",
    hint: "send it again shortly",
  },
  GL7096: { severity: "error", template: "the content type `{0}` is not JSON", hint: "send `Content-Type: application/json`" },
  GL7097: { severity: "error", template: "the request was not answered within {0} ms, the limit", hint: "send it again shortly" },
  GL7098: { severity: "error", template: "the service could not answer this request: an internal error; nothing was evaluated" },
  GL7099: {
    severity: "error",
    template: "the service cannot listen on {0}: the system reports {1}",
    hint: "choose another port with `--port N` (0: any free port)",
  },
} as const satisfies Record<string, { severity: "error" | "warning"; template: string; hint?: string }>;

/** A code of the diagnostic table. */
export type DiagnosticCode = keyof typeof diagnosticCodes;

/** Severity of a diagnostic: errors stop compilation, warnings do not. */
export type Severity = "error" | "warning";

/**
 * Hints that depend on the situation, not on the code alone: the place that makes a diagnostic
 * names one (with `hint(name, ...args)` from `diagnostic.ts`) and gives its arguments, `{0}`, `{1}`….
 * A name says what the advice is, so that the same advice is written once.
 */
export const hintTemplates = {
  didYouMean: "did you mean `{0}`?",
  renameOrRemoveCopy: "rename one of them or remove the copy",
  keepOne: "keep one and remove the other",
  putBelowSection: "put it below the `section` it comes from",
  putRuleBelowSection: "put the rule below the `section` it comes from",
  addStatement: 'add `statement "<what the rule says, in French>"`',
  addQuote: 'add `quote "<the source sentence, word for word>"`',
  addThen: "add what the rule does, e.g. `then finding absolute-contraindication`",
  addWhen: "say when the rule applies, e.g. `when patient.allergy`",
  addLabel: 'add a French label, e.g. `label "Numération"`',
  sayWhyAccepted: "say, for the reviewers, why the warning is accepted",
  readinessLabelExample: 'e.g. `not ready "conditions préalables non remplies ({preconditions})"`',
  endVerdictWithOtherwise: 'end the verdict with `otherwise <outcome> "<label>"`',
  writeOtherwiseRefer: "write `otherwise refer`",
  stopNeedsDelay: "e.g. `stop drug-a 5 d before`",
  separateReferencesWithComma: "separate reference numbers with a comma, e.g. `{0}`",
  readsAsDecimal: "`{0}` reads as a decimal number: separate numbers with a comma and a space, e.g. `{1}`",
  sameMeasureUnits: "list only units that measure the same thing as the fact",
  comparedInUnit: "the value is compared with a quantity in {0}",
  declareClass: 'declare it with `class <name> "<label>"`',
  declareDrug: "declare it with `drug <name> atc <code> class <class>`",
  isAClass: "`{0}` is a class: write `class {0}`",
  declareFindingKind: 'declare it with `finding <kind> "<label>"`',
  declareRecommendation: 'declare it with `recommendation <code> "<label>"`',
  nameListedOnce: "a name is compared without case, accents or extra spaces: list it once",
  addDoseField: "add `dose <field> in <unit>` to the medication list fact, e.g. `dose dailyDoseMg in mg/d`",
  testAValue: "test a value, e.g. `{0} is {1}`",
  compareWithThreshold: "compare it with a threshold",
  useIsValue: "use `{0} is <value>`",
  useFlag: "use `{0}` or `not {0}`",
  compareFactWithThreshold: "compare a fact with a threshold, e.g. `labs.count > seuil.count`",
  compareFactWithValue: "compare a fact with a threshold or a number with its unit",
  joinConditions: "join the conditions with `and` or `or`",
  oneEffect: "a rule has one effect: split it into two rules",
  closestPassage: 'the closest passage of the source reads: "{0}" — if the source changed, re-confirm the rule against it',
  copyQuoteExactly: "copy the sentence from the source exactly; markup and line breaks may differ",
  quoteOrUncover: 'quote it in a rule or an `information`, or add `uncovered "{0}" because "<reason>"`',
  writeRuleForDrug:
    "write a rule for it (`then stop {0} … before`, `continue`, `bridge` or `refer`), or put it in a class that rules target",
  checkBandBounds:
    "check the bounds of the rules' conditions: a value between two bands (e.g. `< 160` and `> 160` leave 160) belongs to no rule",
  removeOrMergeQuotes: "remove one of the two rules, or merge their quotes into one",
  removeOrMergeOrAccept: "remove it, or merge it into `{0}`; if the source states both on purpose, accept the warning with a reason",
  removeOrMergeInto: "remove it, or merge it into `{0}`",
  removeOrNarrow: "remove it, or narrow the condition of the rule that takes precedence",
  onlyConsistencyWarnings: "only consistency warnings (GL3xxx) can be accepted",
  errorCannotBeAccepted: "{0} is an error: fix it; only warnings can be accepted",
  contradictionCannotBeAccepted: "{0} is an error: fix it, or declare which rule wins with `precedence`; only warnings can be accepted",
  acceptOutlivedWarning: "no {0} warning is about `{1}` any more: remove the `accept`",
} as const satisfies Record<string, string>;

/** The name of a hint of {@link hintTemplates}. */
export type HintName = keyof typeof hintTemplates;

/**
 * The notes of related places: a diagnostic about two places (a name declared twice, two rules in
 * conflict) names the other one with one of these, printed `note: <note>` under its own excerpt.
 */
export const relatedNotes = {
  firstDeclaredHere: "first declared here",
  declaredHere: "declared here",
  usedHere: "used here",
  valuesDeclaredHere: "its values are declared here",
  otherRuleHere: "the other rule is here",
  ruleInvolvedHere: "a rule involved is here",
} as const satisfies Record<string, string>;

/** The name of a note of {@link relatedNotes}. */
export type RelatedNoteName = keyof typeof relatedNotes;
