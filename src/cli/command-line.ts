import { parseArgs, type ParseArgsConfig } from "node:util";
import { makeDiagnostic, type Diagnostic } from "../diagnostics/diagnostic.js";
import { closestName } from "../diagnostics/did-you-mean.js";
import { assertNever } from "../shared/assert-never.js";

/** An option that is on or off: `--json`. */
export interface FlagOption {
  readonly kind: "flag";
  /** What it does, for the command's `--help`. */
  readonly description: string;
}

/** An option followed by a value: `--out DIR`; with `repeatable`, it may be given several times. */
export interface ValueOption {
  readonly kind: "value";
  /** The value's name in the usage line and the help: `DIR`, `FILE`, `N`. */
  readonly value: string;
  readonly description: string;
  readonly repeatable?: true;
}

/** One option of a command, declared once; its long name (without `--`) is its key in the command's table. */
export type OptionDeclaration = FlagOption | ValueOption;

/** A command of `guideline`: its arguments, what it does, and its table of options. */
export interface CommandDeclaration {
  /** The arguments as the usage line writes them: `[PATH...]`, `A B`. */
  readonly arguments: string;
  /** What the command does, for its `--help`. */
  readonly summary: string;
  readonly options: { readonly [name: string]: OptionDeclaration };
}

/** The values of a command's options, typed by its table: a flag is a boolean, a repeatable option a list, any other a string if given. */
export type OptionValues<Options extends CommandDeclaration["options"]> = {
  readonly [Name in keyof Options]: Options[Name] extends FlagOption
    ? boolean
    : Options[Name] extends { readonly repeatable: true }
      ? readonly string[]
      : string | undefined;
};

/** A command line read against a command's table: its arguments and its option values. */
export interface CommandInput<Options extends CommandDeclaration["options"]> {
  readonly positionals: readonly string[];
  readonly options: OptionValues<Options>;
}

/** What reading a command line gives: the input to run with, a request for help, or the first mistake (a GL7011–GL7015 diagnostic). */
export type CommandLine<Options extends CommandDeclaration["options"]> =
  | { readonly kind: "run"; readonly input: CommandInput<Options> }
  | { readonly kind: "help" }
  | { readonly kind: "wrong"; readonly diagnostic: Diagnostic };

/** `--help` and `-h`, which every command takes. */
const helpOption = "help";

/**
 * Reads the arguments of `guideline NAME` against its table of options, with `node:util`
 * `parseArgs`. Strict: an option the table does not declare is an error (GL7012 with the
 * closest declared option, else GL7011), as are a value option without its value (GL7013; a
 * value starting with `--` is taken for a forgotten value), a value given to a flag (GL7014) and
 * an option that takes one value given twice (GL7015). `--help` or `-h` anywhere asks for help.
 * After `--`, every argument is an argument, even one starting with `-`.
 */
export function readCommandLine<Declaration extends CommandDeclaration>(
  name: string,
  declaration: Declaration,
  args: readonly string[],
): CommandLine<Declaration["options"]> {
  const config: NonNullable<ParseArgsConfig["options"]> = { [helpOption]: { type: "boolean", short: "h" } };
  const values: Record<string, boolean | string | string[] | undefined> = {};
  for (const [option, declared] of Object.entries(declaration.options)) {
    config[option] = { type: declared.kind === "flag" ? "boolean" : "string" };
    values[option] = declared.kind === "flag" ? false : declared.repeatable ? [] : undefined;
  }
  const { tokens } = parseArgs({ args: [...args], options: config, strict: false, allowPositionals: true, tokens: true });
  if (tokens.some((token) => token.kind === "option" && token.name === helpOption)) return { kind: "help" };
  const positionals: string[] = [];
  for (const token of tokens) {
    switch (token.kind) {
      case "positional":
        positionals.push(token.value);
        break;
      case "option-terminator":
        break;
      case "option": {
        const declared = Object.hasOwn(declaration.options, token.name) ? declaration.options[token.name] : undefined;
        // A short option (`-o`) is never declared: every option of the tables is long.
        if (declared === undefined || !token.rawName.startsWith("--"))
          return { kind: "wrong", diagnostic: unknownOption(token.rawName, name, declaration) };
        const wrong = readOption(token, declared, values);
        if (wrong) return { kind: "wrong", diagnostic: wrong };
        break;
      }
      default:
        return assertNever(token);
    }
  }
  // The values were built from the table, one per declared option, with the types OptionValues gives them.
  return { kind: "run", input: { positionals, options: values as OptionValues<Declaration["options"]> } };
}

/** Stores one option's value in `values`, or says what is wrong with it. */
function readOption(
  token: { readonly name: string; readonly rawName: string; readonly value: string | undefined; readonly inlineValue: boolean | undefined },
  declared: OptionDeclaration,
  values: Record<string, boolean | string | string[] | undefined>,
): Diagnostic | undefined {
  switch (declared.kind) {
    case "flag":
      if (token.value !== undefined) return makeDiagnostic("GL7014", undefined, [token.rawName]);
      values[token.name] = true;
      return undefined;
    case "value": {
      const value = token.value;
      if (value === undefined || (!token.inlineValue && value.startsWith("--")))
        return makeDiagnostic("GL7013", undefined, [token.rawName, declared.value]);
      const earlier = values[token.name];
      if (Array.isArray(earlier)) earlier.push(value);
      else if (earlier !== undefined) return makeDiagnostic("GL7015", undefined, [token.rawName, declared.value]);
      else values[token.name] = value;
      return undefined;
    }
    default:
      return assertNever(declared);
  }
}

function unknownOption(written: string, name: string, declaration: CommandDeclaration): Diagnostic {
  const closest = closestName(
    written,
    [...Object.keys(declaration.options), helpOption].map((option) => `--${option}`),
  );
  return closest === undefined
    ? makeDiagnostic("GL7011", undefined, [written, name])
    : makeDiagnostic("GL7012", undefined, [written, name, closest]);
}

/** How an option is written in a usage line: `--json`, `--out DIR`. */
function written(option: string, declared: OptionDeclaration): string {
  return declared.kind === "flag" ? `--${option}` : `--${option} ${declared.value}`;
}

/** The usage line of a command: `guideline compile [PATH...] [--out DIR]`; a repeatable option is followed by `...`. */
export function commandUsage(name: string, declaration: CommandDeclaration): string {
  const options = Object.entries(declaration.options).map(
    ([option, declared]) => `[${written(option, declared)}]${declared.kind === "value" && declared.repeatable ? "..." : ""}`,
  );
  return ["guideline", name, declaration.arguments, ...options].filter((part) => part !== "").join(" ");
}

/** The text `guideline NAME --help` prints: the usage line, what the command does, and each option with its description. */
export function commandHelp(name: string, declaration: CommandDeclaration): string {
  const rows = [
    ...Object.entries(declaration.options).map(([option, declared]) => [written(option, declared), declared.description] as const),
    ["-h, --help", "this text"] as const,
  ];
  const width = Math.max(...rows.map(([left]) => left.length)) + 2;
  return [
    `usage: ${commandUsage(name, declaration)}`,
    "",
    declaration.summary,
    "",
    "options:",
    ...rows.map(([left, right]) => `  ${left.padEnd(width)}${right}`),
    "",
  ].join("\n");
}
