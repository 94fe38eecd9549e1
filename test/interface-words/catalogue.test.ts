import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { fillWords, interfaceWords, isInterfaceWordKey } from "../../src/interface-words/index.js";
import { fr } from "../../src/interface-words/fr.js";
import { rulebookPartials, rulebookTemplate } from "../../src/rulebook/templates.js";
import { repoRoot } from "../support/compile-guideline.js";

/** The text of every TypeScript file of src/ but the catalogue itself. */
function programText(): string {
  const texts: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (!path.includes(join("src", "interface-words"))) texts.push(readFileSync(path, "utf8"));
    }
  };
  walk(join(repoRoot, "src"));
  return texts.join("\n");
}

describe("the interface words: one catalogue per language", () => {
  it("every word the rulebook's templates ask for is in the catalogue", () => {
    const asked = [rulebookTemplate, ...Object.values(rulebookPartials)].flatMap((template) =>
      [...template.matchAll(/\{\{word "([^"]+)"/g)].map((m) => m[1] ?? ""),
    );
    expect(asked.length).toBeGreaterThan(0);
    expect(asked.filter((key) => !isInterfaceWordKey(key))).toEqual([]);
  });

  it("every word of the catalogue is used by the program, by its key or by the key's family (`report.status.${…}`)", () => {
    const program = programText();
    const unused = Object.keys(fr).filter((key) => {
      const family = key.slice(0, key.lastIndexOf("."));
      return !program.includes(`"${key}"`) && !program.includes(`\`${family}.\${`);
    });
    expect(unused).toEqual([]);
  });

  it("a language without a catalogue, or a regional variant, reads the French one", () => {
    expect(interfaceWords("fr")).toBe(fr);
    expect(interfaceWords("fr-CA")).toBe(fr);
    expect(interfaceWords("xx")).toBe(fr);
  });

  it("fillWords puts each value in its numbered place and leaves a place with no value as written", () => {
    fc.assert(
      fc.property(
        fc.string().filter((s) => !/[{}]/.test(s)),
        fc.string(),
        fc.string(),
        (text, first, second) => {
          expect(fillWords(`${text}{1}|{0}`, first, second)).toBe(`${text}${second}|${first}`);
          expect(fillWords(`${text}{2}`, first)).toBe(`${text}{2}`);
        },
      ),
      { seed: 20261201, numRuns: 200 },
    );
  });
});
