# Sourced by scripts/test.sh and scripts/demo.sh: brings what the project needs on a fresh machine.
# Node.js >= 20.19 must exist; system packages are installed on Debian/Ubuntu as root (else the exact list is printed);
# npm dependencies are installed when missing or older than the lock file.
node_ok=$(node -e 'const [a,b]=process.versions.node.split(".").map(Number);console.log(a>20||(a===20&&b>=19)?1:0)' 2>/dev/null || echo 0)
if [ "$node_ok" != 1 ]; then
  echo "ecr-auth needs Node.js >= 20.19 (found $(node --version 2>/dev/null || echo none)): install it from https://nodejs.org or your package manager" >&2
  exit 1
fi
bash scripts/install-system-deps.sh || exit 1
if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  # `npm install` against the committed lock, not `npm ci`: npm 11.19 leaves other platforms' optional packages
  # (deno's and nx's native binaries) out of the lock it writes and then refuses that lock in `npm ci`.
  echo "› installing npm dependencies (npm install, as pinned by package-lock.json)"
  npm install --no-audit --no-fund --loglevel=error || exit 1
fi
