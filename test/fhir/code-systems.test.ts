import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { checkCode } from "../../src/pack/code-systems.js";

describe("the format of a code, with its check digit", () => {
  it("LOINC: digits, a hyphen and the mod-10 check digit", () => {
    expect(checkCode("loinc", "1234-4")).toEqual({ ok: true });
    expect(checkCode("loinc", "1234-5")).toEqual({ ok: false, problem: "check-digit", expected: "4" });
    for (const bad of ["1234", "12345678-1", "ab-1", "1234-45", " 1234-4"])
      expect(checkCode("loinc", bad)).toMatchObject({ ok: false, problem: "shape" });
  });

  it("SNOMED CT: a concept identifier (partition 00 or 10) with its Verhoeff check digit", () => {
    expect(checkCode("snomed", "404684003")).toEqual({ ok: true });
    expect(checkCode("snomed", "404684004")).toMatchObject({ ok: false, problem: "check-digit" });
    for (const bad of ["12345", "0123456", "404684023", "4046840x3"])
      expect(checkCode("snomed", bad)).toMatchObject({ ok: false, problem: "shape" });
  });

  it("a single mistyped digit is always caught (LOINC and SNOMED CT)", () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[1-9]\d{3,6}$/), fc.nat(), fc.integer({ min: 1, max: 9 }), (digits, at, shift) => {
        const loinc = checkCode("loinc", `${digits}-0`);
        const check = loinc.ok ? "0" : loinc.problem === "check-digit" ? loinc.expected : "";
        expect(checkCode("loinc", `${digits}-${check}`)).toEqual({ ok: true });
        const i = at % digits.length;
        const changed = `${digits.slice(0, i)}${(Number(digits[i]) + shift) % 10}${digits.slice(i + 1)}`;
        expect(checkCode("loinc", `${changed}-${check}`).ok).toBe(false);
        const concept = `${digits}00`;
        const sct = checkCode("snomed", `${concept}0`);
        const sctCheck = sct.ok ? "0" : sct.problem === "check-digit" ? sct.expected : "";
        expect(checkCode("snomed", `${concept}${sctCheck}`)).toEqual({ ok: true });
        if (i > 0) expect(checkCode("snomed", `${changed}00${sctCheck}`).ok).toBe(false);
      }),
      { numRuns: 200 },
    );
  });
});
