import type { DiagnosticCode } from "../diagnostics/codes.js";
import { makeDiagnostic } from "../diagnostics/diagnostic.js";
import { jsonPath, type FactError } from "./fact-errors.js";
import { runtimeLimits, type RuntimeLimits } from "./limits.js";

/** A value of the snapshot: JSON data only, in objects with no inherited property, deep-frozen. */
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
 * The prototype of every object of a snapshot: an empty, frozen object without a prototype of its
 * own. The snapshot's objects inherit nothing (`__proto__`, `constructor`, `toString` are ordinary
 * keys, read as unknown facts), as with `Object.create(null)`; unlike those, V8 keeps them in its
 * fast object layout, which halves the cost of validating and reading them.
 */
const dataPrototype: object = Object.freeze(Object.create(null) as object);

/** What {@link Walk.read} returns for a property it refuses (a getter or a setter). */
const refused: unique symbol = Symbol("refused");

/** The kinds of value JSON cannot hold, as the GL5038 message names them. */
const notData: Readonly<Record<"undefined" | "function" | "symbol" | "bigint", string>> = {
  undefined: "`undefined` in a list",
  function: "a function",
  symbol: "a symbol",
  bigint: "a big integer",
};

/**
 * Reads the facts once, up front, into a deep-frozen copy of plain JSON data, and checks them
 * against the {@link runtimeLimits}: what is evaluated is this copy, so a caller that changes its
 * object during an evaluation changes nothing, and every later step works on bounded data.
 *
 * The walk is iterative (no input can overflow the stack), reads each property once through
 * its descriptor (a getter is refused, never called), copies into objects that inherit nothing
 * (a `__proto__` key is an ordinary, unknown property) and refuses what JSON cannot hold:
 * non-finite numbers (`NaN`, `Infinity`), functions, symbols, big integers, typed arrays,
 * holes and `undefined` in lists, and cycles. `undefined` as an object property is absent,
 * as in JSON.
 */
export function snapshotFacts(
  facts: unknown,
  limits: RuntimeLimits = runtimeLimits,
): { readonly facts: unknown } | { readonly errors: FactError[] } {
  const walk = new Walk(limits);
  let root: Json | undefined;
  try {
    root = facts === undefined ? undefined : walk.copy(facts, undefined, undefined);
    walk.drain();
  } catch (error) {
    if (!(error instanceof Stop)) throw error;
  }
  return walk.errors.length ? { errors: walk.errors } : { facts: root };
}

/** One walk over a facts value: its counters, its stack of containers to fill and its errors. */
class Walk {
  readonly errors: FactError[] = [];
  private values = 0;
  private characters = 0;
  private readonly stack: Frame[] = [];

  constructor(private readonly limits: RuntimeLimits) {}

  /** Fills every container pushed so far, depth first in document order, then freezes them. */
  drain(): void {
    const { stack } = this;
    const filled: Frame[] = [];
    for (let frame = stack.pop(); frame; frame = stack.pop()) {
      // Children are pushed after their parent is popped, so the walk goes depth first.
      const before = stack.length;
      try {
        if (Array.isArray(frame.target)) this.fillList(frame, frame.target);
        else this.fillObject(frame, frame.target);
      } catch (error) {
        // A proxy whose traps throw: the caller's object cannot be read as data.
        if (error instanceof Stop) throw error;
        stack.length = before;
        this.report("GL5038", this.pathOf(frame), ["a value that cannot be read"]);
      }
      // Children were pushed in document order: reverse them so the first is taken first.
      for (let low = before, high = stack.length - 1; low < high; low++, high--) {
        const first = stack[low] as Frame;
        stack[low] = stack[high] as Frame;
        stack[high] = first;
      }
      filled.push(frame);
    }
    for (const frame of filled) Object.freeze(frame.target);
  }

  /** The copy of one value, or undefined when it is refused (the error is reported). */
  copy(value: unknown, parent: Frame | undefined, key: string | number | undefined): Json | undefined {
    const { limits } = this;
    if (++this.values > limits.values) this.stop("GL5032", this.pathOf(parent, key), [limits.values]);
    const kind = typeof value;
    switch (kind) {
      case "string":
        if (typeof value !== "string") return undefined;
        this.characters += value.length;
        if (this.characters > limits.characters) this.stop("GL5033", this.pathOf(parent, key), [limits.characters]);
        if (value.length > limits.stringLength) {
          this.report("GL5037", this.pathOf(parent, key), [value.length, limits.stringLength]);
          return undefined;
        }
        return value;
      case "number":
        if (typeof value === "number" && Number.isFinite(value)) return value;
        this.report("GL5030", this.pathOf(parent, key), [String(value)]);
        return undefined;
      case "boolean":
        return value as boolean;
      case "undefined":
      case "function":
      case "symbol":
      case "bigint":
        this.report("GL5038", this.pathOf(parent, key), [notData[kind]]);
        return undefined;
      case "object":
        return value === null ? null : this.container(value as object, parent, key);
    }
  }

  /** A new, empty copy of an object or a list, pushed to be filled; undefined when refused. */
  private container(value: object, parent: Frame | undefined, key: string | number | undefined): Json | undefined {
    let list: boolean;
    try {
      if (ArrayBuffer.isView(value) || value instanceof ArrayBuffer) {
        this.report("GL5038", this.pathOf(parent, key), ["a binary buffer"]);
        return undefined;
      }
      list = Array.isArray(value);
    } catch {
      this.report("GL5038", this.pathOf(parent, key), ["a value that cannot be read"]);
      return undefined;
    }
    const depth = (parent?.depth ?? 0) + 1;
    if (depth > this.limits.depth) this.stop("GL5034", this.pathOf(parent, key), [this.limits.depth]);
    for (let f = parent; f; f = f.parent) {
      if (f.source === value) {
        this.report("GL5039", this.pathOf(parent, key), []);
        return undefined;
      }
    }
    const target: Record<string, Json> | Json[] = list ? [] : (Object.create(dataPrototype) as Record<string, Json>);
    this.stack.push({ source: value, target, parent, key, depth });
    return target;
  }

  private fillList(frame: Frame, target: Json[]): void {
    const source = frame.source as unknown[];
    const length = source.length;
    if (length > this.limits.listEntries) {
      this.report("GL5035", this.pathOf(frame), [length, this.limits.listEntries]);
      return;
    }
    for (let index = 0; index < length; index++) {
      const descriptor = Object.getOwnPropertyDescriptor(source, index);
      if (descriptor === undefined) {
        this.report("GL5038", this.pathOf(frame, index), ["a hole in a list"]);
        continue;
      }
      const item = this.read(descriptor, frame, index);
      if (item === refused) continue;
      const copied = this.copy(item, frame, index);
      if (copied !== undefined) target.push(copied);
    }
  }

  private fillObject(frame: Frame, target: Record<string, Json>): void {
    const { source } = frame;
    const { limits } = this;
    for (const key of Object.keys(source)) {
      this.characters += key.length;
      if (this.characters > limits.characters) this.stop("GL5033", this.pathOf(frame, key), [limits.characters]);
      if (key.length > limits.keyLength) {
        this.report("GL5036", this.pathOf(frame, key.slice(0, 32)), [key.length, limits.keyLength]);
        continue;
      }
      const descriptor = Object.getOwnPropertyDescriptor(source, key);
      if (descriptor === undefined) continue;
      const item = this.read(descriptor, frame, key);
      if (item === refused || item === undefined) continue;
      const copied = this.copy(item, frame, key);
      if (copied !== undefined) target[key] = copied;
    }
  }

  /** The value of a property, or {@link refused} for an accessor (reported, never called). */
  private read(descriptor: PropertyDescriptor, frame: Frame, key: string | number): unknown {
    if (descriptor.get || descriptor.set) {
      this.report("GL5038", this.pathOf(frame, key), ["a getter or setter"]);
      return refused;
    }
    return descriptor.value;
  }

  /** The JSON path of a container, or of one of its keys (worked out only for an error). */
  private pathOf(frame: Frame | undefined, key?: string | number): string {
    const segments: (string | number)[] = key === undefined ? [] : [key];
    for (let f = frame; f && f.key !== undefined; f = f.parent) segments.unshift(f.key);
    return jsonPath(segments);
  }

  private report(code: DiagnosticCode, path: string, args: readonly (string | number)[]): void {
    this.errors.push({ path, code, message: makeDiagnostic(code, undefined, args).message });
    if (this.errors.length >= this.limits.errors) throw new Stop();
  }

  private stop(code: DiagnosticCode, path: string, args: readonly (string | number)[]): never {
    this.errors.push({ path, code, message: makeDiagnostic(code, undefined, args).message });
    throw new Stop();
  }
}
