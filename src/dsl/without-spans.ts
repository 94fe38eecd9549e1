/**
 * A copy of an AST value without its `span`s (at any depth) and without absent optional fields:
 * what two parses of the same guideline written differently have in common. Used to check that
 * formatting keeps the AST, and by tests.
 */
export function withoutSpans(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutSpans);
  if (value !== null && typeof value === "object") {
    return Object.fromEntries(
      Object.entries(value)
        .filter(([key, inner]) => key !== "span" && inner !== undefined)
        .map(([key, inner]) => [key, withoutSpans(inner)]),
    );
  }
  return value;
}
