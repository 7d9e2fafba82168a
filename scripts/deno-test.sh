#!/usr/bin/env bash
# Runs the core's whole test suite under `deno test`: every src/core/**/*.test.ts, the in-process session and
# credential-helper tests (test/session, test/cli) and the Deno-only tests (test/deno), unchanged vitest files
# included: deno.json maps 'vitest' to test/deno/vitest-shim.ts. Uses the installed node_modules only (no
# network: --cached-only). Ends with Deno's summary line, `ok | N passed | N failed`.
#
#   scripts/deno-test.sh                                  # everything
#   scripts/deno-test.sh --parallel --filter='PKCE'       # extra `deno test` flags (use --flag=value)
#   scripts/deno-test.sh src/core/sso test/session        # only these paths
set -uo pipefail
cd "$(dirname "$0")/.."

deno=node_modules/.bin/deno
[ -x "$deno" ] || deno="npx --no-install deno"
[ -t 1 ] || export NO_COLOR=1

flags=()
paths=()
for arg in "$@"; do
  case $arg in
    -*) flags+=("$arg") ;;
    *) paths+=("$arg") ;;
  esac
done
[ ${#paths[@]} -gt 0 ] || paths=(src/core test/session test/cli test/deno)

# test/cli runs the built credential helper: build dist/ when it is older than the sources, as vitest's setup does.
if printf '%s\n' "${paths[@]}" | grep -q '^test/cli\|^test/\?$\|^\.\?$'; then
  npx --no-install tsx -e "import('./test/support/global-setup.ts').then((m) => m.default())" || exit 1
fi

exec $deno test -A --no-check --cached-only --config deno.json "${flags[@]}" "${paths[@]}"
