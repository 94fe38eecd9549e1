import { describe, expect, it } from "vitest";
import { generateMutants } from "../../src/mutation/mutants.js";
import { runMutation } from "../../src/mutation/run-mutation.js";
import { parseGuideline } from "../../src/dsl/parse.js";

const sourceDocument = "Plaquettes > 50 000/mm3. Arrêt du médicament A cinq jours avant. Fièvre.";

const guideline = (examples: string) => `guideline essai.mutation
  title "Essai"
  edition 2026
  language fr
  source "source.txt"
fact labs.count : quantity in /mm3 from 0 to 1 000 000
  label "Numération"
fact patient.fever : yes/no
  label "Fièvre"
fact medications : medication list
  label "Traitements"
threshold seuil.count = 50 000 /mm3
delay delai.a = 5 d
class classe-a "Classe A"
class classe-b "Classe B"
drug drug-a atc B01AC04 class classe-a
finding contre-indication "Contre-indication"
verdict "Question ?"
  outcome contraindicated "Contre-indiquée" when finding contre-indication
  otherwise ok "Pas de contre-indication"
plan medications
  scope atc B01
  otherwise refer
  reminder "Rappel."
section s "Section"
rule seuil
  statement "Numération au-dessus du seuil."
  quote "Plaquettes > 50 000/mm3."
  when labs.count > seuil.count
  then precondition "Numération > 50 000"
rule fievre
  statement "La fièvre contre-indique."
  quote "Fièvre."
  when patient.fever
  then finding contre-indication
rule arret-a
  statement "A est arrêté cinq jours avant."
  quote "Arrêt du médicament A cinq jours avant."
  then stop drug-a delai.a before
${examples}`;

const host = { readSourceDocument: () => sourceDocument };

describe("guideline mutate", () => {
  it("makes every kind of single mutation at its place in the source", () => {
    const text = guideline("");
    const { ast } = parseGuideline(text, "g.guideline");
    const mutants = generateMutants([{ file: "g.guideline", text }], [ast]);
    const kinds = new Map<string, number>();
    for (const m of mutants) kinds.set(m.kind, (kinds.get(m.kind) ?? 0) + 1);
    expect(Object.fromEntries(kinds)).toEqual({
      "threshold-moved": 4, // seuil.count and delai.a, each +1 and -1
      "class-changed": 1, // drug-a to classe-b
      "effect-dropped": 3,
      "comparison-flipped": 1,
      "test-negated": 1,
    });
    const flipped = mutants.find((m) => m.kind === "comparison-flipped");
    expect(flipped?.sources[0]?.text).toContain("when labs.count >= seuil.count");
    expect(flipped?.line).toBe(29);
  });

  it("without examples the flipped comparison survives; boundary examples catch every mutant but the equivalent one", async () => {
    const bare = await runMutation([{ file: "g.guideline", text: guideline("") }], host);
    expect(bare.outcomes.filter((o) => o.mutant.kind === "comparison-flipped").map((o) => o.killedBy)).toEqual(["survived"]);

    const examples = `
example ex.seuil "Au seuil"
  given labs.count = 50 000 /mm3
  expect precondition seuil unmet
example ex.au-dessus "Juste au-dessus"
  given labs.count = 50 001 /mm3
  given patient.fever = yes
  given medications = (drug-a)
  given procedure.date = unknown
  expect precondition seuil met
  expect verdict contraindicated
  expect plan drug-a stop 5 d before
example ex.sans-fievre "Sans fièvre"
  given patient.fever = no
  expect verdict ok
`.replace("  given procedure.date = unknown\n", "");
    const pinned = await runMutation([{ file: "g.guideline", text: guideline(examples) }], host);
    const survivors = pinned.outcomes.filter((o) => o.killedBy === "survived").map((o) => o.mutant.description);
    // Moving the class of drug-a changes nothing any rule reads: it is the one equivalent mutant here.
    expect(survivors).toEqual(["drug-a: class classe-a → classe-b"]);
    expect(pinned.killed).toBe(pinned.total - 1);
  });
});
