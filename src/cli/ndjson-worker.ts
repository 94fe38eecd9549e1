/**
 * A worker thread of `guideline evaluate --ndjson --workers N`: it answers the batches of lines
 * the main thread sends, one batch after the other, with the same answers as the main thread
 * would give (see `answerLine`). It is started by `WorkerLanes` in `ndjson-stream.ts` only.
 */
import { parentPort, workerData } from "node:worker_threads";
import type { RulePack } from "../pack/pack-format.js";
import type { EngineName } from "../runtime/evaluate.js";
import { loadPack } from "../runtime/load-pack.js";
import { answerLine, type LineAnswer } from "./line-answer.js";
import type { NdjsonLine } from "./ndjson-lines.js";

/** What a worker is started with: a copy of the pack the main thread loaded, and the report form. */
export interface WorkerSetup {
  readonly pack: RulePack;
  readonly compact: boolean;
  readonly engine: EngineName;
}

/** A batch of lines to answer, and its answers, matched by `id`. */
export interface WorkerBatch {
  readonly id: number;
  readonly lines: readonly NdjsonLine[];
}

/** The answers to a batch, in the order of its lines. */
export interface WorkerAnswers {
  readonly id: number;
  readonly answers: readonly LineAnswer[];
}

if (parentPort !== null) {
  const port = parentPort;
  const setup = workerData as WorkerSetup;
  // The main thread loaded this pack (signature checked, or bundled, or `--unsigned` with its
  // warning) before copying it here: its schema and integrity hash are checked again on the copy,
  // its signature is not asked for a second time.
  const pack = loadPack(setup.pack, { allowUnsigned: true });
  let queue = Promise.resolve();
  port.on("message", (batch: WorkerBatch) => {
    queue = queue.then(async () => {
      const answers: LineAnswer[] = [];
      for (const line of batch.lines) answers.push(await answerLine(line, pack, setup.compact, setup.engine));
      port.postMessage({ id: batch.id, answers } satisfies WorkerAnswers);
    });
  });
}
