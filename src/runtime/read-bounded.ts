import { closeSync, openSync, readSync } from "node:fs";

/**
 * The text (UTF-8) of a file, or undefined when it is longer than `maxBytes`. Reads at most
 * `maxBytes + 1` bytes whatever the file is: a device or a pipe that never ends (`/dev/zero`)
 * cannot exhaust memory. Throws as `openSync` does when the file cannot be opened.
 */
export function readTextAtMost(path: string | URL, maxBytes: number): string | undefined {
  const descriptor = openSync(path, "r");
  try {
    const buffer = Buffer.alloc(Math.min(maxBytes + 1, 1 << 16));
    const chunks: Buffer[] = [];
    let size = 0;
    for (let read = readSync(descriptor, buffer); read > 0; read = readSync(descriptor, buffer)) {
      size += read;
      if (size > maxBytes) return undefined;
      chunks.push(Buffer.from(buffer.subarray(0, read)));
    }
    return Buffer.concat(chunks, size).toString("utf8");
  } finally {
    closeSync(descriptor);
  }
}
