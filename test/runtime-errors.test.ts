import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { compileGuideline } from "../src/compiler/compile.js";
import { loadSources } from "../src/compiler/load-sources.js";
import { diagnosticCodes } from "../src/diagnostics/codes.js";
import { evaluate } from "../src/runtime/evaluate.js";
import { InvalidFactsError, type FactError } from "../src/runtime/fact-errors.js";
import { InvalidPackError } from "../src/pack/invalid-pack-error.js";
import { loadPack } from "../src/runtime/load-pack.js";
import { validateFacts } from "../src/runtime/validate-facts.js";
import type { RulePack } from "../src/pack/pack-format.js";
import { shippedFolder } from "./support/compile-guideline.js";

/**
 * The runtime diagnostic codes (GL5xxx) as a caller of `evaluate` and `loadPack` meets them,
 * with the pack compiled from the shipped guideline/.
 */

const repoRoot = fileURLToPath(new URL("../", import.meta.url));

function shippedPack(): RulePack {
  const loaded = loadSources([shippedFolder], repoRoot);
  const result = compileGuideline(loaded.sources, loaded.host);
  if (!result.pack) throw new Error(`guideline/ does not compile: ${result.diagnostics.map((d) => `${d.code} ${d.message}`).join("; ")}`);
  return result.pack;
}

const pack = shippedPack();

/** The errors `evaluate` rejects the facts with; fails the test when it accepts them. */
async function factErrors(facts: unknown): Promise<readonly FactError[]> {
  let report: unknown;
  try {
    report = await evaluate(facts, pack);
  } catch (error) {
    expect(error).toBeInstanceOf(InvalidFactsError);
    return (error as InvalidFactsError).errors;
  }
  throw new Error(`evaluate accepted invalid facts and returned a report: ${JSON.stringify(report).slice(0, 200)}`);
}

/** Path and code of each error, in a stable order. */
function where(errors: readonly FactError[]): [string, string][] {
  return errors.map((e): [string, string] => [e.path, e.code]).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

describe("GL5001 and GL5011–GL5019: a fact of the wrong type or form, each with its own code and sentence", () => {
  it("GL5011: a quantity given as text, told its unit", async () => {
    const errors = await factErrors({ labs: { platelets: "abc" } });
    expect(where(errors)).toEqual([["$.labs.platelets", "GL5011"]]);
    const unit = pack.facts.find((f) => f.path === "labs.platelets");
    expect(unit?.type).toBe("quantity");
    expect(errors[0]?.message).toBe(
      `expected a number in ${unit?.type === "quantity" ? unit.unit : "?"} or { "value": number, "unit": "<UCUM unit>" }`,
    );
  });

  it("GL5012: a dose given as text, with the path of the medication entry", async () => {
    const errors = await factErrors({ medications: [{ name: "aspirin", dailyDoseMg: "high" }] });
    expect(where(errors)).toEqual([["$.medications[0].dailyDoseMg", "GL5012"]]);
    expect(errors[0]?.message).toBe('expected a number or { "value": number, "unit": "<UCUM unit>" }');
  });

  it("GL5001: a yes/no fact given as the word yes", async () => {
    const errors = await factErrors({ patient: { severeCoagulopathy: "yes" } });
    expect(where(errors)).toEqual([["$.patient.severeCoagulopathy", "GL5001"]]);
    expect(errors[0]?.message).toBe("the value has the wrong type: expected boolean or null");
  });

  it("GL5013: a value that is not one of the fact's values, which the message lists", async () => {
    const fact = pack.facts.find((f) => f.type === "enum");
    if (fact?.type !== "enum") throw new Error("the shipped pack has no `one of` fact");
    const facts: Record<string, unknown> = {};
    const segments = fact.path.split(".");
    let node = facts;
    for (const segment of segments.slice(0, -1)) node = node[segment] = {};
    node[segments[segments.length - 1] ?? fact.path] = "not-a-value";
    const errors = await factErrors(facts);
    expect(where(errors)).toEqual([[`$.${fact.path}`, "GL5013"]]);
    expect(errors[0]?.message).toBe(
      `the value is not allowed here: expected one of ${fact.values.map((v) => JSON.stringify(v)).join(", ")}`,
    );
  });

  it("GL5014: a treatment without its name", async () => {
    const errors = await factErrors({ medications: [{ dailyDoseMg: 75 }] });
    expect(where(errors)).toEqual([["$.medications[0]", "GL5014"]]);
    expect(errors[0]?.message).toBe("the required property `name` is missing");
  });

  it("GL5015: a malformed ATC code", async () => {
    const errors = await factErrors({ medications: [{ name: "aspirin", atc: "b1" }] });
    expect(where(errors)).toEqual([["$.medications[0].atc", "GL5015"]]);
    expect(errors[0]?.message).toBe("expected an ATC code such as B01AC04");
  });

  it("GL5016: a blank treatment name", async () => {
    const errors = await factErrors({ medications: [{ name: "   " }] });
    expect(where(errors)).toEqual([["$.medications[0].name", "GL5016"]]);
    expect(errors[0]?.message).toBe("the name must not be blank");
  });

  it("GL5017: a date in the French day/month/year form", async () => {
    const errors = await factErrors({ procedure: { date: "10/12/2026" } });
    expect(where(errors)).toEqual([["$.procedure.date", "GL5017"]]);
    expect(errors[0]?.message).toContain("expected a date such as 2026-12-10");
  });

  it("GL5018: a quantity whose unit is empty", async () => {
    const errors = await factErrors({ labs: { platelets: { value: 180000, unit: "" } } });
    expect(where(errors)).toContainEqual(["$.labs.platelets.unit", "GL5018"]);
    expect(errors.find((e) => e.code === "GL5018")?.message).toBe("the text must not be empty");
  });

  it("GL5019: a schema rule the compiler never emits is reported with the validator's words, in a sentence", () => {
    const handMade = {
      ...pack,
      factsSchema: { type: "object", properties: { count: { type: "number", maximum: 10 } } },
    } as unknown as RulePack;
    const errors = validateFacts({ count: 11 }, handMade);
    expect(errors).toEqual([
      { path: "$.count", code: "GL5019", message: "the value does not match the rule `maximum` of the facts schema: must be <= 10" },
    ]);
  });
});

describe("GL5002: an unknown fact, with a did-you-mean", () => {
  it("`platelets` at the top level → did you mean `labs.platelets`?", async () => {
    const errors = await factErrors({ platelets: 3 });
    expect(errors).toEqual([
      { path: "$.platelets", code: "GL5002", message: "unknown fact `platelets`", hint: "did you mean `labs.platelets`?" },
    ]);
  });

  it("`labs.platelet` (singular) → did you mean `labs.platelets`?", async () => {
    const errors = await factErrors({ labs: { platelet: 3 } });
    expect(errors).toEqual([
      { path: "$.labs.platelet", code: "GL5002", message: "unknown fact `labs.platelet`", hint: "did you mean `labs.platelets`?" },
    ]);
  });

  it("no hint when nothing is close", async () => {
    const errors = await factErrors({ weather: "sunny" });
    expect(errors).toEqual([{ path: "$.weather", code: "GL5002", message: "unknown fact `weather`" }]);
  });
});

describe("GL5003: a unit that cannot be converted to the fact's unit", () => {
  it("a daily dose in mg (not per day): the error points at the unit", async () => {
    const errors = await factErrors({ medications: [{ name: "aspirin", dailyDoseMg: { value: 5, unit: "mg" } }] });
    expect(where(errors)).toEqual([["$.medications[0].dailyDoseMg.unit", "GL5003"]]);
    expect(errors[0]?.message).toMatch(/^cannot convert `mg` to `mg\/d`: /);
  });
});

describe("GL5010: a unit that the fact does not accept, even when UCUM could convert it", () => {
  const tp = pack.facts.find((f) => f.path === "labs.prothrombinActivityPercent");
  it.each(["{INR}", "1", "s", "{ratio}"])("TP given in `%s` is refused, with what TP is", async (unit) => {
    const errors = await factErrors({ labs: { prothrombinActivityPercent: { value: 2, unit } } });
    expect(where(errors)).toEqual([["$.labs.prothrombinActivityPercent.unit", "GL5010"]]);
    expect(errors[0]?.message).toContain("`labs.prothrombinActivityPercent`");
    expect(errors[0]?.message).toContain(tp?.description ?? "(no description)");
    expect(errors[0]?.message).toContain("`%`");
  });

  it("platelets in mg are refused by the list of accepted units", async () => {
    const errors = await factErrors({ labs: { platelets: { value: 5, unit: "mg" } } });
    expect(where(errors)).toEqual([["$.labs.platelets.unit", "GL5010"]]);
  });

  it("a bare number is in the fact's own unit, and an accepted unit converts (control)", async () => {
    await expect(
      evaluate({ labs: { prothrombinActivityPercent: 85, platelets: { value: 180, unit: "10*3/uL" } } }, pack),
    ).resolves.toBeDefined();
  });
});

describe("GL5004: a value out of the declared range after unit conversion", () => {
  it("3000 × 10*9/L platelets is 3 000 000 /mm3, above the 2 000 000 /mm3 maximum", async () => {
    const errors = await factErrors({ labs: { platelets: { value: 3000, unit: "10*9/L" } } });
    expect(errors).toEqual([
      { path: "$.labs.platelets", code: "GL5004", message: "3000000 /mm3 is outside the allowed range (0 to 2000000 /mm3)" },
    ]);
  });

  it("a TP of 250 % is above 200 %", async () => {
    const errors = await factErrors({ labs: { prothrombinActivityPercent: { value: 250, unit: "%" } } });
    expect(errors).toEqual([
      { path: "$.labs.prothrombinActivityPercent", code: "GL5004", message: "250 % is outside the allowed range (0 to 200 %)" },
    ]);
  });

  it("the same platelet count within range in 10*9/L is accepted (control)", async () => {
    await expect(evaluate({ labs: { platelets: { value: 150, unit: "10*9/L" } } }, pack)).resolves.toBeDefined();
  });
});

describe("GL5006: a date that is well formed but not in the calendar", () => {
  it.each(["2026-02-30", "2026-02-30T08:00:00Z", "2025-02-29"])("%s", async (date) => {
    const errors = await factErrors({ procedure: { date } });
    expect(errors).toEqual([{ path: "$.procedure.date", code: "GL5006", message: `\`${date}\` is not a valid calendar date` }]);
  });

  it("29 February of a leap year is accepted (control)", async () => {
    await expect(evaluate({ procedure: { date: "2028-02-29" } }, pack)).resolves.toBeDefined();
  });
});

describe("several errors at once: all are listed and nothing is evaluated", () => {
  it("wrong type, unknown fact and bad date form together", async () => {
    const errors = await factErrors({
      patient: { severeCoagulopathy: true },
      labs: { platelets: "abc", platelet: 3 },
      procedure: { date: "12/10/2026" },
    });
    expect(where(errors)).toEqual([
      ["$.labs.platelet", "GL5002"],
      ["$.labs.platelets", "GL5011"],
      ["$.procedure.date", "GL5017"],
    ]);
  });

  it("unit, range and calendar errors together", async () => {
    const errors = await factErrors({
      patient: { severeCoagulopathy: true },
      labs: { platelets: { value: 5, unit: "mg" }, prothrombinActivityPercent: { value: 250, unit: "%" } },
      procedure: { date: "2026-02-30" },
    });
    expect(where(errors)).toEqual([
      ["$.labs.platelets.unit", "GL5010"],
      ["$.labs.prothrombinActivityPercent", "GL5004"],
      ["$.procedure.date", "GL5006"],
    ]);
  });

  it("the error thrown lists every path in its message", async () => {
    const promise = evaluate({ platelets: 3, labs: { prothrombinActivityPercent: "x" } }, pack);
    await expect(promise).rejects.toThrow(InvalidFactsError);
    await expect(promise).rejects.toThrow(
      /\$\.platelets: unknown fact `platelets` \(did you mean `labs\.platelets`\?\)[\s\S]*\$\.labs\.prothrombinActivityPercent: /,
    );
  });
});

describe("GL5005: loadPack rejects a pack that is not exactly what the compiler emits", () => {
  const wording = diagnosticCodes.GL5005.template.replace("{0}", "");
  // The first engine rule whose conditions start with a leaf (`{ fact, operator, value }`).
  const index = pack.rules.findIndex((r) => "all" in r.conditions && r.conditions.all[0] !== undefined && "fact" in r.conditions.all[0]);
  type Editable = { rules: { conditions: { all: Record<string, unknown>[] }; event: { params: Record<string, unknown> } }[] };
  const tampered = (edit: (rule: Editable["rules"][number]) => void): unknown => {
    const copy = JSON.parse(JSON.stringify(pack)) as Editable;
    const rule = copy.rules[index];
    if (!rule) throw new Error("the shipped pack has no engine rule starting with a leaf");
    edit(rule);
    return copy;
  };
  const firstLeaf = (rule: Editable["rules"][number]): Record<string, unknown> => {
    const [leaf] = rule.conditions.all;
    if (!leaf) throw new Error("the rule has no leaf");
    return leaf;
  };
  const rejection = (data: unknown): InvalidPackError => {
    try {
      loadPack(data);
    } catch (error) {
      expect(error).toBeInstanceOf(InvalidPackError);
      return error as InvalidPackError;
    }
    throw new Error("loadPack accepted a tampered pack");
  };

  it("the compiled pack itself loads (control)", () => {
    expect(loadPack(JSON.parse(JSON.stringify(pack)), { allowUnsigned: true })).toBeDefined();
  });

  it("an engine rule leaf with a `path` (json-rules-engine would resolve it with jsonpath-plus)", () => {
    const error = rejection(tampered((rule) => void (firstLeaf(rule).path = "$..constructor")));
    expect(error.message.startsWith(wording)).toBe(true);
    expect(error.message).toContain(`/rules/${index}/conditions/all/0 must NOT have additional properties`);
  });

  it("an operator the compiler never emits", () => {
    const error = rejection(tampered((rule) => void (firstLeaf(rule).operator = "startsWith")));
    expect(error.message.startsWith(wording)).toBe(true);
    expect(error.message).toContain(`/rules/${index}/conditions/all/0/operator must be equal to one of the allowed values`);
  });

  it("a custom event param", () => {
    const error = rejection(tampered((rule) => void (rule.event.params.message = "<script>")));
    expect(error.message.startsWith(wording)).toBe(true);
    expect(error.message).toContain(`/rules/${index}/event/params must NOT have additional properties`);
  });
});
