/**
 * The shapes of CDS Hooks 2.0 that the service reads and writes: the discovery response, the
 * hook request and the cards of its answer. Only the fields the service uses are typed.
 */

/** How urgent a card is, as CDS Hooks names it. */
export type Indicator = "info" | "warning" | "critical";

/** Where a card's content comes from: the guideline and its edition. */
export interface CardSource {
  readonly label: string;
  readonly url?: string;
}

/** A link of a card: always an absolute URL (here, an anchor of the rulebook). */
export interface CardLink {
  readonly label: string;
  readonly url: string;
  readonly type: "absolute";
}

/** One card of a hook's answer. `uuid` is left out, so that the same request gets the same answer. */
export interface Card {
  /** At most 140 characters. */
  readonly summary: string;
  readonly indicator: Indicator;
  /** Markdown. */
  readonly detail: string;
  readonly source: CardSource;
  readonly links?: readonly CardLink[];
}

/** The answer to a hook. */
export interface HookResponse {
  readonly cards: readonly Card[];
}

/** One service of the discovery response. */
export interface CdsService {
  readonly hook: string;
  readonly id: string;
  readonly title: string;
  readonly description: string;
  readonly prefetch: Readonly<Record<string, string>>;
}

/** The discovery response (`GET /cds-services`). */
export interface DiscoveryResponse {
  readonly services: readonly CdsService[];
}

/** A hook request, as far as the service reads it once checked. */
export interface HookRequest {
  readonly hook: string;
  readonly hookInstance: string;
  readonly context: Readonly<Record<string, unknown>>;
  /** Each prefetch key's value as sent: a FHIR resource or Bundle; `null` or absent when not fetched. */
  readonly prefetch: Readonly<Record<string, unknown>>;
}
