#!/bin/sh
# compare-hugo.sh builds the same synthetic content with Hugo and with
# statusref and prints a Markdown table of the median wall time and peak
# RSS of each, and their ratios. See BENCHMARKS.md.
#
#	sh bench/compare-hugo.sh                 # N = 100, 1,000 and 10,000, 3 runs each
#	SIZES="100 1000" RUNS=5 sh bench/compare-hugo.sh
#
# For each N it writes the synthetic catalogue (go run
# ./generator/internal/synth) into a Hugo site with minimal layouts, then
# runs, RUNS times and in alternation:
#
#	hugo        a cold Hugo build (empty destination and cache folders),
#	            with class-based highlighting (markup.highlight.noClasses
#	            = false), as statusref highlights
#	cold        statusref build with an empty highlight cache
#	warm        statusref build with the cache a previous build filled
#
# Each run is one process measured by /usr/bin/time -v. Hugo v0.165.0 is
# installed with go install into $WORK/bin (it compiles Hugo: minutes, the
# first time); statusref is built from this checkout with go build, which
# uses default.pgo.
set -eu

cd "$(dirname "$0")/.."
repo=$(pwd)
WORK=${WORK:-/tmp/statusref-vs-hugo}
SIZES=${SIZES:-"100 1000 10000"}
RUNS=${RUNS:-3}
TIME=/usr/bin/time
mkdir -p "$WORK/bin"

if ! "$TIME" -v true >/dev/null 2>&1; then
	echo "compare-hugo.sh needs GNU time at $TIME (Debian: apt-get install time)" >&2
	exit 1
fi

hugo=$WORK/bin/hugo
if ! "$hugo" version 2>/dev/null | grep -q 'v0.165.0'; then
	echo "installing Hugo v0.165.0 into $WORK/bin (this compiles Hugo) ..." >&2
	GOBIN=$WORK/bin CGO_ENABLED=0 go install github.com/gohugoio/hugo@v0.165.0
fi
echo "$("$hugo" version)" >&2

go build -o "$WORK/bin/statusref" .
statusref=$WORK/bin/statusref

# site writes a Hugo site around the content of N entries: a config and
# layouts that show what statusref's pages show, minimally.
site() {
	dir=$1
	mkdir -p "$dir/layouts"
	cat > "$dir/hugo.toml" <<'EOF'
baseURL = "https://example.org/"
title = "Acme Payments API errors"
uglyURLs = true
disableKinds = ["taxonomy", "term", "RSS", "sitemap", "robotsTXT"]
[markup.highlight]
noClasses = false
EOF
	cat > "$dir/layouts/baseof.html" <<'EOF'
<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>{{ block "title" . }}{{ site.Title }}{{ end }}</title>
<link rel="stylesheet" href="{{ "site.css" | relURL }}"></head>
<body><main>{{ block "main" . }}{{ end }}</main></body></html>
EOF
	cat > "$dir/layouts/single.html" <<'EOF'
{{ define "title" }}{{ .Params.code }} {{ .Params.reason }}{{ end }}
{{ define "main" }}
<h1>{{ .Params.code }} {{ .Params.reason }}</h1>
<p>{{ .Params.summary }}</p>
<p>Unofficial, sent by {{ .Params.origin }}. Updated {{ .Params.updated }}.</p>
<ul>{{ range .Params.headers }}<li><code>{{ .name }}</code> {{ .note }}</li>{{ end }}</ul>
{{ .Content }}
<h2>Related</h2>
<ul>{{ range .Params.related }}<li><a href="{{ .code }}.html">{{ .code }}</a>: {{ .why }}</li>{{ end }}</ul>
{{ with .PrevInSection }}<a rel="prev" href="{{ .RelPermalink }}">{{ .Params.code }}</a>{{ end }}
{{ with .NextInSection }}<a rel="next" href="{{ .RelPermalink }}">{{ .Params.code }}</a>{{ end }}
{{ end }}
EOF
	cat > "$dir/layouts/list.html" <<'EOF'
{{ define "main" }}
<h1>{{ .Section }}</h1>
<ul>{{ range .Pages }}<li><a href="{{ .RelPermalink }}">{{ .Params.code }} {{ .Params.reason }}</a> {{ .Params.summary }}</li>{{ end }}</ul>
{{ end }}
EOF
	cat > "$dir/layouts/home.html" <<'EOF'
{{ define "main" }}
{{ range .Sections }}<h2><a href="{{ .RelPermalink }}">{{ .Section }}</a></h2>
<ul>{{ range .Pages }}<li><a href="{{ .RelPermalink }}">{{ .Params.code }} {{ .Params.reason }}</a> {{ .Params.summary }}</li>{{ end }}</ul>{{ end }}
{{ end }}
EOF
}

# measure runs a command under /usr/bin/time -v and prints "seconds KiB".
measure() {
	out=$WORK/time.txt
	if ! "$TIME" -v -o "$out" "$@" >"$WORK/run.log" 2>&1; then
		cat "$WORK/run.log" "$out" >&2
		exit 1
	fi
	awk -F': ' '
		/Elapsed \(wall clock\) time/ { n = split($2, p, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + p[i] }
		/Maximum resident set size/ { rss = $2 }
		END { printf "%.2f %d\n", s, rss }' "$out"
}

median() { sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }

printf '| N | Hugo | Hugo peak RSS | statusref cold | cold peak RSS | cold / Hugo | statusref warm | warm peak RSS | warm / Hugo |\n'
printf '| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n'
for n in $SIZES; do
	dir=$WORK/site-$n
	rm -rf "$dir"
	site "$dir"
	go run ./generator/internal/synth -n "$n" -out "$dir/content" >&2
	: > "$WORK/hugo-$n" ; : > "$WORK/cold-$n" ; : > "$WORK/warm-$n"
	# Fill the warm cache once, outside the measurements.
	rm -rf "$dir/warm-cache" "$dir/public-statusref"
	"$statusref" build -content "$dir/content" -out "$dir/public-statusref" -cache "$dir/warm-cache" >/dev/null
	for run in $(seq "$RUNS"); do
		rm -rf "$dir/public-hugo" "$dir/hugo-cache"
		measure "$hugo" --quiet --source "$dir" --destination "$dir/public-hugo" --cacheDir "$dir/hugo-cache" >> "$WORK/hugo-$n"
		rm -rf "$dir/public-statusref" "$dir/cold-cache"
		measure "$statusref" build -content "$dir/content" -out "$dir/public-statusref" -cache "$dir/cold-cache" >> "$WORK/cold-$n"
		rm -rf "$dir/public-statusref"
		measure "$statusref" build -content "$dir/content" -out "$dir/public-statusref" -cache "$dir/warm-cache" >> "$WORK/warm-$n"
		echo "N=$n run $run: hugo $(tail -1 "$WORK/hugo-$n"), cold $(tail -1 "$WORK/cold-$n"), warm $(tail -1 "$WORK/warm-$n") (s KiB)" >&2
	done
	hw=$(cut -d' ' -f1 "$WORK/hugo-$n" | median); hm=$(cut -d' ' -f2 "$WORK/hugo-$n" | median)
	cw=$(cut -d' ' -f1 "$WORK/cold-$n" | median); cm=$(cut -d' ' -f2 "$WORK/cold-$n" | median)
	ww=$(cut -d' ' -f1 "$WORK/warm-$n" | median); wm=$(cut -d' ' -f2 "$WORK/warm-$n" | median)
	awk -v n="$n" -v hw="$hw" -v hm="$hm" -v cw="$cw" -v cm="$cm" -v ww="$ww" -v wm="$wm" '
	function commas(x) { return length(x) > 3 ? commas(substr(x, 1, length(x) - 3)) "," substr(x, length(x) - 2) : x }
	BEGIN {
		printf "| %s | %.2f s | %.0f MiB | %.2f s | %.0f MiB | %.2f× | %.2f s | %.0f MiB | %.2f× |\n",
			commas(n), hw, hm / 1024, cw, cm / 1024, cw / hw, ww, wm / 1024, ww / hw
	}'
	rm -rf "$dir/public-hugo" "$dir/public-statusref" "$dir/hugo-cache" "$dir/cold-cache"
done
