import type { Readable } from "node:stream";

/** One line of an NDJSON input: its text, or only its size when it is over the limit. */
export type NdjsonLine =
  { readonly kind: "line"; readonly number: number; readonly text: string } | { readonly kind: "too-long"; readonly number: number };

/**
 * The lines of a stream, split on line feed (U+000A) only: a carriage return or any other
 * character is part of its line, as JSON allows a bare carriage return as whitespace, so line
 * N of the output always answers line N of the input. A line longer than `maxBytes` is not
 * kept in memory: it is skipped up to its line feed and given as `too-long`. A last line
 * without a final line feed counts; an input that ends with a line feed has no empty line after it.
 * The lines come in batches of at most `batchSize` lines: each batch holds lines already read, never waits for more input (the lines of one chunk
 * are given as soon as the chunk is read), and is never empty. `onBytes` is told the size of
 * each chunk read, for a progress display.
 */
export async function* ndjsonBatches(
  input: Readable,
  maxBytes: number,
  batchSize: number,
  onBytes?: (bytes: number) => void,
): AsyncGenerator<NdjsonLine[]> {
  let parts: Buffer[] = [];
  let size = 0;
  let tooLong = false;
  let number = 0;
  const take = (piece: Buffer): void => {
    if (tooLong || piece.length === 0) return;
    size += piece.length;
    if (size > maxBytes) {
      tooLong = true;
      parts = [];
    } else parts.push(piece);
  };
  /** Whether a line is under way (read through a function: `take` changes the state behind the compiler's narrowing). */
  const lineUnderWay = (): boolean => size > 0 || tooLong;
  const finish = (): NdjsonLine => {
    number++;
    const line: NdjsonLine = tooLong
      ? { kind: "too-long", number }
      : { kind: "line", number, text: Buffer.concat(parts, size).toString("utf8") };
    parts = [];
    size = 0;
    tooLong = false;
    return line;
  };
  for await (const chunk of input as AsyncIterable<Buffer | string>) {
    const buffer = typeof chunk === "string" ? Buffer.from(chunk, "utf8") : chunk;
    onBytes?.(buffer.length);
    let batch: NdjsonLine[] = [];
    let start = 0;
    for (let end = buffer.indexOf(10, start); end !== -1; end = buffer.indexOf(10, start)) {
      take(buffer.subarray(start, end));
      batch.push(finish());
      start = end + 1;
      if (batch.length >= batchSize) {
        yield batch;
        batch = [];
      }
    }
    take(buffer.subarray(start));
    if (batch.length > 0) yield batch;
  }
  if (lineUnderWay()) yield [finish()];
}
