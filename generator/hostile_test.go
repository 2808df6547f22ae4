package generator

import (
	"os"
	"regexp"
	"strings"
	"testing"
	"testing/fstest"

	"golang.org/x/tools/txtar"
)

// TestHostileContentIsInert builds testdata/hostile.txtar with the real
// templates: raw <script>, <iframe>, onerror=, javascript: and data: links in
// Markdown, and HTML in front-matter strings. None of it may reach a page as
// markup. (Its golden output is checked by TestBuild; this test states the
// property itself, so an -update cannot quietly accept a regression.)
func TestHostileContentIsInert(t *testing.T) {
	a, err := txtar.ParseFile("testdata/hostile.txtar")
	if err != nil {
		t.Fatal(err)
	}
	content := fstest.MapFS{}
	for _, f := range a.Files {
		if name, ok := strings.CutPrefix(f.Name, "content/"); ok {
			content[name] = &fstest.MapFile{Data: f.Data}
		}
	}
	got := Files{}
	if _, err := Build(content, os.DirFS("../templates"), got); err != nil {
		t.Fatal(err)
	}
	page := string(got["4xx/400.html"])
	if page == "" {
		t.Fatal("no page for 400")
	}
	for _, bad := range []*regexp.Regexp{
		regexp.MustCompile(`(?i)<script>alert`),
		regexp.MustCompile(`(?i)<iframe`),
		regexp.MustCompile(`(?i)<img[^>]*onerror`),
		regexp.MustCompile(`(?i)<b onmouseover`),
		regexp.MustCompile(`(?i)href="\s*javascript:`),
		regexp.MustCompile(`(?i)href="\s*data:`),
	} {
		if loc := bad.FindStringIndex(page); loc != nil {
			t.Errorf("hostile markup reached the page: %q", page[max(0, loc[0]-40):min(len(page), loc[1]+40)])
		}
	}
	// The only scripts on the page are the site's own.
	for _, m := range regexp.MustCompile(`<script[^>]*>`).FindAllString(page, -1) {
		if !strings.Contains(m, `src="../assets/`) {
			t.Errorf("unexpected script tag %s", m)
		}
	}
	// The text is still there, escaped, for the reader to see.
	if !strings.Contains(page, "&lt;script&gt;alert(1)&lt;/script&gt;") {
		t.Error("the summary's HTML was dropped instead of shown escaped")
	}
}
