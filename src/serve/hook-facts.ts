import type { RulePack } from "../pack/pack-format.js";
import type { HookRequest } from "./cds-hooks.js";
import type { Unread } from "./missing-card.js";

/** The facts read from a hook request, and the problems met reading it. */
export interface HookFacts {
  readonly facts: Readonly<Record<string, unknown>>;
  readonly problems: Unread["problems"];
}

/**
 * The prefetch templates of the services of `pack`: the FHIR queries for the resources its
 * facts are read from. None until the FHIR mapping is joined here.
 */
export function packPrefetch(_pack: RulePack): Readonly<Record<string, string>> {
  return {};
}

/**
 * The facts of a hook request: the one place where the prefetch is read into facts. Until the
 * FHIR mapping is joined here, nothing is read: every fact stays unknown.
 */
export function hookFacts(_request: HookRequest, _pack: RulePack, _now: Date): HookFacts {
  return { facts: {}, problems: [] };
}
