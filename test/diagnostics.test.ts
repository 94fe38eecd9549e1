import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { compileGuideline } from "../src/compiler/compile.js";
import { loadSources } from "../src/compiler/load-sources.js";
import { diagnosticCodes, hintTemplates, type DiagnosticCode, type HintName } from "../src/diagnostics/codes.js";
import { formatDiagnostic, hint, makeDiagnostic, sortDiagnostics } from "../src/diagnostics/diagnostic.js";

/**
 * One failing guideline per compile-time diagnostic code (GL1xxx syntax, GL2xxx names, types
 * and units, GL4xxx provenance), each in test/fixtures/diagnostics/<CODE>-<name>.guideline,
 * with the formatted output a user sees in <CODE>-<name>.errors.txt next to it.
 * Regenerate the baselines with `npx vitest run test/diagnostics.test.ts -u` (the path first:
 * `-u` takes an optional value and would swallow it), then read every changed baseline.
 */

const repoRoot = fileURLToPath(new URL("../", import.meta.url));
const fixtureFolder = "test/fixtures/diagnostics";

/**
 * Where each fixture's diagnostic must be reported: code → [line, column] in its fixture, or
 * [line, column, file] when it points into another file (GL4003 points into the source document).
 */
const expectedPosition: Partial<Record<DiagnosticCode, readonly [line: number, column: number, file?: string]>> = {
  GL1001: [23, 41],
  GL1002: [8, 33],
  GL1003: [23, 35],
  GL1004: [28, 8],
  GL1005: [19, 1],
  GL1010: [22, 405],
  GL1011: [9, 20],
  GL2001: [22, 8],
  GL2002: [25, 25],
  GL2003: [34, 13],
  GL2004: [16, 36],
  GL2005: [22, 23],
  GL2006: [23, 16],
  GL2007: [25, 18],
  GL2008: [17, 6],
  GL2009: [22, 8],
  GL2010: [8, 42],
  GL2011: [25, 25],
  GL2012: [11, 30],
  GL2013: [12, 29],
  GL2014: [22, 25],
  GL2015: [25, 8],
  GL2016: [25, 13],
  GL2017: [3, 1],
  GL2018: [8, 6],
  GL2019: [26, 8],
  GL2020: [8, 45],
  GL2021: [8, 48],
  GL2022: [33, 8],
  GL2023: [22, 8],
  GL2024: [4, 11],
  GL2025: [21, 6],
  GL2026: [16, 22],
  GL2027: [25, 8],
  GL2028: [16, 11],
  GL2029: [15, 13],
  GL2031: [33, 19],
  GL2032: [27, 23],
  GL2033: [26, 38],
  GL2034: [27, 18],
  GL2035: [27, 45],
  GL2036: [27, 18],
  GL2037: [30, 12],
  GL2040: [17, 31],
  GL2041: [19, 19],
  GL2042: [33, 13],
  GL2043: [17, 35],
  GL2044: [29, 11],
  GL2045: [29, 20],
  GL2050: [16, 13],
  GL2051: [7, 11],
  GL2052: [10, 9],
  GL2053: [22, 13],
  GL2054: [17, 1],
  GL2060: [11, 46],
  GL2061: [11, 29],
  GL2070: [25, 47],
  GL2071: [10, 8],
  GL2072: [29, 8],
  GL2073: [35, 25],
  GL2074: [25, 25],
  GL2075: [32, 25],
  GL2076: [14, 50],
  GL2077: [14, 50],
  GL2078: [22, 8],
  GL2079: [22, 8],
  GL2080: [32, 8],
  GL2081: [22, 8],
  GL2090: [11, 11],
  GL2110: [23, 56],
  GL2111: [26, 35],
  GL2112: [12, 31],
  GL2120: [10, 8],
  GL2121: [10, 15],
  GL2122: [10, 15],
  GL2123: [10, 8],
  GL2124: [14, 8],
  GL2125: [8, 6],
  GL2126: [11, 10],
  GL2127: [10, 10],
  GL2128: [15, 52],
  GL2129: [16, 43],
  GL2130: [17, 22],
  GL2131: [15, 59],
  GL2132: [16, 37],
  GL2133: [17, 37],
  GL4001: [6, 10],
  GL4002: [21, 9],
  GL4003: [7, 1, `${fixtureFolder}/source.txt`],
  GL4004: [7, 17],
  GL4010: [6, 10],
  GL4011: [6, 10],
  GL4012: [5, 41, `${fixtureFolder}/source-latin1.txt`],
};

/**
 * Codes of the GL1/GL2/GL4 bands that no source can trigger through `compileGuideline`, and why.
 * Each is reported; remove an entry as soon as the code becomes reachable (a test checks that
 * no listed code has a fixture).
 */
const unreachable: Partial<Record<DiagnosticCode, string>> = {};

/**
 * Codes of the table that nothing in src/ reports (reported to the maintainers, not deleted).
 * GL5005: load-pack.ts writes the same wording as a literal, without the code.
 * GL5007: the CLI's NDJSON stream reports a line that is not JSON as `{"error": {"kind": "not-json"}}`, without the code.
 */
const knownUnused: readonly DiagnosticCode[] = [];

const compileTimeBand = /^GL[124]\d{3}$/;
const allCodes = Object.keys(diagnosticCodes) as DiagnosticCode[];

interface Fixture {
  readonly code: string;
  /** `GL2001-unknown-fact`, without extension. */
  readonly name: string;
  /** Relative to the repo root, as diagnostics show it. */
  readonly file: string;
}

const fixtures: Fixture[] = readdirSync(join(repoRoot, fixtureFolder))
  .filter((entry) => entry.endsWith(".guideline"))
  .sort()
  .map((entry) => {
    const name = entry.slice(0, -".guideline".length);
    return { code: name.slice(0, 6), name, file: `${fixtureFolder}/${entry}` };
  });

function compileFixture(fixture: Fixture) {
  const loaded = loadSources([fixture.file], repoRoot);
  const result = compileGuideline(loaded.sources, loaded.host);
  // The shared source document too, so a diagnostic pointing into it (GL4003) shows its line.
  const sourceDocument = `${fixtureFolder}/source.txt`;
  const texts = new Map([
    ...loaded.sources.map((s): [string, string] => [s.file, s.text]),
    [sourceDocument, readFileSync(join(repoRoot, sourceDocument), "utf8")],
  ]);
  const formatted = `${sortDiagnostics(result.diagnostics)
    .map((d) => formatDiagnostic(d, texts))
    .join("\n")}\n`;
  return { loaded, result, formatted };
}

describe("each diagnostic code has a failing source reported at its exact file:line:col", () => {
  it.each(fixtures.map((f) => [f.name, f] as const))("%s", async (_name, fixture) => {
    const code = fixture.code as DiagnosticCode;
    const position = expectedPosition[code];
    expect(position, `add ${code} to the expectedPosition table`).toBeDefined();
    const [line, column, file = fixture.file] = position ?? [0, 0];
    const { loaded, result, formatted } = compileFixture(fixture);

    const severity = diagnosticCodes[code].severity;
    expect(loaded.sources.map((s) => s.file)).toEqual([fixture.file]);
    if (severity === "error") {
      // No partial output for a guideline with an error.
      expect(result.pack).toBeUndefined();
      expect(result.outputs).toBeUndefined();
    } else {
      // A warning is reported but does not stop compilation.
      expect(result.pack).toBeDefined();
    }
    // Exactly the fixture's diagnostic: no cascade of follow-on errors.
    expect(result.diagnostics.map((d) => d.code)).toEqual([code]);
    const diagnostic = result.diagnostics[0];
    expect(diagnostic?.severity).toBe(severity);
    expect(diagnostic?.span && { file: diagnostic.span.file, line: diagnostic.span.line, column: diagnostic.span.column }).toEqual({
      file,
      line,
      column,
    });
    expect(formatted.startsWith(`${file}:${line}:${column} ${severity} ${code} `)).toBe(true);

    await expect(formatted).toMatchFileSnapshot(`./fixtures/diagnostics/${fixture.name}.errors.txt`);
  });
});

describe("the diagnostic fixtures cover the table, one per code", () => {
  it("every GL1xxx, GL2xxx and GL4xxx code has a fixture (or is listed as unreachable, with the reason)", () => {
    const covered = new Set(fixtures.map((f) => f.code));
    const missing = allCodes.filter((code) => compileTimeBand.test(code) && !covered.has(code) && unreachable[code] === undefined);
    expect(missing, "codes without a fixture in test/fixtures/diagnostics").toEqual([]);
  });

  it("no code listed as unreachable has a fixture, and each is in the table", () => {
    const covered = new Set(fixtures.map((f) => f.code));
    for (const code of Object.keys(unreachable)) {
      expect(allCodes).toContain(code);
      expect(covered.has(code), `${code} has a fixture: remove it from the unreachable list`).toBe(false);
    }
  });

  it("every fixture is named <CODE>-<short-name> after a compile-time code of the table", () => {
    for (const fixture of fixtures) {
      expect(fixture.name).toMatch(/^GL\d{4}-[a-z0-9]+(?:-[a-z0-9]+)*$/);
      expect(allCodes).toContain(fixture.code);
      expect(fixture.code).toMatch(compileTimeBand);
    }
  });

  it("no two fixtures expect the same code, and the position table lists exactly the fixtures' codes", () => {
    const codes = fixtures.map((f) => f.code);
    const repeated = codes.filter((code, index) => codes.indexOf(code) !== index);
    expect(repeated, "one fixture per code").toEqual([]);
    expect(Object.keys(expectedPosition).sort()).toEqual([...codes].sort());
  });

  it("every baseline belongs to a fixture, and the shared source document exists", () => {
    const folder = join(repoRoot, fixtureFolder);
    const names = new Set(fixtures.map((f) => f.name));
    const orphans = readdirSync(folder)
      .filter((entry) => entry.endsWith(".errors.txt"))
      .filter((entry) => !names.has(entry.slice(0, -".errors.txt".length)));
    expect(orphans).toEqual([]);
    expect(existsSync(join(folder, "source.txt"))).toBe(true);
  });

  it("the fixtures' common skeleton compiles: each fixture fails only because of its own defect", () => {
    const text = [
      "guideline test.diagnostics",
      '  title "Fixture"',
      "  edition 2019",
      "  language fr",
      '  source "source.txt"',
      "fact patient.severeCoagulopathy : yes/no",
      '  label "Troubles sévères de la coagulation"',
      'finding absolute-contraindication "Contre-indication absolue"',
      'verdict "La cimentoplastie est-elle contre-indiquée ?"',
      '  outcome contraindicated "Contre-indiquée" when finding absolute-contraindication',
      '  otherwise not-contraindicated "Pas de contre-indication retenue"',
      'section q4 "4. Contre-indications"',
      "rule contre-indication.coagulation",
      '  statement "Des troubles sévères de la coagulation sont une contre-indication absolue."',
      '  quote "Troubles sévères de la coagulation"',
      "  when patient.severeCoagulopathy",
      "  then finding absolute-contraindication",
      "",
    ].join("\n");
    const host = {
      readSourceDocument: (path: string) => {
        try {
          return readFileSync(join(repoRoot, fixtureFolder, path), "utf8");
        } catch {
          return undefined;
        }
      },
    };
    const result = compileGuideline([{ file: `${fixtureFolder}/skeleton.guideline`, text }], host);
    expect(result.diagnostics).toEqual([]);
    expect(result.pack).toBeDefined();
  });
});

/** The TypeScript files of src/ other than the table itself, by path under src/ (with `/`), with their text. */
function sourcesOutsideTheTable(): { readonly file: string; readonly text: string }[] {
  const sourceRoot = join(repoRoot, "src");
  return readdirSync(sourceRoot, { recursive: true, encoding: "utf8" })
    .map((path) => ({ path, file: path.replace(/\\/g, "/") }))
    .filter(({ file }) => file.endsWith(".ts") && file !== "diagnostics/codes.ts")
    .map(({ path, file }) => ({ file, text: readFileSync(join(sourceRoot, path), "utf8") }));
}

describe("every code of the table is reported somewhere in src/", () => {
  const text = sourcesOutsideTheTable()
    .map((source) => source.text)
    .join("\n");

  it("each code string appears in src/ outside codes.ts (the known-unused ones are reported)", () => {
    const unused = allCodes.filter((code) => !text.includes(`"${code}"`));
    expect(unused, "codes that nothing in src/ reports (update knownUnused only after reporting them)").toEqual([...knownUnused]);
  });

  it("each named hint of the table is given somewhere in src/", () => {
    const unused = (Object.keys(hintTemplates) as HintName[]).filter((name) => !text.includes(`"${name}"`));
    expect(unused, "hints that nothing in src/ gives").toEqual([]);
  });
});

describe("the table holds full sentences", () => {
  it("no template is a bare placeholder: the sentence is in the table, not written at the call site", () => {
    const bare = allCodes.filter((code) => /^\s*\{\d+\}\s*$/.test(diagnosticCodes[code].template));
    expect(bare).toEqual([]);
  });

  it("no hint of the table is a bare placeholder either", () => {
    const codeHints = allCodes.flatMap((code) => {
      const entry = diagnosticCodes[code];
      return "hint" in entry ? [entry.hint] : [];
    });
    const hints = [...Object.values(hintTemplates), ...codeHints];
    expect(hints.filter((text) => /^\s*\{\d+\}\s*$/.test(text))).toEqual([]);
  });

  it("no code of src/ writes a hint: no `makeDiagnostic(` call passes a string as its hint, and no `hint:` is a string literal", () => {
    const offenders: string[] = [];
    for (const { file, text } of sourcesOutsideTheTable()) {
      for (const call of makeDiagnosticCalls(text)) {
        const fourth = call.arguments[3];
        if (fourth !== undefined && /^["'`]/.test(fourth)) offenders.push(`${file}: makeDiagnostic(${call.arguments.join(", ")})`);
      }
      for (const match of text.matchAll(/\bhint\s*:\s*["'`]/g)) offenders.push(`${file}: ${text.slice(match.index, match.index + 60)}`);
    }
    expect(offenders).toEqual([]);
  });

  it("the scan of `makeDiagnostic(` calls finds a string-literal hint when there is one", () => {
    const calls = makeDiagnosticCalls(
      'x(makeDiagnostic("GL2001", span, [f(a, b)], "did you mean"));\nmakeDiagnostic("GL2002", s, [], hint("keepOne"))',
    );
    expect(calls.map((c) => c.arguments)).toEqual([
      ['"GL2001"', "span", "[f(a, b)]", '"did you mean"'],
      ['"GL2002"', "s", "[]", 'hint("keepOne")'],
    ]);
  });

  it("a named hint is filled from the table with its own arguments, and takes the place of the code's hint", () => {
    expect(makeDiagnostic("GL2001", undefined, ["labs.count"], hint("didYouMean", "labs.counts")).hint).toBe("did you mean `labs.counts`?");
    expect(makeDiagnostic("GL2012", undefined, ["seuil.x"], hint("keepOne")).hint).toBe(hintTemplates.keepOne);
    expect(makeDiagnostic("GL2001", undefined, ["labs.count"]).hint).toBeUndefined();
  });

  it("GL2012 says its sentence and its hint from the table", () => {
    const diagnostic = makeDiagnostic("GL2012", undefined, ["seuil.x"]);
    expect(diagnostic.message).toBe("`seuil.x` needs a unit after its value");
    expect(diagnostic.hint).toMatch(/^write the unit after the number/);
  });
});

/** The `makeDiagnostic(...)` calls of a source text, each with its top-level arguments as written. */
function makeDiagnosticCalls(text: string): { readonly arguments: readonly string[] }[] {
  const calls: { arguments: string[] }[] = [];
  for (const match of text.matchAll(/\bmakeDiagnostic\(/g)) {
    const args: string[] = [];
    let depth = 0;
    let quote: string | undefined;
    let current = "";
    for (let i = match.index + match[0].length; i < text.length; i++) {
      const c = text[i] ?? "";
      if (quote) {
        current += c;
        if (c === "\\") current += text[++i] ?? "";
        else if (c === quote) quote = undefined;
        continue;
      }
      if (c === '"' || c === "'" || c === "`") quote = c;
      if (c === "(" || c === "[" || c === "{") depth++;
      if (c === ")" || c === "]" || c === "}") {
        if (depth === 0) break;
        depth--;
      }
      if (c === "," && depth === 0) {
        args.push(current.trim());
        current = "";
        continue;
      }
      current += c;
    }
    if (current.trim()) args.push(current.trim());
    calls.push({ arguments: args });
  }
  return calls;
}
