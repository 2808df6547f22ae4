package generator

import (
	"strings"
	"unicode/utf8"

	"github.com/alecthomas/chroma/v2"
)

// JavaScript code is tokenised by jsTokens, a hand-written scanner that
// reads the code once, not by chroma's JavaScript lexer
// (lexers/embedded/javascript.xml), whose regexp2 rules are tried one
// after the other at every position: that lexer took 67 ms of a cold
// build of the real site's 75 JavaScript blocks. jsTokens mirrors the
// lexer's rules, quirks included, rather than JavaScript's grammar:
//
//   - A slash starts a regular expression only where the lexer is in its
//     "slashstartsregex" state: after an operator, after one of { ( [ ; ,
//     after a keyword of its first two lists (return, typeof, var, …, but
//     not await or const), and at the start of a line; whitespace and
//     comments keep that state. Anywhere else a slash is division.
//   - Keywords, constants and builtins are whole words (a run of letters,
//     digits and _), but a name stops before an underscore ("foo_if" is
//     the names "foo" and "_if"), and "1if" is a number and a keyword.
//   - Names are never functions or classes: the lexer has no such rule.
//   - "1.5e3" is the float "1.5" and the name "e3"; a float is digits with
//     a dot or with an exponent, never both.
//   - Strings in quotes may span lines; inside ${…} of a template the
//     first } closes the interpolation, braces are not counted.
//
// jsTokens declines (ok false) what it cannot colour as chroma would, and
// chroma lexes it instead: code that does not end in a newline (chroma
// adds one, and its tokens would spell more than the code), code with a
// carriage return (chroma turns it into a newline) or invalid UTF-8; a
// character none of the lexer's rules takes (# outside a leading #!, @, a
// backslash outside strings and regular expressions that does not end a
// line, non-ASCII outside strings, comments and regular expressions), for
// which chroma gives Error tokens; a slash where a regular expression may start that starts
// none (chroma's "badregex" state, Error tokens again); and an
// unterminated string, template literal or /* comment.

// jsKeywords, jsDeclarations, jsReserved, jsConstants and jsBuiltins are
// the words of the lexer's Keyword, KeywordDeclaration, KeywordReserved,
// KeywordConstant and NameBuiltin rules, tried in that order (the builtin
// rule also lists "this", which the keyword rule takes first). After a
// word of the first two, a slash starts a regular expression.
var (
	jsKeywords = map[string]bool{"for": true, "in": true, "while": true, "do": true, "break": true, "return": true,
		"continue": true, "switch": true, "case": true, "default": true, "if": true, "else": true, "throw": true,
		"try": true, "catch": true, "finally": true, "new": true, "delete": true, "typeof": true,
		"instanceof": true, "void": true, "yield": true, "this": true, "of": true}
	jsDeclarations = map[string]bool{"var": true, "let": true, "with": true, "function": true}
	jsReserved     = map[string]bool{"abstract": true, "async": true, "await": true, "boolean": true, "byte": true,
		"char": true, "class": true, "const": true, "debugger": true, "double": true, "enum": true, "export": true,
		"extends": true, "final": true, "float": true, "goto": true, "implements": true, "import": true, "int": true,
		"interface": true, "long": true, "native": true, "package": true, "private": true, "protected": true,
		"public": true, "short": true, "static": true, "super": true, "synchronized": true, "throws": true,
		"transient": true, "using": true, "volatile": true}
	jsConstants = map[string]bool{"true": true, "false": true, "null": true, "NaN": true, "Infinity": true, "undefined": true}
	jsBuiltins  = map[string]bool{"Array": true, "Boolean": true, "Date": true, "Error": true, "Function": true,
		"Math": true, "netscape": true, "Number": true, "Object": true, "Packages": true, "RegExp": true,
		"String": true, "Promise": true, "Proxy": true, "sun": true, "decodeURI": true, "decodeURIComponent": true,
		"encodeURI": true, "encodeURIComponent": true, "eval": true, "isFinite": true, "isNaN": true,
		"isSafeInteger": true, "parseFloat": true, "parseInt": true, "document": true, "window": true}
)

// jsWords gives each word of those lists the token type of the first rule
// that has it.
var jsWords = func() map[string]chroma.TokenType {
	words := map[string]chroma.TokenType{}
	for _, list := range []struct {
		words map[string]bool
		tt    chroma.TokenType
	}{
		{jsKeywords, chroma.Keyword}, {jsDeclarations, chroma.KeywordDeclaration}, {jsReserved, chroma.KeywordReserved},
		{jsConstants, chroma.KeywordConstant}, {jsBuiltins, chroma.NameBuiltin},
	} {
		for w := range list.words {
			if _, ok := words[w]; !ok {
				words[w] = list.tt
			}
		}
	}
	return words
}()

// jsState is a state of chroma's JavaScript lexer; jsTokens keeps a
// stack of them, as the lexer does.
type jsState uint8

const (
	jsRoot     jsState = iota // "root"
	jsSlash                   // "slashstartsregex": a slash here starts a regular expression
	jsTemplate                // "interp": inside a template literal's backquotes
	jsInterp                  // "interp-inside": inside a template literal's ${…}
)

// jsTokens splits JavaScript code into the tokens chroma's JavaScript
// lexer gives, or tokens of the same colour classes. ok is false for code
// it declines (see above); the caller then lets chroma lex it.
func jsTokens(code string) (toks []chroma.Token, ok bool) {
	if !strings.HasSuffix(code, "\n") || strings.IndexByte(code, '\r') >= 0 || !utf8.ValidString(code) {
		return nil, false
	}
	toks = make([]chroma.Token, 0, len(code)/4)
	pos := 0
	last := 0 // where the last token starts
	// take emits the next n bytes as a token of type tt, or as the end of
	// the last token when that has the same type (chroma.Coalesce joins
	// them too).
	take := func(tt chroma.TokenType, n int) {
		if i := len(toks) - 1; i >= 0 && toks[i].Type == tt {
			toks[i].Value = code[last : pos+n]
		} else {
			toks = append(toks, chroma.Token{Type: tt, Value: code[pos : pos+n]})
			last = pos
		}
		pos += n
	}
	// The rule "\A#! ?/.*?\n", only at the very start.
	if rest, ok := strings.CutPrefix(code, "#!"); ok {
		rest = strings.TrimPrefix(rest, " ")
		if !strings.HasPrefix(rest, "/") {
			return nil, false
		}
		take(chroma.CommentHashbang, strings.IndexByte(code, '\n')+1)
	}
	stack := []jsState{jsRoot}
	push := func(s jsState) { stack = append(stack, s) }
	pop := func() { stack = stack[:len(stack)-1] }
	for pos < len(code) {
		c := code[pos]
		state := stack[len(stack)-1]
		switch state {
		case jsSlash:
			if n, tt, ok := jsSpaceOrComment(code, pos); ok {
				if n < 0 {
					return nil, false
				}
				take(tt, n)
				continue
			}
			if c == '/' {
				n := jsRegexp(code, pos)
				if n < 0 {
					return nil, false // chroma's "badregex": Error tokens to the end of the line
				}
				take(chroma.LiteralStringRegex, n)
			}
			pop()
			continue
		case jsTemplate:
			switch {
			case c == '`':
				take(chroma.LiteralStringBacktick, 1)
				pop()
			case c == '\\':
				// "\\\\", "\\`" and "\\[^`\\]": the backslash and the
				// character after it, which the final newline ensures.
				_, n := utf8.DecodeRuneInString(code[pos+1:])
				take(chroma.LiteralStringBacktick, 1+n)
			case strings.HasPrefix(code[pos:], "${"):
				take(chroma.LiteralStringInterpol, 2)
				push(jsInterp)
			case c == '$':
				take(chroma.LiteralStringBacktick, 1)
			default:
				n := strings.IndexAny(code[pos:], "`\\$")
				if n < 0 {
					return nil, false // unterminated
				}
				take(chroma.LiteralStringBacktick, n)
			}
			continue
		case jsInterp:
			if c == '}' {
				take(chroma.LiteralStringInterpol, 1)
				pop()
				continue
			}
		}

		// The rules of "root", which "interp-inside" includes.
		if (pos == 0 || code[pos-1] == '\n') && (jsIsSpace(c) || c == '/' || strings.HasPrefix(code[pos:], "<!--")) {
			push(jsSlash) // the rule "^(?=\s|/|<!--)"
			continue
		}
		if n, tt, ok := jsSpaceOrComment(code, pos); ok {
			if n < 0 {
				return nil, false
			}
			take(tt, n)
			continue
		}
		if jsIsDigit(c) {
			n, tt := jsNumber(code[pos:])
			take(tt, n)
			continue
		}
		if strings.HasPrefix(code[pos:], "...") {
			take(chroma.Punctuation, 3)
			continue
		}
		if strings.HasPrefix(code[pos:], "=>") {
			take(chroma.Punctuation, 2)
			continue
		}
		if n := jsOperator(code[pos:]); n > 0 {
			take(chroma.Operator, n)
			push(jsSlash)
			continue
		}
		switch c {
		case '{', '(', '[', ';', ',':
			take(chroma.Punctuation, 1)
			push(jsSlash)
			continue
		case '}', ')', ']', '.':
			take(chroma.Punctuation, 1)
			continue
		case '"', '\'':
			n := jsString(code[pos:])
			if n < 0 {
				return nil, false
			}
			take(chroma.LiteralString, n)
			continue
		case '`':
			take(chroma.LiteralStringBacktick, 1)
			push(jsTemplate)
			continue
		}
		if !jsIsNameStart(c) {
			return nil, false // no rule takes c: chroma gives an Error token
		}
		// The keyword rules end in \b: they take a whole word.
		word := code[pos:jsWordEnd(code, pos)]
		switch tt, ok := jsWords[word]; {
		case ok:
			take(tt, len(word))
			if tt == chroma.Keyword || tt == chroma.KeywordDeclaration {
				push(jsSlash)
			}
		default:
			// The name rule, "[$_\p{L}\p{N}]" then "[$\p{L}\p{N}]*":
			// no underscore after the first character.
			n := 1
			for pos+n < len(code) && jsIsNamePart(code[pos+n]) {
				n++
			}
			take(chroma.NameOther, n)
		}
	}
	for _, s := range stack {
		if s == jsTemplate || s == jsInterp {
			return nil, false // an unterminated template literal
		}
	}
	return toks, true
}

// jsSpaceOrComment matches the rules of "commentsandwhitespace" at pos:
// whitespace, "<!--", a // comment up to and with its newline, or a /*
// comment. n is its length, or -1 for a /* comment with no end; ok is
// false when none of them is at pos.
func jsSpaceOrComment(code string, pos int) (n int, tt chroma.TokenType, ok bool) {
	rest := code[pos:]
	switch {
	case jsIsSpace(rest[0]):
		n = 1
		for n < len(rest) && jsIsSpace(rest[n]) {
			n++
		}
		return n, chroma.TextWhitespace, true
	case strings.HasPrefix(rest, "<!--"):
		return 4, chroma.Comment, true
	case strings.HasPrefix(rest, "//"):
		return strings.IndexByte(rest, '\n') + 1, chroma.CommentSingle, true // the code ends in a newline
	case strings.HasPrefix(rest, "/*"):
		end := strings.Index(rest[2:], "*/")
		if end < 0 {
			return -1, chroma.CommentMultiline, true
		}
		return 2 + end + 2, chroma.CommentMultiline, true
	}
	return 0, chroma.None, false
}

// jsRegexp is the length of the regular expression literal at pos, as
// the rule "/(\\.|[^[/\\\n]|\[(\\.|[^\]\\\n])*])+/([gimuy]+\b|\B)"
// matches it, or -1 when it matches none: a newline or the end of the code
// before the closing slash, an empty body, or flags it does not know
// ("/a/s": the s is a word character after the slash, so \B fails). A
// backslash escapes any character, a newline too. Its parts never give
// back what they took, so one pass finds the match.
func jsRegexp(code string, pos int) int {
	i := pos + 1
	for i < len(code) && code[i] != '/' {
		switch code[i] {
		case '\n':
			return -1
		case '\\':
			i += 2
		case '[':
			i++
			for i < len(code) && code[i] != ']' {
				switch code[i] {
				case '\n':
					return -1
				case '\\':
					i += 2
				default:
					i++
				}
			}
			i++ // the ]
		default:
			i++
		}
	}
	if i >= len(code) || i == pos+1 {
		return -1
	}
	i++ // the closing slash
	for i < len(code) && strings.IndexByte("gimuy", code[i]) >= 0 {
		i++
	}
	// After the flags \b, after none \B: either way a character that is
	// not part of a word follows. regexp2 counts non-ASCII letters as
	// word characters; the scanner does not try to know which are.
	if i < len(code) && (jsIsWord(code[i]) || code[i] >= utf8.RuneSelf) {
		return -1
	}
	return i - pos
}

// jsString is the length of the string in quotes at the start of s, as
// the rules '"(\\\\|\\"|[^"])*"' and its twin for ' match it: a backslash
// escapes a backslash or the quote, and a newline is part of the string.
// It is -1 when the closing quote is missing; the rule's regexp would then
// backtrack to an earlier escaped quote, which the scanner does not do.
func jsString(s string) int {
	q := s[0]
	for i := 1; i < len(s); i++ {
		switch s[i] {
		case q:
			return i + 1
		case '\\':
			if i+1 < len(s) && (s[i+1] == '\\' || s[i+1] == q) {
				i++
			}
		}
	}
	return -1
}

// jsNumber is the length and type of the number at the start of s, which
// starts with a digit, by the lexer's number rules in their order:
// "\d+(\.\d*|[eE][+\-]?\d+)", "0[bB][01]+", "0[oO][0-7]+",
// "0[xX][0-9a-fA-F]+" and "[0-9][0-9_]*".
func jsNumber(s string) (int, chroma.TokenType) {
	d := 1
	for d < len(s) && jsIsDigit(s[d]) {
		d++
	}
	if d < len(s) && s[d] == '.' {
		n := d + 1
		for n < len(s) && jsIsDigit(s[n]) {
			n++
		}
		return n, chroma.LiteralNumberFloat
	}
	if d < len(s) && (s[d] == 'e' || s[d] == 'E') {
		n := d + 1
		if n < len(s) && (s[n] == '+' || s[n] == '-') {
			n++
		}
		if e := n; e < len(s) && jsIsDigit(s[e]) {
			for n < len(s) && jsIsDigit(s[n]) {
				n++
			}
			return n, chroma.LiteralNumberFloat
		}
	}
	if s[0] == '0' && len(s) > 2 {
		var digits string
		switch s[1] {
		case 'b', 'B':
			digits = "01"
		case 'o', 'O':
			digits = "01234567"
		case 'x', 'X':
			digits = "0123456789abcdefABCDEF"
		}
		n := 2
		for digits != "" && n < len(s) && strings.IndexByte(digits, s[n]) >= 0 {
			n++
		}
		if n > 2 {
			return n, chroma.LiteralNumber
		}
	}
	n := 1
	for n < len(s) && (jsIsDigit(s[n]) || s[n] == '_') {
		n++
	}
	return n, chroma.LiteralNumberInteger
}

// jsOperator is the length of the operator at the start of s, by the rule
// "\+\+|--|~|&&|\?|:|\|\||\\(?=\n)|(<<|>>>?|==?|!=?|[-<>+*%&|^/])=?", or
// 0 for none. "..." and "=>" are matched before it, as punctuation.
func jsOperator(s string) int {
	second := byte(0)
	if len(s) > 1 {
		second = s[1]
	}
	n := 1
	switch s[0] {
	case '~', '?', ':':
		return 1
	case '+', '-', '&', '|':
		if second == s[0] {
			return 2 // ++ -- && ||, which take no =
		}
	case '\\':
		if second == '\n' {
			return 1 // a backslash that continues a line
		}
		return 0
	case '<':
		if second == '<' {
			n = 2
		}
	case '>':
		if strings.HasPrefix(s, ">>>") {
			n = 3
		} else if second == '>' {
			n = 2
		}
	case '=', '!':
		if second == '=' {
			n = 2
		}
	case '*', '%', '^', '/':
	default:
		return 0
	}
	if n < len(s) && s[n] == '=' {
		n++
	}
	return n
}

// jsWordEnd is where the word at pos ends: the letters, digits and
// underscores regexp2's \b counts as a word.
func jsWordEnd(code string, pos int) int {
	for pos < len(code) && jsIsWord(code[pos]) {
		pos++
	}
	return pos
}

func jsIsSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' }
func jsIsDigit(c byte) bool { return '0' <= c && c <= '9' }
func jsIsLetter(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z'
}
func jsIsWord(c byte) bool      { return jsIsLetter(c) || jsIsDigit(c) || c == '_' }
func jsIsNameStart(c byte) bool { return jsIsLetter(c) || c == '_' || c == '$' }
func jsIsNamePart(c byte) bool  { return jsIsLetter(c) || jsIsDigit(c) || c == '$' }
