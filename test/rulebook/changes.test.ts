import { cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { compileGuideline } from "../../src/compiler/compile.js";
import { loadSources } from "../../src/compiler/load-sources.js";
import { previousEdition } from "../../src/editions/previous-edition.js";
import { buildRulebook } from "../../src/rulebook/render-rulebook.js";
import { repoRoot } from "../support/compile-guideline.js";

/**
 * The « Changements » section of a rulebook, on the small fictitious guideline of
 * `test/fixtures/editions/2019` (its numbers, not the live guideline's) and a 2020 edition made
 * from it here: a value, a statement, a precondition's wording, a quote with its source
 * sentence, an example added and one removed.
 */
async function changesSection(): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), "guideline-changes-"));
  const root = join(dir, "guideline");
  mkdirSync(root);
  const fixture = join(repoRoot, "test", "fixtures", "editions", "2019");
  cpSync(fixture, join(root, "2019"), { recursive: true });
  cpSync(fixture, join(root, "2020"), { recursive: true });
  writeFileSync(join(root, "editions.json"), '{\n  "current": 2019,\n  "editions": [2019, 2020]\n}\n');
  const edit = (file: string, pairs: readonly (readonly [string, string])[]) => {
    let text = readFileSync(join(root, "2020", file), "utf8");
    for (const [from, to] of pairs) {
      if (!text.includes(from)) throw new Error(`the fixture no longer holds ${from}`);
      text = text.replace(from, to);
    }
    writeFileSync(join(root, "2020", file), text);
  };
  edit("essai.guideline", [
    ["edition 2019", "edition 2020"],
    ["delay delai.a = 5 d", "delay delai.a = 7 d"],
    ['statement "La fièvre contre-indique le geste."', 'statement "La fièvre contre-indique le geste, quelle qu\'en soit la cause."'],
    ['then precondition "Numération > seuil"', 'then precondition "Numération au-dessus du seuil"'],
    ['quote "Une surveillance est proposée."', 'quote "Une surveillance rapprochée est proposée."'],
    [
      'example ex.seuil "Juste au-dessus du seuil"',
      'example ex.fievre "Fièvre seule"\n  given patient.fever = yes\n  expect verdict contraindicated\n\nexample ex.seuil "Juste au-dessus du seuil"',
    ],
    ['expect plan drug-a stop 5 d before on "2026-12-09"', 'expect plan drug-a stop 7 d before on "2026-12-07"'],
    ["expect plan drug-b stop 5 d before", "expect plan drug-b stop 7 d before"],
  ]);
  edit("source.txt", [["Une surveillance est proposée.", "Une surveillance rapprochée est proposée."]]);
  const loaded = loadSources([join("guideline", "2020")], dir);
  const result = compileGuideline(loaded.sources, loaded.host);
  const html = await buildRulebook(result, loaded.host, previousEdition(join("guideline", "2020"), result, dir));
  if (html === undefined) throw new Error(`2020 does not compile: ${result.diagnostics.map((d) => `${d.code} ${d.message}`).join("; ")}`);
  const start = html.indexOf('<section id="changements">');
  return html.slice(start, html.indexOf("</section>", start));
}

describe("the rulebook's « Changements » section", () => {
  it("shows each value once, in words a reader reads, with the old and the new reading", async () => {
    const section = await changesSection();
    expect(section).toMatch(
      /Arrêt de A — <a href="#valeur-delai\.a"><code>delai\.a<\/code><\/a><\/th><td[^>]*>5\u00A0jours<\/td><td[^>]*>7\u00A0jours<\/td>/,
    );
    expect(section).not.toMatch(/\b\d+ d\b/);
    // The value is in the table of values only, not repeated as a line of each rule that uses it.
    expect(section.match(/5\u00A0jours<\/td>/g)?.length).toBe(1);
  });

  it("puts the old and the new wording of a changed rule side by side, in French, not in the language's syntax", async () => {
    const section = await changesSection();
    expect(section).toMatch(
      /Énoncé<\/th><td[^>]*>La fièvre contre-indique le geste\.<\/td><td[^>]*>La fièvre contre-indique le geste, quelle qu&#x27;en soit la cause\.<\/td>/,
    );
    expect(section).toMatch(
      /Effet<\/th><td[^>]*>[^<]*« Numération &gt; seuil »<\/td><td[^>]*>[^<]*« Numération au-dessus du seuil »<\/td>/,
    );
    expect(section).not.toContain("precondition &quot;");
    expect(section).not.toContain("&lt;sup&gt;");
    // A rule whose statement did not change shows no statement row.
    const seuil = section.slice(section.indexOf("<code>seuil</code>"), section.indexOf("</table>", section.indexOf("<code>seuil</code>")));
    expect(seuil).not.toContain("Énoncé</th>");
  });

  it("shows a changed quote and the source sentence it quotes, old and new", async () => {
    const section = await changesSection();
    expect(section).toMatch(
      /<blockquote>Une surveillance est proposée\.<\/blockquote><\/td><td[^>]*><blockquote>Une surveillance rapprochée est proposée\.<\/blockquote>/,
    );
    const source = section.slice(section.indexOf("<h3>Texte source</h3>"));
    expect(source).toContain("Une surveillance est proposée.");
    expect(source).toContain("Une surveillance rapprochée est proposée.");
  });

  it("lists the examples added and whose expectations changed, each linked, with what they expect", async () => {
    const section = await changesSection();
    const examples = section.slice(section.indexOf("<h3>Exemples</h3>"), section.indexOf("</table>", section.indexOf("<h3>Exemples</h3>")));
    expect(examples).toContain('<a href="#exemple-ex.fievre">Fièvre seule</a>');
    expect(examples).toContain("exemple ajouté");
    expect(examples).toContain("résultat attendu modifié");
    // Each rule, example and value is named once in the section's headings and rows.
    for (const id of ["ex.fievre", "ex.a"]) expect(examples.split(`<code>${id}</code>`).length - 1).toBe(1);
  });
});
