/**
 * A preload for memory tests (`node --import test/support/max-rss.mjs`): when the process exits,
 * it writes its peak resident set size in KiB (`process.resourceUsage().maxRSS`) to the file
 * named by the `MAX_RSS_FILE` variable. It writes nothing else and changes nothing.
 */
import { writeFileSync } from "node:fs";
import { isMainThread } from "node:worker_threads";

const file = process.env.MAX_RSS_FILE;
if (isMainThread && file) process.on("exit", () => writeFileSync(file, String(process.resourceUsage().maxRSS)));
