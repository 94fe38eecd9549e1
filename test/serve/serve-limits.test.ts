/**
 * The limits of the CDS Hooks service and its logs, over real HTTP on 127.0.0.1: a body over the
 * size limit, more requests in flight than allowed, 1 000 requests at once answered as they are
 * one by one, and log lines that never hold what the request carried.
 */
import { connect, type Socket } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import type { DiscoveryResponse } from "../../src/serve/cds-hooks.js";
import { defaultPack } from "../../src/runtime/load-pack.js";
import { getJson, hookBody, observationsFor, post, startServer, type Harness } from "./serve-harness.js";

const pack = defaultPack();

let harness: Harness | undefined;
afterEach(async () => {
  await harness?.server.close();
  harness = undefined;
});

async function serviceIds(url: string): Promise<Map<string, string>> {
  const { json } = await getJson(`${url}/cds-services`);
  return new Map((json as DiscoveryResponse).services.map((s) => [s.hook, s.id]));
}

/** Opens a socket that sends the headers of a hook request and part of its body, then waits: a request in flight. */
function halfSentRequest(url: string, path: string): Promise<Socket> {
  const { port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), "127.0.0.1", () => {
      socket.write(`POST ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{"hook":`);
      resolve(socket);
    });
    socket.on("error", reject);
  });
}

describe("limits", () => {
  it("refuses a body over the size limit with 413 and GL7091", async () => {
    harness = await startServer({ limits: { bodyBytes: 2_000 } });
    const id = (await serviceIds(harness.url)).get("order-sign");
    const answer = await post(`${harness.url}/cds-services/${id}`, { ...hookBody("order-sign"), padding: "x".repeat(5_000) });
    expect(answer.status).toBe(413);
    expect((answer.json as { errors: { code: string }[] }).errors[0]?.code).toBe("GL7091");
  });

  it("refuses one request more than the limit in flight with 503 and GL7095, and answers again once they are done", async () => {
    harness = await startServer({ limits: { concurrent: 2 } });
    const id = (await serviceIds(harness.url)).get("order-sign") ?? "";
    const sockets = [await halfSentRequest(harness.url, `/cds-services/${id}`), await halfSentRequest(harness.url, `/cds-services/${id}`)];
    // Health is never held to the limit: it tells when both are in flight (bounded by the test's timeout).
    while (((await getJson(`${harness.url}/health`)).json as { inFlight: number }).inFlight < 2);
    const refused = await post(`${harness.url}/cds-services/${id}`, hookBody("order-sign"));
    expect(refused.status).toBe(503);
    expect((refused.json as { errors: { code: string }[] }).errors[0]?.code).toBe("GL7095");
    for (const socket of sockets) socket.destroy();
    while (((await getJson(`${harness.url}/health`)).json as { inFlight: number }).inFlight > 0);
    expect((await post(`${harness.url}/cds-services/${id}`, hookBody("order-sign"))).status).toBe(200);
  });

  it("answers a request whose body never ends with 503 and GL7097 once its time is up", async () => {
    harness = await startServer({ limits: { requestMs: 300 } });
    const id = (await serviceIds(harness.url)).get("order-sign") ?? "";
    const socket = await halfSentRequest(harness.url, `/cds-services/${id}`);
    const answer = await new Promise<string>((resolve) => {
      let text = "";
      socket.on("data", (chunk: Buffer) => {
        text += chunk.toString("utf8");
        if (text.includes("}]}")) resolve(text);
      });
      socket.on("close", () => {
        resolve(text);
      });
    });
    socket.destroy();
    expect(answer.startsWith("HTTP/1.1 503")).toBe(true);
    expect(answer).toContain("GL7097");
  });

  it("answers 1 000 requests at once exactly as it answers them one by one", { timeout: 150_000 }, async () => {
    // The time limit is raised for this test only: on a busy test machine the last of 1 000
    // requests may wait longer than the default for its turn, and would rightly be refused.
    harness = await startServer({ limits: { requestMs: 120_000 } });
    const ids = await serviceIds(harness.url);
    const variants = [...ids].flatMap(([hook, id]) => [
      { url: `${harness?.url ?? ""}/cds-services/${id}`, body: hookBody(hook) },
      { url: `${harness?.url ?? ""}/cds-services/${id}`, body: hookBody(hook, {}) },
      { url: `${harness?.url ?? ""}/cds-services/${id}`, body: { ...hookBody(hook), hook: "patient-view" } },
      ...[0.05, 0.5, 0.95].map((share) => ({
        url: `${harness?.url ?? ""}/cds-services/${id}`,
        body: hookBody(hook, observationsFor(pack, share)),
      })),
    ]);
    const sequential: { status: number; json: unknown }[] = [];
    for (const v of variants) sequential.push(await post(v.url, v.body));
    const requests = Array.from({ length: 1_000 }, (_, i) => i % variants.length);
    const concurrent = await Promise.all(requests.map((v) => post(variants[v]?.url ?? "", variants[v]?.body)));
    concurrent.forEach((answer, i) => {
      expect(answer).toEqual(sequential[requests[i] ?? 0]);
    });
    expect(((await getJson(`${harness.url}/health`)).json as { inFlight: number }).inFlight).toBe(0);
  });
});

describe("logs", () => {
  it("are JSON lines, one per request, with the status and the codes, and nothing the request carried", async () => {
    harness = await startServer();
    const id = (await serviceIds(harness.url)).get("order-sign");
    const secret = "SECRET-PATIENT-7f3a";
    const body = {
      ...hookBody("order-sign"),
      context: { patientId: secret, draftOrders: { name: secret } },
      fhirAuthorization: { access_token: secret },
    };
    await post(`${harness.url}/cds-services/${id}`, body);
    await post(`${harness.url}/cds-services/${id}`, `{"patient": "${secret}", `);
    await post(`${harness.url}/cds-services/${id}?patient=${secret}`, { ...body, prefetch: { [secret]: secret } });
    await getJson(`${harness.url}/${secret}`);
    const lines = harness.logs.join("").trim().split("\n");
    for (const line of lines) expect(line).not.toContain(secret);
    const answered = lines
      .map((line) => JSON.parse(line) as { msg: string; status?: number; codes?: string[] })
      .filter((l) => l.msg === "answered");
    expect(answered.map((l) => [l.status, l.codes])).toEqual([
      [200, []],
      [200, []],
      [400, ["GL7090"]],
      [400, ["GL7092"]],
      [404, ["GL7094"]],
    ]);
  });
});
