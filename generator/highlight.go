package generator

import (
	"bytes"
	"fmt"
	"io"
	"strings"

	"github.com/alecthomas/chroma/v2"
	"github.com/alecthomas/chroma/v2/lexers"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/util"
)

// formatVersion names the markup highlight writes. It is part of the
// highlight cache's key: change it whenever the markup changes.
const formatVersion = "spans-2"

// highlighter turns code into HTML: chroma's lexers split it into tokens,
// and format writes them with a span only where a reader sees a colour.
// The colours live in site.css (the "pre .c" … rules), never inline.
type highlighter struct {
	cache *hlCache // nil: highlight every time
}

func newHighlighter() *highlighter { return &highlighter{} }

// lexerFor picks chroma's lexer for a fenced-code language, and its
// fallback lexer (plain text, no colour) for none or a language it does not
// know.
func lexerFor(lang string) chroma.Lexer {
	l := lexers.Fallback
	if lang != "" {
		if known := lexers.Get(lang); known != nil {
			l = known
		}
	}
	return chroma.Coalesce(l)
}

// highlight writes code as a <pre><code> block. A language chroma does
// not know is written escaped, without colours.
func (h *highlighter) highlight(w io.Writer, lang, code string) error {
	var key hlKey
	if h.cache != nil {
		key = cacheKey(lang, code)
		if html, ok := h.cache.get(key); ok {
			_, err := w.Write(html)
			return err
		}
	}
	it, err := lexerFor(lang).Tokenise(nil, code)
	if err != nil {
		return fmt.Errorf("highlighting %s: %w", lang, err)
	}
	var buf bytes.Buffer
	format(&buf, it)
	if h.cache != nil {
		h.cache.put(key, buf.Bytes())
	}
	_, err = w.Write(buf.Bytes())
	return err
}

// format writes tokens as <pre><code>, with one <span class=X> around each
// run of tokens that share a colour class. Whitespace never opens or
// closes a span, and plain tokens (names, punctuation, operators) get
// none: chroma's own formatter spends a span on every token and another
// two on every line, which made a page with four frameworks' examples
// twice as heavy as its text.
func format(buf *bytes.Buffer, it chroma.Iterator) {
	buf.WriteString("<pre><code>")
	open := ""
	for t := it(); t != chroma.EOF; t = it() {
		class := open
		if strings.TrimSpace(t.Value) != "" {
			class = tokenClass(t.Type)
		}
		if class != open {
			if open != "" {
				buf.WriteString("</span>")
			}
			if class != "" {
				buf.WriteString("<span class=")
				buf.WriteString(class)
				buf.WriteString(">")
			}
			open = class
		}
		textEscaper.WriteString(buf, t.Value)
	}
	if open != "" {
		buf.WriteString("</span>")
	}
	buf.WriteString("</code></pre>\n")
}

// tokenClass maps a chroma token type to its colour class, which site.css
// colours with a "pre .X" rule, or to "" for text in the page's own
// colour. Six classes, each a colour in both themes, are what a reader
// tells apart at a glance: comments, keywords, strings, numbers and
// constants, functions and annotations, and types.
func tokenClass(tt chroma.TokenType) string {
	switch {
	case tt.InCategory(chroma.Comment):
		return "c"
	case tt == chroma.KeywordConstant, tt.InSubCategory(chroma.LiteralNumber), tt == chroma.NameConstant,
		tt == chroma.LiteralStringBoolean:
		return "n"
	case tt == chroma.KeywordType, tt == chroma.NameClass, tt == chroma.NameBuiltin,
		tt == chroma.NameNamespace, tt == chroma.NameException:
		return "t"
	case tt.InCategory(chroma.Keyword), tt == chroma.OperatorWord:
		return "k"
	case tt == chroma.LiteralStringInterpol:
		return ""
	case tt.InSubCategory(chroma.LiteralString):
		return "s"
	case tt == chroma.NameFunction, tt == chroma.NameDecorator, tt == chroma.NameFunctionMagic:
		return "f"
	}
	return ""
}

// textEscaper escapes what HTML text cannot hold as itself: &, < and >.
// Quotes need no escaping in text, and code is full of them.
var textEscaper = strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;")

// codeBlocks is the goldmark extension that sends fenced code through
// chroma. It registers at priority 100, ahead of goldmark's default HTML
// renderer (1000), following goldmark's extension/strikethrough.go.
type codeBlocks struct{ h *highlighter }

func (c codeBlocks) Extend(m goldmark.Markdown) {
	m.Renderer().AddOptions(renderer.WithNodeRenderers(util.Prioritized(c, 100)))
}

func (c codeBlocks) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(ast.KindFencedCodeBlock, c.renderFenced)
}

func (c codeBlocks) renderFenced(w util.BufWriter, src []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkContinue, nil
	}
	b := n.(*ast.FencedCodeBlock)
	if err := c.h.highlight(w, string(b.Language(src)), fenceCode(b, src)); err != nil {
		return ast.WalkStop, err
	}
	return ast.WalkSkipChildren, nil
}
