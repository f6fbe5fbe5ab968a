#!/usr/bin/env bash
# The one test command (README, .ci/run): type-check, lint, build the app,
# then every test suite (unit, real services, HTTP against the built app).
set -euo pipefail
cd "$(dirname "$0")/.."
export NEXT_TELEMETRY_DISABLED=1 TURBO_TELEMETRY_DISABLED=1 DO_NOT_TRACK=1

if [ -z "${TEST_DATABASE_URL:-}${TEST_REDIS_URL:-}" ]; then bash scripts/ensure-services.sh; fi
pnpm exec turbo run typecheck --output-logs=errors-only
pnpm exec biome ci .
# Unused files, exports and dependencies fail the run too.
pnpm exec knip
pnpm exec turbo run build --filter=@latch/web --output-logs=errors-only
# `pnpm test -- --project unit` hands the script a literal "--", after which vitest would
# read every argument as a file filter (and so run every suite): drop it.
if [ "${1:-}" = "--" ]; then shift; fi
report=$(mktemp)
status=0
pnpm exec vitest run --reporter=default --reporter=json --outputFile.json="$report" "$@" || status=$?
# One plain closing line any CI can read, after vitest's own summary.
node -e 'const r = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
  console.log(`${r.numPassedTests} passed, ${r.numFailedTests} failed, ${r.numPendingTests + r.numTodoTests} skipped`);' "$report" || true
exit "$status"
