/**
 * A class's ATC prefixes: a treatment whose code is no declared drug's but starts with the prefix
 * is a drug of the class, its rules apply, and the report says by which class and prefix it was
 * recognised. Codes are pinned in test/fixtures/class-prefix/class-prefix.guideline (B01AA, the
 * class's prefix; B01AA03, warfarin's code; 1 d, the bridge's delay).
 */
import { describe, expect, it } from "vitest";
import { evaluate } from "../../src/runtime/evaluate.js";
import { renderReportText } from "../../src/runtime/render-report.js";
import { fixturePack } from "../support/compile-guideline.js";

const pack = fixturePack("test/fixtures/class-prefix/class-prefix.guideline");
const planOf = async (...medications: Record<string, unknown>[]) =>
  (await evaluate({ procedure: { date: "2026-12-14" }, medications }, pack)).medicationPlan;

describe("a treatment coded under a class's ATC prefix is a drug of the class", () => {
  it("an unlisted code under the prefix, under an unknown name, gets the class's bridge, with its rule and quote", async () => {
    const [entry] = await planOf({ name: "phenprocoumon", atc: "B01AA04" });
    expect(entry).toMatchObject({
      given: "phenprocoumon",
      label: "phenprocoumon",
      atc: "B01AA04",
      action: "bridge",
      hoursBefore: 24,
      date: "2026-12-13",
      byClass: { class: "antivitamine-k", label: "Antivitamine K", prefix: "B01AA" },
      provenance: { rule: "antivitamine-k.relais" },
    });
    expect(entry?.provenance?.quotes[0]).toContain("relais");
  });

  it("the same holds for both engines", async () => {
    const facts = { medications: [{ name: "Marcoumar", atc: "b01aa04" }] };
    const closures = await evaluate(facts, { pack, engine: "closures" });
    const stock = await evaluate(facts, { pack, engine: "json-rules-engine" });
    expect(stock.medicationPlan).toEqual(closures.medicationPlan);
    expect(closures.medicationPlan[0]).toMatchObject({ action: "bridge", byClass: { prefix: "B01AA" } });
  });

  it("the text report says which class recognised it", async () => {
    const report = await evaluate({ medications: [{ name: "phenprocoumon", atc: "B01AA04" }] }, pack);
    const text = renderReportText(report);
    expect(text).toContain("phenprocoumon : relais");
    expect(text).toContain("reconnu par la classe « Antivitamine K » : code ATC B01AA04, sous le préfixe B01AA");
  });

  it("an exact drug code wins over the class's prefix: B01AA03 is warfarin, not a class member", async () => {
    const [entry] = await planOf({ name: "Unknown brand", atc: "B01AA03" });
    expect(entry).toMatchObject({ drug: "warfarin", label: "Warfarine", action: "bridge" });
    expect(entry?.byClass).toBeUndefined();
  });

  it("a drug's name with a code under a class it is not in is a name/ATC mismatch", async () => {
    const [entry] = await planOf({ name: "aspirin", atc: "B01AA04", dailyDoseMg: 75 });
    expect(entry).toMatchObject({
      drug: "aspirin",
      action: "refer",
      reason: "name-atc-mismatch",
      mayBe: ["aspirin", "class:antivitamine-k"],
    });
  });

  it("a drug's name with another code under its own class's prefix is a mismatch too: the code is not its own", async () => {
    const [entry] = await planOf({ name: "warfarin", atc: "B01AA04" });
    expect(entry).toMatchObject({ drug: "warfarin", action: "refer", reason: "name-atc-mismatch" });
  });

  it("a code outside every prefix and drug, in the scope, is still a drug the source does not name", async () => {
    const [entry] = await planOf({ name: "cangrelor", atc: "B01AC25" });
    expect(entry).toMatchObject({ action: "refer", reason: "not-named-by-source" });
    expect(entry?.byClass).toBeUndefined();
  });

  it("an unknown name without a code may be a class member: the class's rules are not settled by it", async () => {
    const report = await evaluate({ medications: [{ name: "Doliprane" }] }, pack);
    expect(report.medicationPlan[0]).toMatchObject({ action: "refer", reason: "unknown-drug" });
  });
});

describe("the text report shows how a treatment was written when its label does not", () => {
  const lineOf = async (medication: Record<string, unknown>) =>
    renderReportText(await evaluate({ medications: [medication] }, pack))
      .split("\n")
      .find((line) => line.startsWith("  - ") && line.includes(" : ") && !line.includes("Règle")) ?? "";

  it("a brand name (an alias) is shown beside the drug's label", async () => {
    expect(await lineOf({ name: "Coumadine" })).toMatch(/^ {2}- Warfarine \(saisi : « Coumadine »\) : /);
  });

  it("an unknown name recognised by its code is shown beside the drug's label", async () => {
    expect(await lineOf({ name: "Unknown brand", atc: "B01AA03" })).toMatch(/^ {2}- Warfarine \(saisi : « Unknown brand »\) : /);
  });

  it("a name and a code of different drugs: both the name and the code given are shown", async () => {
    expect(await lineOf({ name: "Coumadine", atc: "B01AC06" })).toMatch(/^ {2}- Warfarine \(saisi : « Coumadine », code ATC B01AC06\) : /);
  });

  it("the drug's own name, in any case, adds nothing", async () => {
    expect(await lineOf({ name: "warfarin" })).toMatch(/^ {2}- Warfarine : /);
    expect(await lineOf({ name: "WARFARIN" })).toMatch(/^ {2}- Warfarine : /);
  });
});

describe("the text report shows the code when it is all there is to go on", () => {
  it("an unknown name with a code the vocabulary does not know, in the plan's scope: the code is shown", async () => {
    const text = renderReportText(await evaluate({ medications: [{ name: "Inconnu", atc: "B01AC25" }] }, pack));
    expect(text).toMatch(/^ {2}- Inconnu \(code ATC B01AC25\) : /m);
  });

  it("a drug's own name with another drug's code: the code alone is shown, the name is the label already", async () => {
    const text = renderReportText(await evaluate({ medications: [{ name: "warfarin", atc: "B01AC06" }] }, pack));
    expect(text).toMatch(/^ {2}- Warfarine \(code ATC B01AC06\) : /m);
  });

  it("the name as written is shown without its surrounding spaces", async () => {
    const text = renderReportText(await evaluate({ medications: [{ name: "  Coumadine  " }] }, pack));
    expect(text).toMatch(/^ {2}- Warfarine \(saisi : « Coumadine »\) : /m);
  });
});
