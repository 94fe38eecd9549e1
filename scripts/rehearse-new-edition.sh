#!/usr/bin/env bash
# The yearly workflow, rehearsed on a scratch clone: start the next edition from the current one
# (`guideline new-edition`), make it current (`guideline mark-current`), compile, and run the
# whole test suite (`npm test`) there, unchanged. It passes only if a new edition made current
# needs no change to the TypeScript or to a test (issue 13, item 1). Exit code: that of the
# first step that fails, or of the test suite.
#
# Usage: scripts/rehearse-new-edition.sh [--keep]   (--keep leaves the scratch clone in place)
# Needs the project installed (node_modules/); the clone links to it instead of installing again.
# It clones the last commit: uncommitted changes are not rehearsed.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
keep=0
[ "${1:-}" = "--keep" ] && keep=1

scratch="$(mktemp -d "${TMPDIR:-/tmp}/guideline-rehearsal.XXXXXX")"
if [ "$keep" -eq 0 ]; then trap 'rm -rf "$scratch"' EXIT; fi
started=$SECONDS

echo "== rehearsal: clone $(git -C "$root" rev-parse --short HEAD) into $scratch"
git clone --quiet --no-hardlinks "$root" "$scratch"
ln -s "$root/node_modules" "$scratch/node_modules"
cd "$scratch"

echo "== build"
node tools/build-if-stale.mjs >/dev/null
guideline() { node dist/cli/guideline.js "$@"; }

next="$(node -e 'const i = JSON.parse(require("fs").readFileSync("guideline/editions.json", "utf8")); console.log(Math.max(...i.editions) + 1)')"
echo "== guideline new-edition $next"
guideline new-edition "$next"
echo "== guideline mark-current $next"
guideline mark-current "$next"
echo "== guideline compile"
guideline compile >/dev/null
node -e '
  const fs = require("fs");
  const next = Number(process.argv[1]);
  const index = JSON.parse(fs.readFileSync("generated/editions.json", "utf8"));
  const pack = JSON.parse(fs.readFileSync("generated/current/pack.json", "utf8"));
  if (index.current !== next || pack.guideline.edition !== next) {
    console.error(`rehearsal: generated/ does not follow edition ${next} (index: ${index.current}, generated/current: ${pack.guideline.edition})`);
    process.exit(1);
  }
' "$next"

echo "== npm test, with edition $next current"
status=0
npm test --silent || status=$?
if [ -f test-artifacts/vitest-results.json ]; then
  node -e '
    const r = JSON.parse(require("fs").readFileSync("test-artifacts/vitest-results.json", "utf8"));
    console.log(`rehearsal: ${r.numPassedTests} passed, ${r.numFailedTests} failed, ${r.numPendingTests + (r.numTodoTests ?? 0)} skipped`);
    if (!r.success || r.numFailedTests > 0 || r.numTotalTests === 0) process.exit(1);
  ' || { [ "$status" -ne 0 ] || status=1; }
else
  echo "rehearsal: no test results were written"
  [ "$status" -ne 0 ] || status=1
fi
echo "== rehearsal took $((SECONDS - started)) s"
if [ "$status" -ne 0 ]; then
  echo "rehearsal failed: with edition $next made current, the test suite does not pass (see above)"
  exit "$status"
fi
echo "rehearsal passed: edition $next made current passes the whole test suite"
