import type { PackEffect } from "./pack-format.js";

/** What a plan rule can order for a drug: `stop`, `continue`, `bridge` or `refer`. */
export type PlanAction = Extract<PackEffect, { readonly kind: "medication" }>["action"];

/**
 * What a plan rule orders for a drug, as a key: two plan rules give the same order exactly
 * when their keys are equal, that is the same action and the same delay before the procedure
 * counted in hours, however the delay was written (`2 d` and `48 h` agree). The runtime gives
 * a drug's action only when every rule that might decide agrees on it, and the compiler's
 * analysis calls two rules contradictory only when they do not: both ask this one question.
 */
export function planOrderKey(action: PlanAction, hoursBefore: number | undefined): string {
  return `${action}:${hoursBefore ?? ""}`;
}
