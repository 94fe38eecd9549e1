import { describe, expect, it } from "vitest";
import { evaluateSync } from "../../src/runtime/evaluate.js";
import { withLazyField } from "../../src/runtime/lazy-field.js";
import { defaultPack } from "../../src/runtime/load-pack.js";

describe("a field worked out on first read", () => {
  it("is computed once, on first read, and is an ordinary enumerable field for JSON, clones and key order", () => {
    let runs = 0;
    const object = withLazyField({ a: 1 }, "b", () => {
      runs++;
      return { c: [2] };
    });
    expect(runs).toBe(0);
    expect(Object.keys(object)).toEqual(["a", "b"]);
    expect(object.b).toBe(object.b);
    expect(runs).toBe(1);
    expect(JSON.stringify(object)).toBe('{"a":1,"b":{"c":[2]}}');
    expect(structuredClone(object)).toEqual({ a: 1, b: { c: [2] } });
    expect(runs).toBe(1);
  });

  it("keeps its work out of sight (no extra key for JSON, clones or Object.keys) and tries again after a failed read", () => {
    let runs = 0;
    const object = withLazyField({ a: 1 }, "b", () => {
      runs++;
      if (runs === 1) throw new Error("first read fails");
      return 2;
    });
    expect(() => object.b).toThrow("first read fails");
    expect(object.b).toBe(2);
    expect(object.b).toBe(2);
    expect(runs).toBe(2);
    expect(Object.keys(object)).toEqual(["a", "b"]);
    expect(structuredClone(object)).toEqual({ a: 1, b: 2 });
  });

  it("keeps each object's own work apart when many objects share the field", () => {
    const objects = [1, 2, 3].map((n) => withLazyField({ n }, "double", () => n * 2));
    expect(objects.map((o) => o.double)).toEqual([2, 4, 6]);
  });
});

describe("the report's relevant facts", () => {
  const pack = defaultPack();
  // No facts at all: everything is missing, so the verdict has relevant facts.
  const empty = {};

  it("are the same whether read at once or after the report's other fields were changed", () => {
    const reference = evaluateSync(empty, pack);
    const readFirst = JSON.parse(JSON.stringify(reference.relevant)) as unknown;
    const changed = evaluateSync(empty, pack) as unknown as { readiness: { status: string; missing: string[] }; medicationPlan: unknown[] };
    changed.readiness.status = "ready";
    changed.readiness.missing.length = 0;
    changed.medicationPlan.length = 0;
    expect((changed as unknown as { relevant: unknown }).relevant).toEqual(readFirst);
    expect(reference.relevant.verdict.length).toBeGreaterThan(0);
  });

  it("come last in the serialised report, as a written field would", () => {
    const keys = Object.keys(JSON.parse(JSON.stringify(evaluateSync(empty, pack))) as object);
    expect(keys[keys.length - 1]).toBe("relevant");
  });
});
