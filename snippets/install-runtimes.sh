#!/usr/bin/env bash
# Installs the runtimes that go test ./snippets runs the code examples on:
# Debian's FastAPI 0.92 and httpx, Debian's Spring Framework 4.3 jars and a
# JDK, Node.js with npm, and the Express pinned in testdata/express.
#
# Idempotent: it installs only what is missing, and runs apt-get update only
# when something is. Run it as root (CI does), or it uses sudo.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"

sudo=""
if [ "$(id -u)" -ne 0 ]; then
	sudo="sudo"
fi

packages=(
	python3 python3-fastapi python3-httpx
	libspring-web-java libspring-web-servlet-java libspring-context-java libspring-test-java
	libservlet-api-java libjackson2-databind-java
)
# Node.js and the JDK may come from elsewhere (a NodeSource nodejs bundles
# npm and conflicts with Debian's): install Debian's only when the command
# is missing. Any javac 17 or later will do.
if ! command -v node >/dev/null 2>&1; then
	packages+=(nodejs)
fi
if ! command -v npm >/dev/null 2>&1; then
	packages+=(npm)
fi
if ! command -v javac >/dev/null 2>&1 || ! command -v java >/dev/null 2>&1; then
	packages+=(default-jdk-headless)
fi

missing=()
for p in "${packages[@]}"; do
	if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
		missing+=("$p")
	fi
done

if [ "${#missing[@]}" -gt 0 ]; then
	echo "install-runtimes: installing ${missing[*]}"
	export DEBIAN_FRONTEND=noninteractive
	# Update the lists only if they are absent or do not know a package.
	if ! apt-cache show "${missing[@]}" >/dev/null 2>&1; then
		$sudo apt-get update -q
	fi
	$sudo apt-get install -y -q --no-install-recommends "${missing[@]}"
else
	echo "install-runtimes: the Debian packages are installed"
fi

# Express, as pinned by package-lock.json. npm ci starts from a clean
# node_modules, so skip it when every locked package is installed at its
# locked version.
express="$here/testdata/express"
if node -e '
	const fs = require("fs"), path = require("path");
	const dir = process.argv[1];
	const lock = JSON.parse(fs.readFileSync(path.join(dir, "package-lock.json"), "utf8"));
	for (const [p, v] of Object.entries(lock.packages)) {
		if (!p) continue;
		const pkg = JSON.parse(fs.readFileSync(path.join(dir, p, "package.json"), "utf8"));
		if (pkg.version !== v.version) process.exit(1);
	}' "$express" 2>/dev/null; then
	echo "install-runtimes: Express is installed as locked"
else
	echo "install-runtimes: npm ci in $express"
	npm ci --prefix "$express" --no-audit --no-fund
fi

echo "install-runtimes: node $(node --version), $(javac -version 2>&1), $(/usr/bin/python3 -c 'import fastapi, pydantic; print("fastapi", fastapi.__version__, "pydantic", pydantic.VERSION)')"
