import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { renderDiffText } from "../../src/editions/render-diff.js";
import { diffSourceTexts } from "../../src/editions/source-diff.js";
import type { EditionDiff } from "../../src/editions/semantic-diff.js";

/** A sentence as the source documents write them: a capital, words, a full stop. */
const sentence = fc.array(fc.stringMatching(/^[a-zéè]{3,8}$/), { minLength: 6, maxLength: 10 }).map((words) => {
  const text = words.join(" ");
  return `${text.charAt(0).toUpperCase()}${text.slice(1)}.`;
});

/** Distinct sentences, as one paragraph or one per paragraph. */
const sentences = fc.uniqueArray(sentence, { minLength: 1, maxLength: 12 });
const asText = (list: readonly string[], paragraphs: boolean) => list.join(paragraphs ? "\n\n" : " ");

const noFurniture = (text: string) => ({ text, ignore: [] });

describe("guideline diff: the sentences of the source text", () => {
  it("a text compared with itself, however laid out, has no sentence added, removed or changed", () => {
    fc.assert(
      fc.property(sentences, fc.boolean(), fc.boolean(), (list, first, second) => {
        expect(diffSourceTexts(noFurniture(asText(list, first)), noFurniture(asText(list, second)))).toEqual({
          added: [],
          removed: [],
          changed: [],
        });
      }),
    );
  });

  it("a sentence inserted anywhere is listed as added, whole, and nothing else", () => {
    fc.assert(
      fc.property(sentences, sentence, fc.nat(), (list, extra, at) => {
        fc.pre(!list.includes(extra));
        const place = at % (list.length + 1);
        const edited = [...list.slice(0, place), extra, ...list.slice(place)];
        expect(diffSourceTexts(noFurniture(asText(list, true)), noFurniture(asText(edited, true)))).toEqual({
          added: [extra],
          removed: [],
          changed: [],
        });
      }),
    );
  });

  it("a sentence deleted is listed as removed; one with a word changed is listed as changed, old and new", () => {
    fc.assert(
      fc.property(sentences, fc.nat(), fc.stringMatching(/^[a-z]{9,12}$/), (list, at, word) => {
        const place = at % list.length;
        const old = list[place] ?? "";
        const withoutIt = list.filter((_, i) => i !== place);
        expect(diffSourceTexts(noFurniture(asText(list, true)), noFurniture(asText(withoutIt, true))).removed).toEqual([old]);
        const changed = old.replace(/ [a-zéè]+ /, ` ${word} `);
        fc.pre(!list.includes(changed));
        const edited = list.map((s, i) => (i === place ? changed : s));
        expect(diffSourceTexts(noFurniture(asText(list, true)), noFurniture(asText(edited, true)))).toEqual({
          added: [],
          removed: [],
          changed: [{ from: old, to: changed }],
        });
      }),
    );
  });

  it("page furniture declared with `ignore` is not a change", () => {
    const before = "Le geste est indiqué chez ce patient. Le texte continue ici.";
    const after = "Le geste est indiqué Métastases osseuses chez ce patient. Le texte continue ici.";
    expect(diffSourceTexts({ text: before, ignore: [] }, { text: after, ignore: ["Métastases osseuses"] })).toEqual({
      added: [],
      removed: [],
      changed: [],
    });
  });

  it("the readable diff prints sentences with their control characters escaped", () => {
    const source = diffSourceTexts(
      noFurniture("Une phrase ancienne du texte."),
      noFurniture("Une phrase \u001b[31mrouge\u001b[0m du texte."),
    );
    const empty = { added: [], removed: [], changed: [] };
    const diff: EditionDiff = {
      from: { id: "g", edition: 2019 },
      to: { id: "g", edition: 2020 },
      thresholds: { ...empty },
      rules: { ...empty },
      drugs: { added: [], removed: [], reclassified: [], atcChanged: [] },
      facts: { ...empty },
      verdict: { changed: false, from: [], to: [] },
      information: { ...empty },
      examples: { ...empty },
      source,
      same: false,
    };
    const text = renderDiffText(diff);
    expect(text).not.toContain("\u001b");
    expect(text).toContain("\\u001B[31mrouge");
  });
});
