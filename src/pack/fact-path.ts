/*
 * Fact paths: a fact is named by a dotted path (`labs.count`) and sits in a facts object as
 * nested objects, one level per segment (`{ "labs": { "count": 80000 } }`). The compiler
 * writes facts objects (examples, witnesses) and schemas in this shape, and the runtime reads
 * facts from it: this module is the one place that knows how a path maps to the nesting.
 */

/** The segments of a dotted fact path: `labs.count` → `["labs", "count"]`. */
export function factPathSegments(path: string): readonly string[] {
  return path.split(".");
}

/** The dotted fact path of the keys that lead to a value: `["labs", "count"]` → `labs.count`. */
export function factPathOf(segments: readonly (string | number)[]): string {
  return segments.join(".");
}

/**
 * The value at a dotted fact path in a facts object, as given (`null` stays `null`); undefined
 * when the path, or one of the objects on the way to it, is not there, or when a value on the
 * way is not an object. Each segment is read as a property name.
 */
export function readFactPath(facts: unknown, path: string): unknown {
  return readFactSegments(facts, factPathSegments(path));
}

/** {@link readFactPath} with the path already split into its segments (for a reader that splits once per pack). */
export function readFactSegments(facts: unknown, segments: readonly string[]): unknown {
  let node: unknown = facts;
  for (const segment of segments) {
    if (node === null || typeof node !== "object") return undefined;
    node = (node as Record<string, unknown>)[segment];
  }
  return node;
}

/**
 * Sets the value at a dotted fact path in `facts`, in place, creating the objects on the way that
 * are missing. A later write to the same path replaces the value.
 */
export function writeFactPath(facts: Record<string, unknown>, path: string, value: unknown): void {
  const segments = factPathSegments(path);
  let node = facts;
  for (const segment of segments.slice(0, -1)) node = (node[segment] ??= {}) as Record<string, unknown>;
  node[segments[segments.length - 1] ?? path] = value;
}

/** A new facts object holding each value at its dotted path, written in the order given. */
export function nestFacts(entries: Iterable<readonly [path: string, value: unknown]>): Record<string, unknown> {
  const facts: Record<string, unknown> = {};
  for (const [path, value] of entries) writeFactPath(facts, path, value);
  return facts;
}

/**
 * A deep copy of `facts` without the value at a dotted fact path, and without the objects that
 * removal leaves empty. The copy is returned unchanged when the path is not there.
 */
export function removeFactPath(facts: Record<string, unknown>, path: string): Record<string, unknown> {
  const copy = structuredClone(facts);
  const segments = factPathSegments(path);
  const parents: Record<string, unknown>[] = [copy];
  for (const segment of segments.slice(0, -1)) {
    const next = parents[parents.length - 1]?.[segment];
    if (next === null || typeof next !== "object") return copy;
    parents.push(next as Record<string, unknown>);
  }
  delete parents[parents.length - 1]?.[segments[segments.length - 1] ?? path];
  for (let i = parents.length - 1; i > 0; i--) {
    if (Object.keys(parents[i] ?? {}).length === 0) delete parents[i - 1]?.[segments[i - 1] ?? ""];
  }
  return copy;
}

/** A tree of dotted fact paths: one node per segment, the fact at the node its full path names. */
export interface FactPathTree<T> {
  /** The nodes one segment further down, in the order their first path was given. */
  readonly children: ReadonlyMap<string, FactPathTree<T>>;
  /** What the path ending at this node names, when a path ends here. */
  readonly fact?: T;
}

/**
 * The tree of the paths of `facts` (a schema or a type declaration nests them the way a facts
 * object does). Children keep the order in which their first path was given.
 */
export function factPathTree<T>(facts: Iterable<T>, pathOf: (fact: T) => string): FactPathTree<T> {
  interface Node {
    children: Map<string, Node>;
    fact?: T;
  }
  const root: Node = { children: new Map() };
  for (const fact of facts) {
    let node = root;
    for (const segment of factPathSegments(pathOf(fact))) {
      let child = node.children.get(segment);
      if (!child) {
        child = { children: new Map() };
        node.children.set(segment, child);
      }
      node = child;
    }
    node.fact = fact;
  }
  return root;
}

/**
 * Every value of a facts object with its dotted path, depth first in key order: a list or any
 * other value that is not an object is one leaf (`medications` with its whole list). An empty
 * object has no leaf.
 */
export function factLeaves(facts: Readonly<Record<string, unknown>>): [path: string, value: unknown][] {
  return leavesUnder(facts, "");
}

function leavesUnder(value: unknown, prefix: string): [path: string, value: unknown][] {
  if (value === null || typeof value !== "object" || Array.isArray(value)) return [[prefix, value]];
  return Object.entries(value as Record<string, unknown>).flatMap(([key, inner]) => leavesUnder(inner, prefix ? `${prefix}.${key}` : key));
}
