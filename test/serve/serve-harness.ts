import { createCdsServer, type CdsServer, type ServeOptions } from "../../src/serve/server.js";
import { defaultPack } from "../../src/runtime/load-pack.js";
import type { RulePack } from "../../src/pack/pack-format.js";

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
export const requestTimeoutMs = 130_000;

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

/** A searchset Bundle of these resources, as a prefetch value. */
export function searchset(resources: readonly Record<string, unknown>[]): Record<string, unknown> {
  return { resourceType: "Bundle", type: "searchset", entry: resources.map((resource) => ({ resource })) };
}

/**
 * An Observation for each quantity fact of the pack that has codes, dated the day before
 * {@link fixedNow}, in the fact's own unit: what a record gives for the pack's coded facts. The value
 * is the fraction `share` of the way from the fact's lowest allowed value to its highest.
 */
export function observationsFor(pack: RulePack, share: number): Record<string, Record<string, unknown>> {
  const prefetch: Record<string, Record<string, unknown>> = {};
  for (const fact of pack.facts) {
    if (fact.type !== "quantity" || !fact.codes?.length) continue;
    const coding = fact.codes.map((c) => ({ system: c.system, code: c.code }));
    const low = fact.min ?? 0;
    const value = low + ((fact.max ?? low + 100) - low) * share;
    prefetch[fact.path] = searchset([
      {
        resourceType: "Observation",
        id: `obs-${pack.facts.indexOf(fact)}`,
        status: "final",
        code: { coding },
        effectiveDateTime: new Date(fixedNow.getTime() - 86_400_000).toISOString(),
        valueQuantity: { value, unit: fact.unit, system: "http://unitsofmeasure.org", code: fact.unit },
      },
    ]);
  }
  return prefetch;
}

/** An active MedicationStatement for a drug of the pack's vocabulary, by its name and first ATC code. */
export function medicationStatement(name: string, atc: string | undefined): Record<string, unknown> {
  return {
    resourceType: "MedicationStatement",
    id: "med-1",
    status: "active",
    medicationCodeableConcept: { text: name, coding: atc ? [{ system: "http://www.whocc.no/atc", code: atc }] : [] },
  };
}

/** A draft order for the procedure on `date` (the hook's `context.draftOrders`). */
export function draftOrders(date: string): Record<string, unknown> {
  return searchset([{ resourceType: "ServiceRequest", id: "order-1", status: "draft", intent: "order", occurrenceDateTime: date }]);
}
