package generator

import (
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// Linked prose. proseLinks is a goldmark extension, an AST transformer
// like goldmark's own footnote extension, that links what prose names:
//
//   - A status code that has an entry ("answer 503 with Retry-After")
//     links to its page, and two codes set against each other ("412 vs
//     428", "412 versus 304") to their comparison, when one exists.
//   - An RFC reference links to the RFC Editor: "RFC 9110 §13.2.2",
//     "RFC 9110, Section 13.2.2" and "RFC 9111 Section 4.2.2" to the
//     section's anchor, "RFC 9110, Appendix B" to the appendix's, and a
//     bare "RFC 9110" to the RFC.
//
// Only text is linked: headings and tables' header rows, code spans,
// code blocks, raw HTML, images and the text of existing links are left
// as written. Each
// target is linked at its first mention in a section (a level-2 heading
// starts one) and not again there, so that a page that names 412 twenty
// times gives a keyboard twenty stops less; and a page never links to
// itself: a code on its own page and a comparison on its own stay text
// (on its own page, "412 vs 428" links its two codes instead).
//
// What counts as a code mention (codeMentions): three digits from 100 to
// 599 that stand as a word of their own and have an entry. They are not
// a code when they are part of a larger number or a version ("1.412",
// "412.5", "1,412", "v412"), a range ("400-499", "400–499"), a port or
// time ("host:503", "5:03"), a path or a parameter ("/412", "status=412",
// "#412"), an amount ("$402", "402%"), or followed by a unit ("120 s",
// "500 ms", "413 KB", "300 seconds", "200 requests per second"), or
// after a word that makes them some other number ("port 444", "line
// 412", "erratum 500").
//
// The page's path and the site's entries reach the transformer through
// the parser context (withProseLinks). Without them it links only RFCs.
type proseLinks struct{}

func (proseLinks) Extend(m goldmark.Markdown) {
	m.Parser().AddOptions(parser.WithASTTransformers(util.Prioritized(proseLinker{}, 500)))
}

// linkTargets are the pages prose may link to, by path from the site
// root; one value serves every page of a render.
type linkTargets struct {
	codes map[int]string    // code → "4xx/412.html"
	pairs map[[2]int]string // {lower, higher} code → "compare/412-vs-428.html"
}

// newLinkTargets lists the pages of the entries and comparisons of c.
func newLinkTargets(c *siteContent) *linkTargets {
	t := &linkTargets{codes: map[int]string{}, pairs: map[[2]int]string{}}
	for _, e := range c.Entries {
		t.codes[e.Code] = e.Page()
	}
	for _, cmp := range c.Comparisons {
		a, b := cmp.Codes[0], cmp.Codes[1]
		t.pairs[[2]int{min(a, b), max(a, b)}] = cmp.Page()
	}
	return t
}

// proseContext is what the transformer knows of the page it parses for.
type proseContext struct {
	page    string // the page's path from the site root
	targets *linkTargets
}

var proseKey = parser.NewContextKey()

// withProseLinks tells the transformer the page a body is parsed for
// (its path from the site root) and what it may link to.
func withProseLinks(page string, t *linkTargets) parser.ParseOption {
	return func(c *parser.ParseConfig) {
		if c.Context == nil {
			c.Context = parser.NewContext()
		}
		c.Context.Set(proseKey, &proseContext{page: page, targets: t})
	}
}

// proseLinker is the AST transformer of proseLinks.
type proseLinker struct{}

func (proseLinker) Transform(doc *ast.Document, reader text.Reader, pc parser.Context) {
	pctx, _ := pc.Get(proseKey).(*proseContext)
	if pctx == nil {
		pctx = &proseContext{targets: &linkTargets{}}
	}
	src := reader.Source()
	seen := map[string]bool{} // the targets linked in this section
	for block := doc.FirstChild(); block != nil; block = block.NextSibling() {
		if h, ok := block.(*ast.Heading); ok && h.Level == 2 {
			clear(seen)
		}
		for _, run := range textRuns(block, src) {
			linkRun(run, src, pctx, seen)
		}
	}
}

// A textRun is a row of Text nodes, side by side under one parent, with
// their text as one string: a soft line break between two is a space.
type textRun struct {
	nodes  []*ast.Text
	starts []int // where each node's text starts in s
	s      string
}

// textRuns finds the runs of prose text under n, outside headings (a
// table's header row among them), code spans, links and images (raw HTML
// and code blocks hold no Text nodes).
func textRuns(n ast.Node, src []byte) []textRun {
	var runs []textRun
	var walk func(n ast.Node)
	walk = func(n ast.Node) {
		switch n.(type) {
		case *ast.Heading, *east.TableHeader, *ast.CodeSpan, *ast.Link, *ast.AutoLink, *ast.Image, *ast.RawHTML,
			*ast.CodeBlock, *ast.FencedCodeBlock, *ast.HTMLBlock:
			return
		}
		var cur textRun
		var b strings.Builder
		end := func() {
			if len(cur.nodes) > 0 {
				cur.s = b.String()
				runs = append(runs, cur)
			}
			cur, b = textRun{}, strings.Builder{}
		}
		for c := n.FirstChild(); c != nil; c = c.NextSibling() {
			t, ok := c.(*ast.Text)
			if !ok || t.IsRaw() || t.Segment.Padding != 0 {
				end()
				walk(c)
				continue
			}
			cur.nodes = append(cur.nodes, t)
			cur.starts = append(cur.starts, b.Len())
			b.Write(t.Segment.Value(src))
			if t.SoftLineBreak() || t.HardLineBreak() {
				// A break ends the text a link may hold: "RFC" at the end
				// of a line and "9110" on the next read as "RFC 9110".
				b.WriteByte(' ')
			}
		}
		end()
	}
	walk(n)
	return runs
}

// A mention is a span of a run's text to link.
type mention struct {
	start, end int
	href       string // a path from the site root, or an https URL
}

// linkRun links the mentions in run, each target once per section.
func linkRun(run textRun, src []byte, pctx *proseContext, seen map[string]bool) {
	var ms []mention
	for _, m := range findMentions(run.s, pctx) {
		if seen[m.href] {
			continue
		}
		seen[m.href] = true
		if !strings.HasPrefix(m.href, "https://") {
			m.href = relPath(pctx.page, m.href)
		}
		ms = append(ms, m)
	}
	if len(ms) == 0 {
		return
	}
	// Cut each node at the mentions' ends, and move the pieces inside a
	// mention into its link. A mention may go on from one node into the
	// next, across a line break.
	parent := run.nodes[0].Parent()
	next := 0          // the first mention not yet closed
	var open *ast.Link // the link of ms[next], once it is made
	for i, t := range run.nodes {
		start := run.starts[i]
		stop := start + t.Segment.Len()
		if open == nil && (next == len(ms) || ms[next].start >= stop) {
			continue // no mention in it: leave it as it is
		}
		at := start // where the next piece starts, in run.s
		var pieces []ast.Node
		var last *ast.Text // the node's last piece
		piece := func(to int) *ast.Text {
			p := ast.NewTextSegment(text.NewSegment(t.Segment.Start+at-start, t.Segment.Start+to-start))
			at, last = to, p
			return p
		}
		for next < len(ms) && (open != nil || ms[next].start < stop) {
			m := ms[next]
			if open == nil {
				if m.start > at {
					pieces = append(pieces, piece(m.start))
				}
				open = ast.NewLink()
				open.Destination = []byte(m.href)
				pieces = append(pieces, open)
			}
			open.AppendChild(open, piece(min(m.end, stop)))
			if m.end > stop {
				break // the mention goes on in the next node
			}
			open = nil
			next++
		}
		if at < stop || open == nil && (t.SoftLineBreak() || t.HardLineBreak()) {
			// The rest of the node; or, after a link that ends it, an
			// empty piece for the line break, which goes after the link.
			pieces = append(pieces, piece(stop))
		}
		if last != nil {
			last.SetSoftLineBreak(t.SoftLineBreak())
			last.SetHardLineBreak(t.HardLineBreak())
		}
		for _, p := range pieces {
			parent.InsertBefore(parent, t, p)
		}
		parent.RemoveChild(parent, t)
	}
}

// findMentions finds the RFC references and the codes in s, in order.
func findMentions(s string, pctx *proseContext) []mention {
	ms := rfcMentions(s)
	for _, m := range codeMentions(s, pctx) {
		if !overlaps(ms, m) {
			ms = append(ms, m)
		}
	}
	slices.SortFunc(ms, func(a, b mention) int { return a.start - b.start })
	return ms
}

func overlaps(ms []mention, m mention) bool {
	for _, o := range ms {
		if m.start < o.end && o.start < m.end {
			return true
		}
	}
	return false
}

// rfcRE matches "RFC" and what may follow it as a reference: the RFC's
// number, then a section ("§13.2.2", ", Section 13.2.2", " Section 4"),
// an appendix (", Appendix B") or "Sections" (several, which link the RFC
// alone). Group 1 is the number, 2 the word or sign before a section, 3
// the section, 4 the appendix.
var rfcRE = regexp.MustCompile(`RFC(?:\s+(\d+)\b)?(?:,?\s*(§|\bSections?\b)\s*(\d+(?:\.\d+)*)?|,?\s+Appendix\s+([A-Z](?:\.\d+)*)\b)?`)

// An rfcRef is one match of rfcRE in prose.
type rfcRef struct {
	start, end int
	rfc        string // the number, or "" when the reference names none
	section    string // the section or the appendix, or ""
	appendix   bool
	sign       string // "§", "Section" or "Sections", when one was written
}

// rfcRefs are the RFC references in s, well formed or not. A bare "RFC"
// followed by neither a number nor a section ("an RFC", "the RFC says")
// is no reference.
func rfcRefs(s string) []rfcRef {
	var refs []rfcRef
	for _, m := range rfcRE.FindAllStringSubmatchIndex(s, -1) {
		// rfcRE starts with its literal, which Go's regexp finds with a
		// fast substring search; a leading \b would make it try every
		// position. The word boundary is checked here instead.
		if m[0] > 0 && isWordByte(s[m[0]-1]) {
			continue
		}
		r := rfcRef{start: m[0], end: m[1]}
		group := func(i int) string {
			if m[2*i] < 0 {
				return ""
			}
			return s[m[2*i]:m[2*i+1]]
		}
		r.rfc, r.sign, r.section = group(1), group(2), group(3)
		if a := group(4); a != "" {
			r.section, r.appendix = a, true
		}
		if r.rfc == "" && r.sign == "" {
			continue
		}
		if r.rfc != "" && r.sign == "Sections" {
			// "RFC 4918, Sections 9.3.1 and 9.7.1": link the RFC.
			r.end, r.sign, r.section = m[3], "", ""
		}
		refs = append(refs, r)
	}
	return refs
}

// problem says what keeps a reference from being a link, or "".
func (r rfcRef) problem(s string) string {
	text := func() string { return strings.Join(strings.Fields(s[r.start:r.end]), " ") }
	switch {
	case r.rfc == "":
		return fmt.Sprintf("RFC reference %q names no RFC: write its number, as in \"RFC 9110 §13.2.2\"", text())
	case r.sign != "" && r.section == "":
		return fmt.Sprintf("RFC reference %q gives no section number after %q: write one, as in \"RFC 9110 §13.2.2\", or write \"RFC %s\" alone for the whole RFC", text(), r.sign, r.rfc)
	}
	return ""
}

// rfcMentions are the links of the well-formed RFC references in s.
func rfcMentions(s string) []mention {
	var ms []mention
	for _, r := range rfcRefs(s) {
		if r.problem(s) != "" {
			continue
		}
		n, err := strconv.Atoi(r.rfc)
		if err != nil || n == 0 {
			continue
		}
		href := fmt.Sprintf("https://www.rfc-editor.org/rfc/rfc%d", n)
		switch {
		case r.appendix:
			href += "#appendix-" + r.section
		case r.section != "":
			href = specURL(n, r.section)
		}
		ms = append(ms, mention{r.start, r.end, href})
	}
	return ms
}

// Words after which three digits are not a code, and units and counted
// things before which they are not one, all in lower case. Each was
// found in real content (see proseLinks); "request" and "lines" are not
// among them: "431 Request Header Fields Too Large", "a 460 request",
// "499 lines in the access log" name codes.
var (
	notCodeAfter = []string{
		"port", "line", "erratum", "errata", "issue", "page", "pages", "version", "rfc", "section", "§", "chapter", "step", "number", "no.",
		"more than", "fewer than", "less than", "up to", "at most", "at least",
	}
	notCodeBefore = []string{
		"s", "ms", "µs", "ns", "sec", "secs", "second", "seconds", "min", "mins", "minute", "minutes", "h", "hour", "hours", "day", "days",
		"b", "byte", "bytes", "octets", "kb", "kib", "mb", "mib", "gb", "gib", "k", "px", "em", "rem",
		"requests", "connections", "times", "characters", "chars", "items", "ranges", "percent",
	}
)

// codeMentions are the codes with an entry that s mentions (see
// proseLinks for the rule), each linked to its page but on that page,
// and pairs "A vs B" with a comparison linked to it but on its page.
func codeMentions(s string, pctx *proseContext) []mention {
	type code struct {
		start, end, n int
	}
	var codes []code
	for i := 0; i < len(s); {
		if !isDigit(s[i]) {
			i++
			continue
		}
		j := i
		for j < len(s) && isDigit(s[j]) {
			j++
		}
		if n, ok := codeAt(s, i, j); ok && pctx.targets.codes[n] != "" {
			end := j
			if end < len(s) && s[end] == 's' && (end+1 == len(s) || !isWordByte(s[end+1])) {
				end++ // "a stream of 503s"
			}
			codes = append(codes, code{i, end, n})
		}
		i = j
	}
	var ms []mention
	for k := 0; k < len(codes); k++ {
		c := codes[k]
		if k+1 < len(codes) {
			d := codes[k+1]
			if vsRE.MatchString(s[c.end:d.start]) {
				page := pctx.targets.pairs[[2]int{min(c.n, d.n), max(c.n, d.n)}]
				if page != "" && page != pctx.page {
					ms = append(ms, mention{c.start, d.end, page})
					k++
					continue
				}
			}
		}
		if page := pctx.targets.codes[c.n]; page != pctx.page {
			ms = append(ms, mention{c.start, c.end, page})
		}
	}
	return ms
}

// vsRE is what stands between two codes set against each other.
var vsRE = regexp.MustCompile(`^\s+(?:vs\.?|versus)\s+$`)

// codeAt reports whether the digits s[i:j] are a code mention, before
// looking it up: three digits from 100 to 599 that are neither part of
// something larger nor a quantity.
func codeAt(s string, i, j int) (int, bool) {
	if j-i != 3 {
		return 0, false
	}
	n, _ := strconv.Atoi(s[i:j])
	if n < 100 || n > 599 {
		return 0, false
	}
	if i > 0 {
		prev := s[i-1]
		switch {
		case isWordByte(prev), strings.IndexByte("/#=$+@:\\", prev) >= 0:
			return 0, false
		case (prev == '.' || prev == ',' || prev == '-') && i > 1 && isDigit(s[i-2]):
			return 0, false // "1.412", "1,412", "400-412"
		case prev == '.' && i > 1 && isWordByte(s[i-2]):
			return 0, false // "v.412", "no.412"
		}
		if strings.HasSuffix(s[:i], "–") && i > len("–") && isDigit(s[i-len("–")-1]) {
			return 0, false // "400–499"
		}
	}
	if j < len(s) {
		next := s[j]
		switch {
		case isWordByte(next) && !(next == 's' && (j+1 == len(s) || !isWordByte(s[j+1]))):
			return 0, false
		case strings.IndexByte(".,:-", next) >= 0 && j+1 < len(s) && isDigit(s[j+1]):
			return 0, false // "412.5", "412,000", "5:03", "400-499"
		case next == '%' || strings.HasPrefix(s[j:], "–") && j+len("–") < len(s) && isDigit(s[j+len("–")]):
			return 0, false
		}
	}
	before := strings.ToLower(s[:i])
	for _, w := range notCodeAfter {
		if strings.HasSuffix(before, " "+w+" ") || before == w+" " || strings.HasSuffix(before, "("+w+" ") {
			return 0, false
		}
	}
	after := strings.ToLower(firstWord(s[j:]))
	for _, w := range notCodeBefore {
		if after == w {
			return 0, false
		}
	}
	return n, true
}

// firstWord is the word that starts s after one space, up to a space or
// a punctuation mark ending it, or "".
func firstWord(s string) string {
	if !strings.HasPrefix(s, " ") {
		return ""
	}
	s = s[1:]
	if k := strings.IndexAny(s, " \t,;:.)]\"'/"); k >= 0 {
		s = s[:k]
	}
	return s
}

func isDigit(c byte) bool { return '0' <= c && c <= '9' }

func isWordByte(c byte) bool {
	return isDigit(c) || 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || c == '_' || c >= 0x80
}

// proseParser parses a body as Render does, without the highlighter or
// the heading anchors, for checkRFCRefs.
var proseParser = goldmark.New(goldmark.WithExtensions(extension.GFM)).Parser()

// checkRFCRefs reports each RFC reference in the prose of a body (where
// proseLinks links them) that cannot be made a link, at its position in
// file, whose body starts on line bodyLine. Most bodies have none, and
// are not parsed: only one in which a reference without a number or a
// section appears somewhere (in code or not) is.
func checkRFCRefs(file string, body []byte, bodyLine int, errs *errorList) {
	suspect := false
	src := string(body)
	for _, r := range rfcRefs(src) {
		if r.problem(src) != "" {
			suspect = true
			break
		}
	}
	if !suspect {
		return
	}
	doc := proseParser.Parse(text.NewReader(body))
	for _, run := range textRuns(doc, body) {
		for _, r := range rfcRefs(run.s) {
			msg := r.problem(run.s)
			if msg == "" {
				continue
			}
			off := run.offset(r.start)
			line, col := lineCol(body, off)
			errs.Add(position{file, bodyLine + line - 1, col}, "%s", msg)
		}
	}
}

// offset is the byte offset in the source of the character at i in the
// run's text.
func (run textRun) offset(i int) int {
	k := 0
	for k+1 < len(run.nodes) && run.starts[k+1] <= i {
		k++
	}
	return run.nodes[k].Segment.Start + i - run.starts[k]
}
