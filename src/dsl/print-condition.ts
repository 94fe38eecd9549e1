import type { Condition, DrugTarget, Effect, Expectation, GivenValue, Name, NumberValue, Operand, QuantityLiteral, Text } from "./ast.js";
import { guidelineLexer } from "./tokens.js";

/*
 * Printers for the pieces of the language below a declaration: texts, names, numbers,
 * quantities, operands, conditions, effects, given values and expectations. Each prints the
 * piece so that parsing the result gives the same AST back; the formatter prints declarations
 * from them, and messages quote the source with them.
 */

/** A text in double quotes: `\` and `"` are escaped; line breaks and every other character stay as they are. */
export function printText(text: Text): string {
  return `"${text.value.replace(/\\/g, "\\\\").replace(/"/g, '\\"')}"`;
}

/** A number exactly as the editor wrote it (`50 000`, `0,5`): the printer never rewrites a number. */
export function printNumber(number: NumberValue): string {
  return number.written;
}

/** A number and its unit, separated by one space: `50 000 /mm3`, `48 h`, `50 %`. */
export function printQuantity(quantity: QuantityLiteral): string {
  return quantity.unit ? `${printNumber(quantity.value)} ${quantity.unit.text}` : printNumber(quantity.value);
}

/** True when `text` reads back as one plain name (not a keyword, not two words). */
export function isPlainName(text: string): boolean {
  const lexed = guidelineLexer.tokenize(text);
  const only = lexed.tokens[0];
  return lexed.errors.length === 0 && lexed.tokens.length === 1 && only?.tokenType.name === "Identifier" && only.image === text;
}

/**
 * A name in a place where the language accepts a name or a text (a treatment in an example, the
 * drug of `expect plan`, the fact of `expect missing`). It keeps the quotes the editor wrote (a
 * quoted name is shorter than its span) and adds them when the name could not be read bare.
 */
function printNameOrText(name: Name): string {
  const writtenQuoted = name.span.endOffset - name.span.offset !== name.text.length;
  return writtenQuoted || !isPlainName(name.text) ? printText({ value: name.text, span: name.span }) : name.text;
}

/** `drug-a` or `class class-a`. */
function printTarget(target: DrugTarget): string {
  return target.kind === "class" ? `class ${target.name.text}` : target.name.text;
}

/** A value in a comparison or a delay: a name, `dose of drug-a`, or a quantity. */
function printOperand(operand: Operand): string {
  switch (operand.kind) {
    case "name":
      return operand.name.text;
    case "dose":
      return `dose of ${operand.drug.text}`;
    case "quantity":
      return printQuantity(operand);
  }
}

/**
 * A condition with the fewest parentheses that keep its shape: `and` and `or` print bare at the
 * top and around `not`, and any `and`/`or` inside another one or under `not` is parenthesised
 * (the language forbids mixing them without parentheses, and a nested group of the same
 * connective is a different tree from a flat one).
 */
export function printCondition(condition: Condition): string {
  switch (condition.kind) {
    case "and":
    case "or":
      return condition.operands.map(printGrouped).join(` ${condition.kind} `);
    case "not":
      return `not ${printGrouped(condition.operand)}`;
    case "compare":
      return `${printOperand(condition.left)} ${condition.operator} ${printOperand(condition.right)}`;
    case "member": {
      const [first, ...rest] = condition.values;
      if (first && rest.length === 0) return `${condition.fact.text} is ${first.text}`;
      return `${condition.fact.text} in (${condition.values.map((v) => v.text).join(", ")})`;
    }
    case "flag":
      return condition.fact.text;
    case "taking":
      return `taking ${printTarget(condition.target)}`;
    case "always":
      return "always";
    case "finding":
      return `finding ${condition.findingKind.text}`;
  }
}

function printGrouped(condition: Condition): string {
  return condition.kind === "and" || condition.kind === "or" ? `(${printCondition(condition)})` : printCondition(condition);
}

/** A rule's effect: `stop class class-a 5 d before`, `recommend code-a should`, `precondition "…"`. */
export function printEffect(effect: Effect): string {
  switch (effect.kind) {
    case "finding":
      return `finding ${effect.findingKind.text}`;
    case "precondition":
      return effect.label ? `precondition ${printText(effect.label)}` : "precondition";
    case "recommend":
      return `recommend ${effect.code.text}${effect.strength ? ` ${effect.strength}` : ""}`;
    case "medication":
      return effect.action === "stop" || effect.action === "bridge"
        ? `${effect.action} ${printTarget(effect.target)}${effect.delay ? ` ${printOperand(effect.delay)} before` : ""}`
        : `${effect.action} ${printTarget(effect.target)}`;
  }
}

/** The value of a `given`: a word, a quantity, a text, or a medication list `(drug-a 75 mg/d atc B01AC06, …)`. */
export function printGivenValue(value: GivenValue): string {
  switch (value.kind) {
    case "word":
      return value.word.text;
    case "quantity":
      return printQuantity(value.quantity);
    case "text":
      return printText(value.text);
    case "medications":
      return `(${value.items
        .map((item) =>
          [printNameOrText(item.name), item.dose && printQuantity(item.dose), item.atc && `atc ${item.atc.text}`].filter(Boolean).join(" "),
        )
        .join(", ")})`;
  }
}

/** Where an expectation is printed: in the source, or quoted in a message. */
export interface ExpectationForm {
  /**
   * `source`: the line as the formatter writes it (`expect no missing "medications[0]"`).
   * `message`: what is expected, as a message quotes it after "expected": without the
   * `expect` keyword and with names as read, never quoted (`no missing medications[0]`).
   */
  readonly form: "source" | "message";
}

/** An expectation of an example: `expect verdict code-a`, `expect no plan drug-a stop 5 d before`. */
export function printExpectation(e: Expectation, { form }: ExpectationForm = { form: "source" }): string {
  const head = form === "source" ? (e.negated ? "expect no " : "expect ") : e.negated ? "no " : "";
  const name = (n: Name) => (form === "source" ? printNameOrText(n) : n.text);
  switch (e.kind) {
    case "verdict":
      return `${head}verdict ${e.code.text}`;
    case "precondition":
      return `${head}precondition ${e.rule.text}${e.status ? ` ${e.status.text}` : ""}`;
    case "plan": {
      let text = `${head}plan ${name(e.drug)}`;
      if (e.action) {
        text += ` ${e.action.text}`;
        if (e.delay) text += ` ${printOperand(e.delay)} before`;
        if (e.date) text += ` on ${printText(e.date)}`;
        if (e.reason) text += ` because ${e.reason.text}`;
      }
      return text;
    }
    case "recommendation":
      return `${head}recommendation ${e.code.text}`;
    case "finding":
      return `${head}finding ${e.rule.text}`;
    case "refused":
      return `${head}refused ${e.fact.text}`;
    case "readiness":
      return `${head}readiness ${e.status.text}`;
    case "missing":
      return `${head}missing ${name(e.fact)}`;
  }
}
