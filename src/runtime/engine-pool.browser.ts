import type { Engine } from "json-rules-engine";
import type { RulePack } from "../pack/pack-format.js";
import { InvalidPackError } from "../pack/invalid-pack-error.js";

/**
 * The browser build's `engine-pool.ts` (the bundler puts it in its place; see
 * `tools/build-browser-runtime.mjs`): json-rules-engine, the reference engine, is not in the
 * browser runtime. The default engine, the pack's rules compiled to closures, gives the same
 * reports (a differential test holds them to it); `evaluate(facts, { engine: "json-rules-engine" })`
 * is refused with this error.
 */
const notInBrowser = "the `json-rules-engine` engine is not in the browser runtime: use the default engine";

/** The pool of the Node runtime, whose Engines a browser does not have: asking for one is refused. */
export class EnginePool {
  constructor(readonly pack: RulePack) {}

  /** Refused in a browser. */
  acquire(): Promise<Engine> {
    return Promise.reject(new InvalidPackError(notInBrowser));
  }

  /** Nothing to give back in a browser. */
  release(_engine: Engine): void {
    throw new InvalidPackError(notInBrowser);
  }

  /** Nothing to throw away in a browser. */
  discard(): void {
    throw new InvalidPackError(notInBrowser);
  }
}

/** Refused in a browser. */
export function createEngine(_pack: RulePack): never {
  throw new InvalidPackError(notInBrowser);
}
