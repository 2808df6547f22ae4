package snippets

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"github.com/statusref/statusref/generator/examples"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/statusref/statusref/generator"
	"go.yaml.in/yaml/v3"
)

const defaultContent = "../content"

var (
	record = flag.Bool("record", false, "record the runtime versions the snippets ran on in content/tested-with.yaml (not testdata: the site shows it)")
	// -content points the test at another content tree, such as a copy
	// with a snippet broken on purpose.
	contentDir = flag.String("content", defaultContent, "the content directory whose snippets to run")
	// -keep DIR keeps the generated apps, the runners' input and their raw
	// results, for looking into a failure.
	workDir = flag.String("keep", "", "keep the generated apps and the runners' results in this directory")
)

// requireRuntimes makes a missing runtime a failure instead of a skip.
const requireRuntimes = "STATUSREF_REQUIRE_RUNTIMES"

// TestSnippets runs every code example of every entry against its framework,
// as TestSnippets/<code>/<framework>: each framework's snippets in one
// process, each snippet's scenarios in order against one app.
func TestSnippets(t *testing.T) {
	start := time.Now()
	dir := *contentDir
	display := "content" // as the repository root sees it
	if dir != defaultContent {
		display = filepath.ToSlash(filepath.Clean(dir))
	}
	entries, err := generator.Examples(os.DirFS(dir))
	if entries == nil && err != nil {
		t.Fatalf("loading %s: %v", dir, err)
	}
	if err != nil {
		n := 1
		var list interface{ Unwrap() []error }
		if errors.As(err, &list) {
			n = len(list.Unwrap())
		}
		t.Logf("%s has %d content errors (the generator's tests report them); running the snippets of the %d entries that loaded", display, n, len(entries))
	}
	if len(entries) == 0 {
		t.Fatalf("no entries in %s", dir)
	}

	// One item per snippet, with an id that is a valid name in every
	// language: s412, or s412_2 for a second entry with the same code.
	byFramework := map[string][]*Item{}
	byEntry := map[*examples.Entry][]*Item{}
	seen := map[string]int{}
	total, chosen := 0, 0
	sel := runSelection()
	for _, e := range entries {
		for _, sn := range e.Snippets {
			id := "s" + strconv.Itoa(max(e.Code, 0))
			if seen[sn.Framework+id]++; seen[sn.Framework+id] > 1 {
				id += "_" + strconv.Itoa(seen[sn.Framework+id])
			}
			it := &Item{Entry: e, Snippet: sn, ID: id, Display: display + "/" + e.File}
			byEntry[e] = append(byEntry[e], it)
			total++
			if sel.selects(strconv.Itoa(e.Code), sn.Framework) {
				byFramework[sn.Framework] = append(byFramework[sn.Framework], it)
				chosen++
			} else {
				it.Unselected = true
			}
		}
	}
	sentBy, nginxCases, err := collectSentBy(entries, display, mustAbs(t, "testdata"), sel, byFramework)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("%d snippets in %d entries", total, len(entries))
	t.Logf("%s with a scenario", plural(len(sentBy), "sent_by item"))
	if chosen < total {
		t.Logf("running the %d of them that -run selects", chosen)
	}
	checkCount(t, dir, total)

	cfg := Config{TestData: mustAbs(t, "testdata"), Work: t.TempDir()}
	if *workDir != "" {
		if cfg.Work, err = filepath.Abs(*workDir); err != nil {
			t.Fatal(err)
		}
		if err := os.RemoveAll(cfg.Work); err != nil {
			t.Fatal(err)
		}
		t.Logf("keeping the generated apps and results in %s", cfg.Work)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 4*time.Minute)
	defer cancel()
	runs := map[string][]*Run{}
	var mu sync.Mutex
	var wg sync.WaitGroup
	for _, fw := range generator.Frameworks() {
		items := byFramework[fw.Name]
		if len(items) == 0 {
			continue
		}
		wg.Go(func() {
			r := RunFramework(ctx, fw.Name, cfg, items)
			mu.Lock()
			runs[fw.Name] = r
			mu.Unlock()
		})
	}
	if len(nginxCases) > 0 {
		wg.Go(func() {
			nginxCfg := cfg
			r := runNginx(ctx, nginxCfg, nginxCases)
			mu.Lock()
			runs["nginx"] = []*Run{r}
			mu.Unlock()
		})
	}
	wg.Wait()
	for _, r := range runs["nginx"] {
		switch {
		case r.Skip != "":
			t.Logf("nginx: not run: %s", r.Skip)
		default:
			t.Logf("nginx: %s in %v on %s", plural(len(nginxCases), "sent_by scenario"), r.Took.Round(10*time.Millisecond), versionList(r.Versions))
		}
	}
	for _, fw := range generator.Frameworks() {
		for _, r := range runs[fw.Name] {
			name := fw.Name
			if r.Line != "" {
				name += " (" + r.Line + ")"
			}
			switch {
			case r.Skip != "":
				t.Logf("%s: not run: %s", name, r.Skip)
			default:
				n, bare := 0, 0
				for _, it := range byFramework[fw.Name] {
					if it.Cases != nil {
						bare += len(it.Cases)
					} else {
						n++
					}
				}
				t.Logf("%s: %s and %s in %v on %s", name, plural(n, "snippet"), plural(bare, "sent_by scenario"), r.Took.Round(10*time.Millisecond), versionList(r.Versions))
			}
			for _, n := range r.Notes {
				t.Logf("%s: %s", name, n)
			}
		}
	}

	for _, e := range entries {
		t.Run(strconv.Itoa(e.Code), func(t *testing.T) {
			for _, it := range byEntry[e] {
				t.Run(it.Snippet.Framework, func(t *testing.T) {
					fwRuns := runs[it.Snippet.Framework]
					if len(fwRuns) == 0 {
						fwRuns = []*Run{nil}
					}
					skipped := 0
					for _, r := range fwRuns {
						report(t, r, it)
						if r != nil && r.Skip != "" {
							skipped++
						}
					}
					if skipped == len(fwRuns) && os.Getenv(requireRuntimes) != "1" {
						t.Skip("the runtime is missing")
					}
				})
			}
			var cases []*sentByCase
			for _, sc := range sentBy {
				if sc.Entry == e {
					cases = append(cases, sc)
				}
			}
			if len(cases) == 0 {
				return
			}
			t.Run("sent_by", func(t *testing.T) {
				for _, sc := range cases {
					t.Run(sc.Item.Who, func(t *testing.T) {
						fw := "nginx"
						if b, ok := bareApps[sc.Item.Who]; ok {
							fw = b.Framework
						}
						reportSentBy(t, sc, runs[fw])
					})
				}
			})
		})
	}

	checkVersions(t, dir, display, runs)
	t.Logf("the snippet tests took %v", time.Since(start).Round(10*time.Millisecond))
}

func mustAbs(t *testing.T, path string) string {
	abs, err := filepath.Abs(path)
	if err != nil {
		t.Fatal(err)
	}
	return abs
}

// report turns one snippet's result into test failures.
func report(t *testing.T, run *Run, it *Item) {
	fw := it.Snippet.Framework
	if run != nil && run.Line != "" {
		fw += " (" + run.Line + ")"
	}
	loc := func(line int) string { return fmt.Sprintf("%s:%d", it.Display, entryLine(it.Snippet, line)) }
	rel := func(msg string) string { return relocate(msg, it.Name, it.Display, it.Snippet) }
	switch {
	case it.Unselected:
		t.Skip("not selected by -run")
	case run == nil:
		t.Fatalf("%s: %s snippet: no runner ran it", loc(0), fw)
	case run.Skip != "":
		if os.Getenv(requireRuntimes) == "1" {
			t.Errorf("%s: %s snippet not run: %s (%s=1 requires every runtime)", loc(0), fw, run.Skip, requireRuntimes)
			return
		}
		t.Log(fw + ": not run: " + run.Skip)
		return
	case run.Err != nil:
		t.Errorf("%s: %s snippet not run: the %s runner failed: %v", loc(0), fw, fw, run.Err)
		return
	}
	r := run.Results[it.ID]
	if r == nil {
		t.Errorf("%s: %s snippet: the runner reported nothing for it", loc(0), fw)
		return
	}
	for _, f := range r.Errors {
		t.Errorf("%s: %s snippet: %s", loc(f.Line), fw, rel(f.Message))
	}
	for _, f := range r.Checks {
		t.Errorf("%s: %s snippet: %s", loc(f.Line), fw, rel(f.Message))
	}
	if len(r.Errors) > 0 {
		return
	}
	scenarios := it.scenarios()
	if reason, ok := it.Entry.UntestedIn[it.Snippet.Framework]; ok {
		t.Logf("%s: %s snippet: the scenarios that expect %d are not run (untested_in: %s)", loc(0), fw, it.Entry.Code, reason)
	}
	if len(scenarios) == 0 {
		t.Errorf("%s: %s snippet: the entry has no scenarios to run it with: add them to the front matter", loc(0), fw)
	}
	for i, sc := range scenarios {
		prefix := fmt.Sprintf("%s: %s snippet, scenario %q (line %d)", loc(0), fw, sc.Name, sc.Line)
		if i >= len(r.Scenarios) {
			t.Errorf("%s: not run", prefix)
			continue
		}
		got := r.Scenarios[i]
		raised := ""
		if len(r.Raised) > 0 {
			// The runners report errors per snippet, not per scenario.
			var list []string
			for _, f := range r.Raised {
				list = append(list, withLine(it, f.Message, f.Line))
			}
			raised = "; while its scenarios ran the app raised " + strings.Join(slices.Compact(list), " and ")
		}
		if got.Error != nil {
			t.Errorf("%s: no response: %s%s", prefix, withLine(it, got.Error.Message, got.Error.Line), raised)
			continue
		}
		problems := CheckResponse(sc.Want, got)
		if len(problems) == 0 {
			continue
		}
		t.Errorf("%s: %s%s", prefix, strings.Join(problems, "; "), raised)
	}
}

// selection is what -run selects below TestSnippets, so that
// go test ./snippets -run TestSnippets/412 runs 412's snippets only. It
// follows the testing package: alternatives split at unbracketed "|", each
// a list of patterns split at unbracketed "/", one for each level of names.
type selection [][]*regexp.Regexp

// runSelection reads -test.run; nil selects every snippet.
func runSelection() selection {
	f := flag.Lookup("test.run")
	if f == nil || f.Value.String() == "" {
		return nil
	}
	var sel selection
	for _, alt := range splitPattern(f.Value.String()) {
		var res []*regexp.Regexp
		for _, p := range alt {
			re, err := regexp.Compile(p)
			if err != nil {
				return nil
			}
			res = append(res, re)
		}
		sel = append(sel, res)
	}
	return sel
}

func (sel selection) selects(code, framework string) bool {
	if sel == nil {
		return true
	}
	for _, alt := range sel {
		if alt[0].MatchString("TestSnippets") &&
			(len(alt) < 2 || alt[1].MatchString(code)) &&
			(len(alt) < 3 || alt[2].MatchString(framework)) {
			return true
		}
	}
	return false
}

// splitPattern splits a -run pattern as the testing package does.
func splitPattern(s string) [][]string {
	var alts [][]string
	var elems []string
	brackets, parens := 0, 0
	for i := 0; i < len(s); {
		switch s[i] {
		case '[':
			brackets++
		case ']':
			if brackets--; brackets < 0 {
				brackets = 0
			}
		case '(':
			if brackets == 0 {
				parens++
			}
		case ')':
			if brackets == 0 {
				parens--
			}
		case '\\':
			i++
		case '/', '|':
			if brackets == 0 && parens == 0 {
				elems = append(elems, s[:i])
				if s[i] == '|' {
					alts = append(alts, elems)
					elems = nil
				}
				s = s[i+1:]
				i = 0
				continue
			}
		}
		i++
	}
	return append(alts, append(elems, s))
}

// at names the entry line of a snippet line, for a message that does not
// already carry it.
func at(it *Item, line int) string {
	if line <= 0 {
		return ""
	}
	return fmt.Sprintf(" [%s:%d]", it.Display, entryLine(it.Snippet, line))
}

// withLine is msg relocated to the entry file, followed by the entry line of
// the snippet line when msg does not already name it.
func withLine(it *Item, msg string, line int) string {
	msg = relocate(msg, it.Name, it.Display, it.Snippet)
	if line > 0 && strings.Contains(msg, fmt.Sprintf("%s:%d", it.Display, entryLine(it.Snippet, line))) {
		return msg
	}
	return msg + at(it, line)
}

// checkCount compares the number of snippets run with the number the built
// site's api/codes.json lists, when the site has been built.
func checkCount(t *testing.T, dir string, total int) {
	path := filepath.Join(filepath.Dir(filepath.Clean(dir)), "public", "api", "codes.json")
	b, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		// public/ is committed, so in CI it is always there to compare with.
		if os.Getenv("STATUSREF_REQUIRE_RUNTIMES") == "1" {
			t.Errorf("%s does not exist: run go run . build", path)
		} else {
			t.Logf("%s does not exist (the site is not built): not comparing the snippet count with it", path)
		}
		return
	}
	if err != nil {
		t.Errorf("reading %s: %v", path, err)
		return
	}
	var codes []struct {
		Code     int      `json:"code"`
		Snippets []string `json:"snippets"`
	}
	if err := json.Unmarshal(b, &codes); err != nil {
		t.Errorf("%s: %v", path, err)
		return
	}
	listed := 0
	for _, c := range codes {
		listed += len(c.Snippets)
	}
	if listed != total {
		t.Errorf("found %d snippets in the content, but %s lists %d: rebuild the site, or look for entries that did not load", total, path, listed)
		return
	}
	t.Logf("%s lists the same %d snippets", path, listed)
}

// The runtime versions, in content/tested-with.yaml.
const (
	testedWithFile   = "tested-with.yaml"
	testedWithHeader = "# Written by go test ./snippets -record: the runtimes the code examples last ran on."
)

// versionKeys are the keys of tested-with.yaml in the order it lists them:
// each framework's runner's, in the order of generator.Frameworks(), then
// nginx's. The generator names each framework's runtimes from them (see
// generator.Framework.TestedWith).
func versionKeys() []string {
	var keys []string
	for _, fw := range generator.Frameworks() {
		keys = append(keys, runners[fw.Name].keys...)
	}
	return append(keys, "nginx")
}

// machineKeys are versions that come with the machine rather than a lock
// file (Node.js, the JDK): -record records them, but a run on another
// machine does not have to match them.
var machineKeys = []string{"node", "java"}

// ranVersions is what the runs that ran report, in tested-with.yaml's keys:
// one version a key, each Spring Boot line's under keys of its own.
func ranVersions(runs map[string][]*Run) map[string]string {
	ran := map[string]string{}
	for _, fw := range generator.Frameworks() {
		for _, r := range runs[fw.Name] {
			if r == nil || r.Skip != "" || r.Err != nil {
				continue
			}
			for k, v := range runners[fw.Name].record(r) {
				ran[k] = v
			}
		}
	}
	for _, r := range runs["nginx"] {
		if r != nil && r.Skip == "" && r.Err == nil && r.Versions["nginx"] != "" {
			ran["nginx"] = r.Versions["nginx"]
		}
	}
	return ran
}

// checkVersions compares the versions the runtimes that ran report with the
// recorded ones, or with -record records them.
func checkVersions(t *testing.T, dir, display string, runs map[string][]*Run) {
	ran := ranVersions(runs)
	path := filepath.Join(dir, testedWithFile)
	shown := display + "/" + testedWithFile
	recorded, err := readTestedWith(path)
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("%s: %v", shown, err)
		if !*record {
			return
		}
	}
	if *record {
		// What ran, and what was recorded of the runtimes that did not
		// run this time; keys the test no longer writes are dropped.
		merged := map[string]string{}
		for k, v := range recorded {
			if slices.Contains(versionKeys(), k) {
				merged[k] = v
			}
		}
		for k, v := range ran {
			merged[k] = v
		}
		if err := os.WriteFile(path, formatTestedWith(merged), 0o644); err != nil {
			t.Fatal(err)
		}
		t.Logf("wrote %s: %s", shown, versionList(merged))
		return
	}
	for _, k := range orderedKeys(ran) {
		want, ok := recorded[k]
		if !ok {
			want = "nothing"
		}
		if want == ran[k] {
			continue
		}
		if slices.Contains(machineKeys, k) {
			t.Logf("%s records %s %s; this machine ran %s %s", shown, k, want, k, ran[k])
			continue
		}
		t.Errorf("%s records %s %s, but the snippets ran on %s %s: run `go test ./snippets -record` and commit the file", shown, k, want, k, ran[k])
	}
}

// readTestedWith reads the flat "key: value" map of tested-with.yaml.
func readTestedWith(path string) (map[string]string, error) {
	f, err := os.Open(path)
	if err != nil {
		return map[string]string{}, err
	}
	defer f.Close()
	return parseTestedWith(f)
}

func parseTestedWith(r io.Reader) (map[string]string, error) {
	m := map[string]string{}
	if err := yaml.NewDecoder(r).Decode(&m); err != nil && !errors.Is(err, io.EOF) {
		return m, err
	}
	return m, nil
}

func formatTestedWith(m map[string]string) []byte {
	var b strings.Builder
	b.WriteString(testedWithHeader + "\n")
	for _, k := range orderedKeys(m) {
		fmt.Fprintf(&b, "%s: %s\n", k, strconv.Quote(m[k]))
	}
	return []byte(b.String())
}

// orderedKeys puts the known keys first, in their order, then the others.
func orderedKeys(m map[string]string) []string {
	var keys []string
	for _, k := range versionKeys() {
		if _, ok := m[k]; ok {
			keys = append(keys, k)
		}
	}
	var rest []string
	for k := range m {
		if !slices.Contains(versionKeys(), k) {
			rest = append(rest, k)
		}
	}
	sort.Strings(rest)
	return append(keys, rest...)
}

func versionList(m map[string]string) string {
	var parts []string
	for _, k := range orderedKeys(m) {
		if strings.HasPrefix(m[k], k) {
			parts = append(parts, m[k]) // go1.26
		} else {
			parts = append(parts, k+" "+m[k])
		}
	}
	if len(parts) == 0 {
		return "(no versions reported)"
	}
	return strings.Join(parts, ", ")
}

func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return strconv.Itoa(n) + " " + noun + "s"
}
