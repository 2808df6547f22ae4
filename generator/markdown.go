package generator

import (
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/util"
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
