package generator

import (
	"errors"
	"os"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/statusref/statusref/generator/internal/synthetic"
)

// TestReload edits a synthetic catalogue one way at a time, applies each
// edit with Reload and RenderFiles on top of the previous site, and wants
// exactly the files a full build of the edited content gives. Changes
// Reload cannot apply alone must say so, and content errors must be the
// ones Check reports.
func TestReload(t *testing.T) {
	content, err := synthetic.FS(120, 5)
	if err != nil {
		t.Fatal(err)
	}
	// A decision guide that ends at two of the entries edited below, so
	// that their edits must re-render its pages too.
	content["guide/decide.yaml"] = &fstest.MapFile{Data: []byte(`nodes:
  - id: start
    question: Whose fault is it?
    answers:
      - label: Ours
        code: 50002
        why: RFC 9110, Section 15.6.1.
      - label: The client's
        next: client
  - id: client
    question: What did the client do?
    answers:
      - label: Sent a bad card
        code: 40007
        why: RFC 9110, Section 15.5.1.
      - label: Something else
        code: 40001
        why: RFC 9110, Section 15.5.1.
`)}
	tmpl := os.DirFS("../templates")
	r, err := newRenderer(tmpl, WithBaseURL("https://example.org/errors"), WithHighlightCache(t.TempDir()))
	if err != nil {
		t.Fatal(err)
	}
	c, err := check(content, false)
	if err != nil {
		t.Fatal(err)
	}
	site := Files{}
	if err := r.Render(c, site); err != nil {
		t.Fatal(err)
	}
	full := func() Files {
		t.Helper()
		files := Files{}
		if _, err := Build(content, tmpl, files, WithBaseURL("https://example.org/errors")); err != nil {
			t.Fatal(err)
		}
		return files
	}
	edit := func(name, old, new string) {
		t.Helper()
		f := content[name]
		if f == nil || !strings.Contains(string(f.Data), old) {
			t.Fatalf("%s: nothing to replace: %q", name, old)
		}
		content[name] = &fstest.MapFile{Data: []byte(strings.Replace(string(f.Data), old, new, 1))}
	}
	e7, e8, e9 := synthetic.Path(7), synthetic.Path(8), synthetic.Path(100) // 5xx/50002.md, 4xx/40007.md, 4xx/40076.md
	steps := []struct {
		name  string
		do    func()
		files []string // the changed files, as Watch would name them
		want  string   // "" applies; "full" wants errFullBuild; else the errors
	}{
		{"summary", func() { edit(e7, "summary: \"The Acme", "summary: \"Edited: the Acme") }, []string{e7}, ""},
		{"reason", func() { edit(e8, "reason: ", "reason: Renamed ") }, []string{e8}, ""},
		{"quick answer", func() {
			edit(e8, "\nupdated: ", "\nquick:\n  client: Send a valid card.\n  server: Say which card field failed.\nupdated: ")
		}, []string{e8}, ""},
		{"prose", func() { edit(e7, "## What it means\n\n", "## What it means\n\nA new first paragraph.\n\n") }, []string{e7}, ""},
		{"a snippet", func() { edit(e7, "const app = express();", "const app = express(); // edited") }, []string{e7}, ""},
		{"related", func() { edit(e9, "related:\n  - code: ", "related:\n  - code: 40002\n    why: Added.\n  - code: ") }, []string{e9}, ""},
		{"a broken edit", func() {
			edit(e7, "updated: ", "updated: 2027-01-01\nuntested: \"\"\nx: ")
		}, []string{e7}, "5xx/50002.md:25:1: unknown field \"x\": see CONTRIBUTING.md for the fields an entry has"},
		{"fixed, beside an editor's files", func() { edit(e7, "updated: 2027-01-01\nuntested: \"\"\nx: ", "updated: ") }, []string{e7, "5xx/.50002.md.swp", "4913"}, ""},
		{"two entries", func() {
			edit(e7, "summary: \"Edited", "summary: \"Edited twice")
			edit(e8, "reason: Renamed ", "reason: ")
		}, []string{e8, e7, e7}, ""},
		{"an entry related to itself", func() { edit(e8, "  - code: ", "  - code: 40007\n    why: Itself.\n  - code: ") }, []string{e8},
			"4xx/40007.md:17:11: an entry cannot be related to itself"},
		{"undo", func() { edit(e8, "  - code: 40007\n    why: Itself.\n", "") }, []string{e8}, ""},
		{"code changed", func() { edit(e8, "code: 40007", "code: 40009") }, []string{e8}, "full"},
		{"comparison", func() {}, []string{"compare/40001-vs-40002.md"}, "full"},
		{"site.yaml", func() {}, []string{"site.yaml"}, "full"},
		{"tested-with.yaml", func() {}, []string{"tested-with.yaml"}, "full"},
		{"new entry", func() { content["4xx/49999.md"] = &fstest.MapFile{Data: content[e8].Data} }, []string{"4xx/49999.md"}, "full"},
		{"deleted entry", func() { delete(content, e9) }, []string{e9}, "full"},
		{"removed folder", func() {}, []string{"5xx"}, "full"},
		{"new guide", func() {
			content["guides/intro.md"] = &fstest.MapFile{Data: []byte("---\ntitle: Intro\nsummary: An introduction.\nupdated: 2026-12-04\n---\n\n## Hello\n\nText.\n")}
		}, []string{"guides/intro.md"}, "full"},
		{"deleted guide", func() { delete(content, "guides/intro.md") }, []string{"guides/intro.md"}, "full"},
		{"decision guide edited", func() {}, []string{"guide/decide.yaml"}, "full"},
		{"decision guide file added", func() {
			content["guide/more.yaml"] = &fstest.MapFile{Data: []byte("nodes: []\n")}
		}, []string{"guide/more.yaml"}, "full"},
		{"decision guide removed", func() { delete(content, "guide/decide.yaml") }, []string{"guide"}, "full"},
	}
	for _, st := range steps {
		st.do()
		next, files, err := reload(c, content, st.files...)
		switch {
		case st.want == "full":
			if !errors.Is(err, errFullBuild) {
				t.Errorf("%s: Reload = %v, want errFullBuild", st.name, err)
			}
			continue
		case st.want != "":
			_, cerr := Check(content)
			if err == nil || cerr == nil || err.Error() != cerr.Error() || err.Error() != st.want {
				t.Errorf("%s: Reload = %v\nCheck = %v\nwant %s", st.name, err, cerr, st.want)
			}
			continue
		case err != nil:
			t.Fatalf("%s: %v", st.name, err)
		}
		if len(files) == 0 || len(files) > 24 { // 20, and the guide's leaves
			t.Errorf("%s: %d files to render: %v", st.name, len(files), files)
		}
		if err := r.RenderFiles(next, site, files); err != nil {
			t.Fatalf("%s: %v", st.name, err)
		}
		c = next
		sameFiles(t, st.name, full(), site)
	}
}
