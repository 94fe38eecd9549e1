/**
 * A preload for the `--workers` tests (`node --import test/support/crash-worker.mjs`): in a
 * worker thread, reading a line that holds `"crash-this-worker"` stops the thread at once with
 * exit code 9, as a crash would. The main thread is left alone.
 */
import { isMainThread } from "node:worker_threads";

if (!isMainThread) {
  const parse = JSON.parse;
  JSON.parse = function crashingParse(text, reviver) {
    if (typeof text === "string" && text.includes('"crash-this-worker"')) process.exit(9);
    return parse.call(this, text, reviver);
  };
}
