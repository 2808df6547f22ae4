package generator

import (
	"html"
	"strconv"
	"strings"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	gmhtml "github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// newMarkdown is the one goldmark configuration of the site: GFM (tables,
// strikethrough, autolinks, task lists), automatic heading IDs with an
// anchor link on every heading, fenced code through chroma, and codes and
// RFC references in prose linked (proselinks.go). goldmark's
// defaults stay on: raw HTML is replaced by a comment and dangerous URLs
// (javascript:, data: other than images, …) are dropped, so content
// cannot inject script.
//
// Headings get ids unique on the page, not only among themselves: the
// parser starts each body with the ids of the templates (reservedIDs)
// taken, so "## Main" becomes id="main-1" rather than a second "main".
func newMarkdown(h *highlighter) goldmark.Markdown {
	return goldmark.New(
		goldmark.WithParser(pageParser{goldmark.DefaultParser()}),
		goldmark.WithExtensions(extension.GFM, codeBlocks{h}, headingAnchors{}, proseLinks{}),
		goldmark.WithParserOptions(parser.WithAutoHeadingID()),
	)
}

// reservedIDs are the ids the templates give elements of a page: a
// heading in Markdown must not take one, or a link to it (#main, #related,
// the code tabs' labels, the home page's view and filter labels) would
// lead to the wrong element.
// TestReservedIDsCoverTemplates checks the list against the templates.
func reservedIDs() []string {
	ids := []string{"top", "main", "q", "q-results", "theme", "compare", "how", "headers", "related", "comparisons", "sent-by", "guides", "quick", "quick-title", "view-cards", "view-list", "only-all", "decide", "decide-question", "decide-why", "decide-order"}
	for class := 1; class <= 5; class++ {
		ids = append(ids, "class-"+strconv.Itoa(class)+"xx", "only-c"+strconv.Itoa(class))
	}
	for _, f := range Frameworks() {
		ids = append(ids, "tab-"+f.Name)
	}
	return ids
}

// pageParser is a goldmark parser whose heading ids avoid reservedIDs: it
// parses each body in a fresh context in which goldmark's own id generator
// already holds them, and so gives a heading the next free id, "main-1",
// as it does for a second heading of the same text.
type pageParser struct{ parser.Parser }

func (p pageParser) Parse(r text.Reader, opts ...parser.ParseOption) ast.Node {
	ctx := parser.NewContext()
	for _, id := range reservedIDs() {
		ctx.IDs().Put([]byte(id))
	}
	return p.Parser.Parse(r, append([]parser.ParseOption{parser.WithContext(ctx)}, opts...)...)
}

// outlineParser parses bodies for Load, which needs only their outline:
// the headings and the fenced code blocks. Those are blocks, and goldmark
// finds every block before it parses any inline content, so a parser with
// the same block parsers and paragraph transformers but no inline parsers
// gives the same blocks, at about half the cost. (Render parses each body
// again, in full; keeping the trees of every entry between the two would
// hold them all in memory at once.) TestOutlineParser checks it against
// the full parser.
var outlineParser = parser.NewParser(
	parser.WithBlockParsers(parser.DefaultBlockParsers()...),
	parser.WithParagraphTransformers(append(parser.DefaultParagraphTransformers(),
		util.Prioritized(extension.NewTableParagraphTransformer(), 200))...),
	parser.WithAutoHeadingID(),
)

// headingAnchors renders every heading with its id and a permalink, as the
// templates do for the headings they write, so that a reader can link to
// any section without script. It registers ahead of goldmark's default
// heading renderer, as codeBlocks does for code.
type headingAnchors struct{}

func (a headingAnchors) Extend(m goldmark.Markdown) {
	m.Renderer().AddOptions(renderer.WithNodeRenderers(util.Prioritized(a, 100)))
}

func (headingAnchors) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(ast.KindHeading, renderHeading)
}

func renderHeading(w util.BufWriter, src []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
	h := n.(*ast.Heading)
	tag := "h" + strconv.Itoa(h.Level)
	if entering {
		w.WriteString("<" + tag)
		gmhtml.RenderAttributes(w, h, gmhtml.HeadingAttributeFilter)
		w.WriteString(">")
		return ast.WalkContinue, nil
	}
	if id, ok := h.AttributeString("id"); ok {
		if b, ok := id.([]byte); ok && len(b) > 0 {
			w.WriteString(" " + permalink(string(b), plainText(h, src)))
		}
	}
	w.WriteString("</" + tag + ">\n")
	return ast.WalkContinue, nil
}

// permalink is the anchor link beside a heading with the given id and
// text: the one markup for it, which the templates get as {{anchor}}. It
// is out of the Tab order (tabindex="-1"), where a dozen of them stood
// between a keyboard reader and the page's real links; a mouse still
// clicks it and a screen reader still lists it with the page's links.
func permalink(id, text string) string {
	return `<a class="anchor" tabindex="-1" href="#` + html.EscapeString(id) + `" aria-label="` + html.EscapeString(tr("permalink", text)) + `">#</a>`
}

// plainText is the text of n's inline content, without its markup.
func plainText(n ast.Node, src []byte) string {
	var b strings.Builder
	ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch t := c.(type) {
		case *ast.Text:
			b.Write(t.Segment.Value(src))
			if t.SoftLineBreak() || t.HardLineBreak() {
				b.WriteByte(' ')
			}
		case *ast.String:
			b.Write(t.Value)
		}
		return ast.WalkContinue, nil
	})
	return strings.TrimSpace(b.String())
}
