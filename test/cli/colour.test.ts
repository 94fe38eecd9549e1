/**
 * Colour in the diagnostics of `guideline check`, through the built command line: only on a
 * terminal or with FORCE_COLOR, never with NO_COLOR or in a pipe; the user's text escaped
 * before the colours are added. Run `npm run build` first.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { PassThrough } from "node:stream";
import { wantsColour } from "../../src/cli/terminal-colour.js";
import { cliRoot, run } from "../support/run-cli.js";

const unknownFact = "test/fixtures/diagnostics/GL2001-unknown-fact.guideline";
const escape = "\u001b";
// The only escape sequences the colours use: select graphic rendition.
const ourSequence = new RegExp(`${escape}\\[[0-9;]*m`, "g");
/** `text` in one of our colours (any), as a pattern. */
const coloured = (text: string) => `${escape}\\[[0-9;]*m${text}${escape}\\[0m`;

const folder = mkdtempSync(join(tmpdir(), "guideline-colour-"));
afterAll(() => {
  rmSync(folder, { recursive: true, force: true });
});

describe("colour in check's diagnostics", () => {
  it("is on for a terminal only; NO_COLOR (non-empty) always wins, FORCE_COLOR forces it otherwise", () => {
    const terminal = Object.assign(new PassThrough(), { isTTY: true });
    const pipe = new PassThrough();
    expect(wantsColour(terminal, {})).toBe(true);
    expect(wantsColour(terminal, { NO_COLOR: "" })).toBe(true);
    expect(wantsColour(terminal, { TERM: "dumb" })).toBe(false);
    expect(wantsColour(terminal, { NO_COLOR: "1" })).toBe(false);
    expect(wantsColour(terminal, { NO_COLOR: "1", FORCE_COLOR: "1" })).toBe(false);
    expect(wantsColour(terminal, { FORCE_COLOR: "0" })).toBe(false);
    expect(wantsColour(pipe, {})).toBe(false);
    expect(wantsColour(pipe, { FORCE_COLOR: "1" })).toBe(true);
  });

  it("is off in a pipe, and with NO_COLOR", async () => {
    const piped = await run(["check", unknownFact], { env: { NO_COLOR: "", FORCE_COLOR: "" } });
    expect(piped.code).toBe(1);
    expect(piped.stderr).toContain("GL2001");
    expect(piped.stderr).not.toContain(escape);
    const refused = await run(["check", unknownFact], { env: { NO_COLOR: "1", FORCE_COLOR: "1" } });
    expect(refused.stderr).not.toContain(escape);
    expect(refused.stdout).not.toContain(escape);
  });

  it("is on with FORCE_COLOR=1: severity, code, ^^^ and hint coloured, the words unchanged", async () => {
    const plain = await run(["check", unknownFact], { env: { NO_COLOR: "1" } });
    const forced = await run(["check", unknownFact], { env: { NO_COLOR: "", FORCE_COLOR: "1" } });
    expect(forced.code).toBe(1);
    expect(forced.stderr).toMatch(new RegExp(`${coloured("error")} ${coloured("GL2001")}`));
    expect(forced.stderr).toMatch(new RegExp(coloured("\\^+")));
    expect(forced.stderr).toMatch(new RegExp(coloured("hint: ")));
    expect(forced.stderr.replace(ourSequence, "")).toBe(plain.stderr);
  });

  it("still escapes the control characters of the user's text, in colour", async () => {
    const text = readFileSync(`${cliRoot}/${unknownFact}`, "utf8").replace(
      "when patient.severeCoagulopaty",
      `when patient.severeCoagulopaty and patient.x${escape}[2Jy`,
    );
    const file = join(folder, "hostile.guideline");
    writeFileSync(file, text);
    const forced = await run(["check", file], { env: { NO_COLOR: "", FORCE_COLOR: "1" } });
    expect(forced.stderr).toContain("\\u001B");
    // Every escape character left is one of our colour sequences.
    expect(forced.stderr.replace(ourSequence, "")).not.toContain(escape);
  });
});
