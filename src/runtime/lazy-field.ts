/** Where an object keeps the work still to do for its lazy fields (a non-enumerable, own property). */
const pending: unique symbol = Symbol("lazy fields");

/** One lazy field's state: the work still to do, or its value once worked out. */
interface LazyState {
  compute: (() => unknown) | undefined;
  value: unknown;
}

type Holder = { readonly [pending]?: Readonly<Record<string, LazyState>> };

/**
 * One getter per key name, shared by every object: V8 keeps objects that share their accessors
 * in one hidden class. A getter made afresh for each object gives each object a hidden class of
 * its own, allocated in the old generation (measured: `evaluate()` 1.7× slower, with a third of
 * its time in the garbage collector).
 */
const getters = new Map<string, (this: Holder) => unknown>();

function getterFor(key: string): (this: Holder) => unknown {
  let getter = getters.get(key);
  if (!getter) {
    getter = function (this: Holder): unknown {
      const state = this[pending]?.[key];
      if (state === undefined) return undefined;
      const { compute } = state;
      if (compute) {
        // Cleared during the work, so that a compute that reads its own field does not loop; put
        // back if the work throws, so that the next read tries again rather than giving undefined.
        state.compute = undefined;
        try {
          state.value = compute();
        } catch (error) {
          state.compute = compute;
          throw error;
        }
      }
      return state.value;
    };
    getters.set(key, getter);
  }
  return getter;
}

/**
 * Adds to `object` an enumerable, read-only property `key` whose value is worked out by
 * `compute` the first time it is read, then kept (and `compute` released). Reading it gives the
 * same value every time; JSON.stringify, structuredClone and deep equality read it like any
 * other property (and so work it out), and it comes last in key order, as if it had been written
 * last. The work still to do is held under a non-enumerable symbol, which none of them sees.
 */
export function withLazyField<T extends object, K extends string, V>(object: T, key: K, compute: () => V): T & { readonly [P in K]: V } {
  Object.defineProperty(object, pending, {
    value: Object.freeze({ [key]: { compute, value: undefined } satisfies LazyState }),
    enumerable: false,
    configurable: false,
    writable: false,
  });
  Object.defineProperty(object, key, { enumerable: true, configurable: false, get: getterFor(key) });
  return object as T & { readonly [P in K]: V };
}
