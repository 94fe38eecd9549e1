import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { sha256HexOfText } from "../../src/shared/sha256.js";
import { repoRoot } from "../support/compile-guideline.js";

const nodeSha256 = (text: string): string => createHash("sha256").update(text, "utf8").digest("hex");

describe("the SHA-256 of the browser runtime (pure TypeScript)", () => {
  it("gives node:crypto's hash on any text, across the block and padding boundaries", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary", maxLength: 300 }), (text) => {
        expect(sha256HexOfText(text)).toBe(nodeSha256(text));
      }),
      { numRuns: 500 },
    );
    for (const length of [0, 55, 56, 63, 64, 65, 119, 120, 128])
      expect(sha256HexOfText("a".repeat(length))).toBe(nodeSha256("a".repeat(length)));
  });

  it("gives node:crypto's hash of the current pack file", () => {
    const text = readFileSync(join(repoRoot, "generated", "current", "pack.json"), "utf8");
    expect(sha256HexOfText(text)).toBe(nodeSha256(text));
  });
});
