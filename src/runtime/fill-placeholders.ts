/**
 * A text of the guideline with its `{name}` placeholders filled. A part in square brackets is
 * kept (without its brackets) only when every placeholder inside it has a value; a placeholder
 * with no value outside brackets is left empty.
 */
export function fillPlaceholders(template: string, values: Readonly<Record<string, string | undefined>>): string {
  const filled = (text: string) => text.replace(/\{([^{}]*)\}/g, (_, name: string) => values[name] ?? "");
  const complete = (text: string) => [...text.matchAll(/\{([^{}]*)\}/g)].every(([, name = ""]) => values[name] !== undefined);
  return filled(template.replace(/\[([^[\]]*)\]/g, (_, inner: string) => (complete(inner) ? inner : "")));
}
