#!/usr/bin/env bash
# Installs what go test ./sitetest needs on Debian (bookworm), as root, as CI
# does: Debian's chromium (and a Java runtime for the Nu HTML Checker when
# there is none), the pinned npm packages of sitetest/package-lock.json, and
# htmltest built from the pinned tools module sitetest/tools. Safe to run
# again: it installs only what is missing and npm ci is reproducible.
set -euo pipefail
cd "$(dirname "$0")"

command -v node >/dev/null 2>&1 || { echo "sitetest/install.sh: node (20 or later) and npm are needed" >&2; exit 1; }

apt_packages=()
[ -x /usr/bin/chromium ] || apt_packages+=(chromium)
command -v java >/dev/null 2>&1 || apt_packages+=(default-jre-headless)
if [ ${#apt_packages[@]} -gt 0 ]; then
  echo "sitetest/install.sh: apt-get install ${apt_packages[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${apt_packages[@]}" >/dev/null
fi

# playwright-core, axe-core and vnu-jar, exactly as locked, unless they are
# installed at those versions already. --ignore-scripts: vnu-jar's
# postinstall would download a Java runtime; the machine's is used.
if ! node -e '
  const lock = require("./package-lock.json").packages;
  for (const [dir, p] of Object.entries(lock)) {
    if (!dir) continue;
    try { if (require("./" + dir + "/package.json").version !== p.version) process.exit(1); } catch { process.exit(1); }
  }' 2>/dev/null; then
  echo "sitetest/install.sh: npm ci --prefix sitetest"
  npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
fi

# htmltest, at the version sitetest/tools/go.mod pins, into $(go env GOPATH)/bin.
bin=$(go env GOBIN)
[ -n "$bin" ] || bin=$(go env GOPATH | cut -d: -f1)/bin
want=$(cd tools && go list -m -f '{{.Version}}' github.com/wjdp/htmltest)
if [ ! -x "$bin/htmltest" ] || [ "$(go version -m "$bin/htmltest" 2>/dev/null | awk '$1 == "mod" && $2 == "github.com/wjdp/htmltest" { print $3 }')" != "$want" ]; then
  echo "sitetest/install.sh: go install github.com/wjdp/htmltest ($want)"
  (cd tools && go install github.com/wjdp/htmltest)
fi

echo "sitetest/install.sh: chromium $(/usr/bin/chromium --version 2>/dev/null | awk '{ print $2 }'), $(java -version 2>&1 | head -1), node $(node --version), htmltest $want"
