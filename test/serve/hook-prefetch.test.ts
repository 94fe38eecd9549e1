/**
 * A hook with prefetch, over real HTTP on 127.0.0.1: the resources sent become facts (through the
 * FHIR mapping), the draft order gives the plan its date, a prefetch key not sent (or `null`)
 * leaves its facts unknown and is named on the missing-data card, and a resource that cannot be
 * read is listed with its code. Expectations come from the pack and the report.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { evaluateSync } from "../../src/runtime/evaluate.js";
import { defaultPack } from "../../src/runtime/load-pack.js";
import type { Card, DiscoveryResponse, HookResponse } from "../../src/serve/cds-hooks.js";
import { cardContext } from "../../src/serve/card-context.js";
import { markdownText } from "../../src/serve/card-text.js";
import { reportCards } from "../../src/serve/cards.js";
import { packPrefetch } from "../../src/serve/hook-facts.js";
import {
  draftOrders,
  getJson,
  hookBody,
  medicationStatement,
  observationsFor,
  post,
  searchset,
  startServer,
  type Harness,
} from "./serve-harness.js";

const pack = defaultPack();
const prefetchKeys = Object.keys(packPrefetch(pack));
const codedFacts = pack.facts.filter((f) => f.type === "quantity" && f.codes?.length).map((f) => f.path);
let harness: Harness;
let hookUrl: string;

beforeAll(async () => {
  harness = await startServer();
  const { json } = await getJson(`${harness.url}/cds-services`);
  hookUrl = `${harness.url}/cds-services/${(json as DiscoveryResponse).services.find((s) => s.hook === "order-sign")?.id ?? ""}`;
});
afterAll(async () => {
  await harness.server.close();
});

async function cardsFor(body: Record<string, unknown>): Promise<readonly Card[]> {
  const answer = await post(hookUrl, body);
  expect(answer.status).toBe(200);
  return (answer.json as HookResponse).cards;
}

/** The missing-data card: the last one, always a warning. */
function missingCardOf(cards: readonly Card[]): Card | undefined {
  const last = cards.at(-1);
  return last && last !== cards[0] && last.indicator === "warning" && prefetchKeys.some((k) => last.detail.includes(k)) ? last : undefined;
}

describe("prefetch read into facts", () => {
  it("the pack asks for resources in its prefetch templates; the facts they give are no longer missing, and are traced to them", async () => {
    expect(codedFacts.length).toBeGreaterThan(0);
    const before = await cardsFor(hookBody("order-sign"));
    const after = await cardsFor(hookBody("order-sign", observationsFor(pack, 0.5)));
    for (const path of codedFacts) {
      const index = pack.facts.findIndex((f) => f.path === path);
      expect(after[0]?.detail).toContain(markdownText(`${path} ← Observation/obs-${index}`));
      expect(missingCardOf(before)?.detail ?? "").toContain(markdownText(`(${path})`));
      expect(after.map((c) => c.detail).join("\n")).not.toContain(markdownText(`(${path})`));
    }
  });

  it("a treatment and a draft order give the plan card, with its dates, as the report of the same facts", async () => {
    const drug = pack.drugs.find((d) => d.namedBySource && d.atc.length > 0);
    const datePath = pack.plan?.date;
    if (!drug || !datePath) throw new Error("the pack has no plan with a date and no named drug");
    const date = "2026-12-14";
    const body = { ...hookBody("order-sign", { MedicationStatement: searchset([medicationStatement(drug.name, drug.atc[0])]) }) };
    const cards = await cardsFor({ ...body, context: { ...(body.context as object), draftOrders: draftOrders(date) } });
    const facts: Record<string, unknown> = { medications: [{ name: drug.name, atc: drug.atc[0] }] };
    const [head, ...rest] = datePath.split(".");
    facts[head ?? datePath] = rest.length ? { [rest.join(".")]: date } : date;
    const expected = reportCards(evaluateSync(facts, pack), { absent: [], problems: [] }, cardContext(pack, `${harness.url}/rulebook`));
    expect(expected.length).toBeGreaterThan(1);
    expect(cards[1]).toEqual(expected[1]);
  });
});

describe("missing prefetch: the service never guesses", () => {
  it("names every prefetch key not sent or sent as null, and the facts that block the verdict", async () => {
    const [sentKey, nullKey] = prefetchKeys;
    const cards = await cardsFor(hookBody("order-sign", { [sentKey ?? ""]: searchset([]), [nullKey ?? ""]: null }));
    const missing = missingCardOf(cards);
    expect(missing).toBeDefined();
    const absentLine = missing?.detail.split("\n").find((line) => prefetchKeys.slice(1).every((k) => line.includes(k)));
    expect(absentLine).toBeDefined();
    expect(absentLine).not.toContain(sentKey);
    const report = evaluateSync({}, pack);
    for (const fact of report.relevant.verdict) expect(missing?.detail).toContain(markdownText(`(${fact.path})`));
  });

  it("lists a resource it cannot read with its code, and leaves its fact unknown", async () => {
    const observations = observationsFor(pack, 0.5);
    const [key] = Object.keys(observations);
    const bundle = observations[key ?? ""] as { entry: { resource: Record<string, unknown> }[] };
    const unreadable = searchset([{ ...bundle.entry[0]?.resource, status: "preliminary" }]);
    const cards = await cardsFor(hookBody("order-sign", { [key ?? ""]: unreadable }));
    const missing = missingCardOf(cards);
    expect(missing?.detail).toMatch(/GL50\d\d/);
    expect(missing?.detail).toContain(markdownText(`(${key ?? ""})`));
  });
});
