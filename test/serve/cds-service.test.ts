/**
 * The CDS Hooks service over real HTTP on 127.0.0.1: discovery, the cards of a hook, missing
 * prefetch, refused requests with their codes, health. The pack is the bundled one, but no test
 * pins its numbers or wording: expectations are computed from the pack and its report.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { evaluateSync } from "../../src/runtime/evaluate.js";
import { defaultPack } from "../../src/runtime/load-pack.js";
import type { Card, DiscoveryResponse, HookResponse } from "../../src/serve/cds-hooks.js";
import { summaryText } from "../../src/serve/card-text.js";
import { packPrefetch } from "../../src/serve/hook-facts.js";
import { getJson, hookBody, post, startServer, type Harness } from "./serve-harness.js";

const pack = defaultPack();
let harness: Harness;

beforeAll(async () => {
  harness = await startServer();
});
afterAll(async () => {
  await harness.server.close();
});

async function services(): Promise<DiscoveryResponse["services"]> {
  const { status, json } = await getJson(`${harness.url}/cds-services`);
  expect(status).toBe(200);
  return (json as DiscoveryResponse).services;
}

/** The service of `hook`, from the discovery response. */
async function serviceOf(hook: string): Promise<DiscoveryResponse["services"][number]> {
  const service = (await services()).find((s) => s.hook === hook);
  if (!service) throw new Error(`no service for ${hook}`);
  return service;
}

/** Every card holds to the CDS Hooks card: a summary of at most 140 characters, an indicator, a source, absolute links. */
function expectCardShape(card: Card): void {
  expect(typeof card.summary).toBe("string");
  expect(card.summary.length).toBeGreaterThan(0);
  expect([...new Intl.Segmenter().segment(card.summary)].length).toBeLessThanOrEqual(140);
  expect(["info", "warning", "critical"]).toContain(card.indicator);
  expect(card.source.label).toContain(pack.guideline.title);
  expect(card.source.label).toContain(String(pack.guideline.edition));
  for (const link of card.links ?? []) {
    expect(link.type).toBe("absolute");
    expect(link.url.startsWith(`${harness.url}/rulebook#`)).toBe(true);
  }
}

describe("discovery", () => {
  it("lists one service per hook, for the order of the procedure, with the prefetch templates the pack needs", async () => {
    const listed = await services();
    expect(listed.map((s) => s.hook).sort()).toEqual(["order-select", "order-sign"]);
    expect(new Set(listed.map((s) => s.id)).size).toBe(2);
    for (const service of listed) {
      expect(service.id).toContain(pack.guideline.id);
      expect(service.title).toContain(pack.guideline.title);
      expect(service.description).toContain(pack.verdict.question);
      expect(service.prefetch).toEqual(packPrefetch(pack));
      for (const template of Object.values(service.prefetch)) expect(typeof template).toBe("string");
    }
  });

  it("has a health endpoint naming the pack it serves and its limits", async () => {
    const { status, json } = await getJson(`${harness.url}/health`);
    expect(status).toBe(200);
    expect(json).toMatchObject({ status: "ok", guideline: { id: pack.guideline.id, edition: pack.guideline.edition }, inFlight: 0 });
  });

  it("serves the rulebook the cards' links point to", async () => {
    const response = await fetch(`${harness.url}/rulebook`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toContain("text/html");
  });
});

describe("a hook without prefetch: the service never guesses", () => {
  it("answers with the verdict card of a report with nothing known, and a card naming the facts that block the verdict", async () => {
    const service = await serviceOf("order-sign");
    const { status, json } = await post(`${harness.url}/cds-services/${service.id}`, hookBody("order-sign"));
    expect(status).toBe(200);
    const { cards } = json as HookResponse;
    const report = evaluateSync({}, pack);
    cards.forEach(expectCardShape);
    const [verdict, ...rest] = cards;
    expect(verdict?.summary).toBe(summaryText(report.headline));
    expect(verdict?.indicator).not.toBe("info");
    expect(verdict?.detail).toContain(report.verdictQuestion.split(" ")[0]);
    const missing = rest.at(-1);
    expect(missing?.indicator).toBe("warning");
    const blocking = report.relevant.verdict.length ? report.relevant.verdict : report.relevant.readiness;
    expect(blocking.length).toBeGreaterThan(0);
    expect(missing?.summary).toContain(blocking[0]?.label.slice(0, 20));
    for (const fact of blocking) expect(missing?.detail).toContain(fact.path);
    for (const key of Object.keys(packPrefetch(pack))) expect(missing?.detail).toContain(key);
  });

  it("answers order-select as order-sign: the same cards", async () => {
    const [select, sign] = [await serviceOf("order-select"), await serviceOf("order-sign")];
    const a = await post(`${harness.url}/cds-services/${select.id}`, hookBody("order-select"));
    const b = await post(`${harness.url}/cds-services/${sign.id}`, hookBody("order-sign", {}));
    expect(a.json).toEqual(b.json);
  });
});

describe("refused requests: a status and the error codes", () => {
  const cases: readonly {
    readonly name: string;
    readonly body: unknown;
    readonly contentType?: string;
    readonly status: number;
    readonly code: string;
  }[] = [
    { name: "a body that is not JSON", body: '{"hook": ', status: 400, code: "GL7090" },
    { name: "an empty body", body: "", status: 400, code: "GL7090" },
    { name: "a JSON list", body: [], status: 400, code: "GL7092" },
    { name: "no hook", body: { hookInstance: "x", context: {} }, status: 400, code: "GL7092" },
    { name: "a context that is not an object", body: { hook: "order-sign", hookInstance: "x", context: 3 }, status: 400, code: "GL7092" },
    {
      name: "a prefetch value that is a string",
      body: { ...hookBody("order-sign"), prefetch: { any: "text" } },
      status: 400,
      code: "GL7092",
    },
    { name: "the other hook", body: hookBody("order-select"), status: 400, code: "GL7093" },
    { name: "another content type", body: "hook=order-sign", contentType: "text/plain", status: 415, code: "GL7096" },
  ];
  it.each(cases)("$name: $status $code", async ({ body, contentType, status, code }) => {
    const service = await serviceOf("order-sign");
    const answer = await post(`${harness.url}/cds-services/${service.id}`, body, contentType);
    expect(answer.status).toBe(status);
    const { errors } = answer.json as { errors: { code: string; message: string }[] };
    expect(errors.map((e) => e.code)).toContain(code);
    for (const e of errors) expect(e.message.length).toBeGreaterThan(0);
  });

  it("a deeply nested prefetch value is answered, never crashes the server", async () => {
    const service = await serviceOf("order-sign");
    const deep = `${"[".repeat(50_000)}${"]".repeat(50_000)}`;
    const text = `{"hook":"order-sign","hookInstance":"x","context":{"nested":${deep}},"prefetch":{"any":{"resourceType":"Bundle","entry":[{"resource":{"resourceType":"Observation","x":${deep}}}]}}}`;
    const answer = await post(`${harness.url}/cds-services/${service.id}`, text);
    expect([200, 400]).toContain(answer.status);
    expect((await getJson(`${harness.url}/health`)).status).toBe(200);
  });

  it("lists every problem of a request at once", async () => {
    const service = await serviceOf("order-sign");
    const answer = await post(`${harness.url}/cds-services/${service.id}`, { hook: 1, prefetch: [] });
    const { errors } = answer.json as { errors: { code: string; path: string }[] };
    expect(errors.map((e) => e.path).sort()).toEqual(["$.context", "$.hook", "$.hookInstance", "$.prefetch"]);
  });

  it("an unknown service or page is a 404 with its code", async () => {
    const answer = await post(`${harness.url}/cds-services/no-such-service`, hookBody("order-sign"));
    expect(answer.status).toBe(404);
    expect((answer.json as { errors: { code: string }[] }).errors[0]?.code).toBe("GL7094");
    expect((await getJson(`${harness.url}/nothing-here`)).status).toBe(404);
  });
});
