/**
 * `guideline serve` (the built command line): it prints its address, serves on 127.0.0.1, logs
 * JSON lines on standard output and stops cleanly on SIGTERM; a wrong port is refused.
 */
import { spawn } from "node:child_process";
import { createServer } from "node:net";
import { describe, expect, it } from "vitest";
import { cli, cliRoot, collect, run } from "../support/run-cli.js";
import { getJson } from "./serve-harness.js";

describe("guideline serve", () => {
  it("serves on the port it prints, logs JSON lines, and exits 0 on SIGTERM", { timeout: 60_000 }, async () => {
    const child = spawn(process.execPath, [cli, "serve", "--port", "0"], { cwd: cliRoot, env: { ...process.env, NO_COLOR: "1" } });
    const done = collect(child);
    const url = await new Promise<string>((resolve, reject) => {
      let seen = "";
      child.stderr.on("data", (chunk: Buffer) => {
        seen += chunk.toString("utf8");
        const match = /serving (http:\/\/127\.0\.0\.1:\d+)\/cds-services/.exec(seen);
        if (match?.[1]) resolve(match[1]);
      });
      child.on("close", () => {
        reject(new Error(`serve stopped: ${seen}`));
      });
    });
    const health = await getJson(`${url}/health`);
    expect(health.status).toBe(200);
    expect((await fetch(`${url}/rulebook`)).status).toBe(200);
    child.kill("SIGTERM");
    const result = await done;
    expect(result.code).toBe(0);
    const lines = result.stdout.trim().split("\n");
    for (const line of lines) expect(() => JSON.parse(line) as unknown).not.toThrow();
    expect(lines.some((line) => (JSON.parse(line) as { route?: string }).route === "/health")).toBe(true);
  });

  it("refuses a port that is not a number, with its usage line (exit 2)", async () => {
    const result = await run(["serve", "--port", "http"]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("usage: guideline serve");
  });

  it("says which port it cannot listen on (GL7099, exit 74)", async () => {
    const busy = createServer();
    await new Promise<void>((resolve) => busy.listen(0, "127.0.0.1", resolve));
    const address = busy.address();
    const port = typeof address === "object" && address ? address.port : 0;
    try {
      const result = await run(["serve", "--port", String(port)]);
      expect(result.code).toBe(74);
      expect(result.stderr).toContain("GL7099");
    } finally {
      busy.close();
    }
  });
});
