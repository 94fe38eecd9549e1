/**
 * The standard code systems a fact may be bound to (`code loinc "…"`, `code snomed "…"`): the name
 * the guideline writes, the system URI a FHIR resource carries, the fact type the codes fit, and
 * the check of a code's format. Nothing here names a code: the codes are in the guideline.
 * @internal Shared by the compiler and the FHIR mapping; not part of the package's API.
 */
import { assertNever } from "../shared/assert-never.js";

/** The code systems a guideline may write, by the name it writes. */
export type CodeSystemName = "loinc" | "snomed";

/** The names of the code systems, in the order the diagnostics list them. */
export const codeSystemNames: readonly CodeSystemName[] = ["loinc", "snomed"];

/** The FHIR system URI of each code system. */
export const codeSystemUris: Readonly<Record<CodeSystemName, string>> = {
  loinc: "http://loinc.org",
  snomed: "http://snomed.info/sct",
};

/** The name of each code system in messages. */
export const codeSystemTitles: Readonly<Record<CodeSystemName, string>> = { loinc: "LOINC", snomed: "SNOMED CT" };

/**
 * Where a record states a fact under each system: a LOINC code names an Observation whose value
 * is a quantity; a SNOMED CT code names a Condition or an AllergyIntolerance, a yes/no fact.
 */
export const codeSystemFactTypes: Readonly<Record<CodeSystemName, "quantity" | "boolean">> = {
  loinc: "quantity",
  snomed: "boolean",
};

/** Whether `name` is a code system the language knows. */
export function isCodeSystemName(name: string): name is CodeSystemName {
  return (codeSystemNames as readonly string[]).includes(name);
}

/** The outcome of a format check: the code is well formed, or not in shape, or its check digit is wrong. */
export type CodeCheck =
  | { readonly ok: true }
  | { readonly ok: false; readonly problem: "shape" }
  | { readonly ok: false; readonly problem: "check-digit"; readonly expected: string };

/** Checks a code's shape and check digit in its system. */
export function checkCode(system: CodeSystemName, code: string): CodeCheck {
  switch (system) {
    case "loinc":
      return checkLoinc(code);
    case "snomed":
      return checkSnomed(code);
    default:
      return assertNever(system);
  }
}

/** A LOINC code: up to 7 digits, a hyphen and the mod-10 (Luhn) check digit of those digits. */
function checkLoinc(code: string): CodeCheck {
  const match = /^(\d{1,7})-(\d)$/.exec(code);
  if (!match) return { ok: false, problem: "shape" };
  const [, digits = "", check = ""] = match;
  const expected = String(luhnCheckDigit(digits));
  return expected === check ? { ok: true } : { ok: false, problem: "check-digit", expected };
}

/** The mod-10 check digit of a string of digits: from the right, every other digit doubled. */
function luhnCheckDigit(digits: string): number {
  let sum = 0;
  for (let index = 0; index < digits.length; index++) {
    const value = Number(digits[digits.length - 1 - index]) * (index % 2 === 0 ? 2 : 1);
    sum += value > 9 ? value - 9 : value;
  }
  return (10 - (sum % 10)) % 10;
}

/**
 * A SNOMED CT concept identifier: 6 to 18 digits, no leading zero, the partition identifier of a
 * concept (`00` or `10`, the two digits before the last), and the Verhoeff check digit last.
 */
function checkSnomed(code: string): CodeCheck {
  if (!/^[1-9]\d{5,17}$/.test(code)) return { ok: false, problem: "shape" };
  const partition = code.slice(-3, -1);
  if (partition !== "00" && partition !== "10") return { ok: false, problem: "shape" };
  const expected = String(verhoeffCheckDigit(code.slice(0, -1)));
  return expected === code.slice(-1) ? { ok: true } : { ok: false, problem: "check-digit", expected };
}

const verhoeffMultiplication: readonly (readonly number[])[] = [
  [0, 1, 2, 3, 4, 5, 6, 7, 8, 9],
  [1, 2, 3, 4, 0, 6, 7, 8, 9, 5],
  [2, 3, 4, 0, 1, 7, 8, 9, 5, 6],
  [3, 4, 0, 1, 2, 8, 9, 5, 6, 7],
  [4, 0, 1, 2, 3, 9, 5, 6, 7, 8],
  [5, 9, 8, 7, 6, 0, 4, 3, 2, 1],
  [6, 5, 9, 8, 7, 1, 0, 4, 3, 2],
  [7, 6, 5, 9, 8, 2, 1, 0, 4, 3],
  [8, 7, 6, 5, 9, 3, 2, 1, 0, 4],
  [9, 8, 7, 6, 5, 4, 3, 2, 1, 0],
];
const verhoeffPermutation: readonly (readonly number[])[] = [
  [0, 1, 2, 3, 4, 5, 6, 7, 8, 9],
  [1, 5, 7, 6, 2, 8, 3, 0, 9, 4],
  [5, 8, 0, 3, 7, 9, 6, 1, 4, 2],
  [8, 9, 1, 6, 0, 4, 3, 5, 2, 7],
  [9, 4, 5, 3, 1, 2, 6, 8, 7, 0],
  [4, 2, 8, 6, 5, 7, 3, 9, 0, 1],
  [2, 7, 9, 3, 8, 0, 6, 4, 1, 5],
  [7, 0, 4, 6, 9, 1, 3, 2, 5, 8],
];
const verhoeffInverse: readonly number[] = [0, 4, 3, 2, 1, 5, 6, 7, 8, 9];

/** The Verhoeff check digit of a string of digits. */
function verhoeffCheckDigit(digits: string): number {
  let c = 0;
  for (let index = 0; index < digits.length; index++) {
    const digit = Number(digits[digits.length - 1 - index]);
    c = verhoeffMultiplication[c]?.[verhoeffPermutation[(index + 1) % 8]?.[digit] ?? 0] ?? 0;
  }
  return verhoeffInverse[c] ?? 0;
}
