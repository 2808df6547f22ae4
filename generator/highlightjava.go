package generator

import (
	"strings"
	"unicode/utf8"

	"github.com/alecthomas/chroma/v2"
)

// Java code is tokenised by javaTokens, a hand-written scanner, not by
// chroma's regular-expression lexer (lexers/embedded/java.xml), which
// tries up to thirty backtracking regexps at every position and took some
// 100 ms of a cold build for the site's 72 Java blocks. javaTokens plays
// chroma's rules in chroma's order at each position, each rule a plain
// loop over bytes, and gives the tokens chroma gives, quirks included:
//
//   - The method-declaration rule. At a name that is not one of the
//     keywords of chroma's first keyword rule, chroma tries
//     ((?:(?:[^\W\d]|\$)[\w.\[\]$<>?]*\s+)+?)((?:[^\W\d]|\$)[\w$]*)(\s*)(\():
//     one or more whitespace-separated words of name characters and
//     .[]<>?$, each starting like a name, then a name, spaces and "(". The
//     words are lexed again on their own (usingself), and the last name is
//     a NameFunction. So "public static void main(" and "List<T> of(" and
//     "yield foo(" colour main, of and foo as functions, while "return
//     foo(", "new Foo(" and "x.foo(" do not: return and new are keywords
//     of the earlier rule, and after "." the name has no word before it.
//     Words may run over lines. A word must be followed by whitespace, so
//     the match, if any, is fixed by where the words end; javaTokens
//     remembers the outcome for the words it has read (javaLexer.method),
//     which keeps a long run of words that ends in no "(" linear.
//   - ^ matches at the start of every line, and at the start of the words
//     re-lexed for a method: "@X record R(" makes record a keyword and R
//     a function, where a line starting "record R(" makes R a class.
//   - A "//" comment needs a newline after it; "0L" is the number 0 and
//     the name L; "12e3" is 12 and the name e3 (only one digit may come
//     before an exponent without a dot); a string runs over lines to the
//     next unescaped quote.
//
// javaTokens declines (ok false) what it does not read as chroma does, or
// where chroma gives Error tokens: a carriage return (chroma turns it into
// a newline, so its tokens would not spell the code), invalid UTF-8,
// non-ASCII text outside comments and strings (chroma's \w and \s are
// Unicode classes), a character no rule matches (# or `, a stray quote),
// an unterminated block comment, string or text block, a "//" comment on
// the last line with no newline, and a class, var or import keyword not
// followed by what its state expects.

// The words of chroma's rules for names, by rule. javaKeywordRule is the
// first rule for names, tried before the method-declaration rule; the
// others come after it and the decorator rule. chroma's KeywordDeclaration
// rule also holds "non-sealed", which javaLexer.words matches apart.
const (
	javaKeywordRule     = "assert break case catch continue default do else finally for if goto instanceof new return switch this throw try while"
	javaDeclarationRule = "abstract const enum exports extends final implements native open opens permits private protected provides public requires sealed static strictfp super synchronized throws to transient transitive uses volatile with yield"
	javaTypeRule        = "boolean byte char double float int long short void"
	javaConstantRule    = "true false null"
)

// javaWords gives the token type of each word of those rules.
var javaWords = func() map[string]chroma.TokenType {
	m := map[string]chroma.TokenType{}
	for _, rule := range []struct {
		tt    chroma.TokenType
		words string
	}{{chroma.Keyword, javaKeywordRule}, {chroma.KeywordDeclaration, javaDeclarationRule}, {chroma.KeywordType, javaTypeRule}, {chroma.KeywordConstant, javaConstantRule}} {
		for _, w := range strings.Fields(rule.words) {
			m[w] = rule.tt
		}
	}
	return m
}()

// javaRecordModifiers are the words chroma's record rule allows before
// "record"; each is also in javaDeclarationRule.
var javaRecordModifiers = []string{"public", "private", "protected", "static", "strictfp"}

// javaTokens splits Java code into the tokens chroma's Java lexer gives.
func javaTokens(code string) (toks []chroma.Token, ok bool) {
	if !utf8.ValidString(code) || strings.IndexByte(code, '\r') >= 0 {
		return nil, false
	}
	l := &javaLexer{src: code, toks: make([]chroma.Token, 0, len(code)/3)}
	if !l.lex() {
		return nil, false
	}
	return l.toks, true
}

// javaState is chroma's lexer state. Only root pushes a state, and every
// other state pops back to root, so the stack is never deeper than two.
type javaState int

const (
	javaRoot   javaState = iota
	javaClass            // after class, interface, module or record: a NameClass
	javaVar              // after var: a Name
	javaImport           // after package or import: a NameNamespace
)

// A javaLexer lexes src, the whole block or the words of one method
// declaration, which chroma lexes on their own.
type javaLexer struct {
	src  string
	toks []chroma.Token
	bad  bool // a scan stopped at a non-ASCII byte, where chroma's Unicode classes may go on

	// The words method last read end from chainFrom to chainTo, and
	// chainFn is the outcome after any of them: the offset of the
	// function name, or -1. chainTo is 0 before method reads any.
	chainFrom, chainTo, chainFn int
	// The last run of word characters typeRun scanned, and the last run
	// of whitespace space scanned, so that a rule tried at every position
	// inside one reads it once.
	typeRuns, spaces runCache
	// The rules that start at a line start with \s*: the offset after the
	// whitespace they last skipped, and their outcome there.
	headAt            int
	headRecord        int // end of the record rule's modifiers, or -1
	headLabel         int // end of the label's name, or -1
	headRecordChecked bool
}

func (l *javaLexer) emit(tt chroma.TokenType, from, to int) {
	if from < to {
		l.toks = append(l.toks, chroma.Token{Type: tt, Value: l.src[from:to]})
	}
}

// stop notes that a scan ended at i, and marks the lexer bad if a
// non-ASCII character ended it: chroma's \w, \s and \b are Unicode's.
func (l *javaLexer) stop(i int) int {
	if i < len(l.src) && l.src[i] >= utf8.RuneSelf {
		l.bad = true
	}
	return i
}

func isJavaSpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r'
}
func isJavaDigit(c byte) bool    { return '0' <= c && c <= '9' }
func isJavaLetter(c byte) bool   { return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || c == '_' }
func isJavaWordByte(c byte) bool { return isJavaLetter(c) || isJavaDigit(c) }

// isJavaNameStart is chroma's ([^\W\d]|\$): a letter, _ or $.
func isJavaNameStart(c byte) bool { return isJavaLetter(c) || c == '$' }

// isJavaTypeByte is the method-declaration rule's [\w.\[\]$<>?].
func isJavaTypeByte(c byte) bool {
	return isJavaWordByte(c) || c == '.' || c == '[' || c == ']' || c == '$' || c == '<' || c == '>' || c == '?'
}

func isJavaHex(c byte) bool { return isJavaDigit(c) || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F' }

// run returns the end of the run of bytes in from i on.
func (l *javaLexer) run(i int, in func(byte) bool) int {
	for i < len(l.src) && in(l.src[i]) {
		i++
	}
	return l.stop(i)
}

// at reports whether byte i is in class in.
func (l *javaLexer) at(i int, in func(byte) bool) bool { return i < len(l.src) && in(l.src[i]) }

// word is the end of \w+ from i; name the end of a name ([\w$]*) from i.
func (l *javaLexer) word(i int) int { return l.run(i, isJavaWordByte) }
func (l *javaLexer) name(i int) int {
	return l.run(i, func(c byte) bool { return isJavaWordByte(c) || c == '$' })
}

// space is the end of \s* from i.
func (l *javaLexer) space(i int) int { return l.spaces.end(l, i, isJavaSpace) }

// typeRun is the end of [\w.\[\]$<>?]* from i.
func (l *javaLexer) typeRun(i int) int { return l.typeRuns.end(l, i, isJavaTypeByte) }

// A runCache is the last non-empty run of one class of bytes that end
// scanned, from and to.
type runCache struct{ from, to int }

// end is the end of the run of bytes in class from i, read from the cache
// when i lies inside the last run found.
func (c *runCache) end(l *javaLexer, i int, in func(byte) bool) int {
	if c.from <= i && i < c.to {
		return c.to
	}
	e := l.run(i, in)
	if e > i {
		c.from, c.to = i, e
	}
	return e
}

// lex lexes l.src from root, as chroma does; false when it cannot.
func (l *javaLexer) lex() bool {
	s := l.src
	state := javaRoot
	for p := 0; p < len(s); {
		if l.bad {
			return false
		}
		c := s[p]
		switch state {
		case javaClass: // \s+ Text, or a name: NameClass
			if isJavaSpace(c) {
				e := l.space(p)
				l.emit(chroma.Text, p, e)
				p = e
				continue
			}
			if !isJavaNameStart(c) {
				return false
			}
			e := l.name(p + 1)
			l.emit(chroma.NameClass, p, e)
			p, state = e, javaRoot
			continue
		case javaVar: // a name
			if !isJavaNameStart(c) {
				return false
			}
			e := l.name(p + 1)
			l.emit(chroma.Name, p, e)
			p, state = e, javaRoot
			continue
		case javaImport: // [\w.]+\*?
			e := l.run(p, func(c byte) bool { return isJavaWordByte(c) || c == '.' })
			if e == p {
				return false
			}
			if e < len(s) && s[e] == '*' {
				e++
			}
			l.emit(chroma.NameNamespace, p, e)
			p, state = e, javaRoot
			continue
		}
		var ok bool
		if p, state, ok = l.root(p); !ok {
			return false
		}
	}
	return !l.bad
}

// root matches chroma's root rules at p, in chroma's order, and returns
// the offset after the match and the state it leaves the lexer in.
func (l *javaLexer) root(p int) (next int, state javaState, ok bool) {
	s := l.src
	c := s[p]
	if c >= utf8.RuneSelf {
		return p, javaRoot, false
	}
	lineStart := p == 0 || s[p-1] == '\n'

	// (^\s*)((?:(?:public|…|strictfp)(?:\s+))*)(record)\b
	if lineStart && (isJavaSpace(c) || isJavaLetter(c)) {
		i, mods := l.head(p)
		if mods >= 0 {
			l.emit(chroma.TextWhitespace, p, i)
			for i < mods {
				e := l.word(i)
				l.emit(chroma.KeywordDeclaration, i, e)
				i = l.space(e)
				l.emit(chroma.TextWhitespace, e, i)
			}
			l.emit(chroma.KeywordDeclaration, mods, mods+len("record"))
			return mods + len("record"), javaClass, true
		}
	}
	// [^\S\n]+
	if isJavaSpace(c) && c != '\n' {
		e := l.run(p, func(c byte) bool { return isJavaSpace(c) && c != '\n' })
		l.emit(chroma.TextWhitespace, p, e)
		return e, javaRoot, true
	}
	if strings.HasPrefix(s[p:], "//") { // (//.*?)(\n)
		nl := strings.IndexByte(s[p:], '\n')
		if nl < 0 {
			return p, javaRoot, false // chroma lexes it as code
		}
		l.emit(chroma.CommentSingle, p, p+nl)
		l.emit(chroma.TextWhitespace, p+nl, p+nl+1)
		return p + nl + 1, javaRoot, true
	}
	if strings.HasPrefix(s[p:], "/*") { // /\*.*?\*/
		end := strings.Index(s[p+2:], "*/")
		if end < 0 {
			return p, javaRoot, false
		}
		e := p + 2 + end + 2
		l.emit(chroma.CommentMultiline, p, e)
		return e, javaRoot, true
	}

	var w string // the \w+ at p, for the keyword rules' (…)\b
	var kind chroma.TokenType
	var known bool
	if isJavaWordByte(c) {
		w = s[p:l.word(p)]
		kind, known = javaWords[w]
	}
	if known && kind == chroma.Keyword {
		l.emit(chroma.Keyword, p, p+len(w))
		return p + len(w), javaRoot, true
	}
	if isJavaNameStart(c) {
		if fn := l.method(p); fn >= 0 {
			sub := &javaLexer{src: s[p:fn]}
			if !sub.lex() {
				return p, javaRoot, false
			}
			l.toks = append(l.toks, sub.toks...)
			ne := l.name(fn + 1)
			paren := l.space(ne)
			l.emit(chroma.NameFunction, fn, ne)
			l.emit(chroma.TextWhitespace, ne, paren)
			l.emit(chroma.Punctuation, paren, paren+1)
			return paren + 1, javaRoot, true
		}
	}
	if c == '@' && l.at(p+1, isJavaLetter) { // @[^\W\d][\w.]*
		e := l.run(p+1, func(c byte) bool { return isJavaWordByte(c) || c == '.' })
		l.emit(chroma.NameDecorator, p, e)
		return e, javaRoot, true
	}
	if isJavaLetter(c) {
		if next, state, ok := l.words(p, w, kind, known); ok {
			return next, state, true
		}
	}
	if strings.HasPrefix(s[p:], "\"\"\"\n") { // a text block
		e, ok := l.textBlock(p + 4)
		l.emit(chroma.LiteralString, p, e)
		return e, javaRoot, ok
	}
	if c == '"' {
		e, ok := l.str(p + 1)
		l.emit(chroma.LiteralString, p, e)
		return e, javaRoot, ok
	}
	if c == '\'' { // '\\.'|'[^\\]'|'\\u[0-9a-fA-F]{4}'
		e := l.char(p)
		if e < 0 {
			return p, javaRoot, false
		}
		l.emit(chroma.LiteralStringChar, p, e)
		return e, javaRoot, true
	}
	if c == '.' && l.at(p+1, isJavaNameStart) { // (\.)((?:[^\W\d]|\$)[\w$]*)
		e := l.name(p + 2)
		l.emit(chroma.Punctuation, p, p+1)
		l.emit(chroma.NameAttribute, p+1, e)
		return e, javaRoot, true
	}
	if lineStart && (c == '\n' || isJavaNameStart(c)) {
		// ^(\s*)(default)(:) and ^(\s*)((?:[^\W\d]|\$)[\w$]*)(:)
		if i, end := l.label(p); end >= 0 {
			tt := chroma.NameLabel
			if s[i:end] == "default" {
				tt = chroma.Keyword
			}
			l.emit(chroma.TextWhitespace, p, i)
			l.emit(tt, i, end)
			l.emit(chroma.Punctuation, end, end+1)
			return end + 1, javaRoot, true
		}
	}
	if isJavaNameStart(c) {
		e := l.name(p + 1)
		l.emit(chroma.Name, p, e)
		return e, javaRoot, true
	}
	if e, tt := l.number(p); e > p {
		l.emit(tt, p, e)
		return e, javaRoot, true
	}
	switch {
	case strings.IndexByte("~^*!%&[]<>|+=/?-", c) >= 0:
		l.emit(chroma.Operator, p, p+1)
	case strings.IndexByte("{}();:.,", c) >= 0:
		l.emit(chroma.Punctuation, p, p+1)
	case c == '\n':
		l.emit(chroma.TextWhitespace, p, p+1)
	default:
		return p, javaRoot, false // chroma gives an Error token
	}
	return p + 1, javaRoot, true
}

// words matches chroma's rules for words after the decorator rule, in
// order, at p, a letter: w is the \w+ there, and kind its type in
// javaWords if known.
func (l *javaLexer) words(p int, w string, kind chroma.TokenType, known bool) (next int, state javaState, ok bool) {
	s := l.src
	if known && kind == chroma.KeywordDeclaration {
		l.emit(chroma.KeywordDeclaration, p, p+len(w))
		return p + len(w), javaRoot, true
	}
	if strings.HasPrefix(s[p:], "non-sealed") && !l.at(l.stop(p+len("non-sealed")), isJavaWordByte) {
		l.emit(chroma.KeywordDeclaration, p, p+len("non-sealed"))
		return p + len("non-sealed"), javaRoot, true
	}
	if known && kind == chroma.KeywordType {
		l.emit(chroma.KeywordType, p, p+len(w))
		return p + len(w), javaRoot, true
	}
	if e, state, ok := l.keywordSpace(p, "package"); ok { // (package)(\s+)
		return e, state, true
	}
	if known && kind == chroma.KeywordConstant {
		l.emit(chroma.KeywordConstant, p, p+len(w))
		return p + len(w), javaRoot, true
	}
	if w == "class" || w == "interface" || w == "module" {
		l.emit(chroma.KeywordDeclaration, p, p+len(w))
		return p + len(w), javaClass, true
	}
	if strings.HasPrefix(s[p:], "var") && l.at(p+3, isJavaSpace) { // (var)(\s+)
		e := l.space(p + 3)
		l.emit(chroma.KeywordDeclaration, p, p+3)
		l.emit(chroma.TextWhitespace, p+3, e)
		return e, javaVar, true
	}
	// (import(?:\s+(?:static|module))?)(\s+)
	if strings.HasPrefix(s[p:], "import") && l.at(p+6, isJavaSpace) {
		e := l.space(p + 6)
		for _, kw := range []string{"static", "module"} {
			if strings.HasPrefix(s[e:], kw) && l.at(e+len(kw), isJavaSpace) {
				l.emit(chroma.KeywordNamespace, p, p+6)
				l.emit(chroma.TextWhitespace, p+6, e)
				p = e
				break
			}
		}
		return l.keywordSpace(p, s[p:l.word(p)])
	}
	return p, javaRoot, false
}

// keywordSpace matches (kw)(\s+) at p: a KeywordNamespace and whitespace,
// and the import state.
func (l *javaLexer) keywordSpace(p int, kw string) (int, javaState, bool) {
	if !strings.HasPrefix(l.src[p:], kw) || !l.at(p+len(kw), isJavaSpace) {
		return p, javaRoot, false
	}
	e := l.space(p + len(kw))
	l.emit(chroma.KeywordNamespace, p, p+len(kw))
	l.emit(chroma.TextWhitespace, p+len(kw), e)
	return e, javaImport, true
}

// head tries the record rule at the line start p: it returns the offset
// after the leading whitespace, and where "record" starts after the
// modifiers, or -1. Every blank line before a line tries the rule on the
// same text, so the outcome is kept for the offset after the whitespace.
func (l *javaLexer) head(p int) (i, record int) {
	s := l.src
	i = l.space(p)
	if l.headRecordChecked && l.headAt == i {
		return i, l.headRecord
	}
	l.headRecordChecked, l.headAt, l.headLabel = true, i, -2
	j := i
	for matched := true; matched; {
		matched = false
		for _, m := range javaRecordModifiers {
			if strings.HasPrefix(s[j:], m) && l.at(j+len(m), isJavaSpace) {
				j = l.space(j + len(m))
				matched = true
				break
			}
		}
	}
	l.headRecord = -1
	if strings.HasPrefix(s[j:], "record") && !l.at(l.stop(j+len("record")), isJavaWordByte) {
		l.headRecord = j
	}
	return i, l.headRecord
}

// label tries the label rules at the line start p: it returns the offset
// after the leading whitespace and the end of the name before ":", or -1.
func (l *javaLexer) label(p int) (i, end int) {
	i, _ = l.head(p)
	if l.headLabel == -2 {
		l.headLabel = -1
		if l.at(i, isJavaNameStart) {
			if e := l.name(i + 1); e < len(l.src) && l.src[e] == ':' {
				l.headLabel = e
			}
		}
	}
	return i, l.headLabel
}

// method tries chroma's method-declaration rule at p, a name start, and
// returns the offset of the function name, or -1. The rule's words are
// runs of [\w.\[\]$<>?] each followed by whitespace: the first word runs
// from p, and after each word's whitespace comes either the name (a name
// then \s* and "(") or the next word. Which it is depends only on the text
// after the word's end, so every word method reads has the same outcome.
// The rule is tried again at each name inside those words as the lexer
// moves on ("List<T> x" at List, then T, then x), and the words from
// chainFrom to chainTo, the last ones read, answer for those tries.
func (l *javaLexer) method(p int) int {
	e := l.typeRun(p)
	if !l.at(e, isJavaSpace) {
		return -1
	}
	if l.chainFrom <= e && e <= l.chainTo {
		return l.chainFn
	}
	l.chainFrom, l.chainFn = e, -1
	for {
		l.chainTo = e
		q := l.space(e)
		if !l.at(q, isJavaNameStart) {
			break
		}
		if paren := l.space(l.name(q + 1)); paren < len(l.src) && l.src[paren] == '(' {
			l.chainFn = q
			break
		}
		if e = l.typeRun(q); !l.at(e, isJavaSpace) {
			break
		}
	}
	return l.chainFn
}

// str is the end of a string whose quote is before i: chroma's string
// state, [^\\"]+, \\\\, \\", \\ and the closing quote. Strings run over
// lines. ok is false when no quote closes it.
func (l *javaLexer) str(i int) (int, bool) {
	s := l.src
	for i < len(s) {
		switch s[i] {
		case '"':
			return i + 1, true
		case '\\':
			if i+1 < len(s) && (s[i+1] == '\\' || s[i+1] == '"') {
				i++
			}
		}
		i++
	}
	return i, false
}

// textBlock is the end of a text block whose `"""` and newline are before
// i: chroma's multiline_string state, which ends at the first `"""` that
// no backslash takes.
func (l *javaLexer) textBlock(i int) (int, bool) {
	s := l.src
	for i < len(s) {
		switch {
		case strings.HasPrefix(s[i:], `"""`):
			return i + 3, true
		case s[i] == '\\' && i+1 < len(s) && (s[i+1] == '\\' || s[i+1] == '"'):
			i++
		}
		i++
	}
	return i, false
}

// char is the end of the character literal at p, or -1:
// '\\.'|'[^\\]'|'\\u[0-9a-fA-F]{4}', where . and [^\\] are any one
// character, a newline or a quote too.
func (l *javaLexer) char(p int) int {
	s := l.src
	if p+1 >= len(s) {
		return -1
	}
	if s[p+1] == '\\' {
		_, n := utf8.DecodeRuneInString(s[p+2:])
		if n > 0 && p+2+n < len(s) && s[p+2+n] == '\'' {
			return p + 3 + n
		}
		if strings.HasPrefix(s[p+2:], "u") && p+7 < len(s) && s[p+7] == '\'' {
			for _, h := range []byte(s[p+3 : p+7]) {
				if !isJavaHex(h) {
					return -1
				}
			}
			return p + 8
		}
		return -1
	}
	_, n := utf8.DecodeRuneInString(s[p+1:])
	if p+1+n < len(s) && s[p+1+n] == '\'' {
		return p + 2 + n
	}
	return -1
}

// number matches chroma's number rules at p, in order: the float rule's
// four alternatives, hex, binary, octal, integer. It returns p when none
// matches.
func (l *javaLexer) number(p int) (int, chroma.TokenType) {
	s := l.src
	digits := func(i int) int { // [0-9][0-9_]* at i, or i
		if !l.at(i, isJavaDigit) {
			return i
		}
		return l.run(i+1, func(c byte) bool { return isJavaDigit(c) || c == '_' })
	}
	hexes := func(i int) int { // [0-9a-fA-F][0-9a-fA-F_]* at i, or i
		if !l.at(i, isJavaHex) {
			return i
		}
		return l.run(i+1, func(c byte) bool { return isJavaHex(c) || c == '_' })
	}
	exponent := func(i int, marks string) int { // ([eE][+\-]?[0-9][0-9_]*)? at i
		if i >= len(s) || strings.IndexByte(marks, s[i]) < 0 {
			return i
		}
		j := i + 1
		if j < len(s) && (s[j] == '+' || s[j] == '-') {
			j++
		}
		if e := digits(j); e > j {
			return e
		}
		return i
	}
	suffix := func(i int, suffixes string) int {
		if i < len(s) && strings.IndexByte(suffixes, s[i]) >= 0 {
			return i + 1
		}
		return i
	}
	// ([0-9][0-9_]*\.([0-9][0-9_]*)?|\.[0-9][0-9_]*)([eE][+\-]?[0-9][0-9_]*)?[fFdD]?
	if i := digits(p); i > p && l.at(i, func(c byte) bool { return c == '.' }) {
		return suffix(exponent(digits(i+1), "eE"), "fFdD"), chroma.LiteralNumberFloat
	}
	if s[p] == '.' && l.at(p+1, isJavaDigit) {
		return suffix(exponent(digits(p+1), "eE"), "fFdD"), chroma.LiteralNumberFloat
	}
	if !isJavaDigit(s[p]) {
		return p, chroma.Error
	}
	// [0-9][eE][+\-]?[0-9][0-9_]*[fFdD]?
	if e := exponent(p+1, "eE"); e > p+1 {
		return suffix(e, "fFdD"), chroma.LiteralNumberFloat
	}
	// [0-9]([eE][+\-]?[0-9][0-9_]*)?[fFdD]: the exponent was tried above
	if e := suffix(p+1, "fFdD"); e > p+1 {
		return e, chroma.LiteralNumberFloat
	}
	if s[p] == '0' && l.at(p+1, func(c byte) bool { return c == 'x' || c == 'X' }) {
		// 0[xX]([0-9a-fA-F][0-9a-fA-F_]*\.?|([0-9a-fA-F][0-9a-fA-F_]*)?\.[0-9a-fA-F][0-9a-fA-F_]*)[pP][+\-]?[0-9][0-9_]*[fFdD]?
		i := p + 2
		if h := hexes(i); h > i {
			j := h
			if l.at(j, func(c byte) bool { return c == '.' }) {
				j++
			}
			if e := exponent(j, "pP"); e > j {
				return suffix(e, "fFdD"), chroma.LiteralNumberFloat
			}
		}
		if h := hexes(i); l.at(h, func(c byte) bool { return c == '.' }) {
			if f := hexes(h + 1); f > h+1 {
				if e := exponent(f, "pP"); e > f {
					return suffix(e, "fFdD"), chroma.LiteralNumberFloat
				}
			}
		}
		// 0[xX][0-9a-fA-F][0-9a-fA-F_]*[lL]?
		if h := hexes(i); h > i {
			return suffix(h, "lL"), chroma.LiteralNumberHex
		}
	}
	if s[p] == '0' && l.at(p+1, func(c byte) bool { return c == 'b' || c == 'B' }) && l.at(p+2, func(c byte) bool { return c == '0' || c == '1' }) {
		// 0[bB][01][01_]*[lL]?
		e := l.run(p+3, func(c byte) bool { return c == '0' || c == '1' || c == '_' })
		return suffix(e, "lL"), chroma.LiteralNumberBin
	}
	if s[p] == '0' {
		// 0[0-7_]+[lL]?, else 0
		if e := l.run(p+1, func(c byte) bool { return '0' <= c && c <= '7' || c == '_' }); e > p+1 {
			return suffix(e, "lL"), chroma.LiteralNumberOct
		}
		return p + 1, chroma.LiteralNumberInteger
	}
	// [1-9][0-9_]*[lL]?
	return suffix(digits(p), "lL"), chroma.LiteralNumberInteger
}
