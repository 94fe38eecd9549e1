/**
 * The limits of the CDS Hooks service (`guideline serve`), on top of the runtime's limits on the
 * facts (`runtimeLimits`): a request over one of them is refused with a coded error, so that no
 * client can make the server hold unbounded memory, time or work. docs/integration.md states them.
 */
export interface ServeLimits {
  /** Bytes of one request body (GL7091, status 413). */
  readonly bodyBytes: number;
  /** Milliseconds to receive one whole request; a slower one is closed with status 408. */
  readonly requestMs: number;
  /** Hook requests in flight at once; one more is refused (GL7095, status 503). */
  readonly concurrent: number;
}

/** The limits in force unless the caller gives others. */
export const serveLimits: ServeLimits = Object.freeze({
  bodyBytes: 1_048_576,
  requestMs: 10_000,
  concurrent: 1_024,
});
