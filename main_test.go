package main

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"golang.org/x/tools/txtar"
)

// contentDir writes the content/ part of a generator test case to a
// temporary folder and returns it.
func contentDir(t *testing.T, txtarFile string) string {
	t.Helper()
	a, err := txtar.ParseFile(txtarFile)
	if err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join(t.TempDir(), "content")
	for _, f := range a.Files {
		name, ok := strings.CutPrefix(f.Name, "content/")
		if !ok {
			continue
		}
		p := filepath.Join(dir, filepath.FromSlash(name))
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, f.Data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func runCLI(args ...string) (code int, stdout, stderr string) {
	var out, errb bytes.Buffer
	code = run(args, &out, &errb)
	return code, out.String(), errb.String()
}

func tree(t *testing.T, dir string) map[string]string {
	t.Helper()
	m := map[string]string{}
	filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			data, _ := os.ReadFile(p)
			m[p] = string(data)
		}
		return nil
	})
	return m
}

// beside lists what is beside the folder dir, other than dir and its lock
// file.
func beside(t *testing.T, dir string) []string {
	t.Helper()
	ents, err := os.ReadDir(filepath.Dir(dir))
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range ents {
		if n := e.Name(); n != filepath.Base(dir) && n != "."+filepath.Base(dir)+".lock" {
			names = append(names, n)
		}
	}
	return names
}

func TestBuildAndCheck(t *testing.T) {
	content := contentDir(t, "generator/testdata/site.txtar")
	out := filepath.Join(t.TempDir(), "public")

	code, stdout, stderr := runCLI("build", "-content", content, "-out", out)
	if code != 0 || stderr != "" {
		t.Fatalf("build: exit %d, stderr %q", code, stderr)
	}
	if !strings.HasPrefix(stdout, "wrote 6 pages (") || strings.Count(stdout, "\n") != 1 {
		t.Errorf("build printed %q, want one line counting the pages", stdout)
	}
	for _, f := range []string{"index.html", "404.html", "4xx/index.html", "4xx/412.html", "compare/412-vs-428.html", "api/codes.json", "api/412.json", "api/compare.json", ".statusref"} {
		if _, err := os.Stat(filepath.Join(out, f)); err != nil {
			t.Errorf("build did not write %s", f)
		}
	}
	if code, stdout, _ := runCLI("check", "-content", content); code != 0 || stdout != content+": 2 entries, 1 comparison, 0 guides and 0 decision-guide questions are fine\n" {
		t.Errorf("check: exit %d, %q", code, stdout)
	}

	// A broken entry: exit 1, file:line:col on stderr, the site untouched.
	before := tree(t, out)
	entry := filepath.Join(content, "4xx", "412.md")
	src, _ := os.ReadFile(entry)
	os.WriteFile(entry, bytes.Replace(src, []byte("summary:"), []byte("sumary:"), 1), 0o644)
	for _, cmd := range [][]string{{"check", "-content", content}, {"build", "-content", content, "-out", out}} {
		code, stdout, stderr := runCLI(cmd...)
		want := filepath.ToSlash(content) + `/4xx/412.md:8:1: unknown field "sumary": did you mean "summary"?`
		if code != 1 || stdout != "" || !strings.HasPrefix(stderr, want+"\n") {
			t.Errorf("%s: exit %d, stdout %q, stderr %q; want exit 1 and %q", cmd[0], code, stdout, stderr, want)
		}
	}
	if after := tree(t, out); len(after) != len(before) {
		t.Errorf("a failed build changed the site")
	} else {
		for k, v := range before {
			if after[k] != v {
				t.Errorf("a failed build changed %s", k)
			}
		}
	}
}

func TestTemplateErrors(t *testing.T) {
	content := contentDir(t, "generator/testdata/site.txtar")
	for _, tc := range []struct {
		name, file, old, new string
		want                 string // the error line, after the templates folder
	}{
		// A template that names a field the view does not have is an
		// error, never an empty string.
		{"unknown field", "status.html", "{{.Reason}}", "{{.Nope}}", "status.html:"},
		// A script the minifier cannot parse names its line and column.
		{"script syntax", "assets/site.js", "var doc = document", "var doc = = document",
			"assets/site.js:6:13: unexpected = in expression (rendering assets/site.js)"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			tmpl := filepath.Join(t.TempDir(), "templates")
			os.CopyFS(tmpl, os.DirFS("templates"))
			p := filepath.Join(tmpl, filepath.FromSlash(tc.file))
			src, _ := os.ReadFile(p)
			if !bytes.Contains(src, []byte(tc.old)) {
				t.Fatalf("%s has no %q", tc.file, tc.old)
			}
			os.WriteFile(p, bytes.Replace(src, []byte(tc.old), []byte(tc.new), 1), 0o644)
			out := filepath.Join(t.TempDir(), "public")
			code, _, stderr := runCLI("build", "-content", content, "-templates", tmpl, "-out", out)
			if code != 1 || !strings.HasPrefix(stderr, filepath.Join(tmpl, tc.want)) || !strings.Contains(stderr, "nothing was written") {
				t.Errorf("exit %d, stderr %q; want exit 1 and an error starting %q", code, stderr, filepath.Join(tmpl, tc.want))
			}
			if tc.name == "unknown field" && !strings.Contains(stderr, "can't evaluate field Nope") {
				t.Errorf("stderr %q does not name the field", stderr)
			}
			if _, err := os.Stat(out); err == nil {
				t.Errorf("a failed build created %s", out)
			}
		})
	}
}

func TestUsage(t *testing.T) {
	for _, args := range [][]string{
		{},
		{"frobnicate"},
		{"build", "-nope"},
		{"build", "extra"},
		{"build", "-base-url", "example.org"},
		{"check", "-content"},
		{"check", "-content", "no/such/folder"},
		{"build", "-content", "no/such/folder", "-out", "no/such/out"},
	} {
		if code, _, stderr := runCLI(args...); code != 2 || stderr == "" {
			t.Errorf("%q: exit %d, stderr %q; want exit 2 and a message", args, code, stderr)
		}
	}
}

func TestNew(t *testing.T) {
	content := contentDir(t, "generator/testdata/site.txtar")
	code, stdout, stderr := runCLI("new", "425", "-content", content)
	if code != 0 || !strings.Contains(stdout, "4xx/425.md") {
		t.Fatalf("new 425: exit %d, %q %q", code, stdout, stderr)
	}
	src, _ := os.ReadFile(filepath.Join(content, "4xx", "425.md"))
	for _, want := range []string{"code: 425\n", "reason: Too Early\n", "status: permanent\n", `spec: "RFC 8470, Section TODO"`} {
		if !strings.Contains(string(src), want) {
			t.Errorf("the scaffold lacks %q", want)
		}
	}
	// check names every TODO with its position, and nothing else.
	code, _, stderr = runCLI("check", "-content", content)
	lines := strings.Split(strings.TrimSpace(stderr), "\n")
	todos := strings.Count(string(src), "TODO")
	if code != 1 || len(lines) != todos+1 {
		t.Fatalf("check: exit %d, %d lines for %d TODOs:\n%s", code, len(lines), todos, stderr)
	}
	for _, l := range lines[:todos] {
		if !strings.Contains(l, "/4xx/425.md:") || !strings.HasSuffix(l, ": unfilled TODO: replace it with this entry's own text") {
			t.Errorf("unexpected line %q", l)
		}
	}
	if want := filepath.ToSlash(content) + "/4xx/425.md:7:26: unfilled TODO"; !strings.HasPrefix(lines[0], want) {
		t.Errorf("first error %q, want %q…", lines[0], want)
	}

	// Filling every TODO makes it pass check: the scaffold has every
	// field and section.
	filled := strings.NewReplacer(
		`"RFC 8470, Section TODO"`, `"RFC 8470, Section 5.2"`,
		`rfc8470#section-TODO"`, `rfc8470#section-5.2"`,
		"TODO-Header-Name", "Early-Data",
		"related: [] # TODO list codes worth reading next, each with a one-line why (or delete this comment)", "related: []",
		"headers: [] # TODO the headers the spec requires on 425", "headers: []",
		"/TODO", "/orders",
		"TODOController", "OrderController",
		"TODO", "Filled in",
	).Replace(string(src))
	os.WriteFile(filepath.Join(content, "4xx", "425.md"), []byte(filled), 0o644)
	if code, _, stderr := runCLI("check", "-content", content); code != 0 {
		t.Errorf("the filled-in scaffold fails check:\n%s", stderr)
	}

	if code, _, stderr := runCLI("new", "425", "-content", content); code != 1 || !strings.Contains(stderr, "already exists") {
		t.Errorf("new on an existing entry: exit %d, %q", code, stderr)
	}

	// Each class gets its own sections, and the filled-in scaffold of each
	// passes check: a 3xx is sent and followed, not fixed.
	for _, tc := range []struct {
		code     string
		file     string
		has, not []string
	}{
		{"308", "3xx/308.md", []string{"## How to send it\n", "## What clients, caches and browsers do\n", "## If you are not a developer\n"}, []string{"## How to fix it"}},
		{"201", "2xx/201.md", []string{"## How to send it\n", "## What clients, caches and browsers do\n"}, []string{"## How to fix it", "## If you are not a developer"}},
		{"503", "5xx/503.md", []string{"## How to fix it\n\n### On the client\n", "### On the server\n", "## If you are not a developer\n"}, []string{"## How to send it"}},
	} {
		if code, stdout, stderr := runCLI("new", tc.code, "-content", content); code != 0 || !strings.Contains(stdout, tc.file) {
			t.Fatalf("new %s: exit %d, %q %q", tc.code, code, stdout, stderr)
		}
		src, _ := os.ReadFile(filepath.Join(content, filepath.FromSlash(tc.file)))
		for _, h := range tc.has {
			if !strings.Contains(string(src), h) {
				t.Errorf("new %s lacks %q", tc.code, h)
			}
		}
		for _, h := range tc.not {
			if strings.Contains(string(src), h) {
				t.Errorf("new %s has %q", tc.code, h)
			}
		}
		filled := strings.NewReplacer(
			"related: [] # TODO list codes worth reading next, each with a one-line why (or delete this comment)", "related: []",
			"headers: [] # TODO the headers the spec requires on "+tc.code, "headers: []",
			"TODO-Header-Name", "Location",
			"/TODO", "/orders",
			"TODOController", "OrderController",
			"TODO", "Filled in",
		).Replace(string(src))
		os.WriteFile(filepath.Join(content, filepath.FromSlash(tc.file)), []byte(filled), 0o644)
		if code, _, stderr := runCLI("check", "-content", content); code != 0 {
			t.Errorf("the filled-in scaffold of %s fails check:\n%s", tc.code, stderr)
		}
	}

	if code, _, _ := runCLI("new", "499", "-content", content); code != 0 {
		t.Errorf("new 499: exit %d", code)
	}
	src, _ = os.ReadFile(filepath.Join(content, "4xx", "499.md"))
	if !strings.Contains(string(src), "status: unofficial\n") || !strings.Contains(string(src), `origin: "TODO`) {
		t.Errorf("an unregistered code is not scaffolded as unofficial:\n%s", src)
	}
	if code, _, stderr := runCLI("new", "600", "-content", content); code != 1 || !strings.Contains(stderr, "600 is not an HTTP status code") {
		t.Errorf("new 600: exit %d, %q", code, stderr)
	}
	for _, bad := range []string{"42", "4120", "abc", "099"} {
		if code, _, _ := runCLI("new", bad, "-content", content); code != 2 {
			t.Errorf("new %s: exit %d, want 2", bad, code)
		}
	}
}

// TestBadInputCorpus builds a good site, then breaks it one way per case in
// generator/testdata/bad and builds again into the same folder. Each case
// must exit 1 with exactly the errors it lists, without a panic, and leave
// the previous site byte-identical.
func TestBadInputCorpus(t *testing.T) {
	cases, _ := filepath.Glob("generator/testdata/bad/*.txtar")
	if len(cases) < 50 {
		t.Fatalf("the corpus has %d cases, want at least 50", len(cases))
	}
	base, err := txtar.ParseFile("generator/testdata/site.txtar")
	if err != nil {
		t.Fatal(err)
	}
	for _, file := range cases {
		t.Run(strings.TrimSuffix(filepath.Base(file), ".txtar"), func(t *testing.T) {
			a, err := txtar.ParseFile(file)
			if err != nil {
				t.Fatal(err)
			}
			dir := t.TempDir()
			put := func(name string, data []byte) {
				p := filepath.Join(dir, filepath.FromSlash(name))
				os.MkdirAll(filepath.Dir(p), 0o755)
				if err := os.WriteFile(p, data, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			for _, f := range base.Files {
				if strings.HasPrefix(f.Name, "content/") {
					put(f.Name, f.Data)
				}
			}
			out := filepath.Join(dir, "public")
			if code, _, stderr := runCLI("build", "-content", filepath.Join(dir, "content"), "-out", out); code != 0 {
				t.Fatalf("the good site does not build: %s", stderr)
			}
			before := tree(t, out)

			args := []string{"build", "-content", filepath.Join(dir, "content"), "-out", out}
			var want []byte
			for _, f := range a.Files {
				switch {
				case f.Name == "errors":
					want = f.Data
				case strings.HasPrefix(f.Name, "templates/"):
					if len(args) == 5 {
						os.CopyFS(filepath.Join(dir, "templates"), os.DirFS("templates"))
						args = append(args, "-templates", filepath.Join(dir, "templates"))
					}
					put(f.Name, f.Data)
				case strings.HasPrefix(f.Name, "content/"):
					data := f.Data
					var size int
					if _, err := fmt.Sscanf(string(data), "@size %d", &size); err == nil {
						data = bytes.Repeat([]byte("x"), size)
					}
					put(f.Name, data)
				default:
					t.Fatalf("unknown file %s", f.Name)
				}
			}

			var code int
			var stdout, stderr string
			func() {
				defer func() {
					if p := recover(); p != nil {
						t.Fatalf("panic: %v", p)
					}
				}()
				code, stdout, stderr = runCLI(args...)
			}()
			// The expected errors are generator's TestBadInput's, which
			// rewrites them with go test ./generator -update.
			got := strings.ReplaceAll(stderr, filepath.ToSlash(dir)+"/", "")
			if got != string(want) {
				t.Errorf("stderr:\n%s\nwant:\n%s", got, want)
			}
			if code != 1 || stdout != "" {
				t.Errorf("exit %d, stdout %q; want exit 1 and nothing on stdout", code, stdout)
			}
			after := tree(t, out)
			if len(after) != len(before) {
				t.Errorf("the failed build changed the number of files in public/: %d → %d", len(before), len(after))
			}
			for k, v := range before {
				if after[k] != v {
					t.Errorf("the failed build changed %s", k)
				}
			}
			for _, e := range beside(t, out) {
				if e != "content" && e != "templates" {
					t.Errorf("the failed build left %s beside public/", e)
				}
			}
		})
	}
}

// TestReportUnforgeable: a file name with a newline and a CI annotation
// in it prints quoted, so every error stays one line, and none of them
// starts with "::".
func TestReportUnforgeable(t *testing.T) {
	content := contentDir(t, "generator/testdata/site.txtar")
	src, _ := os.ReadFile(filepath.Join(content, "4xx", "412.md"))
	if err := os.WriteFile(filepath.Join(content, "4xx", "a\n::error::x.md"), src, 0o644); err != nil {
		t.Fatal(err)
	}
	code, _, stderr := runCLI("check", "-content", content)
	quoted := strconv.Quote(filepath.ToSlash(content) + "/4xx/a\n::error::x.md")
	want := quoted + `:2:7: code 412 does not match the file name a\n::error::x.md: rename the file to 412.md or fix the code
` + quoted + `:2:7: duplicate code 412: 4xx/412.md already has it
2 error(s); nothing was written
`
	if code != 1 || stderr != want {
		t.Errorf("exit %d, stderr:\n%s\nwant:\n%s", code, stderr, want)
	}
}

// TestReportCap: a file with more than a hundred errors prints the first
// hundred and a line for the rest, and the count counts them all.
func TestReportCap(t *testing.T) {
	content := contentDir(t, "generator/testdata/site.txtar")
	entry := filepath.Join(content, "4xx", "412.md")
	src, _ := os.ReadFile(entry)
	var extra strings.Builder
	for i := range 150 {
		fmt.Fprintf(&extra, "x%d: 1\n", i)
	}
	os.WriteFile(entry, bytes.Replace(src, []byte("code: 412\n"), []byte("code: 412\n"+extra.String()), 1), 0o644)
	code, _, stderr := runCLI("check", "-content", content)
	lines := strings.Split(strings.TrimSuffix(stderr, "\n"), "\n")
	if code != 1 || len(lines) != 102 {
		t.Fatalf("exit %d, %d lines; want exit 1 and 102 lines:\n%s", code, len(lines), stderr)
	}
	path := filepath.ToSlash(content) + "/4xx/412.md"
	for i, want := range map[int]string{
		0:   path + `:3:1: unknown field "x0": see CONTRIBUTING.md for the fields an entry has`,
		99:  path + `:102:1: unknown field "x99": see CONTRIBUTING.md for the fields an entry has`,
		100: path + ": … and 50 more errors in this file",
		101: "150 error(s); nothing was written",
	} {
		if lines[i] != want {
			t.Errorf("line %d: %q, want %q", i+1, lines[i], want)
		}
	}
}

// TestBuildPlantedMarker is the attack of issue 11: lines added to a
// built site's .statusref that name files outside it. The next build
// must delete none of them.
func TestBuildPlantedMarker(t *testing.T) {
	content := contentDir(t, "generator/testdata/site.txtar")
	top := t.TempDir()
	out := filepath.Join(top, "site")
	victim := filepath.Join(top, "victim.txt")
	os.WriteFile(victim, []byte("not statusref's"), 0o644)
	if code, _, stderr := runCLI("build", "-no-cache", "-content", content, "-out", out); code != 0 {
		t.Fatalf("build: exit %d, %s", code, stderr)
	}
	f, err := os.OpenFile(filepath.Join(out, ".statusref"), os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	fmt.Fprintf(f, "../victim.txt\n%s\n%s\n", strings.Repeat("../", 20)+strings.TrimPrefix(victim, "/"), victim)
	f.Close()
	if code, _, stderr := runCLI("build", "-no-cache", "-content", content, "-out", out); code != 0 {
		t.Fatalf("build: exit %d, %s", code, stderr)
	}
	if data, err := os.ReadFile(victim); err != nil || string(data) != "not statusref's" {
		t.Errorf("the build deleted a file outside -out: %v", err)
	}
}

// TestTemplatesFallBack: a -templates folder that holds only the
// templates a team changes builds, with the rest from the built-in ones.
func TestTemplatesFallBack(t *testing.T) {
	content := contentDir(t, "generator/testdata/site.txtar")
	tmpl := filepath.Join(t.TempDir(), "templates")
	os.MkdirAll(filepath.Join(tmpl, "assets"), 0o755)
	status, _ := os.ReadFile("templates/status.html")
	os.WriteFile(filepath.Join(tmpl, "status.html"), bytes.Replace(status, []byte(`<p class="lead">`), []byte(`<p class="lead team">`), 1), 0o644)
	os.WriteFile(filepath.Join(tmpl, "assets", "team.css"), []byte("p { color: red; }\n"), 0o644)
	out := filepath.Join(t.TempDir(), "public")
	if code, _, stderr := runCLI("build", "-no-cache", "-content", content, "-templates", tmpl, "-out", out); code != 0 {
		t.Fatalf("build: exit %d: %s", code, stderr)
	}
	page, _ := os.ReadFile(filepath.Join(out, "4xx", "412.html"))
	if !bytes.Contains(page, []byte(`<p class="lead team">`)) {
		t.Error("the team's status.html was not used")
	}
	for _, f := range []string{"index.html", "assets/site.css", "assets/team.css", "assets/site.js"} {
		if _, err := os.Stat(filepath.Join(out, f)); err != nil {
			t.Errorf("%s: %v", f, err)
		}
	}
}
