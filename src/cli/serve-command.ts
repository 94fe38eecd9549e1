import { readFileSync } from "node:fs";
import { makeDiagnostic } from "../diagnostics/diagnostic.js";
import { InvalidPackError } from "../pack/invalid-pack-error.js";
import type { RulePack } from "../pack/pack-format.js";
import { defaultPack, editionPack, generatedUrl } from "../runtime/load-pack.js";
import { isSystemError } from "../io/io-error.js";
import { createCdsServer } from "../serve/server.js";
import { exitCodes, write, writeDiagnostic, type CliIo } from "./cli-io.js";
import type { CommandInput } from "./command-line.js";
import { commandUsage } from "./command-line.js";
import { commandTable } from "./command-table.js";

/** The port of `--port`: a whole number from 0 to 65535, 3000 by default; undefined when it is not one. */
function portOf(given: string | undefined): number | undefined {
  if (given === undefined) return 3000;
  const port = Number(given);
  return /^\d+$/.test(given) && port <= 65535 ? port : undefined;
}

/** The rulebook compiled beside the bundled pack of the edition, if there is one. */
function bundledRulebook(pack: RulePack): string | undefined {
  try {
    return readFileSync(new URL(`${pack.guideline.edition}/rulebook/index.html`, generatedUrl), "utf8");
  } catch {
    return undefined;
  }
}

/**
 * `guideline serve`: the CDS Hooks service on 127.0.0.1 until SIGINT or SIGTERM, which close it
 * (the requests in flight are answered first); exit 0. Logs (JSON lines) go to standard output,
 * the address to standard error.
 */
export async function serveCommand(input: CommandInput<typeof commandTable.serve.options>, io: CliIo): Promise<number> {
  const { options } = input;
  const port = portOf(options.port);
  if (port === undefined || input.positionals.length) {
    const wrong = port === undefined ? "--port takes a whole number from 0 to 65535" : "serve takes no argument";
    write(io.stderr, `guideline: ${wrong}\nusage: ${commandUsage("serve", commandTable.serve)}\n`);
    return exitCodes.usage;
  }
  let pack: RulePack;
  try {
    pack = options.edition === undefined ? defaultPack() : editionPack(Number(options.edition));
  } catch (error) {
    if (!(error instanceof InvalidPackError)) throw error;
    write(io.stderr, `guideline: error ${error.code} ${error.message}\n`);
    return exitCodes.pack;
  }
  const rulebookHtml = bundledRulebook(pack);
  const server = createCdsServer({
    pack,
    log: { stream: io.stdout },
    ...(rulebookHtml !== undefined ? { rulebookHtml } : {}),
    ...(options["public-url"] !== undefined ? { publicUrl: options["public-url"] } : {}),
  });
  let url: string;
  try {
    url = await server.listen(port);
  } catch (error) {
    if (!isSystemError(error)) throw error;
    writeDiagnostic(io.stderr, makeDiagnostic("GL7099", undefined, [`127.0.0.1:${port}`, error.code]));
    return exitCodes.inputOutput;
  }
  write(io.stderr, `guideline: serving ${url}/cds-services (stop with Ctrl-C)\n`);
  return new Promise<number>((resolve) => {
    const stop = () => {
      process.off("SIGINT", stop);
      process.off("SIGTERM", stop);
      void server.close().then(() => {
        resolve(exitCodes.ok);
      });
    };
    process.once("SIGINT", stop);
    process.once("SIGTERM", stop);
  });
}
