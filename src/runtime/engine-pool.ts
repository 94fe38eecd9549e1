import { Engine, type RuleProperties } from "json-rules-engine";
import type { RulePack } from "../pack/pack-format.js";

/**
 * json-rules-engine Engines for one pack. An Engine is never shared between concurrent
 * evaluations (concurrent runs on one Engine skip rules), and an Engine whose run rejected is
 * thrown away (its next run can silently resolve with no events).
 */
export class EnginePool {
  private readonly idle: Engine[] = [];
  private readonly waiting: ((engine: Engine) => void)[] = [];
  private created = 0;

  /**
   * @param size How many Engines the pool builds at most. Evaluation is single-threaded, so a
   * few Engines keep it busy; further evaluations wait for one instead of building their own.
   */
  constructor(
    private readonly pack: RulePack,
    private readonly size = 8,
  ) {}

  /** An Engine for the caller's sole use until `release` or `discard`. */
  async acquire(): Promise<Engine> {
    const engine = this.idle.pop();
    if (engine) return engine;
    if (this.created < this.size) {
      this.created++;
      return createEngine(this.pack);
    }
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  /** Gives back an Engine whose run succeeded. */
  release(engine: Engine): void {
    const next = this.waiting.shift();
    if (next) next(engine);
    else this.idle.push(engine);
  }

  /** Throws away an Engine whose run rejected: its next run could resolve with no events. */
  discard(): void {
    const next = this.waiting.shift();
    if (next) next(createEngine(this.pack));
    else this.created--;
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
