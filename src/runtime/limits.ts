/**
 * The limits the runtime holds every input to, so that no input can make it crash, hang or
 * answer in time or memory that grows faster than the input. Each limit is enforced with a
 * coded error (GL5032–GL5037, GL5040, GL5045, GL5050) before anything is evaluated; docs/security.md
 * gives the reasons for each value.
 */
export interface RuntimeLimits {
  /** Bytes of one facts document as text: a file or stdin for `guideline evaluate`, one line of `--ndjson`. */
  readonly inputBytes: number;
  /** Values (objects, lists, strings, numbers, booleans, null) in one facts document. */
  readonly values: number;
  /** Characters of property names and strings together in one facts document. */
  readonly characters: number;
  /** Nesting levels of objects and lists in one facts document. */
  readonly depth: number;
  /** Entries in one list, such as a medication list. */
  readonly listEntries: number;
  /** Characters in one property name. */
  readonly keyLength: number;
  /** Characters in one string value. */
  readonly stringLength: number;
  /** Unknown properties that get a "did you mean" hint; the others are reported without one. */
  readonly hints: number;
  /** Problems listed for one facts document; the rest are counted in one last error. */
  readonly errors: number;
  /** Nesting levels of a rule pack's JSON. */
  readonly packDepth: number;
  /** Bytes of a rule pack file read by `readPack` (`--pack`). */
  readonly packBytes: number;
}

/** The limits in force. */
export const runtimeLimits: RuntimeLimits = Object.freeze({
  inputBytes: 1_048_576,
  values: 20_000,
  characters: 1_048_576,
  depth: 32,
  listEntries: 1_000,
  keyLength: 256,
  stringLength: 4_096,
  hints: 20,
  errors: 100,
  packDepth: 256,
  packBytes: 16_777_216,
});
