package sitetest

import (
	"bytes"
	"compress/gzip"
	"context"
	"fmt"
	"go/build"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/statusref/statusref/generator"
)

var (
	siteOnce sync.Once
	siteDir  string
	siteErr  error
	siteTmp  string
)

func TestMain(m *testing.M) {
	code := m.Run()
	if siteTmp != "" {
		os.RemoveAll(siteTmp)
	}
	os.Exit(code)
}

// site builds the site once for all the tests of the package.
func site(t *testing.T) string {
	t.Helper()
	siteOnce.Do(func() {
		content := os.Getenv("STATUSREF_SITETEST_CONTENT")
		if content == "" {
			content = "../content"
		}
		siteTmp, siteErr = os.MkdirTemp("", "statusref-sitetest-")
		if siteErr != nil {
			return
		}
		siteDir = filepath.Join(siteTmp, "public")

		siteErr = generator.Write(context.Background(), siteDir, func(o generator.Output) error {
			_, err := generator.Build(os.DirFS(content), os.DirFS("../templates"), o)
			return err
		})
		if siteErr != nil {
			siteErr = fmt.Errorf("building the site from %s: %w", content, siteErr)
		}
	})
	if siteErr != nil {
		t.Fatal(siteErr)
	}
	return siteDir
}

// need skips the test when a tool is missing, or fails it under
// STATUSREF_REQUIRE_RUNTIMES=1.
func need(t *testing.T, tool, problem string) {
	t.Helper()
	if problem == "" {
		return
	}
	if os.Getenv("STATUSREF_REQUIRE_RUNTIMES") == "1" {
		t.Fatalf("%s: %s (STATUSREF_REQUIRE_RUNTIMES=1; run sitetest/install.sh)", tool, problem)
	}
	t.Skipf("%s: %s; run sitetest/install.sh", tool, problem)
}

func missingFile(path, what string) string {
	if _, err := os.Stat(path); err != nil {
		return what + " is not installed (" + path + ")"
	}
	return ""
}

func missingCommand(name string) string {
	if _, err := exec.LookPath(name); err != nil {
		return name + " is not on PATH"
	}
	return ""
}

// run runs a command with a deadline and returns its combined output.
func run(t *testing.T, timeout time.Duration, name string, args ...string) (string, error) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), timeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, name, args...)
	cmd.WaitDelay = 5 * time.Second
	cmd.Env = append(os.Environ(), "NO_COLOR=1")
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	start := time.Now()
	err := cmd.Run()
	if ctx.Err() != nil {
		err = fmt.Errorf("%s did not finish in %s", name, timeout)
	}
	t.Logf("%s ran in %s", name, time.Since(start).Round(time.Millisecond))
	return out.String(), err
}

// TestHTML runs the Nu HTML Checker over every page: zero errors.
func TestHTML(t *testing.T) {
	t.Parallel()
	jar := filepath.Join("node_modules", "vnu-jar", "build", "dist", "vnu.jar")
	need(t, "vnu", missingCommand("java"))
	need(t, "vnu", missingFile(jar, "npm vnu-jar (npm ci --prefix sitetest)"))
	dir := site(t)
	out, err := run(t, 3*time.Minute, "java", "-jar", jar, "--errors-only", "--skip-non-html", "--also-check-css", "--also-check-svg", dir)
	if err != nil || strings.TrimSpace(out) != "" {
		t.Fatalf("the Nu HTML Checker found errors (%v):\n%s", err, strings.ReplaceAll(out, "file:"+dir+"/", ""))
	}
}

// TestLinks runs htmltest: every internal link, anchor, script and
// stylesheet resolves. External links are not checked: there is no network.
func TestLinks(t *testing.T) {
	t.Parallel()
	bin, err := exec.LookPath("htmltest")
	if err != nil {
		bin = filepath.Join(gobin(), "htmltest")
	}
	need(t, "htmltest", missingFile(bin, "htmltest (go install github.com/wjdp/htmltest in sitetest/tools)"))
	dir := site(t)
	out, err := run(t, 2*time.Minute, bin, "-c", ".htmltest.yml", dir)
	if err != nil {
		t.Fatalf("htmltest found broken links (%v):\n%s", err, out)
	}
	t.Log(strings.TrimSpace(out))
}

// TestBrowser runs browser.test.mjs: axe-core on every page, light and
// dark, and the reader's walk from file:// and from 127.0.0.1/statusref/.
// The walk's screenshots go to sitetest/screenshots.
func TestBrowser(t *testing.T) {
	t.Parallel()
	chromium := os.Getenv("CHROMIUM")
	if chromium == "" {
		chromium = "/usr/bin/chromium"
	}
	need(t, "browser tests", missingCommand("node"))
	need(t, "browser tests", missingFile(chromium, "Debian's chromium"))
	for _, m := range []string{"playwright-core", "axe-core"} {
		need(t, "browser tests", missingFile(filepath.Join("node_modules", m, "package.json"), "npm "+m+" (npm ci --prefix sitetest)"))
	}
	dir := site(t)
	shots, err := filepath.Abs("screenshots")
	if err != nil {
		t.Fatal(err)
	}
	out, err := run(t, 8*time.Minute, "node", "browser.test.mjs", dir, shots)
	if err != nil {
		t.Fatalf("the browser tests failed (%v):\n%s", err, out)
	}
	t.Log("\n" + strings.TrimSpace(out))
}

// The weight budget of one page: its HTML, the stylesheet and the scripts
// every page loads, as they travel from any server that compresses
// (gzip), which is what page weight means to HTTP Archive and to
// Lighthouse's total-byte-weight. search-index.js and search.js are loaded
// only when the reader searches, and are reported apart. Raw weights are logged: a status
// page's own text and four complete programs are 10–15 KB before any
// markup, so no raw budget of 20 KB could hold them (docs/quality.md).
const budget = 20 << 10

// TestPageWeight fails when a page's HTML+CSS+JS is over the budget
// gzipped, and logs the raw and gzipped weights of the home page, 412 and
// the heaviest page.
func TestPageWeight(t *testing.T) {
	dir := site(t)
	read := func(name string) []byte {
		data, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(name)))
		if err != nil {
			t.Fatal(err)
		}
		return data
	}
	shared := []string{"assets/site.css", "assets/theme.js", "assets/site.js"}
	var sharedRaw, sharedGz int
	for _, f := range shared {
		data := read(f)
		sharedRaw += len(data)
		sharedGz += gzipSize(data)
	}
	index := append(read("assets/search-index.js"), read("assets/search.js")...)
	t.Logf("every page: CSS and JS %s raw, %s gzip; the search index and search.js %s raw, %s gzip when used",
		kb(sharedRaw), kb(sharedGz), kb(len(index)), kb(gzipSize(index)))
	type weight struct {
		page           string
		html, htmlGz   int
		total, totalGz int
	}
	var pages []weight
	err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".html") {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		rel = filepath.ToSlash(rel)
		html := read(rel)
		w := weight{rel, len(html), gzipSize(html), len(html) + sharedRaw, 0}
		w.totalGz = w.htmlGz + sharedGz
		if w.totalGz > budget {
			t.Errorf("%s: HTML+CSS+JS is %s gzipped, over the %s budget", rel, kb(w.totalGz), kb(budget))
		}
		pages = append(pages, w)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(pages) == 0 {
		t.Fatal("the site has no pages")
	}
	heaviest := pages[0]
	for _, w := range pages {
		if w.totalGz > heaviest.totalGz {
			heaviest = w
		}
	}
	for _, w := range pages {
		if w.page == "index.html" || w.page == "4xx/412.html" || w == heaviest {
			t.Logf("%-13s HTML %s raw, %s gzip; with CSS and JS %s raw, %s gzip",
				w.page, kb(w.html), kb(w.htmlGz), kb(w.total), kb(w.totalGz))
		}
	}
}

func gzipSize(data []byte) int {
	var buf bytes.Buffer
	w, _ := gzip.NewWriterLevel(&buf, gzip.BestCompression)
	w.Write(data)
	w.Close()
	return buf.Len()
}

func kb(n int) string { return fmt.Sprintf("%.1f KB", float64(n)/1024) }

// gobin is where go install puts commands.
func gobin() string {
	if b := os.Getenv("GOBIN"); b != "" {
		return b
	}
	gopath := build.Default.GOPATH
	if i := strings.IndexRune(gopath, os.PathListSeparator); i >= 0 {
		gopath = gopath[:i]
	}
	return filepath.Join(gopath, "bin")
}
