package generator

import (
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
)

// newMarkdown is the one goldmark configuration of the site: GFM (tables,
// strikethrough, autolinks, task lists), automatic heading IDs, and fenced
// code through chroma. goldmark's defaults stay on: raw HTML is replaced by
// a comment and dangerous URLs (javascript:, data: other than images, …)
// are dropped, so content cannot inject script.
func newMarkdown(h *highlighter) goldmark.Markdown {
	return goldmark.New(
		goldmark.WithExtensions(extension.GFM, codeBlocks{h}),
		goldmark.WithParserOptions(parser.WithAutoHeadingID()),
	)
}

// markdownParser parses bodies for Load, which needs only their outline.
var markdownParser = newMarkdown(newHighlighter()).Parser()
