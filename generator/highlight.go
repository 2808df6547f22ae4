package generator

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/alecthomas/chroma/v2"
	"github.com/alecthomas/chroma/v2/lexers"
	"github.com/dlclark/regexp2/v2"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/util"
)

// formatVersion names the markup highlight writes. It is part of the
// highlight cache's key: change it whenever the markup changes.
const formatVersion = "spans-2"

// init stops the clock that times chroma's regexp matches out. chroma
// gives every rule's regexp a 250 ms MatchTimeout and treats a timeout as
// no match, so on a loaded machine (a build paused for 0.4 s) a rule that
// should match fails and a later one lexes the code instead: a Java import
// then comes out as plain names, with no Error token for tokens to notice,
// and the output depends on the load. chroma has no setting for that
// timeout. regexp2 reads deadlines from a clock that a goroutine advances
// once per SetTimeoutCheckPeriod, and a deadline is the clock plus the
// timeout plus that period: with a period of a century the clock never
// ticks and no match times out. The price is regexp2's guard against a
// regexp that backtracks for ever; chroma's lexers are not known to need
// it, and a deadline reached on every later position made such a block
// take minutes anyway. This sets a variable of regexp2's, so it runs
// before any match does.
func init() { regexp2.SetTimeoutCheckPeriod(1 << 62) }

// chroma's rules are regexp2/v2 regexps. Should chroma move to another
// regexp package, this stops compiling, as init would no longer reach it.
var _ = func(r *chroma.CompiledRule) *regexp2.Regexp { return r.Regexp }

// highlighter turns code into HTML: chroma's lexers split it into tokens,
// and format writes them with a span only where a reader sees a colour.
// The colours live in site.css (the "pre .c" … rules), never inline.
type highlighter struct {
	cache    *hlCache                       // nil: highlight every time
	lexer    func(lang string) chroma.Lexer // lexerFor; tests inject failures here
	scanners map[string]scanFunc            // the package's scanners; tests that inject a lexer clear it
}

func newHighlighter() *highlighter { return &highlighter{lexer: lexerFor, scanners: scanners} }

// A scanFunc splits code in one language into the tokens chroma's lexer
// for that language gives, or as many of them as format can tell apart
// (the same colour classes for the same text), without chroma's regular
// expressions. chroma's lexers try each rule's backtracking regexp at
// every position, which made lexing 60% of a cold build of the real site;
// a scanner reads the code once. ok is false when the scanner is not sure
// it can colour the code as chroma would (code it cannot read, or a
// construct it does not know); tokens then asks chroma.
//
// TestScannersMatchChroma holds each scanner to chroma's colours on every
// block of its language in content/ and on its corner cases
// (scannerCorners), and requires it to take all but a few blocks of
// content/ (one in twenty) and every corner.
type scanFunc func(code string) (toks []chroma.Token, ok bool)

// scanners are the scanners by the name of the chroma lexer they stand in
// for (its Config().Name), so every alias chroma knows for a language
// ("py", "python3") finds its scanner. A scanner's source file is also
// listed in scannerSources, so that changing it misses the highlight cache.
var scanners = map[string]scanFunc{
	"Go":         goTokens,
	"Java":       javaTokens,
	"JavaScript": jsTokens,
	"Python":     pythonTokens,
}

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
// not know is written escaped, without colours. A block chroma cannot
// tokenise is a *highlightError, with nothing written; the caller adds
// its position.
func (h *highlighter) highlight(w io.Writer, lang, code string) error {
	var key hlKey
	if h.cache != nil {
		key = cacheKey(lang, code)
		if html, ok := h.cache.get(key); ok {
			_, err := w.Write(html)
			return err
		}
	}
	toks, exact, err := h.tokens(lang, code)
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	buf.Grow(2*len(code) + 64) // the code and room for its spans
	format(&buf, toks)
	if h.cache != nil {
		if exact {
			h.cache.put(key, buf.Bytes())
		} else {
			h.cache.unfit.Add(1)
		}
	}
	_, err = w.Write(buf.Bytes())
	return err
}

// lexTries is how many times tokens tokenises a block whose tokens hold
// an Error token before it gives up.
const lexTries = 4

// tokens splits code into chroma's tokens. exact is false when they hold
// Error tokens, which highlight then never caches.
//
// chroma gives an Error token where no rule of the lexer's state matches.
// That is its verdict on the code (an HTTP method its http lexer does not
// know, as in content/4xx/424.md), or a match that timed out: chroma gives
// each rule's regexp a 250 ms timeout, treats a timeout as no match, and
// drops the error, so on a loaded machine the same block can lex
// differently from one build to the next. init lifts that timeout, and
// tokens guards against one striking all the same: a block with Error
// tokens is tokenised again, until two tries in a row agree (the Error
// tokens are chroma's verdict) or one has none (a timeout struck before).
// When lexTries tries all differ, the block is an error, so that a build
// never writes code highlighted by the machine's load.
func (h *highlighter) tokens(lang, code string) (toks []chroma.Token, exact bool, err error) {
	lexer := h.lexer(lang)
	if scan := h.scanners[lexer.Config().Name]; scan != nil {
		if toks, ok := scan(code); ok {
			return toks, true, nil
		}
	}
	toks, err = tokenise(lexer, code)
	for try := 1; err == nil && slices.ContainsFunc(toks, isError); try++ {
		if try == lexTries {
			return nil, false, &highlightError{Msg: fmt.Sprintf("highlighting %s: chroma gave different tokens on each of %d tries, as when its regexp matches time out on a loaded machine: build again", lang, lexTries)}
		}
		var again []chroma.Token
		if again, err = tokenise(lexer, code); err == nil && slices.Equal(again, toks) {
			return toks, false, nil
		}
		toks = again
	}
	if err != nil {
		return nil, false, &highlightError{Msg: fmt.Sprintf("highlighting %s: %v", lang, err)}
	}
	return toks, true, nil
}

func isError(t chroma.Token) bool { return t.Type == chroma.Error }

// tokenise runs lexer over code. chroma's iterators report some failures
// by panicking ("Formatters should recover", chroma's iterator.go).
func tokenise(lexer chroma.Lexer, code string) (toks []chroma.Token, err error) {
	defer func() {
		if p := recover(); p != nil {
			toks, err = nil, fmt.Errorf("%v", p)
		}
	}()
	it, err := lexer.Tokenise(nil, code)
	if err != nil {
		return nil, err
	}
	return it.Tokens(), nil
}

// A highlightError is a block of code chroma could not tokenise. highlight
// returns it without a position; renderFenced sets Line to the fence's line
// in the Markdown it renders, and bodyError turns that into the line in
// the entry's file.
type highlightError struct {
	Pos position
	Msg string // "highlighting <lang>: …"
}

func (e *highlightError) Error() string {
	if e.Pos.File == "" {
		return e.Msg
	}
	return e.Pos.String() + ": " + e.Msg
}

// atBlock gives a highlightError the line of the fenced block n in src.
func atBlock(err error, src []byte, n ast.Node) error {
	var he *highlightError
	if errors.As(err, &he) {
		he.Pos.Line = bytes.Count(src[:nodeStart(n)], []byte("\n")) + 1
	}
	return err
}

// bodyError is err, from rendering the body of file, which starts at line
// bodyLine: a highlightError placed at its line in file, any other error
// prefixed with the file.
func bodyError(err error, file string, bodyLine int) error {
	var he *highlightError
	if errors.As(err, &he) && he.Pos.File == "" {
		he.Pos = position{File: file, Line: bodyLine + he.Pos.Line - 1}
		return he
	}
	return fmt.Errorf("%s: %w", file, err)
}

// format writes tokens as <pre><code>, with one <span class=X> around each
// run of tokens that share a colour class. Whitespace never opens or
// closes a span, and plain tokens (names, punctuation, operators) get
// none: chroma's own formatter spends a span on every token and another
// two on every line, which made a page with four frameworks' examples
// twice as heavy as its text.
func format(buf *bytes.Buffer, toks []chroma.Token) {
	buf.WriteString("<pre><code>")
	open := ""
	for _, t := range toks {
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
		return ast.WalkStop, atBlock(err, src, n)
	}
	return ast.WalkSkipChildren, nil
}
