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
import { loadPack } from "../runtime/load-pack.js";
import { answerBatch, type BatchAnswers } from "./line-answer.js";
import type { LineBatch } from "./ndjson-lines.js";

/** What a worker is started with: a copy of the pack the main thread loaded, and the report form. */
export interface WorkerSetup {
  readonly pack: RulePack;
  readonly compact: boolean;
  readonly engine: EngineName;
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
  // The main thread loaded this pack (signature checked, or bundled, or `--unsigned` with its
  // warning) before copying it here: its schema and integrity hash are checked again on the copy,
  // its signature is not asked for a second time.
  const pack = loadPack(setup.pack, { allowUnsigned: true });
  let queue = Promise.resolve();
  port.on("message", (message: WorkerBatch) => {
    queue = queue.then(async () => {
      const answers = await answerBatch(message.batch, pack, setup.compact, setup.engine);
      port.postMessage({ id: message.id, ...answers } satisfies WorkerAnswers, [answers.bytes.buffer as ArrayBuffer]);
    });
  });
}
