/**
 * The line splitter of `evaluate --ndjson` (`src/cli/ndjson-lines.ts`), in-process: however
 * the input arrives in chunks, the batches hold the input's lines, split on line feed only, in
 * order and numbered from 1, each line over the size limit named and not kept, and no batch is
 * larger than asked. No build needed.
 */
import { Readable } from "node:stream";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ndjsonBatches, type LineBatch } from "../../src/cli/ndjson-lines.js";

const seed = 20261201;

/** The lines of `text` as the splitter should give them: split on LF, no empty line after a final LF. */
function expectedLines(text: string): string[] {
  const lines = text.split("\n");
  if (lines.at(-1) === "") lines.pop();
  return lines;
}

/** Every batch `ndjsonBatches` gives for `text` cut into `cuts` chunks. */
async function batchesOf(text: string, cuts: readonly number[], maxBytes: number, batchSize: number): Promise<LineBatch[]> {
  const bytes = Buffer.from(text, "utf8");
  const points = [...new Set(cuts.map((c) => c % (bytes.length + 1)))].sort((a, b) => a - b);
  const chunks = [0, ...points, bytes.length].slice(1).map((end, i, ends) => bytes.subarray(i === 0 ? 0 : ends[i - 1], end));
  const batches: LineBatch[] = [];
  for await (const batch of ndjsonBatches(Readable.from(chunks.filter((c) => c.length > 0)), maxBytes, batchSize)) batches.push(batch);
  return batches;
}

/** Text of lines drawn from a small alphabet that includes line feeds, carriage returns and multi-byte characters. */
const textArbitrary = fc.string({ unit: fc.constantFrom("a", "{", "}", "\n", "\r", " ", "é", "€", "😀"), maxLength: 120 });

describe("ndjsonBatches", () => {
  it("law: however the input is chunked, the batches give back its lines in order, numbered from 1, each line over the limit named and emptied", async () => {
    await fc.assert(
      fc.asyncProperty(
        textArbitrary,
        fc.array(fc.nat(), { maxLength: 12 }),
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 1, max: 5 }),
        async (text, cuts, maxBytes, batchSize) => {
          const batches = await batchesOf(text, cuts, maxBytes, batchSize);
          const expected = expectedLines(text);
          let next = 1;
          const got: string[] = [];
          const tooLong: number[] = [];
          for (const batch of batches) {
            expect(batch.first).toBe(next);
            expect(batch.count).toBeGreaterThan(0);
            expect(batch.count).toBeLessThanOrEqual(batchSize);
            const lines = Buffer.from(batch.bytes).toString("utf8").split("\n");
            expect(lines.pop(), "every line ends with a line feed").toBe("");
            expect(lines.length).toBe(batch.count);
            got.push(...lines);
            tooLong.push(...batch.tooLong);
            next += batch.count;
          }
          const over = expected.flatMap((line, i) => (Buffer.byteLength(line) > maxBytes ? [i + 1] : []));
          expect(tooLong).toEqual(over);
          expect(got).toEqual(expected.map((line) => (Buffer.byteLength(line) > maxBytes ? "" : line)));
        },
      ),
      { seed, numRuns: 400 },
    );
  });

  it("each batch's bytes are a buffer of their own, which a worker thread can be handed without a copy", async () => {
    const batches = await batchesOf("{}\n{}\n".repeat(50), [7, 100, 301], 64, 4);
    for (const batch of batches) {
      expect(batch.bytes.byteOffset).toBe(0);
      expect(batch.bytes.buffer.byteLength).toBe(batch.bytes.byteLength);
    }
  });

  it("a batch never waits for more input: the lines of a chunk come before the next chunk is read", async () => {
    const input = new Readable({ read() {} });
    input.push("{}\n{}\n{");
    const batches = ndjsonBatches(input, 100, 32);
    const first = await batches.next();
    expect(first.done).toBe(false);
    expect((first.value as LineBatch | undefined)?.count).toBe(2);
    input.push("}\n");
    input.push(null);
    const second = await batches.next();
    expect(second.value).toMatchObject({ first: 3, count: 1 });
    expect((await batches.next()).done).toBe(true);
  });
});
