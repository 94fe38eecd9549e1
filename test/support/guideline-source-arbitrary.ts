/**
 * fast-check arbitraries for guideline sources that are syntactically valid but written in
 * random ways: random names, numbers in French and international forms, units, conditions of
 * random depth with `and`, `or`, `not` and redundant parentheses, every declaration kind with its
 * properties in random order, every effect and expectation, and random layout between tokens
 * (spaces, tabs, line breaks, blank lines, comments at the end of a line or on their own line).
 *
 * A declaration is built as a list of tokens; the layout is chosen when the tokens are joined.
 */
import fc from "fast-check";
import { isPlainName } from "../../src/dsl/print-condition.js";

type Tokens = readonly string[];

const segment = fc.stringMatching(/^[a-z][a-zA-Z0-9_]{0,5}$/);
const laterSegment = fc.stringMatching(/^[a-zA-Z0-9_]{1,5}$/);

/** A name: letters, digits and `_`, in parts joined by `.` or `-`; never a keyword. */
export const nameArbitrary: fc.Arbitrary<string> = fc
  .oneof(
    { weight: 1, arbitrary: fc.constantFrom("a", "labs.count", "long-bone", "procedure.date", "in-situ", "yes", "x_1", "rules.2") },
    {
      weight: 4,
      arbitrary: fc
        .tuple(segment, fc.array(fc.tuple(fc.constantFrom(".", "-"), laterSegment), { maxLength: 2 }))
        .map(([head, rest]) => head + rest.map(([sep, part]) => sep + part).join("")),
    },
  )
  .filter(isPlainName);

const groupSeparator = fc.constantFrom(" ", " ", "\u00A0", "\u202F");

/** A number as an editor writes it: `5`, `50 000` (any group separator), `0,5`, `0.5`, `1 000,25`. */
export const numberArbitrary: fc.Arbitrary<string> = fc.oneof(
  fc.nat({ max: 99_999 }).map(String),
  fc
    .tuple(fc.integer({ min: 1, max: 999 }), fc.array(fc.nat({ max: 999 }), { minLength: 1, maxLength: 3 }), groupSeparator)
    .map(([head, groups, sep]) => [String(head), ...groups.map((g) => String(g).padStart(3, "0"))].join(sep)),
  fc
    .tuple(fc.nat({ max: 9_999 }), fc.stringMatching(/^\d{1,3}$/), fc.constantFrom(",", "."))
    .map(([whole, fraction, mark]) => `${whole}${mark}${fraction}`),
  fc
    .tuple(fc.integer({ min: 1, max: 999 }), fc.nat({ max: 999 }), groupSeparator, fc.stringMatching(/^\d{1,2}$/))
    .map(([head, group, sep, fraction]) => `${head}${sep}${String(group).padStart(3, "0")},${fraction}`),
);

/** UCUM units of the kinds the language reads: per-units, compound units, powers of ten, `%`, plain words. */
export const unitArbitrary: fc.Arbitrary<string> = fc.constantFrom(
  "/mm3",
  "/uL",
  "10*9/L",
  "10*3/uL",
  "%",
  "mg/d",
  "g/d",
  "g/L",
  "mmol/L",
  "umol/L",
  "h",
  "d",
  "wk",
  "mg",
  "[iU]/L",
);

const quantity: fc.Arbitrary<Tokens> = fc
  .tuple(numberArbitrary, fc.option(unitArbitrary, { nil: undefined }))
  .map(([n, u]) => (u ? [n, u] : [n]));

/** A text in double quotes, with `\"` and `\\` escaped, a line break written as `\n` or kept, and some needless escapes. */
export const textArbitrary: fc.Arbitrary<string> = fc
  .array(
    fc.oneof(
      { weight: 6, arbitrary: fc.string({ unit: "grapheme", maxLength: 6 }).map((s) => s.replace(/\\/g, "\\\\").replace(/"/g, '\\"')) },
      { weight: 2, arbitrary: fc.constantFrom("Plaquettes > 50 000/mm3", "À discuter", "#1", "l'équipe", " ; ", "é", "«\u00A0»") },
      { weight: 1, arbitrary: fc.constantFrom('\\"', "\\\\", "\\n", "\n", "\\q", "\\#", "\t") },
    ),
    { maxLength: 5 },
  )
  .map((parts) => `"${parts.join("")}"`);

const comparator = fc.constantFrom(">", ">=", "≥", "<", "<=", "≤", "=", "!=", "≠");

const operand: fc.Arbitrary<Tokens> = fc.oneof(
  nameArbitrary.map((n) => [n]),
  nameArbitrary.map((n) => ["dose", "of", n]),
  quantity,
);

const target: fc.Arbitrary<Tokens> = fc.tuple(fc.boolean(), nameArbitrary).map(([isClass, n]) => (isClass ? ["class", n] : [n]));

/** A condition, and whether it is an `and`/`or` group (which needs parentheses inside another). */
interface ConditionTokens {
  readonly tokens: Tokens;
  readonly group: boolean;
}

const leaf: fc.Arbitrary<ConditionTokens> = fc
  .oneof(
    fc.tuple(operand, comparator, operand).map(([left, op, right]) => [...left, op, ...right]),
    fc.tuple(nameArbitrary, nameArbitrary).map(([fact, value]) => [fact, "is", value]),
    fc
      .tuple(nameArbitrary, fc.array(nameArbitrary, { minLength: 1, maxLength: 3 }))
      .map(([fact, values]) => [fact, "in", "(", ...values.flatMap((v, i) => (i ? [",", v] : [v])), ")"]),
    nameArbitrary.map((fact) => [fact]),
    target.map((t) => ["taking", ...t]),
    fc.constant(["always"]),
    nameArbitrary.map((k) => ["finding", k]),
  )
  .map((tokens) => ({ tokens, group: false }));

/** Parenthesises a group always, anything else when `extra` says so (needless parentheses). */
function operandOf(condition: ConditionTokens, extra: boolean): Tokens {
  return condition.group || extra ? ["(", ...condition.tokens, ")"] : condition.tokens;
}

/** Conditions of random depth built with `and`, `or` and `not`, with some needless parentheses. */
export const conditionArbitrary: fc.Arbitrary<Tokens> = fc
  .letrec<{ condition: ConditionTokens; group: ConditionTokens; not: ConditionTokens }>((tie) => ({
    condition: fc.oneof({ depthSize: "small", maxDepth: 4 }, leaf, tie("group"), tie("not")),
    group: fc
      .tuple(fc.constantFrom("and", "or"), fc.array(fc.tuple(tie("condition"), fc.boolean()), { minLength: 2, maxLength: 3 }))
      .map(([connective, operands]) => ({
        tokens: operands.flatMap(([c, extra], i) => [...(i ? [connective] : []), ...operandOf(c, extra)]),
        group: true,
      })),
    not: fc.tuple(tie("condition"), fc.boolean()).map(([c, extra]) => ({ tokens: ["not", ...operandOf(c, extra)], group: false })),
  }))
  .condition.chain((c) => fc.boolean().map((extra) => (extra ? ["(", ...c.tokens, ")"] : c.tokens)));

const opt = <T>(a: fc.Arbitrary<T>) => fc.option(a, { nil: undefined });
const text = textArbitrary;
const name = nameArbitrary;

/** Properties in random order. */
function shuffled(properties: fc.Arbitrary<Tokens[]>): fc.Arbitrary<Tokens> {
  return properties
    .chain((list) => fc.shuffledSubarray(list, { minLength: list.length, maxLength: list.length }))
    .map((list) => list.flat());
}

/** The properties given (`x && [...]` gives `undefined` for an absent one). */
const present = (...list: (Tokens | string | undefined)[]): Tokens[] => list.filter((p): p is Tokens => Array.isArray(p));

const citeList = fc
  .array(numberArbitrary, { minLength: 1, maxLength: 3 })
  .map((ns) => ["cite", ...ns.flatMap((n, i) => (i ? [",", n] : [n]))]);

const effect: fc.Arbitrary<Tokens> = fc.oneof(
  name.map((k) => ["finding", k]),
  opt(text).map((label) => (label ? ["precondition", label] : ["precondition"])),
  name.map((code) => ["recommend", code]),
  fc.tuple(fc.constantFrom("stop", "bridge"), target, operand).map(([action, t, delay]) => [action, ...t, ...delay, "before"]),
  fc.tuple(fc.constantFrom("continue", "refer"), target).map(([action, t]) => [action, ...t]),
);

const nameOrText = fc.oneof(name, text);

const givenValue: fc.Arbitrary<Tokens> = fc.oneof(
  name.map((w) => [w]),
  fc.constant(["no"]),
  quantity,
  text.map((t) => [t]),
  fc
    .array(fc.tuple(nameOrText, opt(quantity), opt(name)), { maxLength: 3 })
    .map((items) => [
      "(",
      ...items.flatMap(([n, dose, atc], i) => [...(i ? [","] : []), n, ...(dose ?? []), ...(atc ? ["atc", atc] : [])]),
      ")",
    ]),
);

const expectation: fc.Arbitrary<Tokens> = fc
  .tuple(
    fc.boolean(),
    fc.oneof(
      name.map((code) => ["verdict", code]),
      fc.tuple(name, opt(name)).map(([rule, status]) => ["precondition", rule, ...(status ? [status] : [])]),
      fc
        .tuple(
          nameOrText,
          opt(fc.tuple(fc.constantFrom("stop", "continue", "bridge", "refer", "unknown", "keep"), opt(operand), opt(text), opt(name))),
        )
        .map(([drug, rest]) => [
          "plan",
          drug,
          ...(rest
            ? [
                rest[0],
                ...(rest[1] ? [...rest[1], "before"] : []),
                ...(rest[2] ? ["on", rest[2]] : []),
                ...(rest[3] ? ["because", rest[3]] : []),
              ]
            : []),
        ]),
      name.map((code) => ["recommendation", code]),
      name.map((rule) => ["finding", rule]),
      nameOrText.map((fact) => ["missing", fact]),
    ),
  )
  .map(([negated, rest]) => ["expect", ...(negated ? ["no"] : []), ...rest]);

const factType: fc.Arbitrary<Tokens> = fc.oneof(
  fc.constant(["yes/no"]),
  fc.array(name, { minLength: 1, maxLength: 4 }).map((values) => ["one", "of", ...values.flatMap((v, i) => (i ? [",", v] : [v]))]),
  fc
    .tuple(unitArbitrary, opt(fc.tuple(numberArbitrary, numberArbitrary)))
    .map(([u, range]) => ["quantity", "in", u, ...(range ? ["from", range[0], "to", range[1]] : [])]),
  fc.constant(["date"]),
  fc.constant(["medication", "list"]),
);

/** One declaration of any kind, as tokens. */
export const declarationArbitrary: fc.Arbitrary<Tokens> = fc.oneof(
  // header
  fc
    .tuple(
      name,
      shuffled(
        fc
          .tuple(opt(text), opt(numberArbitrary), opt(name), opt(text), opt(fc.tuple(text, text)), fc.array(text, { maxLength: 2 }))
          .map(([title, edition, language, source, coverage, ignore]) =>
            present(
              title && ["title", title],
              edition && ["edition", edition],
              language && ["language", language],
              source && ["source", source],
              coverage && ["coverage", "from", coverage[0], "to", coverage[1]],
              ...ignore.map((i) => ["ignore", i]),
            ),
          ),
      ),
    )
    .map(([id, props]) => ["guideline", id, ...props]),
  fc.tuple(name, text).map(([n, title]) => ["section", n, title]),
  fc
    .tuple(
      name,
      factType,
      shuffled(
        fc
          .tuple(opt(text), opt(text), opt(fc.tuple(name, unitArbitrary)))
          .map(([label, description, dose]) =>
            present(label && ["label", label], description && ["description", description], dose && ["dose", dose[0], "in", dose[1]]),
          ),
      ),
    )
    .map(([n, type, props]) => ["fact", n, ":", ...type, ...props]),
  fc
    .tuple(fc.constantFrom("threshold", "delay"), name, quantity, opt(text))
    .map(([role, n, value, label]) => [role, n, "=", ...value, ...(label ? ["label", label] : [])]),
  fc.tuple(name, opt(text)).map(([n, label]) => ["class", n, ...(label ? [label] : [])]),
  fc
    .tuple(
      name,
      shuffled(
        fc
          .tuple(fc.array(name, { maxLength: 3 }), opt(name), opt(text), fc.array(text, { maxLength: 3 }), fc.boolean())
          .map(([atc, c, label, aliases, unnamed]) =>
            present(
              atc.length ? ["atc", ...atc.flatMap((code, i) => (i ? [",", code] : [code]))] : undefined,
              c && ["class", c],
              label && ["label", label],
              aliases.length ? ["alias", ...aliases.flatMap((alias, i) => (i ? [",", alias] : [alias]))] : undefined,
              unnamed ? ["not", "named", "by", "source"] : undefined,
            ),
          ),
      ),
    )
    .map(([n, props]) => ["drug", n, ...props]),
  fc.tuple(name, opt(text)).map(([n, label]) => ["finding", n, ...(label ? [label] : [])]),
  fc.tuple(name, opt(text)).map(([n, label]) => ["recommendation", n, ...(label ? [label] : [])]),
  fc
    .tuple(opt(text), fc.array(fc.tuple(name, opt(text), conditionArbitrary), { maxLength: 3 }), opt(fc.tuple(name, opt(text))), opt(text))
    .map(([question, outcomes, otherwise, undecided]) => [
      "verdict",
      ...(question ? [question] : []),
      ...outcomes.flatMap(([code, label, when]) => ["outcome", code, ...(label ? [label] : []), "when", ...when]),
      ...(otherwise ? ["otherwise", otherwise[0], ...(otherwise[1] ? [otherwise[1]] : [])] : []),
      ...(undecided ? ["undecided", undecided] : []),
    ]),
  fc
    .tuple(
      name,
      shuffled(
        fc
          .tuple(
            opt(name),
            fc.boolean(),
            opt(text),
            opt(name),
            opt(text),
            fc.array(fc.tuple(fc.oneof(fc.constantFrom("stop", "continue", "bridge", "refer"), name), text), { maxLength: 3 }),
          )
          .map(([scope, refer, reminder, date, title, wordings]) =>
            present(
              scope && ["scope", "atc", scope],
              refer ? ["otherwise", "refer"] : undefined,
              reminder && ["reminder", reminder],
              date && ["date", date],
              title && ["title", title],
              ...wordings.map(([key, wording]) => ["wording", key, wording]),
            ),
          ),
      ),
    )
    .map(([list, props]) => ["plan", list, ...props]),
  fc.tuple(numberArbitrary, text).map(([n, t]) => ["reference", n, t]),
  fc
    .tuple(
      name,
      shuffled(
        fc
          .tuple(opt(text), fc.array(text, { maxLength: 2 }), fc.array(citeList, { maxLength: 2 }), opt(conditionArbitrary), opt(effect))
          .map(([statement, quotes, cites, when, then]) =>
            present(
              statement && ["statement", statement],
              ...quotes.map((q) => ["quote", q]),
              ...cites,
              when && ["when", ...when],
              then && ["then", ...then],
            ),
          ),
      ),
    )
    .map(([id, props]) => ["rule", id, ...props]),
  fc
    .tuple(
      name,
      shuffled(
        fc
          .tuple(opt(text), fc.array(text, { maxLength: 2 }), fc.array(citeList, { maxLength: 2 }))
          .map(([statement, quotes, cites]) =>
            present(statement && ["statement", statement], ...quotes.map((q) => ["quote", q]), ...cites),
          ),
      ),
    )
    .map(([id, props]) => ["information", id, ...props]),
  fc.tuple(text, text).map(([t, reason]) => ["uncovered", t, "because", reason]),
  fc
    .tuple(
      name,
      opt(text),
      opt(name),
      shuffled(
        fc
          .tuple(fc.array(fc.tuple(name, givenValue), { maxLength: 3 }), fc.array(expectation, { maxLength: 3 }))
          .map(([givens, expectations]) => [...givens.map(([fact, value]) => ["given", fact, "=", ...value]), ...expectations]),
      ),
    )
    .map(([id, title, base, props]) => ["example", id, ...(title ? [title] : []), ...(base ? ["based", "on", base] : []), ...props]),
  fc.tuple(name, name, text).map(([winner, loser, reason]) => ["precedence", winner, "over", loser, "because", reason]),
  fc
    .tuple(fc.stringMatching(/^GL[1-6]\d{3}$/), name, text)
    .map(([code, subject, reason]) => ["accept", code, "for", subject, "because", reason]),
);

const commentText = fc.string({ maxLength: 12 }).map((s) => `#${s.replace(/[\r\n\u2028\u2029]/g, " ")}`);

/** What may stand between two tokens: white space of every kind, blank lines, comments. */
const separator: fc.Arbitrary<string> = fc.oneof(
  { weight: 8, arbitrary: fc.constantFrom(" ", "  ", "\n  ", "\n", "\t", "\r\n  ", " \n\n") },
  {
    weight: 1,
    arbitrary: fc
      .tuple(fc.constantFrom("", "  ", " "), commentText, fc.constantFrom("\n", "\n\n", "\n  ", "\r\n"))
      .map((parts) => parts.join("")),
  },
  { weight: 1, arbitrary: fc.tuple(commentText, commentText).map(([a, b]) => `\n${a}\n  ${b}\n`) },
);

/** Tokens before which, or after which, no space is needed. */
const tightBefore = new Set([")", ",", ":", "="]);
const tightAfter = new Set(["(", ":", "="]);

/** Joins tokens with random layout; a space is optional only next to punctuation (never after a comma, so `100, 101` stays two numbers). */
function layout(tokens: Tokens): fc.Arbitrary<string> {
  return fc.array(fc.tuple(separator, fc.boolean()), { minLength: tokens.length, maxLength: tokens.length }).map((seps) =>
    tokens
      .map((token, i) => {
        if (i === 0) return token;
        const [sep, tight] = seps[i] ?? [" ", false];
        const canBeTight = tightBefore.has(token) || tightAfter.has(tokens[i - 1] ?? "");
        return (canBeTight && tight ? "" : sep) + token;
      })
      .join(""),
  );
}

/** What may stand between two declarations: line breaks, blank lines, comments, or a mere space. */
const declarationSeparator: fc.Arbitrary<string> = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom("\n", "\n\n", "\n\n\n", " ", "\r\n\r\n") },
  {
    weight: 2,
    arbitrary: fc.tuple(fc.constantFrom("\n", "\n\n", "  "), commentText, fc.constantFrom("\n", "\n\n")).map((parts) => parts.join("")),
  },
  {
    weight: 1,
    arbitrary: fc.tuple(commentText, commentText, fc.constantFrom("\n", "\n\n")).map(([a, b, end]) => `\n\n${a}\n\n${b}${end}`),
  },
);

/** A whole source file: a few declarations of any kind, laid out at random, with comments around them. */
export const guidelineSourceArbitrary: fc.Arbitrary<string> = fc
  .tuple(
    fc.constantFrom("", "", "\uFEFF"),
    fc.option(commentText, { nil: undefined }),
    fc.array(fc.tuple(declarationArbitrary.chain(layout), declarationSeparator), { maxLength: 8 }),
    fc.option(commentText, { nil: undefined }),
  )
  .map(([bom, firstComment, declarations, lastComment]) => {
    // A `class` declaration right after a `drug` one would be read as the drug's `class` property.
    const kept: [string, string][] = [];
    for (const declaration of declarations) {
      if (!(declaration[0].startsWith("class") && kept[kept.length - 1]?.[0].startsWith("drug"))) kept.push(declaration);
    }
    return [
      bom,
      firstComment ? `${firstComment}\n\n` : "",
      ...kept.map(([text, sep]) => text + sep),
      lastComment ? `\n${lastComment}\n` : "",
    ].join("");
  });
