/**
 * A worker thread of `guideline evaluate --ndjson --workers N`: it answers the batches of lines
 * the main thread sends, one batch after the other, with the same answers as the main thread
 * would give (see `answerBatch`). The lines come as the bytes read and the answers go back as
 * the bytes to write, handed over without a copy: the main thread only splits lines and writes.
 * It is started by `WorkerLanes` in `ndjson-stream.ts` only.
 */
import { parentPort, workerData } from "node:worker_threads";
import type { RulePack } from "../pack/pack-format.js";
import type { EngineName } from "../runtime/evaluate.js";
import { editionPack, loadPack } from "../runtime/load-pack.js";
import { assertNever } from "../shared/assert-never.js";
import { answerBatch, type BatchAnswers } from "./line-answer.js";
import type { LineBatch } from "./ndjson-lines.js";

/**
 * Where a worker thread gets its pack: a bundled edition it reads itself, as the main thread did
 * (a file of `generated/` whose checks the compiler made, so no schema or hash is checked again),
 * or a copy of any other pack the main thread loaded (signature checked, or `--unsigned` with its
 * warning), whose schema and integrity hash are checked again on the copy, but not its signature.
 */
export type WorkerPack = { readonly kind: "edition"; readonly edition: number } | { readonly kind: "copy"; readonly pack: RulePack };

/** What a worker is started with: its pack, and the report form. */
export interface WorkerSetup {
  readonly pack: WorkerPack;
  readonly compact: boolean;
  readonly engine: EngineName;
}

/** The pack a worker thread evaluates with. */
function packOf(source: WorkerPack): RulePack {
  switch (source.kind) {
    case "edition":
      return editionPack(source.edition);
    case "copy":
      return loadPack(source.pack, { allowUnsigned: true });
    default:
      return assertNever(source);
  }
}

/** A batch of lines to answer, and its answers, matched by `id`. */
export interface WorkerBatch {
  readonly id: number;
  readonly batch: LineBatch;
}

/** The answers to a batch, in the order of its lines. */
export interface WorkerAnswers extends BatchAnswers {
  readonly id: number;
}

if (parentPort !== null) {
  const port = parentPort;
  const setup = workerData as WorkerSetup;
  const pack = packOf(setup.pack);
  let queue = Promise.resolve();
  port.on("message", (message: WorkerBatch) => {
    queue = queue.then(async () => {
      const answers = await answerBatch(message.batch, pack, setup.compact, setup.engine);
      port.postMessage({ id: message.id, ...answers } satisfies WorkerAnswers, [answers.bytes.buffer as ArrayBuffer]);
    });
  });
}
