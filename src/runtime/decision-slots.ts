import type { EngineEvent } from "./compile-closures.js";
import { InvalidPackError } from "../pack/invalid-pack-error.js";
import type { Truth } from "./kleene.js";
import type { RulePack } from "../pack/pack-format.js";

/**
 * Where each engine decision (a rule, or a rule for one drug) sits in the table of one
 * evaluation's decisions: numbered once per pack, so that an evaluation reads and writes its
 * decisions by number instead of building a `rule@drug` key for each.
 */
export interface DecisionSlots {
  /** How many decisions the pack can make. */
  readonly count: number;
  /** The number of a rule's decision, or of a rule's decision for one drug; undefined for one the pack never makes. */
  readonly slotOf: (rule: string, drug: string | undefined) => number | undefined;
  /** The number of the decision an engine event of the pack's own rules makes. */
  readonly slotOfEvent: (event: EngineEvent) => number | undefined;
}

/** One evaluation's decisions, by {@link DecisionSlots} number: true, false, or undefined while undecided. */
export type Decisions = readonly (Truth | undefined)[];

const slotsOfPack = new WeakMap<RulePack, DecisionSlots>();

/** The decision numbers of a pack: its rules, its medication rules for each of their drugs, and its engine events. */
export function decisionSlots(pack: RulePack): DecisionSlots {
  let found = slotsOfPack.get(pack);
  if (found) return found;
  const byRule = new Map<string, Map<string | undefined, number>>();
  let count = 0;
  const add = (rule: string, drug: string | undefined): number => {
    let byDrug = byRule.get(rule);
    if (!byDrug) {
      byDrug = new Map();
      byRule.set(rule, byDrug);
    }
    let slot = byDrug.get(drug);
    if (slot === undefined) {
      slot = count++;
      byDrug.set(drug, slot);
    }
    return slot;
  };
  for (const rule of pack.sourceRules) {
    add(rule.id, undefined);
    if (rule.effect.kind === "medication") for (const drug of rule.effect.drugs) add(rule.id, drug);
  }
  const byEvent = new Map<EngineEvent, number>();
  for (const rule of pack.rules) byEvent.set(rule.event, add(rule.event.params.rule, rule.event.params.drug || undefined));
  const slotOf = (rule: string, drug: string | undefined): number | undefined => byRule.get(rule)?.get(drug || undefined);
  found = {
    count,
    slotOf,
    slotOfEvent: (event) => byEvent.get(event) ?? slotOf(event.params.rule, event.params.drug),
  };
  slotsOfPack.set(pack, found);
  return found;
}

/** The decisions the engine's events make, by slot. */
export function decisionsOf(events: readonly EngineEvent[], slots: DecisionSlots): Decisions {
  const decisions: (Truth | undefined)[] = new Array<Truth | undefined>(slots.count).fill(undefined);
  for (const event of events) {
    const params = event.params;
    const slot = slots.slotOfEvent(event);
    if (slot === undefined) continue;
    // Only a pack whose engine rules contradict each other does this: the compiler never writes one.
    if (decisions[slot] !== undefined)
      throw new InvalidPackError(`its engine rules decide rule ${params.drug ? `${params.rule}@${params.drug}` : params.rule} both ways`);
    decisions[slot] = params.holds ? "true" : "false";
  }
  return decisions;
}
