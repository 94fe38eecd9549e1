/**
 * Freezes a value and everything it holds, without recursion (no input can overflow the stack).
 * Returns the value, now read-only all the way down.
 */
export function deepFreeze<T>(value: T): T {
  const stack: unknown[] = [value];
  const seen = new Set<object>();
  while (stack.length > 0) {
    const node = stack.pop();
    if (node === null || typeof node !== "object" || seen.has(node)) continue;
    seen.add(node);
    Object.freeze(node);
    for (const child of Object.values(node)) stack.push(child);
  }
  return value;
}

/**
 * Whether data nests deeper than `limit` levels of objects and lists, found without recursion
 * and in time linear in its size (an object reached twice is walked again only from deeper):
 * the check that runs before any recursive step (schema validation, json-rules-engine) could
 * overflow the stack. A cycle nests without end, so it is deeper than any limit.
 */
export function nestsDeeperThan(data: unknown, limit: number): boolean {
  const deepest = new Map<object, number>();
  const stack: [unknown, number][] = [[data, 1]];
  while (stack.length > 0) {
    const [node, depth] = stack.pop() ?? [null, 0];
    if (node === null || typeof node !== "object") continue;
    if (depth > limit) return true;
    if ((deepest.get(node) ?? 0) >= depth) continue;
    deepest.set(node, depth);
    for (const child of Object.values(node)) stack.push([child, depth + 1]);
  }
  return false;
}
