/**
 * The fuzz suite of issue 10: adversarial facts and tampered packs, with a fixed seed
 * (`FUZZ_SEED` to explore others) and a few thousand cases per run (`FUZZ_RUNS` multiplies
 * them: `FUZZ_RUNS=10 npx vitest run test/runtime/fuzz.test.ts`).
 *
 * The invariants, for any input whatever:
 * - no uncaught exception: `evaluate` gives a report, or throws `InvalidFactsError` /
 *   `InvalidPackError`; the `--ndjson` stream gives one JSON line per input line;
 * - every error is coded (a GL5xxx code of the table) and positioned (a JSON path, a line);
 * - no definite answer that a completion of the unknowns contradicts;
 * - `Object.prototype` and `Array.prototype` are untouched;
 * - a tampered pack never runs unless the caller opted out of signatures;
 * - time and report size linear in the input, up to the limits.
 */
import { generateKeyPairSync } from "node:crypto";
import { PassThrough } from "node:stream";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { main } from "../../src/cli/main.js";
import { diagnosticCodes } from "../../src/diagnostics/codes.js";
import { evaluate } from "../../src/runtime/evaluate.js";
import { InvalidFactsError } from "../../src/runtime/fact-errors.js";
import { InvalidPackError } from "../../src/pack/invalid-pack-error.js";
import { loadPack } from "../../src/runtime/load-pack.js";
import { runtimeLimits } from "../../src/runtime/limits.js";
import type { RulePack } from "../../src/pack/pack-format.js";
import { packIntegrity } from "../../src/pack/pack-integrity.js";
import { signPack } from "../../src/pack/pack-signature.js";
import type { Report } from "../../src/runtime/report.js";
import { shippedPack } from "../support/compile-guideline.js";
import { patientArbitrary, patientSpace, type Patient } from "../support/patient-arbitrary.js";

const seed = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : 20_261_210;
const scale = process.env.FUZZ_RUNS ? Number(process.env.FUZZ_RUNS) : 1;
const runs = (n: number) => Math.max(1, Math.round(n * scale));
/** Time allowed to a property: generous, since the machine may be shared, and scaled with the runs. */
const timeout = 180_000 * Math.max(1, scale);

const pack = shippedPack();
const space = patientSpace(pack);
const segments = [...new Set(pack.facts.flatMap((f) => f.path.split(".")))];
const prototypeKeys = ["__proto__", "constructor", "prototype", "toString", "valueOf", "hasOwnProperty", "__defineGetter__"];

// ---------------------------------------------------------------------------
// Adversarial values

const controlText = fc.string({
  unit: fc.constantFrom("\n", "\r", "\u001b", "[", "2", "K", "\u009b", "\u202e", "\u2028", "\u0000", "a", " ", "é"),
});
const hugeText = fc.constantFrom("x".repeat(runtimeLimits.stringLength + 1), "\u001b".repeat(runtimeLimits.stringLength));
const oddNumber = fc.oneof(
  fc.constantFrom(
    Number.NaN,
    Number.POSITIVE_INFINITY,
    Number.NEGATIVE_INFINITY,
    -0,
    Number.MAX_VALUE,
    Number.MIN_VALUE,
    1e308,
    -1e308,
    2 ** 53 + 1,
  ),
  fc.double(),
  fc.integer(),
);
const numericText = fc.constantFrom("50000", "1e999", "NaN", "Infinity", " 12 ", "0x10", "-0", "");
const key = fc.oneof(
  fc.constantFrom(...segments),
  fc.constantFrom(...prototypeKeys),
  fc.string({ maxLength: 12 }),
  fc.constant("k".repeat(runtimeLimits.keyLength + 1)),
);

const leaf: fc.Arbitrary<unknown> = fc.oneof(
  { arbitrary: oddNumber, weight: 4 },
  { arbitrary: numericText, weight: 2 },
  { arbitrary: controlText, weight: 2 },
  { arbitrary: hugeText, weight: 1 },
  { arbitrary: fc.constantFrom(true, false, null, undefined), weight: 2 },
  { arbitrary: fc.constantFrom(() => 1, Symbol("s"), 10n, new Date(0), new Uint8Array(4)), weight: 1 },
);

const { value: adversarial } = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    { arbitrary: leaf, weight: 5 },
    { arbitrary: fc.array(tie("value"), { maxLength: 5 }), weight: 1 },
    { arbitrary: fc.dictionary(key, tie("value"), { maxKeys: 5 }), weight: 2 },
    {
      arbitrary: fc.record({
        value: oddNumber,
        unit: fc.oneof(controlText, fc.constantFrom("mg", "10*9/L", "10*400/mm3", "%", "g/d", "1")),
      }),
      weight: 1,
    },
  ),
}));

/** Shapes that once broke the runtime, in sizes up to and just beyond the limits. */
const large = fc.oneof(
  fc.integer({ min: 0, max: 3 }).map((k) => nest(runtimeLimits.depth - 1 + k)),
  fc
    .integer({ min: runtimeLimits.listEntries - 1, max: runtimeLimits.listEntries + 1 })
    .map((n) => ({ [listPath()]: Array.from({ length: n }, () => ({ name: pack.drugs[0]?.name ?? "x" })) })),
  fc.integer({ min: 1, max: 3 }).map((k) => Object.fromEntries(Array.from({ length: k * 5_000 }, (_, i) => [`unknown${i}`, i]))),
  fc.constant(cycle()),
);

function listPath(): string {
  return pack.plan?.list ?? pack.facts.find((f) => f.type === "medications")?.path ?? "list";
}

function nest(depth: number): unknown {
  let value: unknown = 1;
  for (let i = 0; i < depth; i++) value = i % 2 ? [value] : { [segments[i % segments.length] ?? "x"]: value };
  return value;
}

function cycle(): unknown {
  const a: Record<string, unknown> = { labs: {} };
  (a.labs as Record<string, unknown>).self = a;
  return a;
}

/** A patient (valid facts) with one adversarial value put somewhere in it. */
const poisonedPatient = fc
  .tuple(patientArbitrary(space), fc.array(fc.constantFrom(...segments, ...prototypeKeys), { minLength: 1, maxLength: 3 }), adversarial)
  .map(([patient, path, value]) => {
    const copy = structuredClone(patient) as Record<string, unknown>;
    let node = copy;
    for (const segment of path.slice(0, -1)) {
      const next = Object.prototype.hasOwnProperty.call(node, segment) ? node[segment] : undefined;
      if (next === null || typeof next !== "object")
        Object.defineProperty(node, segment, { value: {}, enumerable: true, writable: true, configurable: true });
      node = node[segment] as Record<string, unknown>;
    }
    Object.defineProperty(node, path.at(-1) ?? "x", { value, enumerable: true, writable: true, configurable: true });
    return copy;
  });

// ---------------------------------------------------------------------------
// Invariants

const prototypeState = () =>
  [Object.getOwnPropertyNames(Object.prototype).join(), Object.getOwnPropertyNames(Array.prototype).join()].join("|");
const prototypeBefore = prototypeState();

/** Evaluates; a report, or the coded and positioned errors; anything else fails the property. */
async function outcome(facts: unknown, usePack: RulePack = pack): Promise<Report | InvalidFactsError> {
  try {
    return await evaluate(facts, usePack);
  } catch (error) {
    if (!(error instanceof InvalidFactsError)) throw error;
    expect(error.errors.length).toBeGreaterThan(0);
    for (const e of error.errors) {
      expect(diagnosticCodes).toHaveProperty(e.code);
      expect(e.code).toMatch(/^GL5\d{3}$/);
      expect(e.path.startsWith("$")).toBe(true);
      expect(e.message.length).toBeGreaterThan(0);
    }
    return error;
  }
}

function untouchedPrototypes(): void {
  expect(prototypeState()).toBe(prototypeBefore);
  expect(({} as Record<string, unknown>).polluted).toBeUndefined();
}

describe("fuzz: adversarial facts", () => {
  it(
    `no uncaught exception, every error coded and positioned, prototypes untouched (${runs(1500)} cases, seed ${seed})`,
    async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.oneof({ arbitrary: adversarial, weight: 3 }, { arbitrary: poisonedPatient, weight: 6 }, { arbitrary: large, weight: 1 }),
          async (facts) => {
            await outcome(facts);
            untouchedPrototypes();
          },
        ),
        { seed, numRuns: runs(1500) },
      );
    },
    timeout,
  );

  it(
    `duplicate keys in the JSON text: the last one counts, as JSON.parse says (${runs(200)} cases, seed ${seed + 1})`,
    async () => {
      await fc.assert(
        fc.asyncProperty(patientArbitrary(space), patientArbitrary(space), async (first, second) => {
          const text = `{${[...Object.entries(first), ...Object.entries(second)].map(([k, v]) => `${JSON.stringify(k)}:${JSON.stringify(v)}`).join(",")}}`;
          const parsed = JSON.parse(text) as unknown;
          const result = await outcome(parsed);
          const merged = await outcome({ ...first, ...second });
          expect(JSON.stringify(result)).toBe(JSON.stringify(merged));
        }),
        { seed: seed + 1, numRuns: runs(200) },
      );
    },
    timeout,
  );

  it(
    `no definite answer that a completion of the unknowns contradicts (${runs(600)} cases, seed ${seed + 2})`,
    async () => {
      const full = patientArbitrary(space, { missing: 0 });
      await fc.assert(
        fc.asyncProperty(
          full,
          fc.array(fc.boolean(), { minLength: space.leaves.length, maxLength: space.leaves.length }),
          fc.boolean(),
          async (patient, keep, keepDoses) => {
            const partial = structuredClone<Patient>(patient);
            for (const [i, fact] of space.leaves.entries()) {
              if (keep[i]) continue;
              const path = fact.path.split(".");
              const parent = path
                .slice(0, -1)
                .reduce<Record<string, unknown> | undefined>((node, s) => node?.[s] as Record<string, unknown> | undefined, partial);
              if (parent) Reflect.deleteProperty(parent, path.at(-1) ?? "");
            }
            if (!keepDoses) {
              for (const fact of space.leaves) {
                const list =
                  fact.kind === "medications" && fact.dose
                    ? (fact.path.split(".").reduce<unknown>((n, s) => (n as Record<string, unknown> | undefined)?.[s], partial) as
                        Record<string, unknown>[] | undefined)
                    : undefined;
                if (Array.isArray(list) && list[0] && fact.kind === "medications" && fact.dose)
                  Reflect.deleteProperty(list[0], fact.dose.field);
              }
            }
            const known = await outcome(partial);
            const completed = await outcome(patient);
            if (known instanceof InvalidFactsError || completed instanceof InvalidFactsError) return;
            if (known.verdict !== "incomplete") expect(completed.verdict).toBe(known.verdict);
            for (const p of known.preconditions)
              if (p.status !== "unknown") expect(completed.preconditions.find((q) => q.rule === p.rule)?.status).toBe(p.status);
            // The plan says what to do if the procedure is done: a completion whose verdict excludes it has no plan to contradict.
            if (!completed.procedureExcluded)
              for (const e of known.medicationPlan)
                if (e.action !== "unknown") expect(completed.medicationPlan.find((f) => f.index === e.index)?.action).toBe(e.action);
            for (const f of known.findings) expect(completed.findings.some((g) => g.rule === f.rule)).toBe(true);
          },
        ),
        { seed: seed + 2, numRuns: runs(600) },
      );
    },
    timeout,
  );
});

describe("fuzz: the --ndjson stream", () => {
  it(
    `one JSON line per input line, each error coded with its line number (${runs(30)} streams of up to 40 lines, seed ${seed + 3})`,
    async () => {
      const line = fc.oneof(
        patientArbitrary(space).map((p) => JSON.stringify(p)),
        patientArbitrary(space).map((p) => JSON.stringify(p, null, "\r").replace(/\n/g, "\r")),
        fc.constantFrom("", "   ", "\r", "{", "null", "[]", "1e999", '{"a":1e999}', "\uFEFF{}", '{"__proto__":{"x":1}}', "\u001b[2K"),
        controlText.map((t) => JSON.stringify({ [listPath()]: [{ name: t }] })),
        controlText.filter((t) => !t.includes("\n")),
      );
      await fc.assert(
        fc.asyncProperty(fc.array(line, { minLength: 1, maxLength: 40 }), async (lines) => {
          const stdin = new PassThrough();
          const stdout = new PassThrough();
          const stderr = new PassThrough();
          const chunks: Buffer[] = [];
          stdout.on("data", (c: Buffer) => chunks.push(c));
          stdin.end(`${lines.join("\n")}\n`);
          const code = await main(["evaluate", "--ndjson"], { stdin, stdout, stderr, cwd: process.cwd() });
          const outputs = Buffer.concat(chunks).toString("utf8").split("\n");
          expect(outputs.pop()).toBe("");
          expect(outputs.length).toBe(lines.length);
          let failed = 0;
          for (const [i, output] of outputs.entries()) {
            // eslint-disable-next-line no-control-regex -- the test asserts that no control character reaches the output.
            expect(output).not.toMatch(/[\u0000-\u001f\u007f-\u009f\u202a-\u202e]/);
            if ((lines[i] ?? "").trim() === "") {
              expect(output).toBe("");
              continue;
            }
            const parsed = JSON.parse(output) as { error?: { kind: string; code?: string; errors?: { code: string }[] }; line?: number };
            if (!parsed.error) continue;
            failed++;
            expect(parsed.line).toBe(i + 1);
            expect(parsed.error.kind).not.toBe("internal");
            for (const c of [parsed.error.code, ...(parsed.error.errors ?? []).map((e) => e.code)].filter(Boolean))
              expect(c).toMatch(/^GL5\d{3}$/);
          }
          expect(code).toBe(failed ? 1 : 0);
        }),
        { seed: seed + 3, numRuns: runs(30) },
      );
    },
    timeout,
  );
});

// ---------------------------------------------------------------------------
// Tampered packs

const packJson = JSON.parse(JSON.stringify(pack)) as Record<string, unknown>;
/** Every path into the pack's JSON (objects and arrays), as lists of keys. */
const packPaths: (string | number)[][] = [];
{
  const stack: [unknown, (string | number)[]][] = [[packJson, []]];
  while (stack.length) {
    const [node, path] = stack.pop() ?? [null, []];
    if (path.length) packPaths.push(path);
    if (node && typeof node === "object")
      for (const [k, v] of Object.entries(node)) stack.push([v, [...path, Array.isArray(node) ? Number(k) : k]]);
  }
}

const packEdit = fc.record({
  path: fc.constantFrom(...packPaths),
  kind: fc.constantFrom("replace", "delete", "add", "duplicate", "nest"),
  value: fc.oneof(leaf, adversarial, fc.constantFrom({ kind: "always" }, { kind: "bogus" }, [], {}, "^(a+)+$", { pattern: "^(a+)+$" })),
  rehash: fc.boolean(),
});

function tamper(edit: { path: (string | number)[]; kind: string; value: unknown; rehash: boolean }): Record<string, unknown> {
  const copy = structuredClone(packJson);
  const parent = edit.path.slice(0, -1).reduce<unknown>((node, k) => (node as Record<string | number, unknown>)[k], copy) as Record<
    string | number,
    unknown
  >;
  const last = edit.path.at(-1) ?? "";
  switch (edit.kind) {
    case "replace":
      parent[last] = edit.value;
      break;
    case "delete":
      if (Array.isArray(parent)) parent.splice(Number(last), 1);
      else Reflect.deleteProperty(parent, last);
      break;
    case "add":
      if (Array.isArray(parent)) parent.push(edit.value);
      else parent[`${String(last)}-extra`] = edit.value;
      break;
    case "duplicate":
      if (Array.isArray(parent)) parent.push(structuredClone(parent[Number(last)]));
      else parent[last] = [parent[last], parent[last]];
      break;
    case "nest":
      parent[last] = nest(runtimeLimits.packDepth + 10);
      break;
  }
  if (edit.rehash) {
    try {
      copy.integrity = packIntegrity(copy as unknown as RulePack);
    } catch {
      // Data that does not serialise (a big integer) has no hash to recompute.
    }
  }
  return copy;
}

/** Whether data serialises to `text` (data holding a big integer does not serialise at all). */
function sameJson(data: unknown, text: string): boolean {
  try {
    return JSON.stringify(data) === text;
  } catch {
    return false;
  }
}

describe("fuzz: tampered packs", () => {
  const keys = generateKeyPairSync("ed25519");
  const trustedKeys = [keys.publicKey.export({ format: "pem", type: "spki" }).toString()];
  const signature = signPack(pack, keys.privateKey.export({ format: "pem", type: "pkcs8" }).toString());
  const original = JSON.stringify(packJson);
  const someFacts = fc.sample(patientArbitrary(space), { seed, numRuns: 5 });

  it(
    `a tampered pack never runs without the explicit opt-out; with it, it is refused or runs without crashing (${runs(400)} cases, seed ${seed + 4})`,
    async () => {
      await fc.assert(
        fc.asyncProperty(packEdit, async (edit) => {
          const tampered = tamper(edit);
          if (sameJson(tampered, original)) return;
          for (const options of [{}, { signature, trustedKeys }]) {
            expect(() => loadPack(tamper(edit), options)).toThrow(InvalidPackError);
          }
          let loaded: RulePack;
          try {
            loaded = loadPack(tampered, { allowUnsigned: true });
          } catch (error) {
            expect(error).toBeInstanceOf(InvalidPackError);
            expect(diagnosticCodes).toHaveProperty((error as InvalidPackError).code);
            return;
          }
          for (const facts of someFacts) {
            try {
              await evaluate(facts, loaded);
            } catch (error) {
              if (!(error instanceof InvalidFactsError || error instanceof InvalidPackError)) throw error;
            }
          }
          untouchedPrototypes();
        }),
        { seed: seed + 4, numRuns: runs(400) },
      );
    },
    timeout,
  );
});

// ---------------------------------------------------------------------------
// Linear time and size

describe("fuzz: time and report size grow linearly with the input", () => {
  const drug = pack.drugs[0]?.name ?? "x";
  const doseLeaf = space.leaves.find((l) => l.kind === "medications" && l.dose);
  const doseField = doseLeaf?.kind === "medications" ? (doseLeaf.dose?.field ?? "dose") : "dose";
  const families: [string, (n: number) => unknown][] = [
    ["entries of one drug without a dose", (n) => ({ [listPath()]: Array.from({ length: n }, () => ({ name: drug })) })],
    [
      "unknown drug names with control characters",
      (n) => ({ [listPath()]: Array.from({ length: n }, (_, i) => ({ name: `\u001b[${i}m\n` })) }),
    ],
    ["unknown keys", (n) => Object.fromEntries(Array.from({ length: n }, (_, i) => [`unknown-${i}`, i]))],
    ["entries with a NaN dose", (n) => ({ [listPath()]: Array.from({ length: n }, () => ({ name: drug, [doseField]: Number.NaN })) })],
  ];

  it.each(families)("%s: 4× the input gives at most about 4× the output and 8× the time", async (_name, make) => {
    const measure = async (n: number) => {
      const facts = make(n);
      const started = performance.now();
      const result = await outcome(facts);
      const elapsed = performance.now() - started;
      const size = JSON.stringify(result instanceof InvalidFactsError ? result.errors : result).length;
      return { size, elapsed };
    };
    await measure(10);
    const n = Math.floor(runtimeLimits.listEntries / 4);
    const small = await measure(n);
    const large = await measure(4 * n);
    expect(large.size / small.size).toBeLessThan(4.5);
    // Time is noisy on a shared machine: a generous bound, far below the 16× of quadratic work
    // (1 000 entries of one drug without a dose took 10.9 s before the report was made linear).
    expect(large.elapsed).toBeLessThan(Math.max(8 * small.elapsed, 1_000));
  });
});
