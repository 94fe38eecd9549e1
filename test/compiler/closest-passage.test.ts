/**
 * The hint of a quote not found (GL4002) names the closest sentence of the source: a rare word
 * (a name) outweighs common ones, accents and case do not count, and the sentence is shown whole,
 * without its list bullet. The source texts here are made up.
 */
import { describe, expect, it } from "vitest";
import { closestPassage } from "../../src/compiler/check/provenance.js";
import { compileGuideline } from "../../src/compiler/compile.js";

const source = [
  "Source document (made up).",
  "",
  "## 2. Stopping products",
  "",
  "Stop the product five days before the session in all cases.",
  "",
  "• Stop zorbalin five days before the session.",
  "– Quanterol: stop it before the session.",
  "",
  "Keep the other products going for five days after the session.",
  "",
  "The session waits five days after the products are stopped.",
].join("\n");

describe("the closest passage of a quote not found", () => {
  it("is the sentence naming the same product, even when another sentence shares more common words", () => {
    // The quote names quanterol; the zorbalin sentence shares six of its words, the quanterol one five.
    const quote = "Stop quantérol five days before the session";
    expect(closestPassage(quote, source)).toBe("Quanterol: stop it before the session.");
  });

  it("is a whole sentence, without its list bullet, however short the quote", () => {
    const passage = closestPassage("Stop ZORBALIN five days", source);
    expect(passage).toBe("Stop zorbalin five days before the session.");
  });

  it("is nothing when no sentence holds half of the quote's words", () => {
    expect(closestPassage("entirely different wording here", source)).toBeUndefined();
  });

  it("reaches the GL4002 hint of `check`", () => {
    const text = [
      "guideline test.closest",
      '  title "Fixture"',
      "  edition 2019",
      "  language en",
      '  source "source.txt"',
      "fact sample.flagged : yes/no",
      '  label "Flagged"',
      'finding halt "Halt"',
      'verdict "Halt?"',
      '  outcome halted "Halted" when finding halt',
      '  otherwise going "Going"',
      'section s2 "2. Stopping products"',
      "rule halt.flagged",
      '  statement "A flagged sample halts."',
      '  quote "Stop quanterol five days before the session"',
      "  when sample.flagged",
      "  then finding halt",
      "",
    ].join("\n");
    const result = compileGuideline([{ file: "f.guideline", text }], { readSourceDocument: () => source });
    const [diagnostic] = result.diagnostics;
    expect(diagnostic?.code).toBe("GL4002");
    expect(diagnostic?.hint).toContain('"Quanterol: stop it before the session."');
  });
});
