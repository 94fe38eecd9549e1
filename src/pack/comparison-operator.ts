/*
 * The comparison operators of a condition, as the checked model and the pack's stated
 * conditions (`PackCondition`) carry them. The DSL's `ComparisonOperator` (src/dsl/ast.ts) is
 * the same set as written in the source; a test holds the two equal.
 */

/** A comparison between a measured value and a number: `>`, `>=`, `<`, `<=`, `=`, `!=`. */
export type ComparisonOperator = ">" | ">=" | "<" | "<=" | "=" | "!=";

/** Whether `value operator against` holds, for a known value: `comparisonHolds(80, "<", 100)` is true. */
export function comparisonHolds(value: number, operator: ComparisonOperator, against: number): boolean {
  switch (operator) {
    case ">":
      return value > against;
    case ">=":
      return value >= against;
    case "<":
      return value < against;
    case "<=":
      return value <= against;
    case "=":
      return value === against;
    case "!=":
      return value !== against;
  }
}

const negations: Readonly<Record<ComparisonOperator, ComparisonOperator>> = {
  ">": "<=",
  ">=": "<",
  "<": ">=",
  "<=": ">",
  "=": "!=",
  "!=": "=",
};

const mirrors: Readonly<Record<ComparisonOperator, ComparisonOperator>> = {
  ">": "<",
  ">=": "<=",
  "<": ">",
  "<=": ">=",
  "=": "=",
  "!=": "!=",
};

/**
 * The operator that holds exactly when `operator` does not, on a known value: `x > t` is false
 * exactly when `x <= t` is true. (On a missing value both are unknown: negating the operator is
 * not negating the condition's truth.)
 */
export function negateComparison(operator: ComparisonOperator): ComparisonOperator {
  return negations[operator];
}

/** The operator with its two sides swapped: `t < x` says `x > t`. */
export function mirrorComparison(operator: ComparisonOperator): ComparisonOperator {
  return mirrors[operator];
}
