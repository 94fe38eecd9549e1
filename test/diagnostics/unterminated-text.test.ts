import { describe, expect, it } from "vitest";
import { currentEdition } from "./current-edition.js";

/**
 * Issue 13, item 3: one missing closing quote in the real guideline gave 449 errors, the first on
 * the wrong line and a GL1003 at the end of the file. Now the text is lexed to the end of its
 * line, reported once at its opening quote, and the parser goes on from the next line.
 */
describe("a text missing its closing quote in the current edition gives exactly one error, at its opening quote", () => {
  const { sources, compile } = currentEdition();
  // Lines whose last character closes a text, spread over every file of the edition.
  const cases = sources.flatMap((source) => {
    const lines = source.text.split("\n");
    const closing = lines.flatMap((line, index) => (/^\S.*"$|^ {2}\S.*"$/.test(line) ? [index] : []));
    const step = Math.max(1, Math.floor(closing.length / 6));
    return closing.filter((_, i) => i % step === 0).map((index) => ({ file: source.file, index, line: lines[index] ?? "" }));
  });

  it("the edition has such lines to test", () => {
    expect(cases.length).toBeGreaterThan(10);
  });

  it.each(cases.map((c) => [`${c.file}:${String(c.index + 1)}`, c] as const))("%s", (_name, c) => {
    const edited = sources.map((source) => {
      if (source.file !== c.file) return source;
      const lines = source.text.split("\n");
      lines[c.index] = c.line.slice(0, -1);
      return { ...source, text: lines.join("\n") };
    });
    const result = compile(edited);
    // The opening quote of the line's last text.
    const opening = c.line.slice(0, -1).lastIndexOf('"') + 1;
    expect(result.diagnostics.map((d) => [d.code, d.span?.file, d.span?.line, d.span?.column])).toEqual([
      ["GL1003", c.file, c.index + 1, opening],
    ]);
    expect(result.pack).toBeUndefined();
  });
});
