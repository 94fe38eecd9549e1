import { factsFromFhir, prefetchTemplates } from "../fhir/index.js";
import { writeFactPath } from "../pack/fact-path.js";
import type { RulePack } from "../pack/pack-format.js";
import type { FactSource } from "../runtime/report.js";
import type { HookRequest } from "./cds-hooks.js";
import type { Unread } from "./missing-card.js";

/** The facts read from a hook request, the resource each came from, and the problems met reading it. */
export interface HookFacts {
  readonly facts: Readonly<Record<string, unknown>>;
  readonly sources: readonly FactSource[];
  readonly problems: Unread["problems"];
}

/** A FHIR date or date-time, as the facts accept it. */
const fhirDate = /^\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:\d{2})?)?$/;

/** The prefetch templates of the services of `pack`: the FHIR searches for the resources its facts are read from. */
export function packPrefetch(pack: RulePack): Readonly<Record<string, string>> {
  return prefetchTemplates(pack);
}

function isRecord(value: unknown): value is Readonly<Record<string, unknown>> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** The resources of the draft orders of the hook's context (`context.draftOrders`, a Bundle), if any. */
function draftOrders(context: HookRequest["context"]): readonly Readonly<Record<string, unknown>>[] {
  const bundle = context.draftOrders;
  const entries: unknown = isRecord(bundle) ? bundle.entry : undefined;
  if (!Array.isArray(entries)) return [];
  return entries.flatMap((entry: unknown) => (isRecord(entry) && isRecord(entry.resource) ? [entry.resource] : []));
}

/**
 * The date of the procedure the hook is about, and the order it comes from: the one date of the
 * draft orders (`occurrenceDateTime`, or the start of `occurrencePeriod`); none when they give no
 * date or several different ones (nothing is guessed).
 */
function orderDate(context: HookRequest["context"]): { readonly date: string; readonly id: string } | undefined {
  const dates = new Map<string, string>();
  for (const order of draftOrders(context)) {
    const period = order.occurrencePeriod;
    const start = isRecord(period) ? period.start : undefined;
    const date = order.occurrenceDateTime ?? start;
    const id = typeof order.id === "string" && /^[A-Za-z0-9.-]{1,64}$/.test(order.id) ? order.id : "draft-order";
    if (typeof date === "string" && fhirDate.test(date) && !dates.has(date)) dates.set(date, id);
  }
  const [only] = dates;
  return dates.size === 1 && only ? { date: only[0], id: only[1] } : undefined;
}

/**
 * The facts of a hook request: the one place where the request is read into facts. The prefetch
 * values sent (Bundles of a search, or single resources) are read together by the FHIR mapping
 * (`factsFromFhir`), at the time `now`; the pack's plan date, when it has one, is the draft
 * orders' date; each fact is traced to the resource it came from. A value not sent, or `null`,
 * gives no fact: those facts stay unknown.
 */
export function hookFacts(request: HookRequest, pack: RulePack, now: Date): HookFacts {
  const entry = Object.values(request.prefetch).flatMap((resource) => (resource === null || resource === undefined ? [] : [{ resource }]));
  const read = factsFromFhir({ resourceType: "Bundle", type: "collection", entry }, pack, { now });
  const { facts } = read;
  const sources: FactSource[] = [...read.provenance];
  const order = orderDate(request.context);
  const datePath = pack.plan?.date;
  if (order !== undefined && datePath !== undefined) {
    writeFactPath(facts, datePath, order.date);
    sources.push({ fact: datePath, resourceType: "ServiceRequest", id: order.id });
  }
  return { facts, sources, problems: read.problems.map((p) => ({ code: p.code, message: p.message })) };
}
