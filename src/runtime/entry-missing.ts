/** The facts of one rule's list, split by the list entry they belong to. */
interface Split {
  /** Facts outside the list's entries (`labs.count`, or the list itself). */
  readonly outside: readonly string[];
  /** Facts inside an entry (`list[3].field`), by entry index. */
  readonly byEntry: ReadonlyMap<number, readonly string[]>;
  /** The first fact inside an entry, if any. */
  readonly first?: string;
}

const splits = new WeakMap<readonly string[], Map<string, Split>>();

function split(list: string, facts: readonly string[]): Split {
  let byList = splits.get(facts);
  if (!byList) {
    byList = new Map();
    splits.set(facts, byList);
  }
  const known = byList.get(list);
  if (known) return known;
  const prefix = `${list}[`;
  const outside: string[] = [];
  const byEntry = new Map<number, string[]>();
  let first: string | undefined;
  for (const fact of facts) {
    const close = fact.startsWith(prefix) ? fact.indexOf("]", prefix.length) : -1;
    const index = close > 0 ? Number(fact.slice(prefix.length, close)) : Number.NaN;
    if (!Number.isInteger(index)) {
      outside.push(fact);
      continue;
    }
    first ??= fact;
    const entry = byEntry.get(index);
    if (entry) entry.push(fact);
    else byEntry.set(index, [fact]);
  }
  const made = { outside, byEntry, ...(first !== undefined ? { first } : {}) };
  byList.set(list, made);
  return made;
}

/**
 * The facts one entry of a list names as missing, from the facts its undecided rules need
 * (each array as `noteUndecided` returns it, shared between the entries of a drug): the facts
 * outside the list, and those of this entry. The facts of the other entries of the same drug
 * are named by those entries, and all of them by the report's `undecided` and `missing`; an
 * entry whose own fields are all given names the first other entry's fact, so that an unknown
 * entry always names something to give. This keeps the report linear in the number of
 * entries: n entries of one drug would otherwise each list the n entries' facts.
 */
export function entryMissing(list: string, index: number, needed: readonly (readonly string[])[]): string[] {
  const names = new Set<string>();
  let other: string | undefined;
  for (const facts of needed) {
    const parts = split(list, facts);
    for (const fact of parts.outside) names.add(fact);
    for (const fact of parts.byEntry.get(index) ?? []) names.add(fact);
    other ??= parts.first;
  }
  if (other !== undefined && ![...names].some((f) => f.startsWith(`${list}[`))) names.add(other);
  return [...names].sort();
}
