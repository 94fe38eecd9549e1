import { fillWords, interfaceWords } from "../interface-words/index.js";
import type { RulePack } from "../pack/pack-format.js";
import type { CdsService, DiscoveryResponse } from "./cds-hooks.js";

/** The hooks the service answers: an order for the procedure being chosen, then signed. */
export const serviceHooks = ["order-select", "order-sign"] as const;

/** A hook the service answers. */
export type ServiceHook = (typeof serviceHooks)[number];

/**
 * The services of one pack, one per hook: the id is the guideline's id and the hook
 * (`<guideline id>.order-sign`); the title and description are the guideline's own (its title,
 * the question its verdict answers, its edition); the prefetch templates ask for the resources
 * the pack's facts are read from.
 */
export function packServices(pack: RulePack, prefetch: Readonly<Record<string, string>>): readonly CdsService[] {
  const words = interfaceWords(pack.guideline.language);
  const { id, title, edition } = pack.guideline;
  return serviceHooks.map((hook) => ({
    hook,
    id: `${id}.${hook}`,
    title: fillWords(words["serve.service.title"], title, hook),
    description: fillWords(words["serve.service.description"], pack.verdict.question, title, edition),
    prefetch,
  }));
}

/** The discovery response (`GET /cds-services`). */
export function discovery(services: readonly CdsService[]): DiscoveryResponse {
  return { services };
}
