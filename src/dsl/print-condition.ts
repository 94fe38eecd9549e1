import type { Condition, DrugTarget, Name, NumberValue, Operand, QuantityLiteral, Text } from "./ast.js";
import { guidelineLexer } from "./tokens.js";

/*
 * Printers for the small pieces of the language: texts, names, numbers, quantities, operands
 * and conditions. Each prints the piece so that parsing the result gives the same AST back.
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
export function printNameOrText(name: Name): string {
  const writtenQuoted = name.span.endOffset - name.span.offset !== name.text.length;
  return writtenQuoted || !isPlainName(name.text) ? printText({ value: name.text, span: name.span }) : name.text;
}

/** `drug-a` or `class class-a`. */
export function printTarget(target: DrugTarget): string {
  return target.kind === "class" ? `class ${target.name.text}` : target.name.text;
}

/** A value in a comparison or a delay: a name, `dose of drug-a`, or a quantity. */
export function printOperand(operand: Operand): string {
  switch (operand.kind) {
    case "name": return operand.name.text;
    case "dose": return `dose of ${operand.drug.text}`;
    case "quantity": return printQuantity(operand);
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
    case "or": return condition.operands.map(printGrouped).join(` ${condition.kind} `);
    case "not": return `not ${printGrouped(condition.operand)}`;
    case "compare": return `${printOperand(condition.left)} ${condition.operator} ${printOperand(condition.right)}`;
    case "member": {
      const [first, ...rest] = condition.values;
      if (first && rest.length === 0) return `${condition.fact.text} is ${first.text}`;
      return `${condition.fact.text} in (${condition.values.map((v) => v.text).join(", ")})`;
    }
    case "flag": return condition.fact.text;
    case "taking": return `taking ${printTarget(condition.target)}`;
    case "always": return "always";
    case "finding": return `finding ${condition.findingKind.text}`;
  }
}

function printGrouped(condition: Condition): string {
  return condition.kind === "and" || condition.kind === "or" ? `(${printCondition(condition)})` : printCondition(condition);
}
