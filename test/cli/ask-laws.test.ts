/**
 * The laws of the questionnaire (`guideline ask`), on generated patients (`generatePatients`), each
 * session answered from the patient's own facts (« je ne sais pas » for a fact the patient lacks):
 * (a) it never asks a fact twice; (b) it always ends, because nothing left can change the report;
 * (c) when the patient's facts decide the verdict, the session ends on that verdict, from no facts
 * and from a part of the patient's facts given as a file. No number of the edition is pinned: how
 * many questions are asked is measured, not asserted (`node bench/ask-questions.mjs`).
 */
import { describe, expect, it } from "vitest";
import { answerFromFacts } from "../../src/cli/ask-replay.js";
import { runSession } from "../../src/cli/ask-session.js";
import { generatePatients, seededRandom } from "../../src/editions/patient-corpus.js";
import { interfaceWords } from "../../src/interface-words/index.js";
import { removeFactPath } from "../../src/pack/fact-path.js";
import { evaluateSync } from "../../src/runtime/evaluate.js";
import { defaultPack } from "../../src/runtime/load-pack.js";

const pack = defaultPack();
const words = interfaceWords(pack.guideline.language);
const seed = 20_261_202;
const count = 120;

/** A session answered from `patient`'s facts, starting from `start`. */
function replay(patient: unknown, start: Record<string, unknown>) {
  return runSession({
    pack,
    facts: start,
    words,
    readLine: (prompt) => Promise.resolve({ kind: "line", text: answerFromFacts(patient, prompt, words) }),
    write: () => undefined,
  });
}

/** The patient's facts less about half of the pack's facts, chosen at random. */
function partOf(patient: Record<string, unknown>, random: () => number): Record<string, unknown> {
  return pack.facts.reduce((facts, fact) => (random() < 0.5 ? removeFactPath(facts, fact.path) : facts), patient);
}

describe(`guideline ask on ${count} generated patients, answered from their own facts (seed ${seed})`, () => {
  it("never asks a fact twice, always ends with nothing left to ask, and ends on the patient's verdict when their facts decide it", async () => {
    const random = seededRandom(seed);
    let decided = 0;
    for (const patient of generatePatients([pack], count, seed)) {
      const full = evaluateSync(patient, pack);
      for (const start of [{}, partOf(patient, random)]) {
        const result = await replay(patient, start);
        expect(new Set(result.asked).size, JSON.stringify(result.asked)).toBe(result.asked.length);
        expect(result.end).toBe("settled");
        if (full.verdict !== "incomplete") expect(result.report.verdict, JSON.stringify(patient)).toBe(full.verdict);
      }
      if (full.verdict !== "incomplete") decided++;
    }
    // The law of (c) is checked on many patients, not on a few.
    expect(decided).toBeGreaterThan(count / 2);
  });
});
