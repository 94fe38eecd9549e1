import { dirname, resolve } from "node:path";
import { createInterface, type Interface } from "node:readline";
import { makeDiagnostic } from "../diagnostics/diagnostic.js";
import { interfaceWords, fillWords } from "../interface-words/index.js";
import { writeFilesAtomically } from "../io/atomic-write.js";
import { defaultPack } from "../runtime/load-pack.js";
import { evaluateSync } from "../runtime/evaluate.js";
import { escapeText } from "../runtime/escape-text.js";
import { InvalidFactsError } from "../runtime/fact-errors.js";
import { runtimeLimits } from "../runtime/limits.js";
import { readTextAtMost } from "../runtime/read-bounded.js";
import { renderReportText } from "../runtime/render-report.js";
import { exitCodes, write, type CliIo } from "./cli-io.js";
import type { CommandInput } from "./command-line.js";
import type { commandTable } from "./command-table.js";
import { questionLabel } from "./ask-question.js";
import { runSession, type LineRead } from "./ask-session.js";
import { tooLargeJson } from "./line-answer.js";

/** The facts of `FILE` (none without one), or the exit code of a file that cannot be used. */
function startingFacts(file: string | undefined, io: CliIo): Record<string, unknown> | number {
  if (file === undefined) return {};
  let text: string | undefined;
  try {
    text = readTextAtMost(resolve(io.cwd, file), runtimeLimits.inputBytes);
  } catch {
    write(io.stderr, `guideline: cannot read ${file}\n`);
    return exitCodes.usage;
  }
  if (text === undefined) {
    const error = tooLargeJson();
    write(io.stderr, `guideline: ${file}: ${error.code} ${error.message}\n`);
    return exitCodes.errors;
  }
  let facts: unknown;
  try {
    facts = JSON.parse(text.replace(/^\uFEFF/, ""));
  } catch (error) {
    write(io.stderr, `guideline: ${file}: GL5007 ${makeDiagnostic("GL5007", undefined, [(error as Error).message]).message}\n`);
    return exitCodes.errors;
  }
  try {
    evaluateSync(facts);
  } catch (error) {
    if (!(error instanceof InvalidFactsError)) throw error;
    write(io.stderr, `guideline: ${file}: the facts are not valid, nothing was asked:\n`);
    for (const e of error.errors) write(io.stderr, `  ${e.path}: ${e.code} ${e.message}${e.hint ? ` — ${e.hint}` : ""}\n`);
    return exitCodes.errors;
  }
  return facts as Record<string, unknown>;
}

/**
 * The lines of standard input, one per call, each after its prompt; then the end of the input
 * (Ctrl-D, or the end of a pipe), or an interruption: Ctrl-C on a terminal (which readline
 * reads), or the SIGINT signal otherwise. On a terminal readline shows the prompt and echoes
 * what is typed; otherwise the prompt and the line read are written to `output`, so that a
 * session run from a file of answers reads as a transcript.
 */
function lineReader(
  lines: Interface,
  terminal: boolean,
  output: (text: string) => void,
): { read: (promptText: string) => Promise<LineRead>; stop: () => void } {
  const queue: LineRead[] = [];
  let waiting: ((line: LineRead) => void) | undefined;
  let ended: LineRead | undefined;
  const push = (line: LineRead): void => {
    if (ended) return;
    if (line.kind !== "line") ended = line;
    if (waiting) {
      const resolveLine = waiting;
      waiting = undefined;
      resolveLine(line);
    } else queue.push(line);
  };
  const onSignal = (): void => {
    push({ kind: "interrupt" });
  };
  lines.on("line", (text) => {
    push({ kind: "line", text });
  });
  lines.on("close", () => {
    push({ kind: "end" });
  });
  lines.on("SIGINT", onSignal);
  process.on("SIGINT", onSignal);
  const echoed = (line: LineRead): LineRead => {
    if (!terminal) output(line.kind === "line" ? `${line.text}\n` : "\n");
    return line;
  };
  return {
    read: async (promptText) => {
      if (terminal) {
        lines.setPrompt(escapeText(promptText));
        lines.prompt();
      } else output(promptText);
      const next = queue.shift() ?? (queue.length === 0 ? ended : undefined);
      return echoed(next ?? (await new Promise<LineRead>((resolveLine) => (waiting = resolveLine))));
    },
    stop: () => {
      process.off("SIGINT", onSignal);
      lines.close();
    },
  };
}

/**
 * `guideline ask [FILE] [--out FILE]`: the questionnaire on the terminal (see `runSession`),
 * from the facts of FILE or from none; prints the text report at the end (nothing left to ask,
 * or the end of the input) and, with `--out`, writes the facts gathered, atomically. Ctrl-C
 * stops it with exit code 130, writing nothing.
 */
export async function askCommand(input: CommandInput<typeof commandTable.ask.options>, io: CliIo): Promise<number> {
  const [file, ...rest] = input.positionals;
  if (rest.length) {
    write(io.stderr, `guideline: ask takes one facts file at most\nusage: guideline ask [FILE] [--out FILE]\n`);
    return exitCodes.usage;
  }
  const facts = startingFacts(file, io);
  if (typeof facts === "number") return facts;
  const pack = defaultPack();
  const words = interfaceWords(pack.guideline.language);
  const terminal = (io.stdin as { isTTY?: boolean }).isTTY === true && (io.stdout as { isTTY?: boolean }).isTTY === true;
  const output = (text: string): void => {
    write(io.stdout, text);
  };
  const reader = lineReader(createInterface({ input: io.stdin, ...(terminal ? { output: io.stdout } : {}), terminal }), terminal, output);
  let result;
  try {
    result = await runSession({
      pack,
      facts,
      words,
      readLine: (_prompt, promptText) => reader.read(promptText),
      write: output,
    });
  } finally {
    reader.stop();
  }
  if (result.end === "interrupted") {
    write(io.stdout, "\n");
    return exitCodes.interrupted;
  }
  const closing = result.end === "settled" ? words["ask.settled"] : words["ask.endOfInput"];
  write(io.stdout, `\n${closing}\n`);
  if (result.unknown.length) {
    const named = result.unknown.map((path) => `${questionLabel(path, pack, result.facts, words)} (${path})`);
    write(io.stdout, `${fillWords(words["ask.skipped"], named.join(", "))}\n`);
  }
  write(io.stdout, `\n${renderReportText(result.report, pack.guideline.language)}`);
  if (input.options.out !== undefined) {
    const target = resolve(io.cwd, input.options.out);
    writeFilesAtomically(dirname(target), [{ path: target, content: `${JSON.stringify(result.facts, null, 2)}\n` }]);
    write(io.stdout, `${fillWords(words["ask.saved"], input.options.out)}\n`);
  }
  return exitCodes.ok;
}
