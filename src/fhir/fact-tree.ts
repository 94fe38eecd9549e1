/** The facts object being built from the record: values set by dotted path. */
export type FactTree = Record<string, unknown>;

/** Sets `value` at the dotted `path` (`labs.count` → `{ labs: { count } }`). */
export function setFact(tree: FactTree, path: string, value: unknown): void {
  const parts = path.split(".");
  let node: FactTree = tree;
  for (const part of parts.slice(0, -1)) {
    const next = node[part];
    if (typeof next === "object" && next !== null && !Array.isArray(next)) node = next as FactTree;
    else {
      const created: FactTree = {};
      node[part] = created;
      node = created;
    }
  }
  node[parts[parts.length - 1] ?? path] = value;
}
