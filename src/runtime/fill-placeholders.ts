/**
 * A text of the guideline with its `{name}` placeholders filled. A part in square brackets is
 * kept (without its brackets) only when every placeholder inside it has a value; a placeholder
 * with no value outside brackets is left empty.
 */
export function fillPlaceholders(template: string, values: Readonly<Record<string, string | undefined>>): string {
  const parts = partsOf(template);
  if (parts === undefined) return fillSlowly(template, values);
  let text = "";
  for (const part of parts) {
    if (part.optional && !part.names.every((name) => values[name] !== undefined)) continue;
    for (const chunk of part.chunks) text += typeof chunk === "string" ? chunk : (values[chunk.name] ?? "");
  }
  return text;
}

/** The rule itself, in two regular-expression passes: for a template whose parts {@link partsOf} cannot split. */
function fillSlowly(template: string, values: Readonly<Record<string, string | undefined>>): string {
  const filled = (text: string) => text.replace(placeholder, (_, name: string) => values[name] ?? "");
  const complete = (text: string) => [...text.matchAll(placeholder)].every(([, name = ""]) => values[name] !== undefined);
  return filled(template.replace(/\[([^[\]]*)\]/g, (_, inner: string) => (complete(inner) ? inner : "")));
}

const placeholder = /\{([^{}]*)\}/g;

/** A piece of a template: always there, or a part in brackets; its text and placeholders in order. */
interface Part {
  readonly optional: boolean;
  readonly names: readonly string[];
  readonly chunks: readonly (string | { readonly name: string })[];
}

/** Templates already split, a bounded number of them (the guideline's own texts are few). */
const split = new Map<string, readonly Part[] | null>();

/**
 * A template split once into its parts, or undefined when a placeholder would cross the edge of
 * a part in brackets (`{a[b}]`): such a template is filled by {@link fillSlowly}.
 */
function partsOf(template: string): readonly Part[] | undefined {
  const known = split.get(template);
  if (known !== undefined) return known ?? undefined;
  const parts: Part[] = [];
  /** Adds one part; false when a brace of it is not a placeholder's. */
  const add = (text: string, optional: boolean): boolean => {
    const chunks: (string | { name: string })[] = [];
    const names: string[] = [];
    let at = 0;
    for (const match of text.matchAll(placeholder)) {
      const name = match[1] ?? "";
      if (match.index > at) chunks.push(text.slice(at, match.index));
      chunks.push({ name });
      names.push(name);
      at = match.index + match[0].length;
    }
    if (at < text.length) chunks.push(text.slice(at));
    parts.push({ optional, names, chunks });
    const rest = text.replace(placeholder, "");
    return !rest.includes("{") && !rest.includes("}");
  };
  let ok = true;
  let at = 0;
  for (const match of template.matchAll(/\[([^[\]]*)\]/g)) {
    ok = add(template.slice(at, match.index), false) && ok;
    ok = add(match[1] ?? "", true) && ok;
    at = match.index + match[0].length;
  }
  ok = add(template.slice(at), false) && ok;
  if (split.size >= 512) split.clear();
  split.set(template, ok ? parts : null);
  return ok ? parts : undefined;
}
