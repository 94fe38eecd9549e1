import { once } from "node:events";
import { fstatSync } from "node:fs";
import type { Writable } from "node:stream";
import { Worker } from "node:worker_threads";
import { makeDiagnostic, type Diagnostic } from "../diagnostics/diagnostic.js";
import type { RulePack } from "../pack/pack-format.js";
import type { EngineName } from "../runtime/evaluate.js";
import { runtimeLimits } from "../runtime/limits.js";
import { bundledEditions, editionPack } from "../runtime/load-pack.js";
import { isTrustedAsCode } from "../pack/trust.js";
import { exitCodes, type CliIo } from "./cli-io.js";
import { answerBatch, lostBatch, type BatchAnswers } from "./line-answer.js";
import { ndjsonBatches, type LineBatch } from "./ndjson-lines.js";
import type { WorkerAnswers, WorkerBatch, WorkerPack, WorkerSetup } from "./ndjson-worker.js";

/** The most worker threads `--workers` may ask for. */
export const maxWorkers = 64;

/**
 * The most lines in one batch: enough to make the cost of a message to a worker thread, and of a
 * write, small beside the evaluations; few enough that a batch is answered in milliseconds.
 */
const batchLines = 32;

/** The options of `evaluate --ndjson`. */
export interface StreamOptions {
  /** `--workers N`: the number of worker threads; undefined evaluates on the main thread. */
  readonly workers: number | undefined;
  /** `--compact`: write compact reports (see `compactReport`). */
  readonly compact: boolean;
  /** `--engine`: the engine that evaluates each line. */
  readonly engine: EngineName;
}

/**
 * Reads `--workers N` and `--compact` from the options of `evaluate`. Both apply to `--ndjson`
 * only (`GL7035`); `N` is a whole number from 1 to {@link maxWorkers} (`GL7034`).
 */
export function streamOptionsFrom(
  options: { readonly workers?: string | undefined; readonly compact?: boolean | undefined; readonly ndjson?: boolean | undefined },
  engine: EngineName,
): StreamOptions | { readonly error: Diagnostic } {
  let workers: number | undefined;
  if (options.workers !== undefined) {
    workers = /^\d+$/.test(options.workers) ? Number(options.workers) : Number.NaN;
    if (!(workers >= 1 && workers <= maxWorkers)) return { error: makeDiagnostic("GL7034", undefined, [maxWorkers]) };
  }
  const compact = options.compact === true;
  const misplaced = workers !== undefined ? "--workers" : compact ? "--compact" : undefined;
  if (misplaced !== undefined && options.ndjson !== true) return { error: makeDiagnostic("GL7035", undefined, [misplaced]) };
  return { workers, compact, engine };
}

/**
 * Streams NDJSON: one facts object per input line, one JSON line per input line, in order.
 * Lines are split on line feed only. A line that is not JSON, not valid facts or over the size
 * limit gives `{"error": ...}` with its line number, and processing goes on; blank lines are
 * echoed as blank lines so line numbers stay aligned. Memory stays bounded whatever the length
 * of the input: no more lines are read while the answers waiting to be written fill the window,
 * and none is written while standard output is full (backpressure).
 * - On the main thread (no `--workers`), each answer is written as soon as it is computed, before
 *   the next line is evaluated.
 * - With `--workers N`, batches of lines go to N worker threads, and the answers are written in
 *   input order. A worker thread that stops answers each of its lines with `GL7030` and is replaced.
 * When standard error is a terminal, a progress line (count, rate, and time left when standard
 * input is a file) is kept up to date on it; never on a pipe or a file.
 */
export async function evaluateStream(pack: RulePack, io: CliIo, options: StreamOptions): Promise<number> {
  const progress = Progress.onTerminal(io);
  const lanes =
    options.workers === undefined
      ? undefined
      : new WorkerLanes(options.workers, { pack: workerPack(pack), compact: options.compact, engine: options.engine });
  const answer =
    lanes !== undefined
      ? (batch: LineBatch) => lanes.submit(batch)
      : (batch: LineBatch) => answerBatch(batch, pack, options.compact, options.engine);
  // Batches whose answers are not written yet: one on the main thread, two per worker thread
  // (one being evaluated, one queued), so that no worker waits for the main thread.
  const window = lanes !== undefined ? 2 * lanes.size : 1;
  let failed = 0;
  let inFlight = 0;
  let failure: { readonly error: unknown } | undefined;
  let freed: (() => void) | undefined;
  let written: Promise<void> = Promise.resolve();
  const writeAnswers = async (answers: Promise<BatchAnswers>, lines: number): Promise<void> => {
    try {
      const { bytes, failed: failedLines } = await answers;
      if (failure !== undefined) return;
      failed += failedLines;
      // The bytes are escaped already (see `answerBatch`): written as they are, not through `write`.
      if (!io.stdout.write(bytes)) await once(io.stdout, "drain");
      progress?.answered(lines);
    } catch (error) {
      failure ??= { error };
    } finally {
      inFlight--;
      freed?.();
    }
  };
  try {
    for await (const batch of ndjsonBatches(io.stdin, runtimeLimits.inputBytes, batchLines, progress?.read)) {
      const answers = answer(batch);
      inFlight++;
      written = written.then(() => writeAnswers(answers, batch.count));
      while (inFlight >= window && failure === undefined) await new Promise<void>((resolve) => (freed = resolve));
      if (failure !== undefined) throw failure.error;
    }
    await written;
    if (failure !== undefined) throw failure.error;
  } finally {
    await lanes?.close();
    progress?.stop();
  }
  return failed ? exitCodes.errors : exitCodes.ok;
}

/** How worker threads get `pack`: by edition when it is the bundled pack of its edition, else as a copy. */
function workerPack(pack: RulePack): WorkerPack {
  const edition = pack.guideline.edition;
  if (isTrustedAsCode(pack) && bundledEditions().editions.includes(edition) && editionPack(edition) === pack)
    return { kind: "edition", edition };
  return { kind: "copy", pack };
}

/** A batch sent to a worker thread, waiting for its answers. */
interface Waiting {
  readonly batch: LineBatch;
  readonly resolve: (answers: BatchAnswers) => void;
}

/** One worker thread and the batches it has not answered yet. */
interface Lane {
  readonly worker: Worker;
  readonly waiting: Map<number, Waiting>;
  stopReason: string | undefined;
}

/**
 * N worker threads (`ndjson-worker.ts`) answering batches of lines. A batch goes to the thread
 * with the fewest batches waiting. A thread that stops (an error, a crash, an exit) answers
 * every batch it held with `GL7030`, per line, and is replaced: nothing waits for it.
 */
class WorkerLanes {
  // A lane whose thread stopped is started again only when a batch is sent to it: a thread that
  // cannot start costs one batch each time, never a loop of restarts while the input is idle.
  private readonly lanes: (Lane | undefined)[] = [];
  private nextId = 0;
  private closing = false;

  constructor(
    readonly size: number,
    private readonly setup: WorkerSetup,
  ) {
    for (let index = 0; index < size; index++) this.start(index);
  }

  /** The answers to the lines of `batch`, in their order. */
  submit(batch: LineBatch): Promise<BatchAnswers> {
    let index = 0;
    for (let i = 1; i < this.lanes.length; i++) if ((this.lanes[i]?.waiting.size ?? 0) < (this.lanes[index]?.waiting.size ?? 0)) index = i;
    const lane = this.lanes[index] ?? this.start(index);
    const id = this.nextId++;
    return new Promise((resolve) => {
      lane.waiting.set(id, { batch, resolve });
      // The bytes are copied, not handed over: they answer the batch with GL7030 if the thread stops.
      lane.worker.postMessage({ id, batch } satisfies WorkerBatch);
    });
  }

  /** Stops every worker thread; call when no batch is waiting. */
  async close(): Promise<void> {
    this.closing = true;
    await Promise.all(this.lanes.filter((l) => l !== undefined).map((l) => l.worker.terminate()));
  }

  private start(index: number): Lane {
    const worker = new Worker(new URL("./ndjson-worker.js", import.meta.url), { workerData: this.setup });
    const lane: Lane = { worker, waiting: new Map(), stopReason: undefined };
    this.lanes[index] = lane;
    worker.on("message", (message: WorkerAnswers) => {
      const waiting = lane.waiting.get(message.id);
      lane.waiting.delete(message.id);
      waiting?.resolve(message);
    });
    worker.on("error", (error: unknown) => {
      lane.stopReason ??= error instanceof Error ? error.message : String(error);
    });
    worker.on("exit", (code: number) => {
      if (this.closing) return;
      if (this.lanes[index] === lane) this.lanes[index] = undefined;
      const reason = lane.stopReason ?? `exit code ${code}`;
      for (const waiting of lane.waiting.values()) waiting.resolve(lostBatch(waiting.batch, reason));
      lane.waiting.clear();
    });
    return lane;
  }
}

/** How often the progress line is redrawn. */
const progressIntervalMs = 250;

/**
 * The progress line of a stream on a terminal: lines answered, lines a second, and the time
 * left when standard input is a file of known size (estimated from the bytes read).
 */
class Progress {
  private lines = 0;
  private bytesRead = 0;
  private readonly startedAt = performance.now();
  private readonly timer: NodeJS.Timeout;

  private constructor(
    private readonly stderr: Writable,
    private readonly totalBytes: number | undefined,
  ) {
    this.timer = setInterval(() => {
      this.show(false);
    }, progressIntervalMs);
    this.timer.unref();
  }

  /** A progress line on standard error when it is a terminal; else none. */
  static onTerminal(io: CliIo): Progress | undefined {
    if ((io.stderr as { isTTY?: boolean }).isTTY !== true) return undefined;
    const fd = (io.stdin as { fd?: unknown }).fd;
    let total: number | undefined;
    try {
      const stat = typeof fd === "number" ? fstatSync(fd) : undefined;
      total = stat?.isFile() === true ? stat.size : undefined;
    } catch {
      total = undefined;
    }
    return new Progress(io.stderr, total);
  }

  /** Counts bytes read from standard input. */
  readonly read = (bytes: number): void => {
    this.bytesRead += bytes;
  };

  /** Counts lines answered. */
  answered(lines: number): void {
    this.lines += lines;
  }

  /** Draws the last figures and ends the line. */
  stop(): void {
    clearInterval(this.timer);
    this.show(true);
    this.stderr.write("\n");
  }

  private show(final: boolean): void {
    const seconds = (performance.now() - this.startedAt) / 1000;
    const rate = seconds > 0 ? Math.round(this.lines / seconds) : 0;
    const left =
      !final && this.totalBytes !== undefined && this.bytesRead > 0
        ? (seconds * Math.max(0, this.totalBytes - this.bytesRead)) / this.bytesRead
        : undefined;
    const message =
      left === undefined
        ? makeDiagnostic("GL7032", undefined, [this.lines, rate]).message
        : makeDiagnostic("GL7031", undefined, [this.lines, rate, duration(left)]).message;
    // A carriage return and "erase to the end of the line" redraw the line in place.
    this.stderr.write(`\r\u001b[Kguideline: ${message}`);
  }
}

/** A time left, for people: `42 s`, `3 min 12 s`, `2 h 5 min`. */
function duration(seconds: number): string {
  const s = Math.round(seconds);
  if (s < 60) return `${s} s`;
  if (s < 3600) return `${Math.floor(s / 60)} min ${s % 60} s`;
  return `${Math.floor(s / 3600)} h ${Math.floor((s % 3600) / 60)} min`;
}
