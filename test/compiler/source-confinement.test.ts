/**
 * What a guideline may read, and what its diagnostics may print (issue 10, items 17 and 19):
 * the source document comes from inside the guideline's folder only, never through a symbolic
 * link out of it; the "closest passage" hint prints a passage, not a file; and a file that is
 * not UTF-8 is reported at its first undecodable byte instead of being read as U+FFFD.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import { compileGuideline } from "../../src/compiler/compile.js";
import { loadSources } from "../../src/compiler/load-sources.js";
import { closestPassage } from "../../src/compiler/check/provenance.js";
import { formatDiagnostic } from "../../src/diagnostics/diagnostic.js";
import { decodeUtf8 } from "../../src/io/decode-utf8.js";
import { repoRoot } from "../support/compile-guideline.js";

const temps: string[] = [];
afterAll(() => {
  for (const dir of temps) rmSync(dir, { recursive: true, force: true });
});

const skeleton = readFileSync(join(repoRoot, "test/fixtures/diagnostics/GL2001-unknown-fact.guideline"), "utf8").replace(
  "patient.severeCoagulopaty",
  "patient.severeCoagulopathy",
);
const secret = "SECRET_TOKEN=do-not-print-me";

/** `<tmp>/secrets.txt` beside `<tmp>/edition/` holding the guideline, whose `source` is `source`. */
function edition(source: string, setup: (dir: string) => void = () => undefined): { dir: string; folder: string } {
  const dir = mkdtempSync(join(tmpdir(), "guideline-confine-"));
  temps.push(dir);
  const folder = join(dir, "edition");
  mkdirSync(folder);
  writeFileSync(join(dir, "secrets.txt"), `Troubles sévères de la coagulation ${secret}\n`);
  writeFileSync(join(folder, "main.guideline"), skeleton.replace('source "source.txt"', `source ${JSON.stringify(source)}`));
  setup(dir);
  return { dir, folder };
}

function compileIn(dir: string) {
  const loaded = loadSources(["edition"], dir);
  const result = compileGuideline(loaded.sources, loaded.host);
  const printed = result.diagnostics.map((d) => formatDiagnostic(d, new Map(loaded.sources.map((s) => [s.file, s.text])))).join("\n");
  return { loaded, result, printed };
}

describe("the source document is read from inside the guideline's folder only", () => {
  it.each([["../secrets.txt"], ["/proc/self/environ"], ["source/../../secrets.txt"]])(
    "`source %s` is GL4010, and the file is not read",
    (source) => {
      const { dir } = edition(source);
      const { loaded, result, printed } = compileIn(dir);
      expect(result.diagnostics.map((d) => d.code)).toEqual(["GL4010"]);
      expect(loaded.host.readSourceDocument(source)).toBeUndefined();
      expect(printed).not.toContain(secret);
      expect(result.pack).toBeUndefined();
    },
  );

  it("a symbolic link inside the folder to a file outside it is GL4011, and the file is not read", () => {
    const { dir } = edition("source/aura.txt", (root) => {
      mkdirSync(join(root, "edition", "source"));
      symlinkSync(join(root, "secrets.txt"), join(root, "edition", "source", "aura.txt"));
    });
    const { loaded, result, printed } = compileIn(dir);
    expect(result.diagnostics.map((d) => d.code)).toEqual(["GL4011"]);
    expect(loaded.host.readSourceDocument("source/aura.txt")).toBeUndefined();
    expect(printed).not.toContain(secret);
  });

  it("a symbolic link to a folder outside is refused too; a link that stays inside is followed", () => {
    const outside = edition("linked/secrets.txt", (root) => {
      symlinkSync(root, join(root, "edition", "linked"));
    });
    expect(compileIn(outside.dir).result.diagnostics.map((d) => d.code)).toEqual(["GL4011"]);
    const inside = edition("alias.txt", (root) => {
      writeFileSync(join(root, "edition", "text.txt"), "Contre-indications absolues : Troubles sévères de la coagulation.\n");
      symlinkSync(join(root, "edition", "text.txt"), join(root, "edition", "alias.txt"));
    });
    const { result } = compileIn(inside.dir);
    expect(result.diagnostics).toEqual([]);
    expect(result.pack).toBeDefined();
  });
});

describe("diagnostics print no more than the passage they are about", () => {
  it("the closest passage of a document without sentences is cut to 300 characters (or twice the quote's size)", () => {
    // A settings file: one long run without spaces after the one word the quote shares with it.
    const document = `Troubles ${"OTHER=1\u0000".repeat(5000)}`;
    const quote = "Troubles sévères";
    const passage = closestPassage(quote, document) ?? "";
    expect(passage.startsWith("Troubles OTHER=1")).toBe(true);
    expect(passage.length).toBeLessThanOrEqual(Math.max(2 * quote.length + 40, 300) + 1);
  });

  it("property: the passage is never longer than 300 characters or twice the quote plus 40, and an ellipsis", () => {
    fc.assert(
      fc.property(
        fc.array(fc.string({ minLength: 1, maxLength: 30 }), { minLength: 1, maxLength: 8 }),
        fc.string({ maxLength: 3000 }),
        (words, noise) => {
          const quote = words.join(" ");
          const passage = closestPassage(quote, `${noise}${words.join("")}${noise}`);
          expect(passage === undefined || passage.length <= Math.max(2 * quote.length + 40, 300) + 1).toBe(true);
        },
      ),
      { seed: 1017, numRuns: 300 },
    );
  });

  it("a source line of 50 MB is shown only around the place a diagnostic is about", () => {
    const line = `  label "${"x".repeat(5_000_000)}" unknown`;
    const span = {
      file: "f",
      line: 1,
      column: line.length - 6,
      endLine: 1,
      endColumn: line.length,
      offset: line.length - 7,
      endOffset: line.length,
    };
    const printed = formatDiagnostic({ code: "GL1002", severity: "error", message: "m", span }, new Map([["f", line]]));
    expect(printed.length).toBeLessThan(600);
    const [, excerpt = "", underline = ""] = printed.split("\n");
    expect(excerpt.slice(underline.indexOf("^"), underline.lastIndexOf("^") + 1)).toBe("unknown");
  });
});

describe("a file that is not UTF-8 is reported at its first undecodable byte", () => {
  it("a Latin-1 guideline file is GL1011 at the line and column of its first accented letter", () => {
    const { dir, folder } = edition("source.txt");
    writeFileSync(join(folder, "main.guideline"), Buffer.from(skeleton, "latin1"));
    const { result } = compileIn(dir);
    const first = skeleton.split("\n").findIndex((l) => /[\u0080-\uffff]/.test(l));
    expect(result.diagnostics.map((d) => [d.code, d.span?.line, d.span?.column])).toEqual([
      ["GL1011", first + 1, (skeleton.split("\n")[first] ?? "").search(/[\u0080-\uffff]/) + 1],
    ]);
  });

  it("property: valid UTF-8 decodes as TextDecoder does; otherwise the reported byte is where strict decoding first fails", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary", maxLength: 40 }), fc.uint8Array({ maxLength: 12 }), fc.nat(40), (text, noise, at) => {
        const valid = Buffer.from(text, "utf8");
        expect(decodeUtf8(valid)).toEqual({ text });
        const cut = Math.min(at, valid.length);
        const bytes = Buffer.concat([valid.subarray(0, cut), noise, valid.subarray(cut)]);
        const decoded = decodeUtf8(bytes);
        let strictOk = true;
        try {
          new TextDecoder("utf-8", { fatal: true, ignoreBOM: true }).decode(bytes);
        } catch {
          strictOk = false;
        }
        expect(decoded.invalid === undefined).toBe(strictOk);
        if (decoded.invalid) {
          // The text before the reported byte is the bytes before it, decoded strictly.
          const before = decoded.text.slice(0, decoded.invalid.offset);
          const length = Buffer.byteLength(before, "utf8");
          expect(Buffer.from(before, "utf8").equals(bytes.subarray(0, length))).toBe(true);
          expect(decoded.invalid.byte).toBe(bytes[length]);
          expect(decoded.invalid.line).toBe(before.split(/\r\n|\r|\n/).length);
        }
      }),
      { seed: 1019, numRuns: 500 },
    );
  });
});
