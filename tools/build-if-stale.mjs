#!/usr/bin/env node
/**
 * Builds dist/ with `tsc -p tsconfig.json` unless it is already up to date: `npm ci` builds once
 * (through `prepare`), and `npm test` right after it does not build again, yet `npm test` after
 * an edit to src/ still tests the edited source.
 *
 * dist/ is up to date when the build's record, `dist/.tsbuildinfo` (tsconfig.json's
 * `tsBuildInfoFile`, written by every build), is newer than every file and folder under src/
 * (a folder's time changes when a file is added, removed or renamed in it) and than
 * tsconfig.json, package.json and package-lock.json. Anything else, or no record: build.
 *
 * Then the browser runtime (`tools/build-browser-runtime.mjs`, which the rulebook inlines) is
 * built when tsc built, or when one of its classic-script files is missing or older than the record.
 */
import { spawnSync } from "node:child_process";
import { readdirSync, statSync, utimesSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");

/** The latest modification time (ms) of a file, or of a folder and everything under it. */
function newest(path) {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let latest = stat.mtimeMs;
  for (const entry of readdirSync(path)) latest = Math.max(latest, newest(join(path, entry)));
  return latest;
}

function builtAt() {
  try {
    return statSync(join(root, "dist", ".tsbuildinfo")).mtimeMs;
  } catch {
    return undefined;
  }
}

/** The modification time (ms) of the browser runtime's classic script, or undefined. */
function browserBuiltAt() {
  try {
    return Math.min(...["guideline-runtime.iife.js", "ucum.iife.js"].map((f) => statSync(join(root, "dist", "browser", f)).mtimeMs));
  } catch {
    return undefined;
  }
}

const built = builtAt();
const inputs = Math.max(...["src", "tsconfig.json", "package.json", "package-lock.json"].map((p) => newest(join(root, p))));
let status = 0;
if (built !== undefined && built > inputs) {
  console.log("dist/ is up to date with src/: not built again");
} else {
  const tsc = join(root, "node_modules", "typescript", "bin", "tsc");
  const result = spawnSync(process.execPath, [tsc, "-p", "tsconfig.json"], { cwd: root, stdio: "inherit" });
  // An incremental build with nothing to emit leaves the record as it was: date it, so the next run skips.
  status = result.status ?? 1;
  if (status === 0) {
    const now = new Date();
    utimesSync(join(root, "dist", ".tsbuildinfo"), now, now);
  }
}
const browserAt = browserBuiltAt();
if (status === 0 && (browserAt === undefined || browserAt < (builtAt() ?? Infinity))) {
  const result = spawnSync(process.execPath, [join(root, "tools", "build-browser-runtime.mjs")], { cwd: root, stdio: "inherit" });
  status = result.status ?? 1;
}
process.exit(status);
