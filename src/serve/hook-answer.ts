import type { RulePack } from "../pack/pack-format.js";
import { evaluateSync } from "../runtime/evaluate.js";
import { InvalidFactsError } from "../runtime/fact-errors.js";
import type { CdsService, HookResponse } from "./cds-hooks.js";
import type { CardContext } from "./card-context.js";
import { reportCards } from "./cards.js";
import { hookFacts } from "./hook-facts.js";
import { readHookRequest } from "./hook-request.js";
import { ServiceError } from "./service-error.js";

/**
 * The answer to one hook request: the request checked (a refusal lists every problem, status
 * 400), its prefetch read into facts, the facts evaluated with the closures (safe to run for
 * many requests at once), the report turned into cards. A prefetch key of the service that is
 * absent or `null` was not fetched: its facts stay unknown and the cards say so.
 */
export function answerHook(body: unknown, service: CdsService, pack: RulePack, context: CardContext, now: Date): HookResponse {
  const request = readHookRequest(body, service);
  const { facts, sources, problems } = hookFacts(request, pack, now);
  const absent = Object.keys(service.prefetch).filter((key) => request.prefetch[key] === undefined || request.prefetch[key] === null);
  try {
    const report = evaluateSync(facts, { pack, factSources: sources });
    return { cards: reportCards(report, { absent, problems }, context) };
  } catch (error) {
    if (!(error instanceof InvalidFactsError)) throw error;
    throw new ServiceError(
      400,
      error.errors.map((e) => ({ code: e.code, message: e.message, path: e.path, ...(e.hint !== undefined ? { hint: e.hint } : {}) })),
    );
  }
}
