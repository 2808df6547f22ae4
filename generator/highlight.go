package generator

import (
	"bytes"
	"fmt"
	"html"
	"io"
	"regexp"
	"slices"
	"strings"

	"github.com/alecthomas/chroma/v2"
	chromahtml "github.com/alecthomas/chroma/v2/formatters/html"
	"github.com/alecthomas/chroma/v2/lexers"
	"github.com/alecthomas/chroma/v2/styles"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/util"
)

// The chroma styles for the light and dark themes.
const (
	LightStyle = "github"
	DarkStyle  = "github-dark"
)

// highlighter turns code into chroma's class-based HTML. The colours live
// in one stylesheet (see stylesheet), never inline.
type highlighter struct {
	formatter *chromahtml.Formatter
	cache     *hlCache // nil: highlight every time
}

func newHighlighter() *highlighter {
	return &highlighter{formatter: chromahtml.New(chromahtml.WithClasses(true))}
}

// lexerFor picks chroma's lexer for a fenced-code language, or nil.
func lexerFor(lang string) chroma.Lexer {
	if lang == "" {
		return nil
	}
	l := lexers.Get(lang)
	if l == nil {
		return nil
	}
	return chroma.Coalesce(l)
}

// highlight writes code as highlighted HTML. A language chroma does not
// know gets an escaped <pre><code class="language-x"> block.
func (h *highlighter) highlight(w io.Writer, lang, code string) error {
	l := lexerFor(lang)
	if l == nil {
		class := ""
		if lang != "" {
			class = ` class="language-` + html.EscapeString(lang) + `"`
		}
		_, err := fmt.Fprintf(w, "<pre class=\"chroma\"><code%s>%s</code></pre>\n", class, html.EscapeString(code))
		return err
	}
	var key hlKey
	if h.cache != nil {
		key = cacheKey(lang, code)
		if html, ok := h.cache.get(key); ok {
			_, err := w.Write(html)
			return err
		}
	}
	it, err := l.Tokenise(nil, code)
	if err != nil {
		return fmt.Errorf("highlighting %s: %w", lang, err)
	}
	// chroma's style only matters for inline styles; with classes any
	// valid style gives the same markup.
	var buf bytes.Buffer
	if err := h.formatter.Format(&buf, styles.Fallback, it); err != nil {
		return fmt.Errorf("highlighting %s: %w", lang, err)
	}
	if h.cache != nil {
		h.cache.put(key, buf.Bytes())
	}
	_, err = w.Write(buf.Bytes())
	return err
}

// stylesheet is the highlighting CSS: the light style, and the dark style
// both under prefers-color-scheme and under an explicit data-theme="dark"
// on the root element (the theme toggle), so one file serves both.
func stylesheet() ([]byte, error) {
	for _, name := range []string{LightStyle, DarkStyle} {
		if !slices.Contains(styles.Names(), name) {
			return nil, fmt.Errorf("invalid chroma style: %s", name)
		}
	}
	f := chromahtml.New(chromahtml.WithClasses(true))
	var light, dark bytes.Buffer
	if err := f.WriteCSS(&light, styles.Get(LightStyle)); err != nil {
		return nil, err
	}
	if err := f.WriteCSS(&dark, styles.Get(DarkStyle)); err != nil {
		return nil, err
	}
	var out bytes.Buffer
	out.WriteString("/* Code highlighting: chroma " + LightStyle + " (light) and " + DarkStyle + " (dark). Generated. */\n")
	out.Write(light.Bytes())
	out.WriteString("@media (prefers-color-scheme: dark) {\n")
	out.Write(prefixRules(dark.Bytes(), ":root:not([data-theme=light]) "))
	out.WriteString("}\n")
	out.Write(prefixRules(dark.Bytes(), ":root[data-theme=dark] "))
	return out.Bytes(), nil
}

var cssRuleRE = regexp.MustCompile(`(?m)^(/\*[^*]*\*/ )?([^{\n]+)\{`)

// prefixRules puts prefix before every selector of chroma's CSS.
func prefixRules(css []byte, prefix string) []byte {
	return cssRuleRE.ReplaceAllFunc(css, func(m []byte) []byte {
		sub := cssRuleRE.FindSubmatch(m)
		sels := strings.Split(strings.TrimSpace(string(sub[2])), ",")
		for i, s := range sels {
			sels[i] = prefix + strings.TrimSpace(s)
		}
		return []byte(string(sub[1]) + strings.Join(sels, ", ") + " {")
	})
}

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
	if err := c.h.highlight(w, string(b.Language(src)), string(b.Text(src))); err != nil {
		return ast.WalkStop, err
	}
	return ast.WalkSkipChildren, nil
}
