import { defineConfig } from "vitest/config";
import { KnownGapsReporter } from "./test/support/known-gaps-reporter.js";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    testTimeout: 60_000,
    pool: "forks",
    // Quiet: what a passing test prints (the tallies of the property tests) is not shown; a failing test's output is, in full.
    silent: "passed-only",
    reporters: ["default", "json", new KnownGapsReporter()],
    outputFile: { json: "test-artifacts/vitest-results.json" },
  },
});
