import { describe, expect, it } from "vitest";
import { interfaceWords } from "../../src/interface-words/index.js";
import { formatQuantity, readableUnit } from "../../src/runtime/readable-quantity.js";
import { ucumSymbol } from "../../src/units/ucum-symbol.js";

const words = interfaceWords("fr");

describe("a UCUM code set as a reader writes its symbol", () => {
  it("powers of ten and exponents as superscripts, the micro prefix as µ, multiplication as a middle dot", () => {
    expect(ucumSymbol("10*9/L")).toBe("10⁹/L");
    expect(ucumSymbol("10^9/L")).toBe("10⁹/L");
    expect(ucumSymbol("/mm3")).toBe("/mm³");
    expect(ucumSymbol("10*3/mm3")).toBe("10³/mm³");
    expect(ucumSymbol("/uL")).toBe("/µL");
    expect(ucumSymbol("10*3/uL")).toBe("10³/µL");
    expect(ucumSymbol("umol/L")).toBe("µmol/L");
    expect(ucumSymbol("mg.d-1")).toBe("mg·d⁻¹");
    expect(ucumSymbol("m2")).toBe("m²");
  });

  it("a code that is already the reader's symbol is left as it is; the unit 1 is no unit", () => {
    for (const code of ["%", "h", "mg", "g/L", "mmol/L", "min", "s"]) expect(ucumSymbol(code)).toBe(code);
    expect(ucumSymbol("1")).toBe("");
  });
});

describe("a quantity as the book prints it", () => {
  it("a unit the catalogue has a word for reads by that word, the same word the statements use (`unit.one.*`, `unit.other.*`)", () => {
    expect(readableUnit("d", "one", words)).toBe(words["unit.one.d"]);
    expect(readableUnit("d", "other", words)).toBe(words["unit.other.d"]);
    expect(readableUnit("mg/d", "other", words)).toBe(words["unit.other.mg/d"]);
    expect(readableUnit("/mm3", "other", words)).toBe("/mm³");
  });

  it("joins a per-unit without a space, a power of ten after ×, anything else after a no-break space", () => {
    expect(formatQuantity("50000", "/mm3", words)).toBe("50\u00A0000/mm³");
    expect(formatQuantity(50, "10*9/L", words)).toBe("50\u00A0×\u00A010⁹/L");
    expect(formatQuantity("0.5", "%", words)).toBe("0,5\u00A0%");
    expect(formatQuantity(160, "mg/d", words)).toBe(`160\u00A0${words["unit.other.mg/d"]}`);
    expect(formatQuantity(3, "1", words)).toBe("3");
  });
});
