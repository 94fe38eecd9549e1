import { createCdsServer, type CdsServer, type ServeOptions } from "../../src/serve/server.js";
import { defaultPack } from "../../src/runtime/load-pack.js";

/** A server on 127.0.0.1 with its log lines captured, for one test file. */
export interface Harness {
  readonly server: CdsServer;
  readonly url: string;
  /** Every log line written so far (JSON text). */
  readonly logs: string[];
}

/** A fixed evaluation time, so that the answers do not depend on the day the tests run. */
export const fixedNow = new Date("2026-12-01T09:00:00Z");

/** Starts a server (bundled pack, fixed time, logs captured) on any free port. */
export async function startServer(options: Partial<ServeOptions> = {}): Promise<Harness> {
  const logs: string[] = [];
  const server = createCdsServer({
    pack: defaultPack(),
    now: () => fixedNow,
    log: { stream: { write: (line: string) => logs.push(line) } },
    rulebookHtml: "<!doctype html><title>rulebook</title>",
    ...options,
  });
  const url = await server.listen(0);
  return { server, url, logs };
}

/** Each request gives up after this long: no test waits for ever. */
export const requestTimeoutMs = 30_000;

/** POSTs a JSON body (a string as given) and reads the answer: status and JSON body. */
export async function post(url: string, body: unknown, contentType = "application/json"): Promise<{ status: number; json: unknown }> {
  const response = await fetch(url, {
    method: "POST",
    headers: { "content-type": contentType },
    body: typeof body === "string" ? body : JSON.stringify(body),
    signal: AbortSignal.timeout(requestTimeoutMs),
  });
  return { status: response.status, json: await response.json() };
}

/** GETs a URL and reads the answer as JSON. */
export async function getJson(url: string): Promise<{ status: number; json: unknown }> {
  const response = await fetch(url, { signal: AbortSignal.timeout(requestTimeoutMs) });
  return { status: response.status, json: await response.json() };
}

/** A hook request for `hook`, with the prefetch given. */
export function hookBody(hook: string, prefetch?: Record<string, unknown>): Record<string, unknown> {
  return {
    hook,
    hookInstance: "d1577c69-dfbe-44ad-ba6d-3e05e953b2ea",
    context: { userId: "Practitioner/1", patientId: "1288992" },
    ...(prefetch ? { prefetch } : {}),
  };
}
