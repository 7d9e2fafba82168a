#!/usr/bin/env bash
# The project's test command (README: `npm test`; CI: .ci/run). Brings what it needs, runs every suite
# (type checks, vitest incl. real-registry/dockerd/Nx tests, deno check + deno test) and ends with one line
# "N passed, N failed" summing them all.
set -uo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
OUT="$ROOT/.tmp/test-results"
mkdir -p "$OUT"

. scripts/lib/setup.sh

passed=0
failed=0
step() { # name, command...: a step that counts as one test
  local name=$1; shift
  if "$@" >"$OUT/$name.log" 2>&1; then passed=$((passed + 1)); echo "✓ $name";
  else failed=$((failed + 1)); echo "✗ $name (log: $OUT/$name.log)"; tail -n 40 "$OUT/$name.log"; fi
}

step typecheck npx tsc -p tsconfig.json --noEmit
step build npm run build --silent

echo "› vitest"
npx vitest run --reporter=default --reporter=json --outputFile.json="$OUT/vitest.json"
if [ -f "$OUT/vitest.json" ]; then
  # failed tests, plus test files that failed without running a test (an import error, a failing beforeAll)
  read -r vp vf < <(node -e 'const r=require(process.argv[1]);const broken=r.testResults.filter(t=>t.status==="failed"&&!t.assertionResults.some(a=>a.status==="failed")).length;console.log(r.numPassedTests, r.numFailedTests + broken)' "$OUT/vitest.json")
  passed=$((passed + vp)); failed=$((failed + vf))
else
  echo "✗ vitest produced no report"; failed=$((failed + 1))
fi

echo "› deno"
step deno-check bash -c 'npx deno check $(find src/core -name "*.ts" ! -name "*.test.ts")'
bash scripts/deno-test.sh 2>&1 | tee "$OUT/deno.log"
dp=$(grep -Eo '[0-9]+ passed' "$OUT/deno.log" | tail -1 | grep -Eo '[0-9]+' || echo 0)
df=$(grep -Eo '[0-9]+ failed' "$OUT/deno.log" | tail -1 | grep -Eo '[0-9]+' || echo 0)
if [ "$dp" = 0 ] && [ "$df" = 0 ]; then echo "✗ deno test ran nothing"; df=1; fi
passed=$((passed + dp)); failed=$((failed + df))

echo
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
