/**
 * Issue 10, runtime items, as a user of the built command line meets them: NDJSON framing and
 * streaming (item 12), size limits and non-finite numbers (items 10, 11), escaped terminal
 * output (item 18) and signed packs (item 7). `npm test` builds first; run `npm run build`
 * before `npx vitest run test/cli-hardening.test.ts` otherwise.
 */
import { spawn } from "node:child_process";
import { generateKeyPairSync } from "node:crypto";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { evaluate } from "../src/runtime/evaluate.js";
import { defaultPack } from "../src/runtime/load-pack.js";
import { runtimeLimits } from "../src/runtime/limits.js";
import { cli, cliRoot, firstOutputLine, run } from "./support/run-cli.js";

const generatedPack = join(cliRoot, "generated", String(defaultPack().guideline.edition), "pack.json");
const example = join(cliRoot, "examples", "patient-vertebra.json");
const exampleLine = readFileSync(example, "utf8").replace(/\s*\n\s*/g, " ");
const plan = defaultPack().plan;

const temps: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), "guideline-hardening-"));
  temps.push(dir);
  return dir;
}
afterAll(() => {
  for (const dir of temps) rmSync(dir, { recursive: true, force: true });
});

describe("item 12 — --ndjson answers line N with report N", () => {
  it("a bare CR inside a line (JSON whitespace) does not split it: 6 lines in, 6 out, each the right patient", async () => {
    const lines = [exampleLine, "{}", exampleLine.replace(/, /g, ",\r "), '{"labs":\r{}}', "{}", exampleLine];
    const { code, stdout } = await run(["evaluate", "--ndjson"], { input: `${lines.join("\n")}\n` });
    expect(code).toBe(0);
    const outputs = stdout.trimEnd().split("\n");
    expect(outputs.length).toBe(6);
    for (const [i, line] of lines.entries()) expect(outputs[i], `line ${i + 1}`).toBe(JSON.stringify(await evaluate(JSON.parse(line))));
  });

  it("a line over the size limit is one GL5040 error line with its number, and the stream goes on", async () => {
    const long = `{"x":"${"y".repeat(runtimeLimits.inputBytes)}"}`;
    const { code, stdout } = await run(["evaluate", "--ndjson"], { input: `{}\n${long}\n{}\n` });
    expect(code).toBe(1);
    const outputs = stdout.trimEnd().split("\n");
    expect(outputs.length).toBe(3);
    expect(JSON.parse(outputs[1] ?? "")).toEqual({
      error: {
        kind: "too-large",
        code: "GL5040",
        message: `the input is more than ${runtimeLimits.inputBytes} bytes long, the limit for one facts document`,
      },
      line: 2,
    });
    expect(outputs[2]).toBe(outputs[0]);
  });

  it("each report is written as soon as it is computed, before the input ends", async () => {
    const child = spawn(process.execPath, [cli, "evaluate", "--ndjson"], { cwd: cliRoot });
    child.stdin.write(`${exampleLine}\n`);
    const first = await firstOutputLine(child, 20_000);
    child.stdin.end();
    expect(JSON.parse(first)).toEqual(JSON.parse(JSON.stringify(await evaluate(JSON.parse(exampleLine)))));
  });
});

describe("items 10 and 11 — limits and non-finite numbers are coded errors, never exit 70", () => {
  it("1e999 in a facts file is GL5030, exit 1", async () => {
    const file = join(tempDir(), "facts.json");
    const quantity = defaultPack().facts.find((f) => f.type === "quantity");
    // The fact may list its units (GL5010) or convert any UCUM unit (GL5003): either way the unit is quoted, escaped.
    const [head = "", tail = ""] = quantity?.path.split(".") ?? [];
    writeFileSync(file, `{"${head}": {"${tail}": {"value": 1e999, "unit": "${quantity?.type === "quantity" ? quantity.unit : ""}"}}}`);
    const { code, stderr } = await run(["evaluate", file]);
    expect(code).toBe(1);
    expect(stderr).toContain(`$.${quantity?.path}.value: GL5030 Infinity is not a finite number`);
  });

  it("a facts file over the size limit is GL5040, exit 1, also on stdin and with --json", async () => {
    const file = join(tempDir(), "big.json");
    writeFileSync(file, `{"x":"${"y".repeat(runtimeLimits.inputBytes)}"}`);
    const fromFile = await run(["evaluate", file]);
    expect(fromFile.code).toBe(1);
    expect(fromFile.stderr).toContain("GL5040");
    const fromStdin = await run(["evaluate", "-", "--json"], { input: readFileSync(file, "utf8") });
    expect(fromStdin.code).toBe(1);
    expect(JSON.parse(fromStdin.stdout)).toMatchObject({ error: { kind: "too-large", code: "GL5040" } });
  });
});

describe.runIf(existsSync("/dev/zero"))("item 10 — an input that never ends is cut at the limit", () => {
  it("/dev/zero as the facts file is GL5040 (exit 1); as the pack, GL5050 (exit 3)", async () => {
    const facts = await run(["evaluate", "/dev/zero"]);
    expect(facts.code).toBe(1);
    expect(facts.stderr).toContain("GL5040");
    const packed = await run(["evaluate", "examples/patient-vertebra.json", "--pack", "/dev/zero", "--unsigned"]);
    expect(packed.code).toBe(3);
    expect(packed.stderr).toContain(`GL5050 the rule pack file /dev/zero is more than ${runtimeLimits.packBytes} bytes long`);
  });
});

describe("item 18 — no control character reaches the terminal", () => {
  it("a drug name with a line break and escape sequences is printed escaped, on one line", async () => {
    const facts = JSON.stringify({ [plan?.list ?? ""]: [{ name: "x\n  - Forged : poursuivre\u001b[2K\u001b[1A" }] });
    const { code, stdout } = await run(["evaluate", "-"], { input: facts });
    expect(code).toBe(0);
    expect(stdout).not.toContain("\u001b");
    expect(stdout.split("\n").some((line) => line.startsWith("  - Forged"))).toBe(false);
    expect(stdout).toContain("x\\u000A  - Forged : poursuivre\\u001B[2K\\u001B[1A");
  });

  it("a unit holding an escape sequence is escaped in the GL5003 error on stderr", async () => {
    const quantity = defaultPack().facts.find((f) => f.type === "quantity");
    // The fact may list its units (GL5010) or convert any UCUM unit (GL5003): either way the unit is quoted, escaped.
    const [head = "", tail = ""] = quantity?.path.split(".") ?? [];
    const { code, stderr } = await run(["evaluate", "-"], {
      input: JSON.stringify({ [head]: { [tail]: { value: 1, unit: "g\u001b[2K\u001b[1A" } } }),
    });
    expect(code).toBe(1);
    expect(stderr).toMatch(/GL5003|GL5010/);
    expect(stderr).not.toContain("\u001b");
    expect(stderr).toContain("g\\u001B[2K\\u001B[1A");
  });
});

describe("item 7 — guideline sign, and --pack with --trust-key or --unsigned", () => {
  const keys = generateKeyPairSync("ed25519");
  const privatePem = keys.privateKey.export({ format: "pem", type: "pkcs8" }).toString();
  const publicPem = keys.publicKey.export({ format: "pem", type: "spki" }).toString();

  function signedCopy(): { dir: string; pack: string; publicKey: string; privateKey: string } {
    const dir = tempDir();
    const pack = join(dir, "pack.json");
    cpSync(generatedPack, pack);
    writeFileSync(join(dir, "key.pem"), privatePem);
    writeFileSync(join(dir, "key.pub.pem"), publicPem);
    return { dir, pack, publicKey: join(dir, "key.pub.pem"), privateKey: join(dir, "key.pem") };
  }

  it("a pack signed with --key runs with --trust-key and gives the bundled pack's report", async () => {
    const { pack, publicKey, privateKey } = signedCopy();
    const signed = await run(["sign", pack, "--key", privateKey]);
    expect(signed.code).toBe(0);
    expect(signed.stdout).toContain(`${pack}.sig`);
    const withKey = await run(["evaluate", "examples/patient-vertebra.json", "--pack", pack, "--trust-key", publicKey]);
    expect(withKey.code).toBe(0);
    expect(withKey.stdout).toBe((await run(["evaluate", "examples/patient-vertebra.json"])).stdout);
  });

  it("the key can come from GUIDELINE_SIGNING_KEY; a tampered, re-hashed pack is then refused (GL5043, exit 3)", async () => {
    const { pack, publicKey } = signedCopy();
    expect((await run(["sign", pack], { env: { GUIDELINE_SIGNING_KEY: privatePem } })).code).toBe(0);
    const { packIntegrity } = await import("../src/pack/pack-integrity.js");
    const data = JSON.parse(readFileSync(pack, "utf8")) as { verdict: { outcomes: { when: unknown }[] }; integrity: string };
    data.verdict.outcomes = data.verdict.outcomes.slice(-1).map((o) => ({ ...o, when: { kind: "always" } }));
    data.integrity = packIntegrity(data as never);
    writeFileSync(pack, JSON.stringify(data));
    const { code, stdout, stderr } = await run(["evaluate", "examples/patient-vertebra.json", "--pack", pack, "--trust-key", publicKey]);
    expect(code).toBe(3);
    expect(stdout).toBe("");
    expect(stderr).toContain("GL5043");
  });

  it("--pack without --trust-key or --unsigned is refused (GL5042, exit 3)", async () => {
    const { pack } = signedCopy();
    const { code, stderr } = await run(["evaluate", "examples/patient-vertebra.json", "--pack", pack]);
    expect(code).toBe(3);
    expect(stderr).toContain("GL5042");
  });

  it("a signing key inside a Git working tree is refused (GL5049); a key that is not Ed25519 is GL5048", async () => {
    const { dir, pack } = signedCopy();
    const repo = join(dir, "repo");
    mkdirSync(join(repo, ".git"), { recursive: true });
    writeFileSync(join(repo, "key.pem"), privatePem);
    const inRepo = await run(["sign", pack, "--key", join(repo, "key.pem")]);
    expect(inRepo.code).toBe(1);
    expect(inRepo.stderr).toContain("GL5049");
    const rsa = generateKeyPairSync("rsa", { modulusLength: 1024 }).privateKey.export({ format: "pem", type: "pkcs8" }).toString();
    const wrongKind = await run(["sign", pack], { env: { GUIDELINE_SIGNING_KEY: rsa } });
    expect(wrongKind.code).toBe(1);
    expect(wrongKind.stderr).toContain("GL5048");
  });
});
