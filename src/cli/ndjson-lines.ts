import type { Readable } from "node:stream";

/**
 * Consecutive lines of an NDJSON input, as the bytes read: the form in which lines travel to a
 * worker thread (one copy, no object per line), and in which the main thread answers them too.
 */
export interface LineBatch {
  /** The number of its first line in the input, from 1. */
  readonly first: number;
  /** How many lines it holds. */
  readonly count: number;
  /**
   * The lines' bytes, each followed by a line feed, in a buffer of their own (never a view of
   * a larger one). A line over the size limit is not kept: it stands here as an empty line.
   */
  readonly bytes: Uint8Array;
  /** The numbers of its lines that were over the size limit, in order. */
  readonly tooLong: readonly number[];
}

const lineFeed = 10;

/**
 * The lines of a stream, split on line feed (U+000A) only: a carriage return or any other
 * character is part of its line, as JSON allows a bare carriage return as whitespace, so line
 * N of the output always answers line N of the input. A line longer than `maxBytes` is not
 * kept in memory: it is skipped up to its line feed and named in `tooLong`. A last line
 * without a final line feed counts; an input that ends with a line feed has no empty line after it.
 * The lines come in batches of at most `batchSize` lines: each batch holds lines already read,
 * never waits for more input (the lines of one chunk are given as soon as the chunk is read),
 * and is never empty. `onBytes` is told the size of each chunk read, for a progress display.
 */
export async function* ndjsonBatches(
  input: Readable,
  maxBytes: number,
  batchSize: number,
  onBytes?: (bytes: number) => void,
): AsyncGenerator<LineBatch> {
  const lines = new BatchBuilder();
  // The line under way across chunks: its pieces (dropped once it is over the limit) and its size.
  let pending: Uint8Array[] = [];
  let pendingSize = 0;
  for await (const chunk of input as AsyncIterable<Buffer | string>) {
    const buffer = typeof chunk === "string" ? Buffer.from(chunk, "utf8") : chunk;
    onBytes?.(buffer.length);
    let start = 0;
    for (let end = buffer.indexOf(lineFeed, start); end !== -1; end = buffer.indexOf(lineFeed, start)) {
      const size = pendingSize + end - start;
      if (size > maxBytes) lines.addTooLong();
      else lines.add([...pending, buffer.subarray(start, end + 1)], size + 1, false);
      pending = [];
      pendingSize = 0;
      start = end + 1;
      if (lines.count >= batchSize) yield lines.take();
    }
    if (start < buffer.length) {
      if (pendingSize <= maxBytes) pending.push(buffer.subarray(start));
      pendingSize += buffer.length - start;
      if (pendingSize > maxBytes) pending = [];
    }
    if (lines.count > 0) yield lines.take();
  }
  if (pendingSize > maxBytes) lines.addTooLong();
  else if (pendingSize > 0) lines.add(pending, pendingSize + 1, true);
  if (lines.count > 0) yield lines.take();
}

/** The batch being filled: pieces of the chunks read, copied into one buffer when it is taken. */
class BatchBuilder {
  count = 0;
  private next = 1;
  private pieces: Uint8Array[] = [];
  private size = 0;
  private tooLong: number[] = [];
  private static readonly lineFeed = Uint8Array.of(lineFeed);

  /** Adds one line: its pieces, its size (line feed included), and whether the line feed is still to add. */
  add(pieces: readonly Uint8Array[], size: number, addLineFeed: boolean): void {
    this.pieces.push(...pieces);
    if (addLineFeed) this.pieces.push(BatchBuilder.lineFeed);
    this.size += size;
    this.count++;
  }

  /** Adds a line over the size limit: an empty line, named in `tooLong`. */
  addTooLong(): void {
    this.tooLong.push(this.next + this.count);
    this.add([], 1, true);
  }

  take(): LineBatch {
    // A buffer of its own, not Buffer.concat's, which may be a slice of Node's shared pool.
    const bytes = new Uint8Array(this.size);
    let offset = 0;
    for (const piece of this.pieces) {
      bytes.set(piece, offset);
      offset += piece.length;
    }
    const batch: LineBatch = { first: this.next, count: this.count, bytes, tooLong: this.tooLong };
    this.next += this.count;
    this.count = 0;
    this.pieces = [];
    this.size = 0;
    this.tooLong = [];
    return batch;
  }
}
