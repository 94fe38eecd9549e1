/**
 * `build`, worked out once per key object and kept while the key lives (a WeakMap): the tables
 * a loaded pack (frozen, so they never go stale) or one of its rules gives, built on first use.
 */
export function memoByObject<K extends object, V>(build: (key: K) => V): (key: K) => V {
  const found = new WeakMap<K, V>();
  return (key) => {
    if (found.has(key)) return found.get(key) as V;
    const value = build(key);
    found.set(key, value);
    return value;
  };
}
