#!/usr/bin/env bash
# Scores the home page, the 412 page and a comparison with Lighthouse, in Debian's
# chromium, on the site served from 127.0.0.1 under /statusref/, and writes
# the scores and the page weights into docs/quality.md.
#
#   bash sitetest/lighthouse.sh            # builds content/ into a temporary folder
#   STATUSREF_CONTENT=DIR bash sitetest/lighthouse.sh
#
# Not a test: scores depend on the machine's load. The target is 0.95 or
# more in every category. Needs node, /usr/bin/chromium (sitetest/install.sh)
# and installs the pinned lighthouse into sitetest/lighthouse/node_modules.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
export CHROME_PATH=${CHROME_PATH:-/usr/bin/chromium}
content=${STATUSREF_CONTENT:-content}
lh=sitetest/lighthouse

if [ ! -x "$lh/node_modules/.bin/lighthouse" ]; then
  npm ci --prefix "$lh" --ignore-scripts --no-audit --no-fund >/dev/null
fi

tmp=$(mktemp -d)
server=
cleanup() {
  if [ -n "$server" ]; then kill "$server" 2>/dev/null || true; fi
  rm -rf "$tmp"
}
trap cleanup EXIT

go run . build -content "$content" -out "$tmp/public" >/dev/null
node sitetest/serve.mjs "$tmp/public" 0 /statusref/ >"$tmp/url" &
server=$!
for _ in $(seq 50); do [ -s "$tmp/url" ] && break; sleep 0.1; done
base=$(cat "$tmp/url")
[ -n "$base" ] || { echo "lighthouse.sh: the server did not start" >&2; exit 1; }

flags="--headless --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking --disable-component-update --disable-sync"
scores() { # page preset -> "perf a11y bp seo"
  local out="$tmp/report.json" preset=()
  if [ "$2" = desktop ]; then preset=(--preset=desktop); fi
  rm -rf "$tmp/profile"
  "$lh/node_modules/.bin/lighthouse" "$base$1" "${preset[@]}" --quiet --output=json --output-path="$out" \
    --only-categories=performance,accessibility,best-practices,seo \
    --chrome-flags="$flags --user-data-dir=$tmp/profile" >/dev/null 2>&1
  node -e '
    const r = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
    const c = r.categories;
    const s = ["performance", "accessibility", "best-practices", "seo"].map((k) => c[k].score.toFixed(2));
    // The audits that count towards a score and did not get full marks.
    const low = [...new Set(Object.values(c).flatMap((cat) => cat.auditRefs.filter((ref) => ref.weight > 0).map((ref) => ref.id)))]
      .filter((id) => r.audits[id] && r.audits[id].score !== null && r.audits[id].score < 1)
      .map((id) => id + " " + r.audits[id].score.toFixed(2));
    const m = (id) => r.audits[id] ? r.audits[id].displayValue : "";
    console.log(s.join(" ") + "\t" + ["first-contentful-paint","largest-contentful-paint","total-blocking-time","cumulative-layout-shift"].map(m).join(", ") + "\t" + (low.join(", ") || "none"));
  ' "$out"
}

results=()
fail=0
for preset in mobile desktop; do
  for page in index.html 4xx/412.html compare/412-vs-428.html; do
    line=$(scores "$page" "$preset")
    read -r p a b s <<<"${line%%$'\t'*}"
    rest=${line#*$'\t'}
    metrics=${rest%%$'\t'*}
    below=${rest#*$'\t'}
    results+=("| $page | $preset | $p | $a | $b | $s | $metrics | $below |")
    echo "$page ($preset): performance $p, accessibility $a, best practices $b, SEO $s ($metrics; below 1: $below)"
    for v in $p $a $b $s; do
      awk -v v="$v" 'BEGIN { exit !(v < 0.95) }' && fail=1
    done
  done
done

# Page weights: the HTML of a page, plus the stylesheet and the scripts every
# page loads; search-index.js is loaded only when the reader searches.
gz() { gzip -9 -c "$1" | wc -c; }
kb() { awk -v n="$1" 'BEGIN { printf "%.1f KB", n / 1024 }'; }
pub=$tmp/public
shared=("$pub/assets/site.css" "$pub/assets/theme.js" "$pub/assets/site.js")
sraw=0 sgz=0
for f in "${shared[@]}"; do sraw=$((sraw + $(wc -c <"$f"))); sgz=$((sgz + $(gz "$f"))); done
# The heaviest page, by its HTML gzipped.
heaviest=$(cd "$pub" && find . -name '*.html' | sed 's|^\./||' | while read -r f; do echo "$(gz "$f") $f"; done | sort -n | tail -1 | cut -d' ' -f2)
weights=()
for page in index.html 4xx/412.html "$heaviest"; do
  r=$(wc -c <"$pub/$page") g=$(gz "$pub/$page")
  weights+=("| $page | $(kb "$r") | $(kb "$g") | $(kb $((r + sraw))) | $(kb $((g + sgz))) |")
done
assets=()
for f in assets/site.css assets/theme.js assets/site.js assets/search-index.js; do
  assets+=("| $f | $(kb "$(wc -c <"$pub/$f")") | $(kb "$(gz "$pub/$f")") |")
done

mkdir -p docs
{
  echo "# Site quality"
  echo
  echo "Written by \`bash sitetest/lighthouse.sh\` on $(date -u +%Y-%m-%d), from \`$content\`. Run it again after changing"
  echo "templates/ and commit the result. The checkers that must report zero problems run in \`go test ./sitetest\`"
  echo "(see sitetest/README.md); this page records what is measured rather than asserted."
  echo
  echo "## Lighthouse"
  echo
  echo "Lighthouse $("$lh/node_modules/.bin/lighthouse" --version), $("$CHROME_PATH" --version 2>/dev/null | head -1 | sed 's/ built on.*//'), headless, on"
  echo "the site served from 127.0.0.1 under \`/statusref/\` (sitetest/serve.mjs, uncompressed). \"mobile\" is"
  echo "Lighthouse's default (a mid-range phone on a throttled 4G connection, simulated); \"desktop\" is"
  echo "\`--preset=desktop\`. The target is 0.95 or more in every category."
  echo
  echo "| page | form factor | performance | accessibility | best practices | SEO | FCP, LCP, TBT, CLS | scored audits below 1 |"
  echo "| --- | --- | --- | --- | --- | --- | --- | --- |"
  printf '%s\n' "${results[@]}"
  echo
  echo "## Page weight"
  echo
  echo "One page is its HTML, \`assets/site.css\`, \`assets/theme.js\` and \`assets/site.js\`; gzip is \`gzip -9\`,"
  echo "which is what a server that compresses sends. \`assets/search-index.js\` is loaded only when the reader"
  echo "uses the search box. The budget is 20 KB per page as transferred; \`TestPageWeight\` in sitetest/ holds"
  echo "every page to it. The last row is the heaviest page of the site."
  echo
  echo "| page | HTML raw | HTML gzip | page raw | page gzip |"
  echo "| --- | --- | --- | --- | --- |"
  printf '%s\n' "${weights[@]}"
  echo
  echo "| asset | raw | gzip |"
  echo "| --- | --- | --- |"
  printf '%s\n' "${assets[@]}"
} >docs/quality.md.tmp
# Keep the hand-written notes that follow the generated part.
if [ -f docs/quality.md ] && grep -q '^<!-- notes -->' docs/quality.md; then
  { echo; sed -n '/^<!-- notes -->/,$p' docs/quality.md; } >>docs/quality.md.tmp
fi
mv docs/quality.md.tmp docs/quality.md
echo "wrote $root/docs/quality.md"
exit $fail
