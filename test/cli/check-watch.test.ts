import { spawn } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { repoRoot } from "../support/compile-guideline.js";
import { cli, run } from "../support/run-cli.js";

const scratch = mkdtempSync(join(tmpdir(), "guideline-watch-"));

afterAll(() => {
  rmSync(scratch, { recursive: true, force: true });
});

/** Resolves once `read()` satisfies `ready`, polling; rejects after `ms`. */
async function until(read: () => string, ready: (text: string) => boolean, ms = 20_000): Promise<string> {
  const start = Date.now();
  while (!ready(read())) {
    if (Date.now() - start > ms) throw new Error(`timed out; output so far:\n${read()}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return read();
}

describe("guideline check --watch", () => {
  it("checks, then checks again on each save: a mistake appears with its code, and goes once fixed", async () => {
    const folder = join(scratch, "edition");
    cpSync(join(repoRoot, "test/fixtures/lsp"), folder, { recursive: true });
    const main = join(folder, "main.guideline");
    const text = readFileSync(main, "utf8");
    const child = spawn(process.execPath, [cli, "check", "--watch", "edition"], { cwd: scratch, env: { ...process.env, NO_COLOR: "1" } });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    try {
      await until(
        () => stdout,
        (s) => s.includes("0 error(s)"),
      );
      // Give the watcher a moment to start before the first save.
      await new Promise((resolve) => setTimeout(resolve, 300));
      writeFileSync(main, text.replace("when labs.count > seuil.count", "when labs.cuont > seuil.count"));
      await until(
        () => stdout,
        (s) => /== checked again: main\.guideline changed\n1 error\(s\)/.test(s),
      );
      expect(stderr).toMatch(/edition\/main\.guideline:\d+:\d+ error GL2\d{3} .*labs\.cuont/);
      writeFileSync(main, text);
      await until(
        () => stdout,
        (s) => (s.split("== checked again")[2] ?? "").includes("0 error(s)"),
      );
      // A save (the file truncated, then written) is checked once, not once per change the system reports.
      await new Promise((resolve) => setTimeout(resolve, 800));
      expect(stdout.split("== checked again")).toHaveLength(3);
      expect(child.exitCode).toBeNull();
    } finally {
      child.kill();
    }
  }, 60_000);

  it("refuses a path that does not exist before watching anything: exit code 2", async () => {
    const result = await run(["check", "--watch", "no-such-folder"], { cwd: scratch });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("no such file or folder: no-such-folder");
  });
});
