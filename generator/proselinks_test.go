package generator

import (
	"bytes"
	"os"
	"path"
	"regexp"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
)

// proseTargets is a small site: 304, 412, 428, 500 and 503 have entries,
// and 412 is compared with 428.
var proseTargets = &linkTargets{
	codes: map[int]string{304: "3xx/304.html", 412: "4xx/412.html", 428: "4xx/428.html", 500: "5xx/500.html", 503: "5xx/503.html", 100: "1xx/100.html", 402: "4xx/402.html"},
	pairs: map[[2]int]string{{412, 428}: "compare/412-vs-428.html"},
}

// linkProse renders md as the page at path page of proseTargets.
func linkProse(t *testing.T, page, md string) string {
	t.Helper()
	m := newMarkdown(newHighlighter())
	src := []byte(md)
	doc := m.Parser().Parse(text.NewReader(src), withProseLinks(page, proseTargets))
	var buf bytes.Buffer
	if err := m.Renderer().Render(&buf, src, doc); err != nil {
		t.Fatal(err)
	}
	return strings.TrimSuffix(buf.String(), "\n")
}

// TestProseLinks: codes with an entry and RFC references in prose become
// links, relative to the page, once per section; nothing else does.
func TestProseLinks(t *testing.T) {
	tests := []struct{ name, page, in, want string }{
		{"code in the same class", "4xx/412.html", "that is a 428.", `<p>that is a <a href="428.html">428</a>.</p>`},
		{"code in another class", "4xx/412.html", "a 304 instead", `<p>a <a href="../3xx/304.html">304</a> instead</p>`},
		{"from a comparison", "compare/412-vs-428.html", "No condition: 428.", `<p>No condition: <a href="../4xx/428.html">428</a>.</p>`},
		{"answer with", "4xx/412.html", "answer 503 with Retry-After", `<p>answer <a href="../5xx/503.html">503</a> with Retry-After</p>`},
		{"plural", "4xx/412.html", "a stream of 503s.", `<p>a stream of <a href="../5xx/503.html">503s</a>.</p>`},
		{"not on its own page", "4xx/412.html", "answer 412 when", `<p>answer 412 when</p>`},
		{"no entry", "4xx/412.html", "a 418 or a 599", `<p>a 418 or a 599</p>`},
		{"once per section", "4xx/412.html", "428, then 428.\n\n## Later\n\nAgain 428.",
			"<p><a href=\"428.html\">428</a>, then 428.</p>\n" +
				`<h2 id="later">Later <a class="anchor" tabindex="-1" href="#later" aria-label="Permalink: Later">#</a></h2>` + "\n" +
				`<p>Again <a href="428.html">428</a>.</p>`},
		{"inside emphasis", "4xx/412.html", "*not a 428*", `<p><em>not a <a href="428.html">428</a></em></p>`},
		{"heading", "4xx/412.html", "### Why not 428",
			`<h3 id="why-not-428">Why not 428 <a class="anchor" tabindex="-1" href="#why-not-428" aria-label="Permalink: Why not 428">#</a></h3>`},
		{"code span", "4xx/412.html", "send `428` or `RFC 9110`", `<p>send <code>428</code> or <code>RFC 9110</code></p>`},
		{"existing link", "4xx/412.html", "[a 428 or RFC 6585](x.html)", `<p><a href="x.html">a 428 or RFC 6585</a></p>`},
		{"autolink", "4xx/412.html", "<https://example.com/428>", `<p><a href="https://example.com/428">https://example.com/428</a></p>`},
		{"raw HTML", "4xx/412.html", "a <!-- 428 --> b", `<p>a <!-- raw HTML omitted --> b</p>`},
		{"fenced code", "4xx/412.html", "```\n428 RFC 9110\n```", "<pre><code>428 RFC 9110\n</code></pre>"},
		{"table header and body", "4xx/412.html", "| | 428 |\n|---|---|\n| x | 428 |",
			"<table>\n<thead>\n<tr>\n<th></th>\n<th>428</th>\n</tr>\n</thead>\n<tbody>\n<tr>\n<td>x</td>\n<td><a href=\"428.html\">428</a></td>\n</tr>\n</tbody>\n</table>"},
		{"line break after a code span", "4xx/412.html", "set `Cache-Control`\ntoo, so they get a 428.", "<p>set <code>Cache-Control</code>\ntoo, so they get a <a href=\"428.html\">428</a>.</p>"},
		{"line breaks kept", "4xx/412.html", "a 428\nand a 304\nand 503", "<p>a <a href=\"428.html\">428</a>\nand a <a href=\"../3xx/304.html\">304</a>\nand <a href=\"../5xx/503.html\">503</a></p>"},
		{"hard line break", "4xx/412.html", "a 428\\\nnext", "<p>a <a href=\"428.html\">428</a><br>\nnext</p>"},
		{"comparison", "5xx/500.html", "412 vs 428 is", `<p><a href="../compare/412-vs-428.html">412 vs 428</a> is</p>`},
		{"comparison either way", "5xx/500.html", "428 versus 412", `<p><a href="../compare/412-vs-428.html">428 versus 412</a></p>`},
		{"comparison from one of its codes", "4xx/412.html", "see 412 vs. 428", `<p>see <a href="../compare/412-vs-428.html">412 vs. 428</a></p>`},
		{"comparison on its own page", "compare/412-vs-428.html", "412 vs 428", `<p><a href="../4xx/412.html">412</a> vs <a href="../4xx/428.html">428</a></p>`},
		{"no comparison", "5xx/500.html", "412 vs 304", `<p><a href="../4xx/412.html">412</a> vs <a href="../3xx/304.html">304</a></p>`},

		// Numbers that are not codes.
		{"version", "4xx/412.html", "nginx 1.22.1 and 1.412 and 428.5", `<p>nginx 1.22.1 and 1.412 and 428.5</p>`},
		{"larger number", "4xx/412.html", "4280 and 1,428 and 428,000 bytes", `<p>4280 and 1,428 and 428,000 bytes</p>`},
		{"range", "4xx/412.html", "400-499 and 400–499", `<p>400-499 and 400–499</p>`},
		{"port and time", "4xx/412.html", "host:503, 5:03, port 503", `<p>host:503, 5:03, port 503</p>`},
		{"path and parameter", "4xx/412.html", "/status/503 ?s=503 #503 $402 402% L402 x402", `<p>/status/503 ?s=503 #503 $402 402% L402 x402</p>`},
		{"units", "4xx/412.html", "500 ms, 100 s, 500 seconds, 304 KB, 412 bytes, 100 requests per minute",
			`<p>500 ms, 100 s, 500 seconds, 304 KB, 412 bytes, 100 requests per minute</p>`},
		{"counts", "4xx/412.html", "more than 100 ranges, up to 500 items", `<p>more than 100 ranges, up to 500 items</p>`},
		{"reason phrase after", "4xx/412.html", "answer 428 Precondition Required", `<p>answer <a href="428.html">428</a> Precondition Required</p>`},

		// RFC references.
		{"RFC section sign", "4xx/412.html", "RFC 9110 §13.2.2.", `<p><a href="https://www.rfc-editor.org/rfc/rfc9110#section-13.2.2">RFC 9110 §13.2.2</a>.</p>`},
		{"RFC comma Section", "4xx/412.html", "RFC 9110, Section 13.2.2", `<p><a href="https://www.rfc-editor.org/rfc/rfc9110#section-13.2.2">RFC 9110, Section 13.2.2</a></p>`},
		{"RFC Section", "4xx/412.html", "RFC 9111 Section 4.2.2", `<p><a href="https://www.rfc-editor.org/rfc/rfc9111#section-4.2.2">RFC 9111 Section 4.2.2</a></p>`},
		{"RFC one-level section", "4xx/412.html", "(RFC 6585 §4)", `<p>(<a href="https://www.rfc-editor.org/rfc/rfc6585#section-4">RFC 6585 §4</a>)</p>`},
		{"obsolete RFC", "4xx/412.html", "RFC 7231 §6.3.6", `<p><a href="https://www.rfc-editor.org/rfc/rfc7231#section-6.3.6">RFC 7231 §6.3.6</a></p>`},
		{"bare RFC", "4xx/412.html", "RFC 9110 says", `<p><a href="https://www.rfc-editor.org/rfc/rfc9110">RFC 9110</a> says</p>`},
		{"appendix", "4xx/412.html", "RFC 9110, Appendix B.1", `<p><a href="https://www.rfc-editor.org/rfc/rfc9110#appendix-B.1">RFC 9110, Appendix B.1</a></p>`},
		{"several sections", "4xx/412.html", "RFC 4918, Sections 9.3.1 and 9.7.1", `<p><a href="https://www.rfc-editor.org/rfc/rfc4918">RFC 4918</a>, Sections 9.3.1 and 9.7.1</p>`},
		{"across a line break", "4xx/412.html", "see RFC\n9110 §13.2.2 now", "<p>see <a href=\"https://www.rfc-editor.org/rfc/rfc9110#section-13.2.2\">RFC\n9110 §13.2.2</a> now</p>"},
		{"an RFC", "4xx/412.html", "an RFC, the RFCs", `<p>an RFC, the RFCs</p>`},
		{"RFC once per section", "4xx/412.html", "RFC 9110 and RFC 9110 §1 and RFC 9110",
			`<p><a href="https://www.rfc-editor.org/rfc/rfc9110">RFC 9110</a> and <a href="https://www.rfc-editor.org/rfc/rfc9110#section-1">RFC 9110 §1</a> and RFC 9110</p>`},
		{"RFC number is not a code", "4xx/412.html", "RFC 428 §4", `<p><a href="https://www.rfc-editor.org/rfc/rfc428#section-4">RFC 428 §4</a></p>`},
		{"malformed RFC stays text", "4xx/412.html", "RFC §13 and RFC 9110 §", `<p>RFC §13 and RFC 9110 §</p>`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := linkProse(t, tt.page, tt.in); got != tt.want {
				t.Errorf("%q on %s:\nhave %s\nwant %s", tt.in, tt.page, got, tt.want)
			}
		})
	}
}

// TestProseLinksWithoutPage: a body parsed without withProseLinks (as
// Convert does) still gets its RFC links, and no code links.
func TestProseLinksWithoutPage(t *testing.T) {
	var buf bytes.Buffer
	if err := newMarkdown(newHighlighter()).Convert([]byte("a 428, RFC 9110"), &buf); err != nil {
		t.Fatal(err)
	}
	want := `<p>a 428, <a href="https://www.rfc-editor.org/rfc/rfc9110">RFC 9110</a></p>` + "\n"
	if buf.String() != want {
		t.Errorf("have %s\nwant %s", buf.String(), want)
	}
}

// TestCheckRFCRefs: an RFC reference in prose that cannot be a link is
// an error at its line and column in the file (the body starts on line
// 10); one in code, in a link or in a heading is not.
func TestCheckRFCRefs(t *testing.T) {
	tests := []struct{ name, body, want string }{
		{"no RFC number", "See RFC §13.\n", `f.md:10:5: RFC reference "RFC §13" names no RFC: write its number, as in "RFC 9110 §13.2.2"`},
		{"section sign alone", "x\n\nSee RFC 9110 § here.\n", `f.md:12:5: RFC reference "RFC 9110 §" gives no section number after "§": write one, as in "RFC 9110 §13.2.2", or write "RFC 9110" alone for the whole RFC`},
		{"Section alone", "- é RFC 6585, Section.\n", `f.md:10:5: RFC reference "RFC 6585, Section" gives no section number after "Section": write one, as in "RFC 9110 §13.2.2", or write "RFC 6585" alone for the whole RFC`},
		{"no RFC, Section", "The RFC Section 4 says.\n", `f.md:10:5: RFC reference "RFC Section 4" names no RFC: write its number, as in "RFC 9110 §13.2.2"`},
		{"well formed", "RFC 9110 §13.2.2, RFC 9110, Section 13.2.2, RFC 6585 §4, RFC 9110, the RFC.\n", ""},
		{"section on the next line", "RFC 9110, Section\n13.2.2 says.\n", ""},
		{"in a code span", "Not `RFC 9110 §` here.\n", ""},
		{"in a code block", "```\nRFC §13\n```\n", ""},
		{"in a link", "[RFC §13](https://example.com/)\n", ""},
		{"in a heading", "## RFC §13\n", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var errs errorList
			checkRFCRefs("f.md", []byte(tt.body), 10, &errs)
			var got []string
			for _, e := range errs {
				got = append(got, e.Error())
			}
			if g := strings.Join(got, "\n"); g != tt.want {
				t.Errorf("have %s\nwant %s", g, tt.want)
			}
		})
	}
}

// TestRealProseLinks builds the real site. 412's prose links 428, 304
// and RFC 9110 §13.2.2, and no page links to itself: neither its prose
// (every section of every body, rendered for its page) nor anything else
// on it, but for the home page's links home in the layout.
func TestRealProseLinks(t *testing.T) {
	site := Files{}
	if _, err := Build(os.DirFS("../content"), os.DirFS("../templates"), site); err != nil {
		t.Fatal(err)
	}
	page := string(site["4xx/412.html"])
	for _, want := range []string{
		`<a href="428.html">428</a>`,
		`<a href="../3xx/304.html">304</a>`,
		`<a href="https://www.rfc-editor.org/rfc/rfc9110#section-13.2.2">RFC 9110 §13.2.2</a>`,
	} {
		if !strings.Contains(page, want) {
			t.Errorf("4xx/412.html has no %s", want)
		}
	}

	selfLinks := func(name, html string) []string {
		var found []string
		for _, m := range hrefRE.FindAllStringSubmatch(html, -1) {
			href, _, _ := strings.Cut(m[1], "#")
			if href == "" || strings.Contains(href, "://") {
				continue // a link within the page, or off the site
			}
			if path.Join(path.Dir(name), href) == name {
				found = append(found, m[0])
			}
		}
		return found
	}
	pages := 0
	for _, name := range sortedKeys(site) {
		if !strings.HasSuffix(name, ".html") {
			continue
		}
		pages++
		for _, l := range selfLinks(name, string(site[name])) {
			if name == "index.html" && strings.Contains(l, `href="index.html"`) {
				continue // the layout's link home
			}
			t.Errorf("%s links to itself: %s", name, l)
		}
	}
	if pages < 100 {
		t.Errorf("only %d pages checked", pages)
	}

	// The prose alone, home page included, with no exception.
	c, err := load(os.DirFS("../content"), false)
	if err != nil {
		t.Fatal(err)
	}
	r, err := newRenderer(os.DirFS("../templates"))
	if err != nil {
		t.Fatal(err)
	}
	s := r.newSite(c)
	// unlinked renders as r does but without proseLinks: the prose with
	// its links taken out must be the same, to the byte.
	unlinked := *r
	unlinked.md = goldmark.New(
		goldmark.WithParser(pageParser{goldmark.DefaultParser()}),
		goldmark.WithExtensions(extension.GFM, codeBlocks{r.hl}, headingAnchors{}),
		goldmark.WithParserOptions(parser.WithAutoHeadingID()),
	)
	links := 0
	html := func(secs []renderedSection) string {
		var b strings.Builder
		for _, sec := range secs {
			b.WriteString(string(sec.HTML))
			if sec.examples != nil {
				b.WriteString(string(sec.examples.Intro))
			}
		}
		return b.String()
	}
	check := func(name, file string, body []byte, bodyLine int) {
		secs, err := r.sections(body, file, bodyLine, name, s.links)
		if err != nil {
			t.Fatal(err)
		}
		plain, err := unlinked.sections(body, file, bodyLine, name, s.links)
		if err != nil {
			t.Fatal(err)
		}
		linked := html(secs)
		links += strings.Count(linked, "<a href=")
		for _, l := range selfLinks(name, linked) {
			t.Errorf("the prose of %s links to itself: %s", name, l)
		}
		strip := func(s string) string { return plainLinkRE.ReplaceAllString(s, "") }
		if a, b := strip(linked), strip(html(plain)); a != b {
			t.Errorf("%s: the prose changed beyond its links:\n%s", name, cmp.Diff(b, a))
		}
	}
	for _, e := range c.Entries {
		check(e.Page(), e.File, e.Body, e.BodyLine)
	}
	for _, cmp := range c.Comparisons {
		check(cmp.Page(), cmp.File, cmp.Body, cmp.BodyLine)
	}
	for _, g := range c.Guides {
		check(g.Page(), g.File, g.Body, g.BodyLine)
	}
	if links < 1000 {
		t.Errorf("the prose has only %d links", links)
	}
}

var (
	hrefRE      = regexp.MustCompile(`<a [^>]*href="([^"]*)"[^>]*>`)
	plainLinkRE = regexp.MustCompile(`<a href="[^"]*">|</a>`)
)
