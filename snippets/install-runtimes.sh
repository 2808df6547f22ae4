#!/usr/bin/env bash
# Installs everything go test ./snippets runs the code examples on, each
# pinned by a lock this script verifies:
#   - FastAPI, pydantic, Starlette and uvicorn from PyPI, into snippets/.venv,
#     as testdata/fastapi/requirements.txt pins them with hashes;
#   - Spring Boot 4.0 and 3.5 from Maven Central, into the local Maven
#     repository (~/.m2), as testdata/spring/boot-*/pom.xml fix them, so
#     that the test runs offline (mvn -o);
#   - Express from npm, as testdata/express/package-lock.json pins it (with
#     the statuses package, which generator/constants.json records);
#   - Rust's http crate from crates.io, as
#     generator/internal/constants/cargo/Cargo.lock pins it, into cargo's
#     cache, so that go generate ./generator and its test run cargo offline;
#   - from Debian, when missing: a JDK (17 or later runs both Boot lines),
#     Maven, Node.js with npm, Python's venv module, openssl (the test makes
#     a throwaway CA with it) and nginx, which the test runs on
#     configurations it writes. The system service is never started: a
#     policy-rc.d keeps apt from starting it, and it is disabled after.
# Go is the toolchain in go.mod.
#
# Idempotent: it installs only what is missing, and runs apt-get update only
# when something is. Run it as root (CI does), or it uses sudo.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"

sudo=""
if [ "$(id -u)" -ne 0 ]; then
	sudo="sudo"
fi

# Node.js and the JDK may come from elsewhere (a NodeSource nodejs bundles
# npm and conflicts with Debian's): install Debian's only when the command
# is missing.
packages=(python3 python3-venv openssl)
if ! command -v nginx >/dev/null 2>&1 && [ ! -x /usr/sbin/nginx ]; then
	packages+=(nginx)
fi
if ! command -v node >/dev/null 2>&1; then
	packages+=(nodejs)
fi
if ! command -v npm >/dev/null 2>&1; then
	packages+=(npm)
fi
if ! command -v javac >/dev/null 2>&1 || ! command -v java >/dev/null 2>&1; then
	packages+=(default-jdk-headless)
fi
if ! command -v mvn >/dev/null 2>&1; then
	packages+=(maven)
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
	# Keep apt from starting any service it installs (nginx): exit 101 is
	# "action forbidden" to invoke-rc.d. An existing policy is left alone.
	policy=/usr/sbin/policy-rc.d
	made_policy=""
	if [ ! -e "$policy" ]; then
		printf '#!/bin/sh\nexit 101\n' | $sudo tee "$policy" >/dev/null
		$sudo chmod 755 "$policy"
		made_policy=1
	fi
	$sudo apt-get install -y -q --no-install-recommends "${missing[@]}"
	if [ -n "$made_policy" ]; then
		$sudo rm -f "$policy"
	fi
	# The test runs nginx itself; the system service stays off.
	if [ -x /usr/sbin/nginx ] && command -v systemctl >/dev/null 2>&1 && [ -d /run/systemd/system ]; then
		$sudo systemctl disable --now nginx >/dev/null 2>&1 || true
	fi
else
	echo "install-runtimes: the Debian packages are installed"
fi

# FastAPI and uvicorn: a venv from the hashed requirements. pip checks every
# hash and refuses anything unpinned. The venv is made again when the
# requirements change.
venv="$here/.venv"
req="$here/testdata/fastapi/requirements.txt"
stamp="$venv/.requirements.sha256"
want="$(sha256sum "$req" | cut -d' ' -f1)"
if [ -x "$venv/bin/python" ] && [ "$(cat "$stamp" 2>/dev/null)" = "$want" ]; then
	echo "install-runtimes: snippets/.venv is installed as locked"
else
	echo "install-runtimes: making snippets/.venv from $req"
	rm -rf "$venv"
	/usr/bin/python3 -m venv "$venv"
	"$venv/bin/pip" install -q --disable-pip-version-check --no-deps --require-hashes --only-binary=:all: -r "$req"
	echo "$want" >"$stamp"
fi

# Spring Boot: every dependency of each line, and the dependency plugin the
# test runs offline, into the local Maven repository. The pom.xml of each
# line fixes every version (through the Spring Boot parent's dependency
# management); --strict-checksums fails the install on any artifact whose
# checksum does not match the one Maven Central publishes.
for pom in "$here"/testdata/spring/boot-*/pom.xml; do
	if mvn -o -q -B -f "$pom" dependency:build-classpath -Dmdep.outputFile=/dev/null >/dev/null 2>&1; then
		echo "install-runtimes: $(basename "$(dirname "$pom")") is in the local Maven repository"
	else
		echo "install-runtimes: fetching $(basename "$(dirname "$pom")") from Maven Central"
		mvn -q -B --strict-checksums -f "$pom" dependency:resolve dependency:build-classpath -Dmdep.outputFile=/dev/null
	fi
done

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

# Rust's http crate, for generator/constants.json: cargo fetch checks each
# crate against the checksum Cargo.lock holds. cargo is the machine's
# (rustup's, in ~/.cargo/bin): Debian's bookworm cargo predates the sparse
# crates.io index, and the git index is not reachable from here.
PATH="$PATH:$HOME/.cargo/bin"
crate="$here/../generator/internal/constants/cargo/Cargo.toml"
if ! command -v cargo >/dev/null 2>&1; then
	echo "install-runtimes: no cargo: install Rust with rustup; go test ./generator skips Rust's http crate until then" >&2
elif cargo metadata -q --format-version 1 --locked --offline --manifest-path "$crate" >/dev/null 2>&1; then
	echo "install-runtimes: the http crate is in cargo's cache"
else
	echo "install-runtimes: cargo fetch for $crate"
	cargo fetch -q --locked --manifest-path "$crate"
fi

echo "install-runtimes: $(cargo --version 2>/dev/null || echo no cargo), node $(node --version), $(/usr/sbin/nginx -v 2>&1 | sed 's/^nginx version: //'), $(javac -version 2>&1), $(mvn -v 2>/dev/null | head -1 | sed 's/\x1b\[[0-9;]*m//g'), $("$venv/bin/python" -c 'import fastapi, pydantic, starlette, uvicorn; print("fastapi", fastapi.__version__, "pydantic", pydantic.VERSION, "starlette", starlette.__version__, "uvicorn", uvicorn.__version__)')"
