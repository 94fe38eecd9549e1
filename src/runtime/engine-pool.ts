import { Engine, type RuleProperties } from "json-rules-engine";
import type { RulePack } from "./pack-format.js";

/**
 * json-rules-engine Engines for one pack. An Engine is never shared between concurrent
 * evaluations (concurrent runs on one Engine skip rules), and an Engine whose run rejected is
 * thrown away (its next run can silently resolve with no events).
 */
export class EnginePool {
  private readonly idle: Engine[] = [];
  constructor(private readonly pack: RulePack, private readonly maxIdle = 8) {}

  /** An Engine for the caller's sole use until `release` or `discard`. */
  acquire(): Engine {
    return this.idle.pop() ?? createEngine(this.pack);
  }

  /** Gives back an Engine whose run succeeded. */
  release(engine: Engine): void {
    if (this.idle.length < this.maxIdle) this.idle.push(engine);
  }
}

/**
 * A json-rules-engine Engine loaded with the pack's rules. Undefined facts are allowed: the
 * pack only uses operators that are false on a missing fact, which is how unknown is kept apart.
 * No path resolver is needed: the pack never uses `path` (the loader rejects packs that do).
 */
export function createEngine(pack: RulePack): Engine {
  return new Engine(pack.rules as unknown as RuleProperties[], { allowUndefinedFacts: true, allowUndefinedConditions: false });
}
