import type { DiagnosticCode } from "../diagnostics/codes.js";
import { makeDiagnostic } from "../diagnostics/diagnostic.js";
import { jsonPath, type FactError } from "./fact-errors.js";
import { runtimeLimits, type RuntimeLimits } from "./limits.js";

/** A value of the snapshot: JSON data only, in objects without a prototype, deep-frozen. */
type Json = null | boolean | number | string | readonly Json[] | { readonly [key: string]: Json };

/** A container being filled, and where it sits in the input (for error paths and cycles). */
interface Frame {
  readonly source: object;
  readonly target: Record<string, Json> | Json[];
  readonly parent: Frame | undefined;
  readonly key: string | number | undefined;
  readonly depth: number;
}

/** A problem that makes the rest of the walk pointless: the input is too large. */
class Stop extends Error {}

/**
 * Reads the facts once, up front, into a deep-frozen copy of plain JSON data, and checks them
 * against the {@link runtimeLimits}: what is evaluated is this copy, so a caller that changes its
 * object during an evaluation changes nothing, and every later step works on bounded data.
 *
 * The walk is iterative (no input can overflow the stack), reads each property once through
 * its descriptor (a getter is refused, never called), copies into objects without a prototype
 * (a `__proto__` key is an ordinary, unknown property) and refuses what JSON cannot hold:
 * non-finite numbers (`NaN`, `Infinity`), functions, symbols, big integers, typed arrays,
 * holes and `undefined` in lists, and cycles. `undefined` as an object property is absent,
 * as in JSON.
 */
// Long by design: one iterative walk whose copy step shares the stack, the counters and the error list with it; split up, every part would take and return all of them.
export function snapshotFacts(
  facts: unknown,
  limits: RuntimeLimits = runtimeLimits,
): { readonly facts: unknown } | { readonly errors: FactError[] } {
  const errors: FactError[] = [];
  let values = 0;
  let characters = 0;
  const stack: Frame[] = [];
  const pathOf = (frame: Frame | undefined, key?: string | number): string => {
    const segments: (string | number)[] = key === undefined ? [] : [key];
    for (let f = frame; f && f.key !== undefined; f = f.parent) segments.unshift(f.key);
    return jsonPath(segments);
  };
  const report = (code: DiagnosticCode, path: string, args: readonly (string | number)[]): void => {
    errors.push({ path, code, message: makeDiagnostic(code, undefined, args).message });
    if (errors.length >= limits.errors) throw new Stop();
  };
  const stop = (code: DiagnosticCode, path: string, args: readonly (string | number)[]): never => {
    errors.push({ path, code, message: makeDiagnostic(code, undefined, args).message });
    throw new Stop();
  };

  /** The copy of one value, or undefined when it is refused (the error is reported). */
  const copy = (value: unknown, parent: Frame | undefined, key: string | number | undefined): Json | undefined => {
    const refuse = (what: string): undefined => {
      report("GL5038", pathOf(parent, key), [what]);
      return undefined;
    };
    if (++values > limits.values) stop("GL5032", pathOf(parent, key), [limits.values]);
    switch (typeof value) {
      case "string":
        characters += value.length;
        if (characters > limits.characters) stop("GL5033", pathOf(parent, key), [limits.characters]);
        if (value.length > limits.stringLength) {
          report("GL5037", pathOf(parent, key), [value.length, limits.stringLength]);
          return undefined;
        }
        return value;
      case "number":
        if (Number.isFinite(value)) return value;
        report("GL5030", pathOf(parent, key), [String(value)]);
        return undefined;
      case "boolean":
        return value;
      case "undefined": {
        refuse("`undefined` in a list");
        return;
      }
      case "function": {
        refuse("a function");
        return;
      }
      case "symbol": {
        refuse("a symbol");
        return;
      }
      case "bigint": {
        refuse("a big integer");
        return;
      }
      case "object": {
        if (value === null) return null;
        let list: boolean;
        try {
          if (ArrayBuffer.isView(value) || value instanceof ArrayBuffer) {
            refuse("a binary buffer");
            return;
          }
          list = Array.isArray(value);
        } catch {
          refuse("a value that cannot be read");
          return;
        }
        const depth = (parent?.depth ?? 0) + 1;
        if (depth > limits.depth) stop("GL5034", pathOf(parent, key), [limits.depth]);
        for (let f = parent; f; f = f.parent) {
          if (f.source === value) {
            report("GL5039", pathOf(parent, key), []);
            return undefined;
          }
        }
        const target: Record<string, Json> | Json[] = list ? [] : (Object.create(null) as Record<string, Json>);
        stack.push({ source: value, target, parent, key, depth });
        return target;
      }
    }
  };

  const fill = (frame: Frame): void => {
    const { source, target } = frame;
    if (Array.isArray(target)) {
      const length = (source as unknown[]).length;
      if (length > limits.listEntries) {
        report("GL5035", pathOf(frame), [length, limits.listEntries]);
        return;
      }
      for (let index = 0; index < length; index++) {
        const descriptor = Object.getOwnPropertyDescriptor(source, index);
        if (descriptor === undefined) {
          report("GL5038", pathOf(frame, index), ["a hole in a list"]);
          continue;
        }
        const item = readDescriptor(descriptor, frame, index);
        if (item !== refused) {
          const copied = copy(item, frame, index);
          if (copied !== undefined) target.push(copied);
        }
      }
      return;
    }
    for (const key of Object.keys(source)) {
      characters += key.length;
      if (characters > limits.characters) stop("GL5033", pathOf(frame, key), [limits.characters]);
      if (key.length > limits.keyLength) {
        report("GL5036", pathOf(frame, key.slice(0, 32)), [key.length, limits.keyLength]);
        continue;
      }
      const descriptor = Object.getOwnPropertyDescriptor(source, key);
      if (descriptor === undefined) continue;
      const item = readDescriptor(descriptor, frame, key);
      if (item === refused || item === undefined) continue;
      const copied = copy(item, frame, key);
      if (copied !== undefined) target[key] = copied;
    }
  };

  const refused = Symbol("refused");
  const readDescriptor = (descriptor: PropertyDescriptor, frame: Frame, key: string | number): unknown => {
    if (descriptor.get || descriptor.set) {
      report("GL5038", pathOf(frame, key), ["a getter or setter"]);
      return refused;
    }
    return descriptor.value;
  };

  let root: Json | undefined;
  try {
    root = facts === undefined ? undefined : copy(facts, undefined, undefined);
    const filled: Frame[] = [];
    for (let frame = stack.pop(); frame; frame = stack.pop()) {
      // Children are pushed after their parent is popped, so the walk goes depth first.
      const before = stack.length;
      try {
        fill(frame);
      } catch (error) {
        // A proxy whose traps throw: the caller's object cannot be read as data.
        if (error instanceof Stop) throw error;
        stack.length = before;
        report("GL5038", pathOf(frame), ["a value that cannot be read"]);
      }
      // Children were pushed in document order: reverse them so the first is taken first.
      for (let low = before, high = stack.length - 1; low < high; low++, high--)
        [stack[low], stack[high]] = [stack[high] as Frame, stack[low] as Frame];
      filled.push(frame);
    }
    for (const frame of filled) Object.freeze(frame.target);
  } catch (error) {
    if (!(error instanceof Stop)) throw error;
  }
  if (errors.length) return { errors };
  return { facts: root };
}
