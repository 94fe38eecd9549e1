/**
 * The command line is read by `node:util` parseArgs against one declared table of options per
 * command (`src/cli/command-table.ts`), strictly: what a user writes is either read exactly as
 * written or refused with a coded error (GL7011–GL7015), the command's usage line and exit code 2.
 * In-process: no build needed.
 */
import { PassThrough } from "node:stream";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { readCommandLine, type CommandDeclaration, type OptionDeclaration } from "../../src/cli/command-line.js";
import { commandTable } from "../../src/cli/command-table.js";
import { main } from "../../src/cli/main.js";

const seed = 20261201;
const commands = Object.entries(commandTable) as [string, CommandDeclaration][];

/** Runs the command line in-process. */
async function runMain(argv: readonly string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const out: Buffer[] = [];
  const err: Buffer[] = [];
  stdout.on("data", (c: Buffer) => out.push(c));
  stderr.on("data", (c: Buffer) => err.push(c));
  const stdin = new PassThrough();
  stdin.end();
  const code = await main(argv, { stdin, stdout, stderr, cwd: process.cwd() });
  return { code, stdout: Buffer.concat(out).toString("utf8"), stderr: Buffer.concat(err).toString("utf8") };
}

/** A value a user may give: any text not starting with `-` (those are read as options), or `-` alone (standard input). */
const valueText = fc.oneof(
  fc.string({ minLength: 1, maxLength: 12 }).filter((s) => !s.startsWith("-")),
  fc.constant("-"),
);

/** A command of the table, some of its options given once (repeatable ones several times), and arguments, shuffled. */
const commandLine = fc.constantFrom(...commands).chain(([name, declaration]) => {
  const entries = Object.entries(declaration.options);
  const given = entries.map(([option, declared]: [string, OptionDeclaration]) =>
    declared.kind === "flag"
      ? fc.boolean().map((on) => ({ option, declared, values: on ? [""] : [] }))
      : fc.array(valueText, { maxLength: declared.repeatable ? 3 : 1 }).map((values) => ({ option, declared, values })),
  );
  return fc.record({
    name: fc.constant(name),
    declaration: fc.constant(declaration),
    options: fc.tuple(...given),
    positionals: fc.array(valueText, { maxLength: 3 }),
    inline: fc.boolean(),
  });
});

describe("what a user writes is read exactly as written", () => {
  it("law: options of the table and arguments, in any order, `--out DIR` or `--out=DIR`, read back as given (fast-check)", () => {
    fc.assert(
      fc.property(commandLine, fc.integer(), ({ name, declaration, options, positionals, inline }, shuffle) => {
        const pieces: string[][] = [];
        for (const { option, declared, values } of options) {
          for (const value of values)
            pieces.push(declared.kind === "flag" ? [`--${option}`] : inline ? [`--${option}=${value}`] : [`--${option}`, value]);
        }
        // Arguments keep their order among themselves; options are spread between them.
        const args = [...pieces];
        positionals.forEach((p, i) => args.splice(Math.abs(shuffle + i) % (args.length + 1), 0, [p]));
        const positionalOrder = args.filter((piece) => piece.length === 1 && !piece[0]?.startsWith("--")).map((piece) => piece[0]);
        const line = readCommandLine(name, declaration, args.flat());
        expect(line.kind).toBe("run");
        if (line.kind !== "run") return;
        expect(line.input.positionals).toEqual(positionalOrder);
        for (const { option, declared, values } of options) {
          const read = (line.input.options as Record<string, unknown>)[option];
          if (declared.kind === "flag") expect(read).toBe(values.length > 0);
          else if (declared.repeatable) expect(read).toEqual(values);
          else expect(read).toBe(values[0]);
        }
      }),
      { seed, numRuns: 300 },
    );
  });

  it("after `--`, every argument is an argument, even one that looks like an option", () => {
    const line = readCommandLine("test", commandTable.test, ["--", "--help", "-x"]);
    expect(line).toEqual({ kind: "run", input: { positionals: ["--help", "-x"], options: {} } });
  });

  it("`--trust-key` may be repeated: every key is kept, in order", () => {
    const line = readCommandLine("evaluate", commandTable.evaluate, ["f.json", "--trust-key", "a.pem", "--trust-key=b.pem"]);
    expect(line.kind === "run" && line.input.options["trust-key"]).toEqual(["a.pem", "b.pem"]);
  });
});

describe("a mistake is refused with a code, never read some other way", () => {
  it("law: an option no table declares is GL7011, or GL7012 naming the declared option it is a typo of (fast-check)", () => {
    const declaredNames = new Set(commands.flatMap(([, d]) => Object.keys(d.options)).concat("help"));
    fc.assert(
      fc.property(fc.constantFrom(...commands), fc.stringMatching(/^[a-z][a-z-]{0,10}$/), ([name, declaration], word) => {
        fc.pre(!Object.hasOwn(declaration.options, word) && word !== "help");
        const line = readCommandLine(name, declaration, ["x", `--${word}`]);
        expect(line.kind).toBe("wrong");
        if (line.kind !== "wrong") return;
        expect(["GL7011", "GL7012"]).toContain(line.diagnostic.code);
        expect(line.diagnostic.message).toContain(`\`--${word}\` is not an option of \`guideline ${name}\``);
        if (line.diagnostic.code === "GL7012")
          expect(declaredNames.has(/did you mean `--([a-z-]+)`\?$/.exec(line.diagnostic.message)?.[1] ?? "")).toBe(true);
      }),
      { seed, numRuns: 300 },
    );
  });

  it("a typo of an option suggests it (GL7012); a word far from every option does not (GL7011, with the help as hint)", () => {
    const typo = readCommandLine("compile", commandTable.compile, ["--otu", "x"]);
    expect(typo.kind === "wrong" && typo.diagnostic.message).toBe("`--otu` is not an option of `guideline compile`; did you mean `--out`?");
    const far = readCommandLine("evaluate", commandTable.evaluate, ["f.json", "--yaml"]);
    expect(far.kind === "wrong" && [far.diagnostic.code, far.diagnostic.hint]).toEqual([
      "GL7011",
      "`guideline evaluate --help` lists its options",
    ]);
    const short = readCommandLine("fmt", commandTable.fmt, ["-c"]);
    expect(short.kind === "wrong" && short.diagnostic.code).toBe("GL7011");
  });

  it("a value option without its value is GL7013, at the end or before another option", () => {
    for (const args of [["--out"], ["--out", "--help"], ["g", "--out", "--out", "x"]]) {
      const line = readCommandLine("compile", commandTable.compile, args);
      expect(line.kind === "wrong" && line.diagnostic.message, args.join(" ")).toBe("the option `--out` needs a value: write `--out DIR`");
    }
  });

  it("a value given to a flag is GL7014; a single-valued option given twice is GL7015", () => {
    const flag = readCommandLine("fmt", commandTable.fmt, ["--check=no"]);
    expect(flag.kind === "wrong" && flag.diagnostic.message).toBe("the option `--check` takes no value: write `--check` alone");
    const twice = readCommandLine("sign", commandTable.sign, ["p.json", "--out", "a", "--out=b"]);
    expect(twice.kind === "wrong" && twice.diagnostic.message).toBe(
      "the option `--out` is given twice, but it takes one value: write `--out FILE` once",
    );
  });
});

describe("the command line as a user meets it", () => {
  it("every command prints its own help with --help and -h: its usage line and every option of its table, exit 0", async () => {
    for (const [name, declaration] of commands) {
      for (const help of ["--help", "-h"]) {
        const { code, stdout, stderr } = await runMain([name, help]);
        expect([code, stderr], `${name} ${help}`).toEqual([0, ""]);
        expect(stdout.startsWith(`usage: guideline ${name} `)).toBe(true);
        for (const option of Object.keys(declaration.options)) expect(stdout).toMatch(new RegExp(`^  --${option}\\b`, "m"));
      }
      expect((await runMain(["help", name])).stdout).toBe((await runMain([name, "--help"])).stdout);
    }
  });

  it("an unknown option is one coded line, the did-you-mean, then the command's usage line; exit 2 and nothing on stdout", async () => {
    const { code, stdout, stderr } = await runMain(["compile", "guideline", "--otu", "out"]);
    expect(code).toBe(2);
    expect(stdout).toBe("");
    expect(stderr).toBe(
      "guideline: error GL7012 `--otu` is not an option of `guideline compile`; did you mean `--out`?\nusage: guideline compile [PATH...] [--out DIR]\n",
    );
  });

  it("an option holding control characters is shown escaped: it cannot drive the terminal", async () => {
    const { code, stderr } = await runMain(["check", "--\u001b[2Kx"]);
    expect(code).toBe(2);
    expect(stderr).not.toContain("\u001b");
    expect(stderr).toContain("GL7011 `--\\u001B[2Kx`");
  });

  it("evaluate's missing pack file is GL7013, exit 2, before any pack is read", async () => {
    const { code, stderr } = await runMain(["evaluate", "examples/patient-vertebra.json", "--pack"]);
    expect(code).toBe(2);
    expect(stderr).toMatch(/^guideline: error GL7013 the option `--pack` needs a value: write `--pack FILE`\nusage: guideline evaluate /);
  });
});
