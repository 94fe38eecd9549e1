/**
 * `guideline ask`, driven in-process through its streams as a user at a terminal would: answers
 * go in on standard input when a prompt is waiting, the transcript comes out. The patients are
 * generated from the pack and the answers read from their facts: nothing of the live guideline
 * (a threshold, a label, which fact comes first) is written here, so a new edition passes as it is.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PassThrough } from "node:stream";
import { afterAll, describe, expect, it } from "vitest";
import { readAnswer, readQuantity } from "../../src/cli/ask-answer.js";
import { factsToAsk } from "../../src/cli/ask-question.js";
import { main } from "../../src/cli/main.js";
import { generatePatients } from "../../src/editions/patient-corpus.js";
import { readFactPath, removeFactPath, writeFactPath } from "../../src/pack/fact-path.js";
import type { PackFact } from "../../src/pack/pack-format.js";
import { evaluateSync } from "../../src/runtime/evaluate.js";
import { InvalidFactsError } from "../../src/runtime/fact-errors.js";
import { defaultPack } from "../../src/runtime/load-pack.js";
import { answerFor, conclusionLine, questionsOf, waitingPrompt, words } from "../support/ask-driver.js";

const pack = defaultPack();
const patients = generatePatients([pack], 300, 2019);
const folder = mkdtempSync(join(tmpdir(), "guideline-ask-"));
afterAll(() => {
  rmSync(folder, { recursive: true, force: true });
});

/** The line to type at a waiting prompt (given the transcript so far), or undefined to end the input (Ctrl-D). */
type Answerer = (transcript: string) => string | undefined;

/** Runs `guideline ask` in-process; each time a prompt waits, types what `answerer` says. Bounded: 20 s. */
async function askSession(args: readonly string[], answerer: Answerer): Promise<{ code: number; transcript: string; stderr: string }> {
  const stdin = new PassThrough();
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let transcript = "";
  let errors = "";
  let answeredAt = -1;
  stdout.on("data", (chunk: Buffer) => {
    transcript += chunk.toString("utf8");
    setImmediate(() => {
      if (transcript.length === answeredAt || !waitingPrompt(transcript, pack) || stdin.writableEnded) return;
      answeredAt = transcript.length;
      const line = answerer(transcript);
      if (line === undefined) stdin.end();
      else stdin.write(`${line}\n`);
    });
  });
  stderr.on("data", (chunk: Buffer) => {
    errors += chunk.toString("utf8");
  });
  const timeout = new Promise<never>((_, reject) => {
    setTimeout(() => {
      reject(new Error(`no end after 20 s:\n${transcript}`));
    }, 20_000).unref();
  });
  const code = await Promise.race([main(["ask", ...args], { stdin, stdout, stderr, cwd: folder }), timeout]);
  return { code, transcript, stderr: errors };
}

/** Writes facts to a file of the test folder; returns its name. */
function factsFile(name: string, facts: unknown): string {
  writeFileSync(join(folder, name), JSON.stringify(facts));
  return name;
}

/** A generated patient whose own facts decide the verdict. */
const decidedPatient = patients.find((p) => evaluateSync(p, pack).verdict !== "incomplete");

describe("guideline ask, through its streams", () => {
  it("a complete session from no facts ends on the verdict the patient's facts give; --out evaluates to the same verdict", async () => {
    expect(decidedPatient).toBeDefined();
    const patient = decidedPatient ?? {};
    const { code, transcript, stderr } = await askSession(["--out", "gathered.json"], (t) => answerFor(t, pack, patient));
    expect([code, stderr]).toEqual([0, ""]);
    const full = evaluateSync(patient, pack);
    expect(transcript).toContain(words["ask.settled"]);
    expect(transcript).toContain(conclusionLine(full.verdictLabel, full.verdict));
    // Each fact asked once, every question numbered in turn.
    const asked = questionsOf(transcript);
    expect(new Set(asked.map((q) => q.path)).size).toBe(asked.length);
    expect(asked.map((q) => q.number)).toEqual(asked.map((_, i) => i + 1));
    const gathered: unknown = JSON.parse(readFileSync(join(folder, "gathered.json"), "utf8"));
    expect(evaluateSync(gathered, pack).verdict).toBe(full.verdict);
  });

  it("« je ne sais pas » (or ?) leaves the fact unknown, moves on, and never asks it again", async () => {
    const patient = decidedPatient ?? {};
    let first: string | undefined;
    const { code, transcript } = await askSession([], (t) => {
      if (first === undefined) {
        first = questionsOf(t)[0]?.path;
        return words["ask.unknown"];
      }
      return answerFor(t, pack, patient);
    });
    expect(code).toBe(0);
    const asked = questionsOf(transcript).map((q) => q.path);
    expect(first).toBeDefined();
    expect(asked.filter((p) => p === first)).toHaveLength(1);
    expect(asked[1]).not.toBe(first);
    expect(transcript).toMatch(new RegExp(`${words["ask.skipped"].replace("{0}", "")}.*${(first ?? "").replace(/[.[\]]/g, "\\$&")}`));
  });

  it("« retour » (or <) asks the previous question again, and the new answer replaces the old; Ctrl-D prints what is known", async () => {
    const patient = decidedPatient ?? {};
    const script = ["answer", "<", "?"];
    const { code, transcript } = await askSession(["--out", "back.json"], (t) => {
      const step = script.shift();
      if (step === undefined) return undefined;
      return step === "answer" ? answerFor(t, pack, patient) : step;
    });
    expect(code).toBe(0);
    const asked = questionsOf(transcript);
    expect(asked.slice(0, 3).map((q) => q.number)).toEqual([1, 2, 1]);
    expect(asked[2]?.path).toBe(asked[0]?.path);
    expect(transcript).toContain(words["ask.endOfInput"]);
    const saved = JSON.parse(readFileSync(join(folder, "back.json"), "utf8")) as unknown;
    expect(saved).toEqual({});
  });

  it("« retour » at the first question says there is nothing to take back, and asks it again", async () => {
    const script = ["<"];
    const { code, transcript } = await askSession([], () => script.shift());
    expect(code).toBe(0);
    expect(transcript).toContain(words["ask.invalid.back"]);
    expect(questionsOf(transcript)).toHaveLength(1);
  });

  it("a quantity in a unit the fact refuses is shown with its coded message and the same question is asked again", async () => {
    const quantities = pack.facts.filter((f) => f.type === "quantity");
    expect(quantities.length).toBeGreaterThan(0);
    // A patient, less one quantity fact, for whom that fact is still to be asked.
    const found = patients
      .flatMap((p) => quantities.map((q) => ({ patient: p, path: q.path, start: removeFactPath(p, q.path) })))
      .find(({ patient, path, start }) => path in flatten(patient) && factsToAsk(evaluateSync(start, pack)).includes(path));
    expect(found).toBeDefined();
    const { patient, path, start } = found ?? { patient: {}, path: "", start: {} };
    const wrong = { value: 1, unit: "kg" };
    const expected = codeOf(() => evaluateSync(withFact(start, path, wrong), pack));
    let tried = 0;
    const { code, transcript } = await askSession([factsFile("start.json", start)], (t) => {
      if (questionsOf(t).at(-1)?.path === path && tried++ < 2) return tried === 1 ? "1 kg" : "beaucoup";
      return answerFor(t, pack, patient);
    });
    expect(code).toBe(0);
    const block = transcript.slice(transcript.indexOf(`(${path})`));
    expect(block).toContain(`${expected} `);
    expect(block).toContain(words["ask.invalid.quantity"]);
    expect(questionsOf(transcript).filter((q) => q.path === path)).toHaveLength(1);
    expect(transcript).toContain(conclusionLine(evaluateSync(patient, pack).verdictLabel, evaluateSync(patient, pack).verdict));
  });

  it("a medication list is typed entry by entry, a name then its dose (a dose the list refuses is asked again); an empty name ends it", async () => {
    // A patient, less its medication list holding a treatment with a dose, for whom the list is still to be asked.
    const lists = pack.facts.filter(
      (f): f is Extract<PackFact, { type: "medications" }> => f.type === "medications" && f.dose !== undefined,
    );
    const found = generatePatients([pack], 3000, 2019)
      .flatMap((patient) => lists.map((list) => ({ patient, list, start: removeFactPath(patient, list.path) })))
      .find(({ patient, list, start }) => {
        const entries = readFactPath(patient, list.path);
        return (
          Array.isArray(entries) &&
          entries.some((e) => list.dose !== undefined && list.dose.field in (e as object)) &&
          factsToAsk(evaluateSync(start, pack)).includes(list.path)
        );
      });
    expect(found).toBeDefined();
    const { patient, list, start } = found ?? { patient: {}, list: lists[0], start: {} };
    const field = list?.dose?.field ?? "";
    const listPath = list?.path ?? "";
    const expected = codeOf(() => evaluateSync(withFact(start, listPath, [{ name: "x", [field]: { value: 1, unit: "kg" } }]), pack));
    let wrongDose = true;
    const { code, transcript } = await askSession([factsFile("list.json", start), "--out", "list-out.json"], (t) => {
      if (wrongDose && waitingPrompt(t, pack)?.kind === "medication-dose") {
        wrongDose = false;
        return "1 kg";
      }
      return answerFor(t, pack, patient);
    });
    expect(code).toBe(0);
    expect(transcript).toContain(`    ${expected} `);
    const saved = JSON.parse(readFileSync(join(folder, "list-out.json"), "utf8")) as unknown;
    expect(readFactPath(saved, listPath)).toEqual(readFactPath(patient, listPath));
    expect(evaluateSync(saved, pack).verdict).toBe(evaluateSync(patient, pack).verdict);

    // « je ne sais pas » for a dose in the list: that dose is never asked afterwards.
    const unknownDoses = await askSession([factsFile("list.json", start)], (t) =>
      waitingPrompt(t, pack)?.kind === "medication-dose" ? words["ask.unknown"] : answerFor(t, pack, patient),
    );
    expect(unknownDoses.code).toBe(0);
    expect(questionsOf(unknownDoses.transcript).filter((q) => q.path.startsWith(`${listPath}[`))).toEqual([]);
    expect(unknownDoses.transcript).toContain(`(${listPath}[0].${field})`);
  });

  it("a facts file that is not valid is refused as evaluate refuses it, before any question (exit 1)", async () => {
    const { code, transcript, stderr } = await askSession([factsFile("bad.json", { nowhere: true })], () => undefined);
    expect(code).toBe(1);
    expect(transcript).toBe("");
    expect(stderr).toContain("GL5002");
  });
});

describe("answers as typed", () => {
  it("a quantity: a number in the fact's unit, or with its unit; thousands grouped by spaces, a decimal comma", () => {
    expect(readQuantity("49000")).toBe(49000);
    expect(readQuantity("49 000 /mm3")).toEqual({ value: 49000, unit: "/mm3" });
    expect(readQuantity("60 %")).toEqual({ value: 60, unit: "%" });
    expect(readQuantity("0,5 g/d")).toEqual({ value: 0.5, unit: "g/d" });
    expect(readQuantity("180 10*9/L")).toEqual({ value: 180, unit: "10*9/L" });
    expect(readQuantity("beaucoup")).toBeUndefined();
  });

  it("yes/no, a choice by number or by value, a date; ? and < whatever the type", () => {
    expect(readAnswer({ type: "boolean" }, ` ${words["ask.yes"].toUpperCase()} `, words)).toEqual({ kind: "value", value: true });
    expect(readAnswer({ type: "boolean" }, words["ask.no"], words)).toEqual({ kind: "value", value: false });
    expect(readAnswer({ type: "boolean" }, "peut-être", words).kind).toBe("invalid");
    const choices = { type: "enum", values: ["a", "b"] } as const;
    expect(readAnswer(choices, "2", words)).toEqual({ kind: "value", value: "b" });
    expect(readAnswer(choices, "A", words)).toEqual({ kind: "value", value: "a" });
    expect(readAnswer(choices, "3", words).kind).toBe("invalid");
    expect(readAnswer({ type: "date" }, "2026-12-14", words)).toEqual({ kind: "value", value: "2026-12-14" });
    expect(readAnswer({ type: "date" }, "14/12/2026", words).kind).toBe("invalid");
    for (const type of [{ type: "boolean" }, { type: "date" }, { type: "text" }] as const) {
      expect(readAnswer(type, "?", words)).toEqual({ kind: "unknown" });
      expect(readAnswer(type, words["ask.unknown"], words)).toEqual({ kind: "unknown" });
      expect(readAnswer(type, "<", words)).toEqual({ kind: "back" });
      expect(readAnswer(type, words["ask.back"], words)).toEqual({ kind: "back" });
    }
  });
});

/** The dotted paths of the values of a facts object (lists as one value). */
function flatten(facts: unknown, prefix = ""): Record<string, unknown> {
  if (facts === null || typeof facts !== "object" || Array.isArray(facts)) return { [prefix]: facts };
  return Object.assign({}, ...Object.entries(facts).map(([k, v]) => flatten(v, prefix ? `${prefix}.${k}` : k))) as Record<string, unknown>;
}

/** A copy of the facts with one value set. */
function withFact(facts: Record<string, unknown>, path: string, value: unknown): Record<string, unknown> {
  const copy = structuredClone(facts);
  writeFactPath(copy, path, value);
  return copy;
}

/** The code of the first fact error a call throws. */
function codeOf(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    if (error instanceof InvalidFactsError) return error.errors[0]?.code ?? "";
    throw error;
  }
  throw new Error("the facts were accepted");
}
