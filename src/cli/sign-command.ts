import { existsSync, readFileSync, realpathSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { makeDiagnostic } from "../diagnostics/diagnostic.js";
import { InvalidPackError } from "../pack/invalid-pack-error.js";
import { readPack } from "../runtime/load-pack.js";
import { signPack } from "../pack/pack-signature.js";
import { exitCodes, write, type CliIo } from "./cli-io.js";
import type { CommandInput } from "./command-line.js";
import type { commandTable } from "./command-table.js";

/** The environment variable that may hold the signing key (PEM), instead of `--key FILE`. */
export const signingKeyVariable = "GUIDELINE_SIGNING_KEY";

/** The Git working tree a file lies in, if any: the nearest folder above it holding `.git`. */
function gitWorkingTree(file: string): string | undefined {
  for (let folder = dirname(file); ; folder = dirname(folder)) {
    if (existsSync(join(folder, ".git"))) return folder;
    if (dirname(folder) === folder) return undefined;
  }
}

/**
 * `guideline sign PACK [--key FILE] [--out FILE]`: writes the detached signature of a rule pack
 * (`PACK.sig` by default), made with an Ed25519 private key read from `--key FILE` or from the
 * `GUIDELINE_SIGNING_KEY` variable. A key file inside a Git working tree is refused (GL5049):
 * a private key must never be committed. The pack is checked as `evaluate --pack` would before
 * it is signed; CI never signs, so it never needs the key.
 */
export function signCommand(input: CommandInput<typeof commandTable.sign.options>, io: CliIo): number {
  const { key: keyFile, out } = input.options;
  const [packFile, ...rest] = input.positionals;
  if (packFile === undefined || rest.length) {
    write(io.stderr, "guideline: usage: guideline sign PACK [--key FILE] [--out FILE] (or the key in GUIDELINE_SIGNING_KEY)\n");
    return exitCodes.usage;
  }
  let pem: string;
  if (keyFile !== undefined) {
    let real: string;
    try {
      real = realpathSync(resolve(io.cwd, keyFile));
      pem = readFileSync(real, "utf8");
    } catch {
      write(io.stderr, `guideline: cannot read the key ${keyFile}\n`);
      return exitCodes.usage;
    }
    if (gitWorkingTree(real) !== undefined) {
      write(io.stderr, `guideline: error GL5049 ${makeDiagnostic("GL5049", undefined, [keyFile]).message}\n`);
      return exitCodes.errors;
    }
  } else {
    const fromEnvironment = process.env[signingKeyVariable];
    if (!fromEnvironment) {
      write(io.stderr, `guideline: sign needs a private key: --key FILE, or the PEM in ${signingKeyVariable}\n`);
      return exitCodes.usage;
    }
    pem = fromEnvironment;
  }
  const path = resolve(io.cwd, packFile);
  try {
    const signature = signPack(readPack(path, { allowUnsigned: true }), pem);
    const target = resolve(io.cwd, out ?? `${packFile}.sig`);
    writeFileSync(target, `${JSON.stringify(signature, null, 2)}\n`);
    write(io.stdout, `wrote ${target} (signed by ${signature.key})\n`);
    return exitCodes.ok;
  } catch (error) {
    if (!(error instanceof InvalidPackError)) throw error;
    write(io.stderr, `guideline: error ${error.code} ${error.message}\n`);
    return error.code === "GL5048" ? exitCodes.errors : exitCodes.pack;
  }
}
