/**
 * `guideline ask` in a real terminal: the built command (`dist/cli/guideline.js`) runs in a tmux
 * pane of 120 × 40, keys are typed with `send-keys` and the screen is read with `capture-pane`,
 * as a user at a terminal sees it (readline's prompt and echo, Ctrl-C and Ctrl-D as keys, not as
 * a closed pipe). The answers are read from a generated patient's facts.
 *
 * Without tmux the tests are skipped with a warning saying so; under CI=true a missing tmux is a
 * failure instead. Each wait is bounded, and the tmux server (on a socket of its own, in a
 * temporary folder) is killed after the tests and its folder removed.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { generatePatients } from "../../src/editions/patient-corpus.js";
import { evaluateSync } from "../../src/runtime/evaluate.js";
import { defaultPack } from "../../src/runtime/load-pack.js";
import { answerFor, conclusionLine, questionsOf, waitingPrompt, words } from "../support/ask-driver.js";
import { cli } from "../support/run-cli.js";

const underCi = process.env.CI === "true";
const tmuxAvailable = spawnSync("tmux", ["-V"]).status === 0;
const pack = defaultPack();
const folder = mkdtempSync(join(tmpdir(), "guideline-ask-terminal-"));
/** The tests' own tmux server listens here, and goes with the folder. */
const socket = join(folder, "tmux.sock");

/** Runs tmux on the tests' own server. */
function tmux(...args: string[]): string {
  return execFileSync("tmux", ["-S", socket, ...args], { encoding: "utf8" });
}

/** The whole pane, its history included, wrapped lines joined. */
function screen(name: string): string {
  return tmux("capture-pane", "-p", "-J", "-S", "-2000", "-t", name);
}

/** Starts `guideline ask ARGS` in a new pane; the shell prints `EXIT=<code>` when it ends. */
function start(name: string, args: string): void {
  const command = `TZ=UTC NO_COLOR=1 ${JSON.stringify(process.execPath)} ${JSON.stringify(cli)} ask ${args}; echo EXIT=$?; sleep 600`;
  tmux("new-session", "-d", "-s", name, "-x", "120", "-y", "40", command);
}

/** Reads the screen every 50 ms, until `done` holds of it (its value) or `ms` have passed (an error with the screen). */
async function until<T>(name: string, ms: number, done: (text: string) => T | undefined): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const text = screen(name);
    const value = done(text);
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`the screen did not show what was awaited within ${ms} ms:\n${text}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** The exit code the shell printed, once it has. */
function exitCode(text: string): number | undefined {
  const match = /^EXIT=(\d+)$/m.exec(text);
  return match ? Number(match[1]) : undefined;
}

if (!tmuxAvailable) {
  const why = "no tmux on the PATH";
  if (underCi) {
    describe("guideline ask in a terminal (tmux)", () => {
      it("needs tmux under CI", () => {
        throw new Error(`${why}: the terminal tests cannot run, and under CI=true that is a failure`);
      });
    });
  } else {
    console.warn(`[ask terminal tests] SKIPPED: ${why}. Install it (apt-get install tmux) to run guideline ask in a real terminal.`);
  }
}

describe.skipIf(!tmuxAvailable)("guideline ask in a terminal (tmux)", () => {
  afterAll(() => {
    spawnSync("tmux", ["-S", socket, "kill-server"]);
    rmSync(folder, { recursive: true, force: true });
  });

  it("a complete session, typed key by key: each answer echoed, the report at the end, --out written, exit 0", async () => {
    const patient = generatePatients([pack], 300, 2019).find((p) => evaluateSync(p, pack).verdict !== "incomplete") ?? {};
    const out = join(folder, "gathered.json");
    start("complete", `--out ${JSON.stringify(out)}`);
    let answered = "";
    const code = await until("complete", 30_000, (text) => {
      const exit = exitCode(text);
      if (exit !== undefined) return exit;
      if (text === answered || !waitingPrompt(text, pack)) return undefined;
      answered = text;
      const line = answerFor(text, pack, patient) ?? "";
      if (line) tmux("send-keys", "-t", "complete", "-l", line);
      tmux("send-keys", "-t", "complete", "Enter");
      return undefined;
    });
    const text = screen("complete");
    expect(code, text).toBe(0);
    const full = evaluateSync(patient, pack);
    expect(text).toContain(words["ask.settled"]);
    expect(text).toContain(conclusionLine(full.verdictLabel, full.verdict));
    const asked = questionsOf(text);
    expect(asked.length).toBeGreaterThan(0);
    expect(new Set(asked.map((q) => q.path)).size).toBe(asked.length);
    // readline echoed what was typed after the prompt.
    expect(text).toMatch(new RegExp(`^> ${words["ask.yes"]}|^> ${words["ask.no"]}|^> \\S`, "m"));
    expect(evaluateSync(JSON.parse(readFileSync(out, "utf8")), pack).verdict).toBe(full.verdict);
  });

  it("Ctrl-C at a question stops the session with exit code 130, writing nothing", async () => {
    const out = join(folder, "interrupted.json");
    start("interrupt", `--out ${JSON.stringify(out)}`);
    await until("interrupt", 15_000, (text) => (waitingPrompt(text, pack) ? true : undefined));
    tmux("send-keys", "-t", "interrupt", "C-c");
    const code = await until("interrupt", 15_000, exitCode);
    expect(code).toBe(130);
    expect(() => readFileSync(out)).toThrow();
  });

  it("Ctrl-D at a question ends the input: the report with what is known, exit 0", async () => {
    start("eof", "");
    await until("eof", 15_000, (text) => (waitingPrompt(text, pack) ? true : undefined));
    tmux("send-keys", "-t", "eof", "C-d");
    const code = await until("eof", 15_000, exitCode);
    const text = screen("eof");
    expect(code, text).toBe(0);
    expect(text).toContain(words["ask.endOfInput"]);
  });
});
