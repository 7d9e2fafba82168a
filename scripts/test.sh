#!/usr/bin/env bash
# The project's test command (README: `npm test`; CI: .ci/run). Brings what it needs, then runs:
#   build steps (typecheck, build, deno check): each on its own line, a failure fails the run, never counted as tests;
#   vitest: every test file, on the main Node.js line (scripts/lib/node-lines.sh), split into the product's tests
#     and the harness's own tests (the AWS emulator's and the real-parts harness's);
#   deno: the core's tests again, under Deno (proves the core runs there), and the Deno vitest shim's own tests;
#   nodeNN: on every other supported Node.js line, the CLI, real Docker push and Nx workspace tests;
#   the work tree: the run must leave `git status` as it found it.
# Prints one line per suite, `NAME: N passed, N failed, N skipped`, and ends with exactly
# `N passed, N failed, N skipped`, the sum of the suites (tests only). Under CI=true a skipped test outside the
# harness fails the run (a missing real part is a failure there); elsewhere every skip is listed with its reason.
set -uo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
OUT="$ROOT/.tmp/test-results"
mkdir -p "$OUT"
case "${CI:-}" in ''|false|0) IN_CI=0 ;; *) IN_CI=1 ;; esac

. scripts/lib/setup.sh
. scripts/lib/node-lines.sh

tree_before=$(git status --porcelain --untracked-files=all 2>/dev/null)

broken=0          # build steps (and set-up) that failed
passed=0 failed=0 skipped=0
SUITE_LINES=()
FAILED_TESTS=()   # `suite: file > test — message`, repeated at the end so the last lines name what failed
suite() { # name passed failed skipped note
  passed=$((passed + $2)); failed=$((failed + $3)); skipped=$((skipped + $4))
  SUITE_LINES+=("$1: $2 passed, $3 failed, $4 skipped — $5")
  echo "$1: $2 passed, $3 failed, $4 skipped — $5"
}
step() { # name, command...: a build step, reported on its own line and not counted as a test
  local name=$1; shift
  if "$@" >"$OUT/$name.log" 2>&1; then echo "✓ $name (build step)";
  else broken=$((broken + 1)); echo "✗ $name (build step; log: $OUT/$name.log)"; tail -n 40 "$OUT/$name.log"; fi
}
strict_skips() { # suite name, skipped count: under CI nothing outside the harness may be skipped
  if [ "$IN_CI" = 1 ] && [ "$2" -gt 0 ]; then
    echo "✗ $1: $2 test(s) skipped under CI=true (listed above); in CI every part must be present" >&2
    broken=$((broken + 1))
  fi
}
vitest_suite() { # label note json -- vitest args...: runs vitest, adds its product (and harness) tallies
  local label=$1 note=$2 json=$3; shift 4
  rm -f "$json"
  npx vitest run --reporter=default --reporter=json --outputFile.json="$json" "$@"
  if [ ! -f "$json" ]; then
    echo "✗ $label: vitest produced no report"; suite "$label" 0 1 0 "$note (no report)"; return
  fi
  local kind p f s
  while read -r kind p f s; do
    if [ "$kind" = failed ]; then FAILED_TESTS+=("$label: $p $f $s"); continue; fi
    if [ "$kind" = product ]; then suite "$label" "$p" "$f" "$s" "$note"; strict_skips "$label" "$s"
    elif [ "$p$f$s" != 000 ]; then suite "$label-harness" "$p" "$f" "$s" "the emulator's and the real-parts harness's own tests, on Node.js $(node --version)"; strict_skips "$label-harness" "$s"; fi
  done < <(node scripts/lib/vitest-summary.mjs "$json")
}
deno_suite() { # label note paths...: runs `deno test` on the paths, adds Deno's summary
  local label=$1 note=$2; shift 2
  bash scripts/deno-test.sh "$@" >"$OUT/$label.log" 2>&1
  local summary p f s
  summary=$(grep -E '^(ok|FAILED) \| ' "$OUT/$label.log" | tail -1)
  p=$(grep -Eo '[0-9]+ passed' <<<"$summary" | grep -Eo '[0-9]+' || echo 0)
  f=$(grep -Eo '[0-9]+ failed' <<<"$summary" | grep -Eo '[0-9]+' || echo 0)
  s=$(grep -Eo '[0-9]+ ignored' <<<"$summary" | grep -Eo '[0-9]+' || echo 0)
  if [ -z "$summary" ]; then echo "✗ $label: deno test printed no summary"; tail -n 40 "$OUT/$label.log"; f=1;
  elif [ "$f" != 0 ]; then
    grep -E '=> |FAILED|error:' "$OUT/$label.log" | head -n 60
    while read -r line; do FAILED_TESTS+=("$label: $line"); done < <(grep -E '^.+ => .+:[0-9]+:[0-9]+$' "$OUT/$label.log" | sort -u | head -n 20)
  fi
  suite "$label" "$p" "$f" "$s" "$note"
}

# Node.js lines: the main one runs everything below; the others run the tests that prove a line.
declare -A LINE_BIN=()
for version in "${NODE_LINE_VERSIONS[@]}"; do
  major=${version%%.*}
  if bin=$(node_line_bin "$major"); then LINE_BIN[$major]=$bin
  elif [ "$IN_CI" = 1 ]; then echo "✗ Node.js $version could not be installed (see above)"; broken=$((broken + 1))
  else echo "! Node.js $version could not be installed (see above): its line is not proven by this run"; fi
done
if [ -n "${LINE_BIN[$NODE_MAIN_LINE]:-}" ]; then export PATH="${LINE_BIN[$NODE_MAIN_LINE]}:$PATH"; fi
MAIN_NODE=$(node --version)
echo "› main line: Node.js $MAIN_NODE"

missing=$(npx --no-install tsx -e "import('./test/harness/system.ts').then((m) => console.log(m.missingRealParts().join(', ')))" 2>/dev/null)
if [ -n "$missing" ]; then
  if [ "$IN_CI" = 1 ]; then echo "! missing real parts: $missing (CI=true: the tests that need them will fail)"
  else echo "! missing real parts: $missing — the tests that need them are skipped and listed below (run: sudo bash scripts/install-system-deps.sh)"; fi
fi

step typecheck npx tsc -p tsconfig.json --noEmit
step build npm run build --silent

echo "› vitest (Node.js $MAIN_NODE)"
vitest_suite vitest "the product's tests (every vitest file but the harness's own), on Node.js $MAIN_NODE" "$OUT/vitest.json" --

echo "› deno"
step deno-check bash -c 'npx deno check $(find src/core -name "*.ts" ! -name "*.test.ts")'
mapfile -t deno_own < <(find test/deno -name '*_test.ts' ! -name 'vitest_shim_test.ts' | sort)
deno_suite deno "the core's own tests (src/core, test/session, test/cli, test/deno) run again under Deno $(npx --no-install deno --version 2>/dev/null | head -1 | cut -d' ' -f2): proves the core runs there" \
  src/core test/session test/cli "${deno_own[@]}"
strict_skips deno "$(grep -Eo '[0-9]+ ignored' <<<"$(grep -E '^(ok|FAILED) \| ' "$OUT/deno.log" | tail -1)" | grep -Eo '[0-9]+' || echo 0)"
deno_suite deno-harness "the Deno vitest shim's own tests (its skips test .skip itself)" test/deno/vitest_shim_test.ts

# Every other supported line: the CLI, the real Docker push and the Nx workspace tests (the built dist/ is shared).
for version in "${NODE_LINE_VERSIONS[@]}"; do
  major=${version%%.*}
  [ "$major" = "$NODE_MAIN_LINE" ] && continue
  [ -n "${LINE_BIN[$major]:-}" ] || continue
  echo "› node$major (Node.js $version)"
  PATH="${LINE_BIN[$major]}:$PATH" vitest_suite "node$major" "CLI, real Docker push, Nx workspace and packed-install tests, on Node.js $version" "$OUT/node$major.json" -- \
    src/cli test/cli test/real/ecr-push.test.ts test/nx test/install/packed.test.ts
done

# A run must not dirty the work tree: everything it writes is git-ignored, and nothing rewrites the lock.
if [ -n "$(git rev-parse --git-dir 2>/dev/null)" ]; then
  tree_after=$(git status --porcelain --untracked-files=all)
  if [ "$tree_after" = "$tree_before" ]; then echo "✓ work tree unchanged (build step)"
  else
    broken=$((broken + 1)); echo "✗ the run changed the work tree (git status):"
    diff <(echo "$tree_before") <(echo "$tree_after") | grep '^[<>]'
  fi
fi

echo
if [ "${#FAILED_TESTS[@]}" -gt 0 ]; then
  echo "failed tests:"
  for line in "${FAILED_TESTS[@]}"; do echo "  ✗ $line"; done
fi
for line in "${SUITE_LINES[@]}"; do echo "$line"; done
[ "$broken" -eq 0 ] || echo "$broken build step(s) or check(s) failed (marked ✗ above)"
echo "$passed passed, $failed failed, $skipped skipped"
[ "$failed" -eq 0 ] && [ "$broken" -eq 0 ]
