#!/bin/sh
# pgo.sh regenerates default.pgo, the CPU profile the Go toolchain uses to
# optimise the statusref binary (profile-guided optimisation: go build
# picks up default.pgo in the main package's folder on its own). The
# profile comes from the benchmarks of a synthetic catalogue of 1,000
# entries, cold and warm, and of serve's incremental updates. Since the
# examples' languages are tokenised by scanners rather than chroma's
# regexps, YAML decoding, goldmark and html/template fill it. Regenerate
# it when the pipeline changes much, and commit it:
#
#	sh bench/pgo.sh
set -eu
cd "$(dirname "$0")/.."
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
go test ./generator -run '^$' -bench 'Build/N=1000' -benchtime 1x -cpuprofile "$tmp/build.prof" -o "$tmp/generator.test" >/dev/null
go test ./generator/serve -run '^$' -bench 'Update' -benchtime 50x -cpuprofile "$tmp/serve.prof" -o "$tmp/serve.test" >/dev/null
go tool pprof -proto "$tmp/build.prof" "$tmp/serve.prof" > default.pgo
echo "wrote default.pgo ($(wc -c < default.pgo) bytes)"
