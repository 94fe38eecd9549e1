/**
 * Fact paths (src/pack/fact-path.ts): the one mapping from a dotted path to the nesting of a
 * facts object, shared by the compiler (examples, witnesses, schema, types) and the runtime.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  factLeaves,
  factPathOf,
  factPathSegments,
  factPathTree,
  nestFacts,
  readFactPath,
  removeFactPath,
  writeFactPath,
  type FactPathTree,
} from "../../src/pack/fact-path.js";

const seed = 20_191_101;
const runs = 300;

const segment = fc.constantFrom("labs", "patient", "count", "tp", "long-bone", "a", "b", "_x");
/** Distinct dotted paths, none the prefix of another (a fact is a leaf, never a folder of facts). */
const paths = fc
  .uniqueArray(
    fc.array(segment, { minLength: 1, maxLength: 4 }).map((s) => s.join(".")),
    { minLength: 1, maxLength: 8 },
  )
  .map((all) => all.filter((p) => !all.some((q) => q !== p && (q.startsWith(`${p}.`) || p.startsWith(`${q}.`)))))
  .filter((all) => all.length > 0);
/** A value a fact can hold: never a plain object (that would be a folder of facts). */
const leafValue = fc.oneof(
  fc.boolean(),
  fc.integer(),
  fc.string(),
  fc.constant(null),
  fc.array(fc.record({ name: fc.string() }), { maxLength: 2 }),
);
const entries = paths.chain((ps) => fc.tuple(...ps.map((p) => fc.tuple(fc.constant(p), leafValue))));

describe("fact paths", () => {
  it(`law: a value written at a path reads back at that path, and nothing else is there (${runs} cases, seed ${seed})`, () => {
    fc.assert(
      fc.property(entries, (written) => {
        const facts = nestFacts(written);
        for (const [path, value] of written) expect(readFactPath(facts, path)).toEqual(value);
        expect(new Map(factLeaves(facts))).toEqual(new Map(written));
      }),
      { seed, numRuns: runs },
    );
  });

  it(`law: removing a path gives the facts that never had it, with no empty object left (${runs} cases, seed ${seed + 1})`, () => {
    fc.assert(
      fc.property(entries, fc.nat(), (written, pick) => {
        const facts = nestFacts(written);
        const before = structuredClone(facts);
        const [removed] = written[pick % written.length] ?? ["", undefined];
        expect(removeFactPath(facts, removed)).toEqual(nestFacts(written.filter(([p]) => p !== removed)));
        expect(facts).toEqual(before);
      }),
      { seed: seed + 1, numRuns: runs },
    );
  });

  it(`law: the tree of the paths nests them as a facts object does, in the order paths were first given (${runs} cases, seed ${seed + 2})`, () => {
    const shape = (tree: FactPathTree<string>): unknown =>
      Object.fromEntries([...tree.children].map(([key, child]) => [key, child.fact ?? shape(child)]));
    fc.assert(
      fc.property(paths, (given) => {
        expect(JSON.stringify(shape(factPathTree(given, (p) => p)))).toBe(JSON.stringify(nestFacts(given.map((p) => [p, p]))));
      }),
      { seed: seed + 2, numRuns: runs },
    );
  });

  it("reads nothing through a value that is not an object, and keeps a null given as null", () => {
    const facts = { labs: { count: 80_000, tp: null }, medications: [{ name: "x" }], note: "text" };
    expect(readFactPath(facts, "labs.count")).toBe(80_000);
    expect(readFactPath(facts, "labs.tp")).toBeNull();
    expect(readFactPath(facts, "labs.tp.value")).toBeUndefined();
    expect(readFactPath(facts, "note.length")).toBeUndefined();
    expect(readFactPath(facts, "labs.platelets")).toBeUndefined();
    expect(readFactPath(undefined, "labs")).toBeUndefined();
  });

  it("writes into the objects already there and replaces a value written twice", () => {
    const facts: Record<string, unknown> = { labs: { count: 1 } };
    writeFactPath(facts, "labs.tp", 0.5);
    writeFactPath(facts, "labs.count", 2);
    expect(facts).toEqual({ labs: { count: 2, tp: 0.5 } });
    expect(factPathSegments("labs.long-bone")).toEqual(["labs", "long-bone"]);
    expect(factPathOf(factPathSegments("labs.long-bone"))).toBe("labs.long-bone");
  });

  it("removing a path that is not there changes nothing", () => {
    const facts = { labs: { count: 1 }, flag: true };
    expect(removeFactPath(facts, "labs.tp")).toEqual(facts);
    expect(removeFactPath(facts, "flag.inner")).toEqual(facts);
    expect(removeFactPath(facts, "absent.deeper.still")).toEqual(facts);
  });
});
