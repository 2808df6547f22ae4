package generator

import (
	"bytes"
	"errors"
	"flag"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/google/go-cmp/cmp"
	"github.com/statusref/statusref/generator/internal/synthetic"
	"golang.org/x/tools/txtar"
)

var update = flag.Bool("update", false, "update golden files")

// TestBuild runs each testdata/*.txtar case: the archive holds the inputs
// (content/…, templates/…, and optionally frameworks, registered for the
// case only: see registerFrameworks) and what the build must give. That is either
// every output file (public/…), compared byte for byte, or, for a case
// that must fail, the exact error lines in a file named "errors". With
// -update, the expected parts are rewritten from what the build gives.
func TestBuild(t *testing.T) {
	files, err := filepath.Glob("testdata/*.txtar")
	if err != nil || len(files) == 0 {
		t.Fatalf("no test cases: %v", err)
	}
	for _, file := range files {
		t.Run(strings.TrimSuffix(filepath.Base(file), ".txtar"), func(t *testing.T) {
			a, err := txtar.ParseFile(file)
			if err != nil {
				t.Fatal(err)
			}
			content, templates, baseURL := fstest.MapFS{}, fstest.MapFS{}, ""
			want := map[string][]byte{}
			var wantErrs []byte
			hasErrs := false
			var inputs []txtar.File
			for _, f := range a.Files {
				switch {
				case strings.HasPrefix(f.Name, "content/"):
					content[strings.TrimPrefix(f.Name, "content/")] = &fstest.MapFile{Data: f.Data}
					inputs = append(inputs, f)
				case strings.HasPrefix(f.Name, "templates/"):
					templates[strings.TrimPrefix(f.Name, "templates/")] = &fstest.MapFile{Data: f.Data}
					inputs = append(inputs, f)
				case f.Name == "frameworks":
					registerFrameworks(t, string(f.Data))
					inputs = append(inputs, f)
				case f.Name == "base-url":
					baseURL = strings.TrimSpace(string(f.Data))
					inputs = append(inputs, f)
				case strings.HasPrefix(f.Name, "public/"):
					want[strings.TrimPrefix(f.Name, "public/")] = f.Data
				case f.Name == "errors":
					wantErrs, hasErrs = f.Data, true
				default:
					t.Fatalf("unknown file %s in %s", f.Name, file)
				}
			}
			var tmpl = templateFS(t, templates)
			got := Files{}
			_, err = Build(content, tmpl, got, WithBaseURL(baseURL))
			var gotErrs []byte
			if err != nil {
				var list errorList
				if !errors.As(err, &list) {
					t.Fatalf("build failed with a non-content error: %v", err)
				}
				gotErrs = []byte(list.Error() + "\n")
				got = Files{}
			}

			if *update {
				a.Files = inputs
				if err != nil {
					a.Files = append(a.Files, txtar.File{Name: "errors", Data: gotErrs})
				}
				for _, name := range sortedKeys(got) {
					a.Files = append(a.Files, txtar.File{Name: "public/" + name, Data: got[name]})
				}
				if err := os.WriteFile(file, txtar.Format(a), 0o666); err != nil {
					t.Fatal(err)
				}
				return
			}
			if hasErrs || err != nil {
				if d := cmp.Diff(string(wantErrs), string(gotErrs)); d != "" {
					t.Errorf("errors: (-want +got)\n%s", d)
				}
			}
			for _, name := range sortedKeys(want) {
				if _, ok := got[name]; !ok {
					t.Errorf("public/%s: missing from the build", name)
				}
			}
			for _, name := range sortedKeys(got) {
				w, ok := want[name]
				if !ok {
					t.Errorf("public/%s: built, but not in %s (run with -update)", name, file)
					continue
				}
				if !bytes.Equal(w, got[name]) {
					t.Errorf("public/%s: differs from %s (-want +got)\n%s", name, file, cmp.Diff(string(w), string(got[name])))
				}
			}
		})
	}
}

// registerFrameworks registers more frameworks for the rest of the test,
// one a line: "name Label lang required|optional". Tests that change the
// registry do not run in parallel.
func registerFrameworks(t *testing.T, lines string) {
	t.Helper()
	saved := Frameworks()
	t.Cleanup(func() {
		frameworks.Lock()
		frameworks.list = saved
		frameworks.Unlock()
	})
	for _, l := range strings.Split(strings.TrimSpace(lines), "\n") {
		f := strings.Fields(l)
		if len(f) != 4 || (f[3] != "required" && f[3] != "optional") {
			t.Fatalf("frameworks: %q is not \"name Label lang required|optional\"", l)
		}
		registerFramework(Framework{Name: f[0], Label: f[1], Lang: f[2], Required: f[3] == "required"})
	}
}

// templateFS is the case's own templates over testdata/templates, a small
// set that shows every field of the views: a case gives only the
// templates it changes, as a -templates folder does over the built-in
// ones.
func templateFS(t *testing.T, m fstest.MapFS) fs.FS {
	if len(m) > 0 {
		return overlayFS{m, os.DirFS("testdata/templates")}
	}
	return os.DirFS("testdata/templates")
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// TestDeterministic builds the real content twice and wants byte-identical
// output, with the worker pool on.
func TestDeterministic(t *testing.T) {
	content, tmpl, base := os.DirFS("../content"), os.DirFS("../templates"), WithBaseURL("https://example.org/statusref")
	a, b := Files{}, Files{}
	if _, err := Build(content, tmpl, a, base); err != nil {
		t.Fatal(err)
	}
	if _, err := Build(content, tmpl, b, base); err != nil {
		t.Fatal(err)
	}
	if len(a) != len(b) {
		t.Fatalf("two builds wrote %d and %d files", len(a), len(b))
	}
	for name, data := range a {
		if !bytes.Equal(data, b[name]) {
			t.Errorf("%s differs between two builds of the same content", name)
		}
	}
}

// TestDeterministicAcrossGOMAXPROCS builds a synthetic catalogue with one
// worker and with four, and wants the same bytes: the order in which the
// pool finishes pages must not show in the output.
func TestDeterministicAcrossGOMAXPROCS(t *testing.T) {
	content, err := synthetic.FS(60, 3)
	if err != nil {
		t.Fatal(err)
	}
	build := func(procs int) Files {
		defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(procs))
		files := Files{}
		if _, err := Build(content, os.DirFS("../templates"), files, WithBaseURL("https://example.org/errors")); err != nil {
			t.Fatal(err)
		}
		return files
	}
	sameFiles(t, "GOMAXPROCS 1 and 4", build(1), build(4))
}

// TestPublicIsFresh fails when the committed public/ is not what a build
// of content/ gives now: run "go run . build" and commit public/.
func TestPublicIsFresh(t *testing.T) {
	got := Files{}
	if _, err := Build(os.DirFS("../content"), os.DirFS("../templates"), got); err != nil {
		t.Fatal(err)
	}
	onDisk := map[string]bool{}
	err := filepath.WalkDir("../public", func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel("../public", p)
		rel = filepath.ToSlash(rel)
		if rel == marker {
			return nil
		}
		onDisk[rel] = true
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		if want, ok := got[rel]; !ok {
			t.Errorf("public/%s is committed but a build does not write it: run go run . build", rel)
		} else if !bytes.Equal(data, want) {
			t.Errorf("public/%s is stale: run go run . build and commit public/", rel)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range sortedKeys(got) {
		if !onDisk[name] {
			t.Errorf("public/%s is missing: run go run . build and commit public/", name)
		}
	}
}

// TestLeanBuild: Build loads lean content, which reads each entry again to
// render it. It must give the bytes Check and Render give, and refuse an
// entry that changed after it was checked.
func TestLeanBuild(t *testing.T) {
	content, err := synthetic.FS(30, 9)
	if err != nil {
		t.Fatal(err)
	}
	tmpl := os.DirFS("../templates")
	lean := Files{}
	if _, err := Build(content, tmpl, lean); err != nil {
		t.Fatal(err)
	}
	c, err := check(content, false)
	if err != nil {
		t.Fatal(err)
	}
	r, err := newRenderer(tmpl)
	if err != nil {
		t.Fatal(err)
	}
	full := Files{}
	if err := r.Render(c, full); err != nil {
		t.Fatal(err)
	}
	sameFiles(t, "lean and full content", full, lean)

	c, err = check(content, true)
	if err != nil {
		t.Fatal(err)
	}
	if c.Entries[0].Body != nil || c.Entries[0].Snippets[0].Code != "" || c.Entries[0].pos != nil {
		t.Error("lean content holds a body, code or positions")
	}
	name := synthetic.Path(4)
	content[name] = &fstest.MapFile{Data: append(content[name].Data, "\nMore.\n"...)}
	err = r.Render(c, Files{})
	if err == nil || !strings.Contains(err.Error(), name+" changed during the build: build again") {
		t.Errorf("rendering an entry changed since the check: %v", err)
	}
}

func TestRelPath(t *testing.T) {
	tests := []struct{ from, to, want string }{
		{"index.html", "4xx/412.html", "4xx/412.html"},
		{"index.html", "", ""},
		{"4xx/412.html", "", "../"},
		{"4xx/412.html", "4xx/428.html", "428.html"},
		{"4xx/412.html", "4xx/index.html", "index.html"},
		{"4xx/412.html", "compare/412-vs-428.html", "../compare/412-vs-428.html"},
		{"4xx/412.html", "assets/site.css", "../assets/site.css"},
		{"guides/a/b.html", "guides/c.html", "../c.html"},
		{"guides/a/b.html", "index.html", "../../index.html"},
	}
	for _, tt := range tests {
		if got := relPath(tt.from, tt.to); got != tt.want {
			t.Errorf("relPath(%q, %q) = %q, want %q", tt.from, tt.to, got, tt.want)
		}
	}
}
