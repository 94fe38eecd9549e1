import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { atomLit, Cdcl, negate } from "../../src/compiler/analyse/cdcl.js";
import type { Formula, Literal, Universe, Variable } from "../../src/compiler/analyse/formula.js";
import { comparisonInterval, isEmpty, rangeInterval, type Interval } from "../../src/compiler/analyse/intervals.js";
import { Solver } from "../../src/compiler/analyse/satisfiability.js";
import { solveByClauses } from "../../src/compiler/analyse/sat-encoding.js";
import { concreteValues, evaluate } from "../../src/compiler/analyse/witness.js";

/**
 * The CDCL fallback of the satisfiability search (cdcl.ts, sat-encoding.ts) against the
 * tableau: on random formulas in negation normal form over booleans, enumerations (declared
 * and not) and numbers (a declared range, none, with open and closed ends), both give the same
 * answer, and every model of the CDCL search satisfies the formulas.
 */

const variables: Variable[] = [
  { kind: "boolean", key: "b1", role: "fact", path: "b1" },
  { kind: "boolean", key: "b2", role: "fact", path: "b2" },
  { kind: "boolean", key: "b3", role: "fact", path: "b3" },
  { kind: "enum", key: "e1", path: "e1", values: ["x", "y", "z"] },
  { kind: "number", key: "n1", role: "fact", path: "n1", unit: "", range: rangeInterval(0, 10) },
  { kind: "number", key: "n2", role: "fact", path: "n2", unit: "", range: rangeInterval(undefined, undefined) },
];
const universe: Universe = { variables: new Map(variables.map((v) => [v.key, v])), lists: [] };

const end = fc.constantFrom(-1, 0, 2, 2.5, 5, 10, 12);
const interval: fc.Arbitrary<Interval> = fc.oneof(
  fc
    .record({ operator: fc.constantFrom(">", ">=", "<", "<=", "=" as const), value: end })
    .map(({ operator, value }) => comparisonInterval(operator, value)),
  fc
    .record({ lo: end, hi: end, loOpen: fc.boolean(), hiOpen: fc.boolean() })
    .map(({ lo, hi, loOpen, hiOpen }) => ({ lo: Math.min(lo, hi), hi: Math.max(lo, hi), loOpen, hiOpen }))
    // The translation of a condition gives no empty interval (the tableau reads one on an undeclared number as possible).
    .filter((i) => !isEmpty(i)),
);

const literal: fc.Arbitrary<Literal> = fc.oneof(
  fc
    .record({ variable: fc.constantFrom("b1", "b2", "b3"), value: fc.boolean() })
    .map(({ variable, value }) => ({ kind: "bool" as const, variable, value, text: `${variable} ${value}` })),
  // `e2` is not declared: any other value is possible too.
  fc
    .record({ variable: fc.constantFrom("e1", "e2"), values: fc.subarray(["x", "y", "z", "w"], { minLength: 1 }) })
    .map(({ variable, values }) => ({ kind: "enum" as const, variable, values, text: `${variable} in ${values.join()}` })),
  // `n3` is not declared: every number is possible.
  fc
    .record({ variable: fc.constantFrom("n1", "n2", "n3"), interval })
    .map(({ variable, interval }) => ({ kind: "number" as const, variable, interval, text: `${variable} in ${JSON.stringify(interval)}` })),
);

const formula: fc.Arbitrary<Formula> = fc.letrec<{ f: Formula }>((tie) => ({
  f: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    { weight: 4, arbitrary: literal },
    { weight: 1, arbitrary: fc.constant<Formula>({ kind: "true" }) },
    { weight: 1, arbitrary: fc.constant<Formula>({ kind: "false", text: "false" }) },
    { weight: 3, arbitrary: fc.array(tie("f"), { minLength: 2, maxLength: 4 }).map((operands): Formula => ({ kind: "and", operands })) },
    { weight: 3, arbitrary: fc.array(tie("f"), { minLength: 2, maxLength: 4 }).map((operands): Formula => ({ kind: "or", operands })) },
  ),
})).f;

describe("the CDCL fallback agrees with the tableau (fast-check)", () => {
  it("same answer on random formulas, and every CDCL model satisfies them", () => {
    const answers = { sat: 0, unsat: 0 };
    fc.assert(
      fc.property(fc.array(formula, { minLength: 1, maxLength: 3 }), (formulas) => {
        const tableau = new Solver(universe, Infinity, Infinity).solve(formulas);
        // A tableau share of 0: every query that branches goes to the CDCL search.
        const fallback = new Solver(universe, 1_000_000, 0).solve(formulas);
        const clauses = solveByClauses(formulas, universe, 1_000_000);
        expect(tableau.status).not.toBe("unknown");
        expect(fallback.status).toBe(tableau.status);
        expect(clauses.status).toBe(tableau.status);
        if (tableau.status !== "unknown") answers[tableau.status]++;
        if (fallback.status === "sat") {
          const values = concreteValues(fallback.assignment, universe);
          for (const f of formulas) expect(evaluate(f, values, universe, false)).toBe(true);
        }
      }),
      { seed: 20190403, numRuns: 3000 },
    );
    // Both answers are well represented, so that the agreement means something.
    expect(answers.sat).toBeGreaterThan(600);
    expect(answers.unsat).toBeGreaterThan(600);
  });

  it("the same query gives the same model", () => {
    const f: Formula = {
      kind: "or",
      operands: [
        {
          kind: "and",
          operands: [literalOf("b1", true), { kind: "number", variable: "n1", interval: comparisonInterval(">", 5), text: "" }],
        },
        { kind: "and", operands: [literalOf("b2", true), literalOf("b3", false)] },
      ],
    };
    const once = new Solver(universe, 100, 0).solve([f]);
    const again = new Solver(universe, 100, 0).solve([f]);
    expect(once.status).toBe("sat");
    expect(again).toEqual(once);
  });
});

function literalOf(variable: string, value: boolean): Literal {
  return { kind: "bool", variable, value, text: variable };
}

describe("the CDCL solver", () => {
  /** Pigeons into holes, one per hole: unsat when there are more pigeons. */
  function pigeonholes(pigeons: number, holes: number, learntLimit?: number): Cdcl {
    const atom = (p: number, h: number) => p * holes + h;
    const cdcl = new Cdcl(pigeons * holes, learntLimit);
    for (let p = 0; p < pigeons; p++) cdcl.addClause(Array.from({ length: holes }, (_, h) => atomLit(atom(p, h))));
    for (let h = 0; h < holes; h++)
      for (let p = 0; p < pigeons; p++)
        for (let q = p + 1; q < pigeons; q++) cdcl.addClause([negate(atomLit(atom(p, h))), negate(atomLit(atom(q, h)))]);
    return cdcl;
  }

  it("proves a small pigeonhole instance unsat by learning, and finds a model when there is room", () => {
    expect(pigeonholes(6, 5).solve(100_000).status).toBe("unsat");
    const room = pigeonholes(5, 5).solve(100_000);
    expect(room.status).toBe("sat");
  });

  it("still decides when it drops learnt clauses often (a limit of 10)", () => {
    expect(pigeonholes(7, 6, 10).solve(100_000).status).toBe("unsat");
    fc.assert(
      fc.property(
        fc.array(fc.array(fc.integer({ min: 0, max: 119 }), { minLength: 3, maxLength: 3 }), { minLength: 240, maxLength: 270 }),
        (clauses) => {
          const build = (learntLimit?: number) => {
            const cdcl = new Cdcl(60, learntLimit);
            for (const clause of clauses) cdcl.addClause(clause);
            return cdcl;
          };
          const dropping = build(10);
          const result = dropping.solve(100_000);
          expect(result.status).toBe(build().solve(100_000).status);
          if (result.status === "sat")
            for (const clause of clauses) expect(clause.some((lit) => result.model[lit >> 1] === !(lit & 1))).toBe(true);
        },
      ),
      { seed: 20190404, numRuns: 60 },
    );
  });

  it("past its bound of conflicts, says unknown rather than guess", () => {
    expect(pigeonholes(8, 7).solve(3).status).toBe("unknown");
  });

  it("an empty clause, and contradictory units, are unsat without search", () => {
    const empty = new Cdcl(1);
    empty.addClause([]);
    expect(empty.solve(0).status).toBe("unsat");
    const units = new Cdcl(1);
    units.addClause([atomLit(0)]);
    units.addClause([negate(atomLit(0))]);
    expect(units.solve(0).status).toBe("unsat");
  });
});

describe("the fallback is bounded: past the budget the answer is unknown, never guessed", () => {
  /** Pigeons into holes as formulas: each pigeon in some hole, no two in one hole. */
  function pigeonFormulas(pigeons: number, holes: number): Formula[] {
    const inHole = (p: number, h: number, value: boolean) => literalOf(`p${p}h${h}`, value);
    const somewhere = Array.from({ length: pigeons }, (_, p): Formula => ({
      kind: "or",
      operands: Array.from({ length: holes }, (_, h) => inHole(p, h, true)),
    }));
    const apart: Formula[] = [];
    for (let h = 0; h < holes; h++)
      for (let p = 0; p < pigeons; p++)
        for (let q = p + 1; q < pigeons; q++) apart.push({ kind: "or", operands: [inHole(p, h, false), inHole(q, h, false)] });
    return [...somewhere, ...apart];
  }
  const none: Universe = { variables: new Map(), lists: [] };

  it("a query the tableau leaves open is decided by the CDCL search within the default budget", () => {
    expect(new Solver(none).solve(pigeonFormulas(6, 5)).status).toBe("unsat");
  });

  it("with a budget no larger than the tableau's share, or a few conflicts more, it stays unknown", () => {
    expect(new Solver(none, 1).solve(pigeonFormulas(6, 5)).status).toBe("unknown");
    expect(new Solver(none, 1_000).solve(pigeonFormulas(6, 5)).status).toBe("unknown");
    expect(new Solver(none, 1_002).solve(pigeonFormulas(6, 5)).status).toBe("unknown");
  });
});
