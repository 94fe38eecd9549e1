/**
 * Adds to `object` an enumerable, read-only property `key` whose value is worked out by
 * `compute` the first time it is read, then kept. Reading it gives the same value every time;
 * JSON.stringify, structuredClone and deep equality read it like any other property (and so
 * work it out), and it comes last in key order, as if it had been written last.
 */
export function withLazyField<T extends object, K extends string, V>(object: T, key: K, compute: () => V): T & { readonly [P in K]: V } {
  let state: { readonly value: V } | undefined;
  Object.defineProperty(object, key, {
    enumerable: true,
    configurable: false,
    get: () => (state ??= { value: compute() }).value,
  });
  return object as T & { readonly [P in K]: V };
}
