package generator

import (
	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/statusref/statusref/generator/internal/synthetic"
	"golang.org/x/tools/txtar"
)

// TestOutlineParser: Load's block-only parser finds the same sections,
// snippets and errors as the full parser Render uses, on every body at
// hand and on inputs where inline and block parsing meet.
func TestOutlineParser(t *testing.T) {
	bodies := map[string][]byte{
		"setext":         []byte("Title\n=====\n\nSub\n---\n\n## Code examples\n\n```go\nx\n```\n"),
		"link ref defs":  []byte("[a]: /x\n===\n\n[b]: /y\n---\n\n## What it means\n"),
		"fence in list":  []byte("## Code examples\n\n- item\n\n  ```js\n  a\n  ```\n\n```go\nb\n```\n"),
		"html block":     []byte("<div>\n## not a heading\n</div>\n\n## Real\n"),
		"table":          []byte("## What it means\n\n| a | b |\n|---|---|\n| `|` | ## x |\n\n## Next\n"),
		"inline code":    []byte("## Code `examples`\n\n```go\nc\n```\n"),
		"unclosed fence": []byte("## Code examples\n\n```js\nnever closed\n## heading inside\n"),
		"tilde fence":    []byte("## Code examples\n\n~~~python\nx\n~~~\n\n````java\n```\n````\n"),
		"indented":       []byte("## Code examples\n\n    ```go\n    not a fence\n    ```\n"),
		"emphasis title": []byte("## *Code examples*\n\n```go\nd\n```\n"),
		"blockquote":     []byte("> ## Quoted\n> ```go\n> e\n> ```\n\n## Code examples\n"),
	}
	add := func(name string, src []byte) {
		if _, body, _, err := splitFrontMatter(name, src); err == nil {
			bodies[name] = body
		}
	}
	for _, pattern := range []string{"../content/*/*.md", "testdata/fuzz/FuzzLoadEntry/*"} {
		files, _ := filepath.Glob(pattern)
		for _, f := range files {
			src, _ := os.ReadFile(f)
			if strings.Contains(f, "fuzz") {
				// A fuzz corpus file: go test fuzz v1, then []byte("…").
				_, lit, ok := strings.Cut(string(src), "[]byte(")
				if !ok {
					continue
				}
				s, err := strconv.Unquote(strings.TrimSuffix(strings.TrimSpace(lit), ")"))
				if err != nil {
					continue
				}
				src = []byte(s)
			}
			add(f, src)
		}
	}
	archives, _ := filepath.Glob("testdata/*.txtar")
	bad, _ := filepath.Glob("testdata/bad/*.txtar")
	for _, f := range append(archives, bad...) {
		a, err := txtar.ParseFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, file := range a.Files {
			if strings.HasSuffix(file.Name, ".md") {
				add(f+":"+file.Name, file.Data)
			}
		}
	}
	for i := range 20 {
		add(synthetic.Path(i), synthetic.Entry(20, 1, i))
	}
	full := newMarkdown(newHighlighter()).Parser()
	for name, body := range bodies {
		for _, snippets := range []bool{true, false} {
			var errsA, errsB errorList
			secA, snipA := outlineWith(full, "f.md", body, 7, snippets, &errsA)
			secB, snipB := outline("f.md", body, 7, snippets, &errsB)
			if d := cmp.Diff([]any{secA, snipA, errsA}, []any{secB, snipB, errsB}, cmp.AllowUnexported(contentError{})); d != "" {
				t.Errorf("%s: the outline parser differs (-full +outline)\n%s", name, d)
			}
		}
	}
	if len(bodies) < 60 {
		t.Errorf("only %d bodies compared", len(bodies))
	}
}

// TestHeadingAnchors: every heading in Markdown gets its id and a
// permalink whose label is the heading's text without markup.
func TestHeadingAnchors(t *testing.T) {
	md := newMarkdown(newHighlighter())
	var buf bytes.Buffer
	if err := md.Convert([]byte("### Send `If-Match` *first*\n\n#### A & B\n"), &buf); err != nil {
		t.Fatal(err)
	}
	want := `<h3 id="send-if-match-first">Send <code>If-Match</code> <em>first</em> <a class="anchor" tabindex="-1" href="#send-if-match-first" aria-label="Permalink: Send If-Match first">#</a></h3>
<h4 id="a--b">A &amp; B <a class="anchor" tabindex="-1" href="#a--b" aria-label="Permalink: A &amp; B">#</a></h4>
`
	if got := buf.String(); got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
}

// TestHeadingIDsAvoidTemplateIDs: a heading whose id would be one the
// templates give an element of the page (top, main, related, tab-go, …)
// gets the next free one, as a second heading of the same text does.
func TestHeadingIDsAvoidTemplateIDs(t *testing.T) {
	md := newMarkdown(newHighlighter())
	var buf bytes.Buffer
	src := "## Main\n\n## Top\n\n### Related\n\n#### Tab go\n\n## Headers\n\n## Class 4xx\n\n## Main\n\n## Mainly\n"
	if err := md.Convert([]byte(src), &buf); err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, m := range regexp.MustCompile(`<h\d id="([^"]*)"`).FindAllStringSubmatch(buf.String(), -1) {
		got = append(got, m[1])
	}
	want := []string{"main-1", "top-1", "related-1", "tab-go-1", "headers-1", "class-4xx-1", "main-2", "mainly"}
	if strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("ids %q, want %q", got, want)
	}
	// Each page starts afresh: the first "## Main" of the next body is
	// main-1 again.
	buf.Reset()
	md.Convert([]byte("## Main\n"), &buf)
	if !strings.HasPrefix(buf.String(), `<h2 id="main-1">`) {
		t.Errorf("a second page: %s", buf.String())
	}
}

// TestReservedIDsCoverTemplates: every id the templates write is among
// reservedIDs, so that no heading can take it. A template id made of a
// field ({{.ID}}) is a heading's own; one with a fixed prefix must have
// each of its values listed.
func TestReservedIDsCoverTemplates(t *testing.T) {
	reserved := map[string]bool{}
	for _, id := range reservedIDs() {
		reserved[id] = true
	}
	files, _ := filepath.Glob("../templates/*.html")
	if len(files) < 5 {
		t.Fatalf("found %d templates", len(files))
	}
	expand := map[string][]string{
		"class-{{.Class}}":           {"class-1xx", "class-2xx", "class-3xx", "class-4xx", "class-5xx"},
		"only-c{{slice .Class 0 1}}": {"only-c1", "only-c2", "only-c3", "only-c4", "only-c5"},
		"tab-{{$s.Framework}}":       nil, // below
	}
	for _, f := range Frameworks() {
		expand["tab-{{$s.Framework}}"] = append(expand["tab-{{$s.Framework}}"], "tab-"+f.Name)
	}
	n := 0
	for _, file := range files {
		src, _ := os.ReadFile(file)
		for _, m := range regexp.MustCompile(`\bid="([^"]*)"`).FindAllStringSubmatch(string(src), -1) {
			id := m[1]
			n++
			switch ids, ok := expand[id]; {
			case ok:
				for _, id := range ids {
					if !reserved[id] {
						t.Errorf("%s: id %q is not reserved", filepath.Base(file), id)
					}
				}
			case strings.HasPrefix(id, "{{"):
				// A section's id, which the heading's parser gave it.
			case strings.Contains(id, "{{"):
				t.Errorf("%s: id %q: list its values in reservedIDs and in this test", filepath.Base(file), id)
			case !reserved[id]:
				t.Errorf("%s: id %q is not reserved", filepath.Base(file), id)
			}
		}
	}
	if n < 15 {
		t.Errorf("found only %d ids in the templates", n)
	}
}
