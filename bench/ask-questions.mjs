// How many questions `guideline ask` asks, on generated patients: each session starts from no facts
// and is answered from the patient's own facts (« je ne sais pas » for a fact the patient lacks),
// until nothing left can change the report. Compared with the number of facts a full form has
// (the pack's facts). Run after a build: `node bench/ask-questions.mjs [N] [SEED]`.
import { runSession } from "../dist/cli/ask-session.js";
import { answerFromFacts } from "../dist/cli/ask-replay.js";
import { generatePatients } from "../dist/editions/patient-corpus.js";
import { interfaceWords } from "../dist/interface-words/index.js";
import { defaultPack } from "../dist/runtime/load-pack.js";
import { evaluateSync } from "../dist/runtime/evaluate.js";

const count = Number(process.argv[2] ?? 500);
const seed = Number(process.argv[3] ?? 2019);
const pack = defaultPack();
const words = interfaceWords(pack.guideline.language);
const patients = generatePatients([pack], count, seed);

const asked = [];
let unknown = 0;
let sameVerdict = 0;
let decided = 0;
const started = performance.now();
for (const patient of patients) {
  const result = await runSession({
    pack,
    facts: {},
    words,
    readLine: async (prompt) => ({ kind: "line", text: answerFromFacts(patient, prompt, words) }),
    write: () => undefined,
  });
  asked.push(result.asked.length);
  unknown += result.unknown.length;
  const full = evaluateSync(patient, pack);
  if (full.verdict !== "incomplete") {
    decided++;
    if (result.report.verdict === full.verdict) sameVerdict++;
  }
}
const seconds = (performance.now() - started) / 1000;
asked.sort((a, b) => a - b);
const mean = asked.reduce((a, b) => a + b, 0) / asked.length;
const at = (q) => asked[Math.min(asked.length - 1, Math.floor(q * asked.length))];
console.log(`patients: ${count} (seed ${seed}); facts in a full form: ${pack.facts.length}`);
console.log(`questions asked: mean ${mean.toFixed(2)}, median ${at(0.5)}, 90th percentile ${at(0.9)}, max ${asked[asked.length - 1]}`);
console.log(`of which answered « je ne sais pas » (a fact the patient lacks): mean ${(unknown / count).toFixed(2)}`);
console.log(`mean questions / facts of the form: ${((100 * mean) / pack.facts.length).toFixed(1)} %`);
console.log(`patients whose own facts decide the verdict: ${decided}; the session ends on the same verdict: ${sameVerdict}`);
console.log(`time: ${seconds.toFixed(1)} s (${((1000 * seconds) / count).toFixed(1)} ms a session)`);
