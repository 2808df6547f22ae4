package generator

import (
	"strings"
	"unicode/utf8"

	"github.com/alecthomas/chroma/v2"
)

// Python code is tokenised by pythonTokens, a scanner that reads the code
// once, byte by byte, instead of by chroma's Python lexer
// (lexers/embedded/python.xml), whose backtracking regexps took 119 ms of
// a cold build for some 75 blocks. It is not a Python tokenizer: it
// follows chroma's lexer rule by rule, state by state, quirks included,
// so that format colours every block as chroma would:
//
//   - "match" and "case" are keywords wherever they stand (re.match too);
//   - "from" and then whitespace starts an import wherever it stands, so
//     the name after "raise E from" is a namespace, and "yield  from"
//     (two spaces) is not the keyword "yield from";
//   - only the names after "import" up to the first thing that is not a
//     name, ".", "," or "as" are namespaces: "from a import b" leaves b a
//     plain name;
//   - builtins, pseudo-builtins and exceptions are such only when no "."
//     comes right before them, but keywords are keywords after a "." too;
//   - the docstring rule never matches (its "{,2}" is no quantifier to
//     regexp2), so a docstring is lexed as any other string, with its
//     %-formats and {}-formats as interpolations;
//   - inside an f-string's {…}, only chroma's expression keywords (if,
//     else, for, lambda, yield, await, async for) are keywords, a ":" or
//     "}" or "!r}" or "=}" closes the expression, and what follows a ":"
//     is string again until a "}";
//   - a {}-format in a plain string may run past the string's end, to the
//     "]" of a "[" index in a later string: chroma's regexp does.
//
// pythonTokens declines (ok false), leaving the block to chroma, where
// chroma would give an Error token or where following it would need more
// than a single pass: a character no rule of the state takes (a "!" or
// "$" in code, a "#" or "\" inside an f-string's {…}), a string that ends
// at a newline without its closing quote, or the code's end inside a
// string; non-ASCII outside strings and comments, and non-ASCII where a
// format's \w would have to say whether it is a letter; "\r" (chroma
// turns "\r\n" into "\n", so its tokens no longer spell the code), other
// control characters but tab and newline (whether regexp2's \s takes
// them); invalid UTF-8, which chroma reads as U+FFFD; a "\N{" with no
// "}" on its line; the text "{,2}" anywhere, which the docstring rule
// takes literally ("r{,2}" then triple quotes is a docstring); and code
// over 8 KB, where chroma's Coalesce stops joining tokens.

// A pyState is one state of chroma's Python lexer on its stack.
type pyState struct {
	kind   pyKind
	quote  byte // pyString: ' or "
	triple bool // pyString: closed by three quotes; a newline is string
	fstr   bool // pyString: an f-string, whose {…} are expressions
	raw    bool // pyString: a raw string, without stringescape's escapes
}

type pyKind uint8

const (
	pyRoot       pyKind = iota // "root"
	pyFuncname                 // "funcname": after "def "
	pyClassname                // "classname": after "class "
	pyFromimport               // "fromimport": after "from "
	pyImport                   // "import": after "import "
	pyString                   // "sqs", "dqs", "tsqs", "tdqs", "sqf", "dqf", "tsqf", "tdqf", combined with their escapes
	pyFExpr                    // "expr-inside-fstring": in an f-string's {…}
	pyFExprInner               // "expr-inside-fstring-inner": in brackets within it
)

// pyDeclarations are the words that, with whitespace after them, push a
// state of their own: their token type and that state.
var pyDeclarations = map[string]struct {
	tt   chroma.TokenType
	next pyKind
}{
	"def":    {chroma.Keyword, pyFuncname},
	"class":  {chroma.Keyword, pyClassname},
	"from":   {chroma.KeywordNamespace, pyFromimport},
	"import": {chroma.KeywordNamespace, pyImport},
}

// pyCoalesceMax is the length past which chroma's Coalesce stops joining
// tokens of one type.
const pyCoalesceMax = 8192

// A pyRule is one of chroma's rules for words: pyWordRules says which
// take a word, so that one map look-up tells them all. The two-word
// keywords "yield from" and "async for" are matched apart.
type pyRule uint8

const (
	pyKeyword      pyRule = 1 << iota // "keywords", which root tries first
	pyExprKeyword                     // "expr-keywords": all an f-string's {…} knows
	pyOperatorWord                    // "(in|is|and|or|not)\b"
	pyBuiltin                         // "builtins", NameBuiltin: not right after a "."
	pyException                       // "builtins", NameException: not right after a "."
	pyMagicFunc                       // "magicfuncs", coloured like a function wherever it stands
)

// pyWordRules holds the words of chroma's rules. The rule between
// NameBuiltin and NameException, NameBuiltinPseudo (self, cls, Ellipsis,
// NotImplemented), and the "magicvars" rule (__name__, __doc__, …) give
// types format leaves uncoloured like any name, so they are not here.
var pyWordRules = pyRules(map[pyRule]string{
	pyKeyword:      "nonlocal continue finally except lambda assert global return raise yield while break await async pass else elif with try for del as if match case",
	pyExprKeyword:  "lambda yield await else for if",
	pyOperatorWord: "in is and or not",
	pyBuiltin:      "staticmethod classmethod memoryview __import__ issubclass isinstance frozenset bytearray enumerate reversed property compile complex delattr hasattr setattr globals getattr divmod filter locals format object sorted slice print bytes range input tuple round super float eval list dict repr type vars hash next bool open iter oct pow min zip max map bin len set any dir all abs str sum chr int hex ord id",
	pyException:    "PendingDeprecationWarning ConnectionAbortedError ConnectionRefusedError UnicodeTranslateError ConnectionResetError ModuleNotFoundError NotImplementedError FloatingPointError StopAsyncIteration UnicodeDecodeError DeprecationWarning UnicodeEncodeError NotADirectoryError ProcessLookupError ZeroDivisionError IsADirectoryError FileNotFoundError UnboundLocalError KeyboardInterrupt ChildProcessError EnvironmentError IndentationError InterruptedError BlockingIOError ArithmeticError ConnectionError BrokenPipeError FileExistsError ResourceWarning PermissionError RuntimeWarning ReferenceError AttributeError AssertionError UnicodeWarning RecursionError StopIteration BaseException OverflowError SyntaxWarning FutureWarning GeneratorExit ImportWarning UnicodeError TimeoutError WindowsError RuntimeError BytesWarning SystemError UserWarning MemoryError ImportError LookupError BufferError SyntaxError SystemExit ValueError IndexError NameError Exception TypeError TabError EOFError KeyError VMSError Warning OSError IOError",
	pyMagicFunc:    "__instancecheck__ __subclasscheck__ __getattribute__ __length_hint__ __rfloordiv__ __ifloordiv__ __itruediv__ __contains__ __floordiv__ __rtruediv__ __reversed__ __setitem__ __complex__ __rdivmod__ __delattr__ __rmatmul__ __ilshift__ __prepare__ __delitem__ __rrshift__ __imatmul__ __rlshift__ __setattr__ __truediv__ __getitem__ __missing__ __getattr__ __irshift__ __rshift__ __format__ __invert__ __matmul__ __divmod__ __delete__ __aenter__ __lshift__ __await__ __bytes__ __anext__ __aiter__ __aexit__ __round__ __float__ __enter__ __index__ __iadd__ __ipow__ __rpow__ __iter__ __init__ __ixor__ __rmul__ __rmod__ __imul__ __imod__ __iand__ __hash__ __rsub__ __exit__ __rxor__ __bool__ __call__ __rand__ __next__ __radd__ __isub__ __repr__ __set__ __add__ __new__ __neg__ __xor__ __and__ __mul__ __mod__ __sub__ __len__ __str__ __ror__ __ior__ __pos__ __del__ __get__ __dir__ __abs__ __int__ __pow__ __eq__ __gt__ __le__ __lt__ __ne__ __or__ __ge__",
})

func pyRules(words map[pyRule]string) map[string]pyRule {
	m := map[string]pyRule{}
	for r, ws := range words {
		for _, w := range strings.Fields(ws) {
			m[w] |= r
		}
	}
	return m
}

// pyScanner is pythonTokens' state: the code, the tokens so far, chroma's
// state stack, and bad, set where the code needs chroma.
type pyScanner struct {
	code  string
	toks  []chroma.Token
	start int // where the last token starts in code
	stack []pyState
	bad   bool
	// closers[i] is where the first "]" at or after i is (len(code) if
	// none), computed the first time a {}-format has a "[" index.
	closers []int32
}

// pythonTokens splits Python code into the tokens chroma's Python lexer
// gives, or tokens format colours the same. ok is false where the code
// needs chroma (see the list above).
func pythonTokens(code string) (toks []chroma.Token, ok bool) {
	if len(code) > pyCoalesceMax || strings.Contains(code, "{,2}") || !utf8.ValidString(code) {
		return nil, false
	}
	for i := 0; i < len(code); i++ {
		if c := code[i]; c < ' ' && c != '\t' && c != '\n' || c == 0x7f {
			return nil, false
		}
	}
	s := &pyScanner{code: code, stack: make([]pyState, 1, 8), toks: make([]chroma.Token, 0, len(code)/4)}
	p := 0
	for p < len(code) && !s.bad {
		st := s.stack[len(s.stack)-1]
		from, depth := p, len(s.stack)
		switch st.kind {
		case pyRoot:
			p = s.root(p)
		case pyFuncname:
			p = s.funcname(p)
		case pyClassname:
			p = s.classname(p)
		case pyFromimport:
			p = s.fromimport(p)
		case pyImport:
			p = s.imports(p)
		case pyString:
			p = s.str(st, p)
		case pyFExpr:
			p = s.fexpr(p)
		case pyFExprInner:
			p = s.fexprInner(p)
		}
		if p == from && len(s.stack) >= depth {
			return nil, false // no rule took a character: a bug, not chroma's way
		}
	}
	if s.bad {
		return nil, false
	}
	for _, st := range s.stack {
		if st.kind == pyString || st.kind == pyFExpr || st.kind == pyFExprInner {
			return nil, false // the code ends inside a string
		}
	}
	return s.toks, true
}

// emit adds code[p:end] as a token of type tt, joined to the last token if
// that has the same type, as chroma's Coalesce does, and returns end.
func (s *pyScanner) emit(tt chroma.TokenType, p, end int) int {
	if end <= p {
		return p
	}
	if n := len(s.toks); n > 0 && s.toks[n-1].Type == tt {
		s.toks[n-1].Value = s.code[s.start:end]
		return end
	}
	s.toks = append(s.toks, chroma.Token{Type: tt, Value: s.code[p:end]})
	s.start = p
	return end
}

func (s *pyScanner) push(st pyState) { s.stack = append(s.stack, st) }
func (s *pyScanner) pop() {
	if len(s.stack) > 1 {
		s.stack = s.stack[:len(s.stack)-1]
	}
}

// decline marks the code as needing chroma and returns a position that
// ends the scan.
func (s *pyScanner) decline() int {
	s.bad = true
	return len(s.code)
}

func (s *pyScanner) at(i int) byte {
	if i < len(s.code) {
		return s.code[i]
	}
	return 0
}

func pyDigit(c byte) bool  { return '0' <= c && c <= '9' }
func pyLetter(c byte) bool { return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || c == '_' }
func pySpace(c byte) bool  { return c == ' ' || c == '\t' || c == '\n' }

// word is where the run of \w characters from i ends. regexp2's \w and \b
// know Unicode letters; a non-ASCII character right after the run could be
// one, so it makes the code bad.
func (s *pyScanner) word(i int) int {
	for i < len(s.code) && (pyLetter(s.code[i]) || pyDigit(s.code[i])) {
		i++
	}
	if i < len(s.code) && s.code[i] >= 0x80 {
		s.bad = true
	}
	return i
}

// ident is the end of the rule "[_\p{L}][_\p{L}\p{N}]*" at i, or i.
func (s *pyScanner) ident(i int) int {
	if i < len(s.code) && s.code[i] >= 0x80 {
		s.bad = true
		return i
	}
	if !pyLetter(s.at(i)) {
		return i
	}
	return s.word(i)
}

// spaces is where the run of \s from i ends.
func (s *pyScanner) spaces(i int) int {
	for i < len(s.code) && pySpace(s.code[i]) {
		i++
	}
	return i
}

// wordFollows reports whether code[i:] starts with w then a word boundary.
func (s *pyScanner) wordFollows(i int, w string) bool {
	return strings.HasPrefix(s.code[i:], w) && s.word(i+len(w)) == i+len(w)
}

// root is chroma's state "root" at p.
func (s *pyScanner) root(p int) int {
	code := s.code
	c := code[p]
	switch {
	case c == '\n':
		return s.emit(chroma.Text, p, p+1)
	case c == '#':
		end := strings.IndexByte(code[p:], '\n')
		if end < 0 {
			end = len(code)
		} else {
			end += p
		}
		if p == 0 && end > 2 && code[1] == '!' {
			return s.emit(chroma.CommentHashbang, p, end) // "\A#!.+$"
		}
		return s.emit(chroma.CommentSingle, p, end)
	case c == '\\':
		if s.at(p+1) == '\n' {
			return s.emit(chroma.Text, p, p+2)
		}
		return s.emit(chroma.Text, p, p+1)
	case pyLetter(c):
		w := s.word(p)
		if s.bad {
			return s.decline()
		}
		v := code[p:w]
		switch {
		case v == "yield" && s.wordFollows(w, " from"):
			return s.emit(chroma.Keyword, p, w+5)
		case pyWordRules[v]&pyKeyword != 0:
			return s.emit(chroma.Keyword, p, w)
		case v == "False" || v == "True" || v == "None":
			return s.emit(chroma.KeywordConstant, p, w)
		}
		// "(def)((?:\s|\\\s)+)" and its kin for class, from and import.
		if d, ok := pyDeclarations[v]; ok {
			if ws := s.declSpace(w); ws > w {
				s.emit(d.tt, p, w)
				s.push(pyState{kind: d.next})
				return s.emit(chroma.Text, w, ws)
			}
		}
	}
	return s.expr(p, false)
}

// declSpace is the end of "(?:\s|\\\s)+" at i, or i.
func (s *pyScanner) declSpace(i int) int {
	for {
		switch {
		case pySpace(s.at(i)):
			i++
		case s.at(i) == '\\' && pySpace(s.at(i+1)):
			i += 2
		default:
			return i
		}
	}
}

// funcname is chroma's state "funcname": the name after "def ", a magic
// method's or any other, or nothing.
func (s *pyScanner) funcname(p int) int {
	s.pop()
	if w := s.ident(p); w > p {
		if pyWordRules[s.code[p:w]]&pyMagicFunc != 0 {
			// "magicfuncs" does not pop, but nothing after a whole
			// word matches in funcname but its final pop.
			return s.emit(chroma.NameFunctionMagic, p, w)
		}
		return s.emit(chroma.NameFunction, p, w)
	}
	return p
}

// classname is chroma's state "classname": a name, or an Error token.
func (s *pyScanner) classname(p int) int {
	if w := s.ident(p); w > p {
		s.pop()
		return s.emit(chroma.NameClass, p, w)
	}
	return s.decline()
}

// fromimport is chroma's state "fromimport": dotted names, up to
// whitespace and "import".
func (s *pyScanner) fromimport(p int) int {
	code := s.code
	if ws := s.spaces(p); ws > p && s.wordFollows(ws, "import") {
		s.emit(chroma.Text, p, ws)
		s.pop()
		return s.emit(chroma.KeywordNamespace, ws, ws+len("import"))
	}
	if code[p] == '.' {
		return s.emit(chroma.NameNamespace, p, p+1)
	}
	w := s.ident(p)
	switch {
	case w == p:
		s.pop()
		return p
	case code[p:w] == "None":
		s.pop()
		return s.emit(chroma.NameBuiltinPseudo, p, w)
	}
	return s.emit(chroma.NameNamespace, p, w)
}

// imports is chroma's state "import": dotted names, "as" and commas.
func (s *pyScanner) imports(p int) int {
	code := s.code
	if ws := s.spaces(p); ws > p && strings.HasPrefix(code[ws:], "as") {
		if ws2 := s.spaces(ws + 2); ws2 > ws+2 {
			s.emit(chroma.Text, p, ws)
			s.emit(chroma.Keyword, ws, ws+2)
			return s.emit(chroma.Text, ws+2, ws2)
		}
	}
	if code[p] == '.' {
		return s.emit(chroma.NameNamespace, p, p+1)
	}
	if w := s.ident(p); w > p {
		return s.emit(chroma.NameNamespace, p, w)
	}
	if ws := s.spaces(p); s.at(ws) == ',' {
		s.emit(chroma.Text, p, ws)
		s.emit(chroma.Operator, ws, ws+1)
		return s.emit(chroma.Text, ws+1, s.spaces(ws+1))
	}
	s.pop()
	return p
}

// fexpr is chroma's state "expr-inside-fstring", in an f-string's {…}.
func (s *pyScanner) fexpr(p int) int {
	code := s.code
	switch c := code[p]; {
	case c == '{' || c == '(' || c == '[':
		s.push(pyState{kind: pyFExprInner})
		return s.emit(chroma.Punctuation, p, p+1)
	case pySpace(c):
		return s.emit(chroma.Text, p, s.spaces(p))
	}
	// "(=\s*)?(\![sraf])?\}" and "(=\s*)?(\![sraf])?:" end the expression.
	i := p
	if code[i] == '=' {
		i = s.spaces(i + 1)
	}
	if s.at(i) == '!' && strings.IndexByte("sraf", s.at(i+1)) >= 0 {
		i += 2
	}
	if c := s.at(i); c == '}' || c == ':' {
		s.pop()
		return s.emit(chroma.LiteralStringInterpol, p, i+1)
	}
	return s.expr(p, true)
}

// fexprInner is chroma's state "expr-inside-fstring-inner", within
// brackets in an f-string's {…}.
func (s *pyScanner) fexprInner(p int) int {
	switch c := s.code[p]; {
	case c == '{' || c == '(' || c == '[':
		s.push(pyState{kind: pyFExprInner})
		return s.emit(chroma.Punctuation, p, p+1)
	case c == '}' || c == ')' || c == ']':
		s.pop()
		return s.emit(chroma.Punctuation, p, p+1)
	case pySpace(c):
		return s.emit(chroma.Text, p, s.spaces(p))
	}
	return s.expr(p, true)
}

// expr is chroma's state "expr" at p. inFString is true in an f-string's
// {…}, where expr is not below root's rules but below
// expr-inside-fstring's.
func (s *pyScanner) expr(p int, inFString bool) int {
	code := s.code
	c := code[p]
	if end := s.stringStart(p); end > p || s.bad {
		return end
	}
	switch {
	case c == ' ' || c == '\t':
		i := p
		for i < len(code) && (code[i] == ' ' || code[i] == '\t') {
			i++
		}
		return s.emit(chroma.Text, p, i)
	case pyDigit(c) || c == '.' && pyDigit(s.at(p+1)):
		return s.number(p)
	}
	if two := code[p:min(p+2, len(code))]; two == "!=" || two == "==" || two == "<<" || two == ">>" || two == ":=" {
		return s.emit(chroma.Operator, p, p+2)
	}
	switch {
	case strings.IndexByte("-~+/*%=<>&^|.", c) >= 0:
		return s.emit(chroma.Operator, p, p+1)
	case strings.IndexByte("[]{}:(),;", c) >= 0:
		return s.emit(chroma.Punctuation, p, p+1)
	case c == '@':
		// "name": a decorator, "@name(\s*\.\s*name)*", or "@".
		w := s.ident(p + 1)
		if w == p+1 {
			return s.emit(chroma.Operator, p, p+1)
		}
		for {
			i := s.spaces(w)
			if s.at(i) != '.' {
				break
			}
			i = s.spaces(i + 1)
			e := s.ident(i)
			if e == i {
				break
			}
			w = e
		}
		return s.emit(chroma.NameDecorator, p, w)
	case !pyLetter(c):
		return s.decline() // no rule takes it: chroma gives an Error token
	}
	w := s.word(p)
	if s.bad {
		return s.decline()
	}
	v := code[p:w]
	afterDot := p > 0 && code[p-1] == '.'
	rules := pyWordRules[v]
	switch {
	case rules&pyOperatorWord != 0:
		return s.emit(chroma.OperatorWord, p, w)
	case v == "yield" && s.wordFollows(w, " from"):
		return s.emit(chroma.Keyword, p, w+5)
	case v == "async" && s.wordFollows(w, " for"):
		return s.emit(chroma.Keyword, p, w+4)
	case rules&pyExprKeyword != 0:
		return s.emit(chroma.Keyword, p, w)
	case v == "False" || v == "True" || v == "None":
		return s.emit(chroma.KeywordConstant, p, w)
	case !afterDot && rules&pyBuiltin != 0:
		return s.emit(chroma.NameBuiltin, p, w)
	case !afterDot && rules&pyException != 0:
		return s.emit(chroma.NameException, p, w)
	case rules&pyMagicFunc != 0:
		return s.emit(chroma.NameFunctionMagic, p, w)
	}
	return s.emit(chroma.Name, p, w)
}

// number is chroma's state "numbers" at p, a digit or a "." before one.
func (s *pyScanner) number(p int) int {
	digits := func(i int) int { // "\d(?:_?\d)*", or -1
		if !pyDigit(s.at(i)) {
			return -1
		}
		for i++; ; {
			switch {
			case pyDigit(s.at(i)):
				i++
			case s.at(i) == '_' && pyDigit(s.at(i+1)):
				i += 2
			default:
				return i
			}
		}
	}
	exponent := func(i int) int { // "[eE][+-]?\d(?:_?\d)*", or -1
		if c := s.at(i); c != 'e' && c != 'E' {
			return -1
		}
		i++
		if c := s.at(i); c == '+' || c == '-' {
			i++
		}
		return digits(i)
	}
	d := digits(p)
	// "(\d…\.(\d…)?|(\d…)?\.\d…)([eE][+-]?\d…)?"
	end := -1
	if d >= 0 && s.at(d) == '.' {
		end = d + 1
		if e := digits(end); e >= 0 {
			end = e
		}
	} else if d < 0 {
		end = digits(p + 1) // code[p] is "."
	}
	if end >= 0 {
		if e := exponent(end); e >= 0 {
			end = e
		}
		return s.emit(chroma.LiteralNumberFloat, p, end)
	}
	// "\d(?:_?\d)*[eE][+-]?\d(?:_?\d)*j?"
	if e := exponent(d); e >= 0 {
		if s.at(e) == 'j' {
			e++
		}
		return s.emit(chroma.LiteralNumberFloat, p, e)
	}
	if code := s.code; code[p] == '0' && p+1 < len(code) {
		// "0[oO](?:_?[0-7])+", "0[bB](?:_?[01])+", "0[xX](?:_?[a-fA-F0-9])+"
		var in func(byte) bool
		var tt chroma.TokenType
		switch code[p+1] {
		case 'o', 'O':
			in, tt = func(c byte) bool { return '0' <= c && c <= '7' }, chroma.LiteralNumberOct
		case 'b', 'B':
			in, tt = func(c byte) bool { return c == '0' || c == '1' }, chroma.LiteralNumberBin
		case 'x', 'X':
			in, tt = func(c byte) bool { return pyDigit(c) || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F' }, chroma.LiteralNumberHex
		}
		if in != nil {
			i := p + 2
			for {
				if in(s.at(i)) {
					i++
				} else if s.at(i) == '_' && in(s.at(i+1)) {
					i += 2
				} else {
					break
				}
			}
			if i > p+2 {
				return s.emit(tt, p, i)
			}
		}
	}
	return s.emit(chroma.LiteralNumberInteger, p, d)
}

// stringStart is the end of the string prefix and opening quotes at p,
// with the string's state pushed, or p if no string starts there. These
// are the first sixteen rules of chroma's "expr", tried in its order:
// rf/fr, f, rb/br/r, then u/b or none, each with triple quotes first.
func (s *pyScanner) stringStart(p int) int {
	code := s.code
	q := p
	for q < len(code) && q-p < 3 && pyLetter(code[q]) {
		q++
	}
	quote := s.at(q)
	if quote != '\'' && quote != '"' {
		return p
	}
	st := pyState{kind: pyString, quote: quote}
	switch strings.ToLower(code[p:q]) {
	case "rf", "fr":
		st.fstr, st.raw = true, true
	case "f":
		st.fstr = true
	case "rb", "br", "r":
		st.raw = true
	case "u", "b", "":
	default:
		return p
	}
	end := q + 1
	if code[q:min(q+3, len(code))] == string([]byte{quote, quote, quote}) {
		st.triple = true
		end = q + 3
	}
	s.emit(chroma.LiteralStringAffix, p, q)
	s.push(st)
	return s.emit(pyQuoteType(quote), q, end)
}

func pyQuoteType(quote byte) chroma.TokenType {
	if quote == '"' {
		return chroma.LiteralStringDouble
	}
	return chroma.LiteralStringSingle
}

// str is the string state st at p: its escape rules ("stringescape",
// "fstringescape", "rfstringescape", none for a raw string), then its
// own: the closing quotes, the escaped quote of a one-line string, then
// "strings-single"/"strings-double" (%-formats and {}-formats) for a
// plain string or "fstrings-single"/"fstrings-double" for an f-string.
func (s *pyScanner) str(st pyState, p int) int {
	code := s.code
	tt := pyQuoteType(st.quote)
	c := code[p]
	if st.fstr && (c == '{' || c == '}') && s.at(p+1) == c {
		return s.emit(chroma.LiteralStringEscape, p, p+2) // "\{\{", "\}\}"
	}
	if !st.raw && c == '\\' {
		if end := s.escape(p); end > p || s.bad {
			return end
		}
	}
	if c == st.quote {
		if !st.triple {
			s.pop()
			return s.emit(tt, p, p+1)
		}
		if s.at(p+1) == c && s.at(p+2) == c {
			s.pop()
			return s.emit(tt, p, p+3)
		}
	}
	if !st.triple && c == '\\' {
		if n := s.at(p + 1); n == '\\' || n == st.quote || n == '\n' {
			return s.emit(chroma.LiteralStringEscape, p, p+2)
		}
	}
	if st.fstr {
		switch c {
		case '}':
			return s.emit(chroma.LiteralStringInterpol, p, p+1)
		case '{':
			s.push(pyState{kind: pyFExpr})
			return s.emit(chroma.LiteralStringInterpol, p, p+1)
		}
	} else {
		switch c {
		case '%':
			if end := s.percentFormat(p); end > p {
				return s.emit(chroma.LiteralStringInterpol, p, end)
			}
		case '{':
			if end := s.braceFormat(p); end > p || s.bad {
				return s.emit(chroma.LiteralStringInterpol, p, end)
			}
		}
	}
	switch c {
	case '\\', '\'', '"':
		return s.emit(tt, p, p+1)
	case '\n':
		if !st.triple {
			return s.decline() // chroma would start again in root
		}
		return s.emit(tt, p, p+1)
	case '%':
		return s.emit(tt, p, p+1)
	case '{':
		if !st.fstr { // "%|(\{{1,2})"
			if s.at(p+1) == '{' {
				return s.emit(tt, p, p+2)
			}
			return s.emit(tt, p, p+1)
		}
	}
	// "[^\\\'"%{\n]+", or "[^\\\'"{}\n]+" in an f-string.
	i := p
	for i < len(code) {
		c := code[i]
		if c == '\\' || c == '\'' || c == '"' || c == '\n' || c == '{' || c == '%' && !st.fstr || c == '}' && st.fstr {
			break
		}
		i++
	}
	return s.emit(tt, p, i)
}

// escape is the end of the rule "stringescape" at p, a backslash, or p:
// \\([\\abfnrtv"']|\n|N\{.*?\}|u[a-fA-F0-9]{4}|U[a-fA-F0-9]{8}|x[a-fA-F0-9]{2}|[0-7]{1,3})
func (s *pyScanner) escape(p int) int {
	code := s.code
	hex := func(i, n int) int {
		for k := 0; k < n; k++ {
			c := s.at(i + k)
			if !(pyDigit(c) || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F') {
				return p
			}
		}
		return i + n
	}
	var end int
	switch c := s.at(p + 1); {
	case strings.IndexByte("\\abfnrtv\"'\n", c) >= 0 && c != 0:
		end = p + 2
	case c == 'N' && s.at(p+2) == '{':
		i := p + 3
		for i < len(code) && code[i] != '}' && code[i] != '\n' {
			i++
		}
		if s.at(i) != '}' {
			return s.decline() // to keep a line of "\N{" linear
		}
		end = i + 1
	case c == 'u':
		end = hex(p+2, 4)
	case c == 'U':
		end = hex(p+2, 8)
	case c == 'x':
		end = hex(p+2, 2)
	case '0' <= c && c <= '7':
		end = p + 2
		for end < p+4 && '0' <= s.at(end) && s.at(end) <= '7' {
			end++
		}
	default:
		return p
	}
	if end == p {
		return p
	}
	return s.emit(chroma.LiteralStringEscape, p, end)
}

// percentFormat is the end of the %-format at p, or p:
// %(\(\w+\))?[-#0 +]*([0-9]+|[*])?(\.([0-9]+|[*]))?[hlL]?[E-GXc-giorsaux%]
func (s *pyScanner) percentFormat(p int) int {
	i := p + 1
	if s.at(i) == '(' {
		if w := s.word(i + 1); w > i+1 && s.at(w) == ')' {
			i = w + 1
		}
		if s.bad {
			return p
		}
	}
	for strings.IndexByte("-#0 +", s.at(i)) >= 0 && s.at(i) != 0 {
		i++
	}
	numOrStar := func(i int) int {
		if s.at(i) == '*' {
			return i + 1
		}
		for pyDigit(s.at(i)) {
			i++
		}
		return i
	}
	i = numOrStar(i)
	if s.at(i) == '.' {
		if n := numOrStar(i + 1); n > i+1 {
			i = n
		}
	}
	if c := s.at(i); c == 'h' || c == 'l' || c == 'L' {
		i++
	}
	if c := s.at(i); c != 0 && strings.IndexByte("EFGXcdefgiorsaux%", c) >= 0 {
		return i + 1
	}
	return p
}

// braceFormat is the end of the {}-format at p, or p:
// \{((\w+)((\.\w+)|(\[[^\]]+\]))*)?(\![sra])?(\:(.?[<>=\^])?[-+ ]?#?0?(\d+)?,?(\.\d+)?[E-GXb-gnosx%]?)?\}
// Only the fill and align "(.?[<>=\^])?" can take a choice the rest then
// undoes ("{:}>" is "{:}"); any other part that matches is kept.
func (s *pyScanner) braceFormat(p int) int {
	code := s.code
	i := p + 1
	if w := s.word(i); w > i {
		i = w
		for {
			if s.at(i) == '.' {
				if w := s.word(i + 1); w > i+1 {
					i = w
					continue
				}
			}
			if s.at(i) == '[' && i+1 < len(code) && code[i+1] != ']' {
				if c := s.closer(i + 1); c < len(code) {
					i = c + 1
					continue
				}
			}
			break
		}
	}
	if s.bad {
		return p
	}
	if s.at(i) == '!' && strings.IndexByte("sra", s.at(i+1)) >= 0 && s.at(i+1) != 0 {
		i += 2
	}
	if s.at(i) == '}' {
		return i + 1
	}
	if s.at(i) != ':' {
		return p
	}
	align := func(c byte) bool { return c != 0 && strings.IndexByte("<>=^", c) >= 0 }
	j := i + 1
	if s.at(j) >= 0x80 {
		s.bad = true // a fill of several bytes, or none before an align
		return p
	}
	if j+1 < len(code) && code[j] != '\n' && align(code[j+1]) {
		if end := s.formatSpec(j + 2); end > 0 {
			return end
		}
	}
	if align(s.at(j)) {
		if end := s.formatSpec(j + 1); end > 0 {
			return end
		}
	}
	if end := s.formatSpec(j); end > 0 {
		return end
	}
	return p
}

// formatSpec is the end of "[-+ ]?#?0?(\d+)?,?(\.\d+)?[E-GXb-gnosx%]?\}"
// at i, or 0.
func (s *pyScanner) formatSpec(i int) int {
	if c := s.at(i); c == '-' || c == '+' || c == ' ' {
		i++
	}
	if s.at(i) == '#' {
		i++
	}
	for pyDigit(s.at(i)) { // "0?(\d+)?"
		i++
	}
	if s.at(i) == ',' {
		i++
	}
	if s.at(i) == '.' && pyDigit(s.at(i+1)) {
		i++
		for pyDigit(s.at(i)) {
			i++
		}
	}
	if c := s.at(i); c != 0 && strings.IndexByte("EFGXbcdefgnosx%", c) >= 0 {
		i++
	}
	if s.at(i) == '}' {
		return i + 1
	}
	return 0
}

// closer is where the first "]" at or after i is, or len(code). The
// first call notes it for every i, so that a line of "{a[" stays linear.
func (s *pyScanner) closer(i int) int {
	if s.closers == nil {
		s.closers = make([]int32, len(s.code)+1)
		next := int32(len(s.code))
		s.closers[len(s.code)] = next
		for k := len(s.code) - 1; k >= 0; k-- {
			if s.code[k] == ']' {
				next = int32(k)
			}
			s.closers[k] = next
		}
	}
	return int(s.closers[i])
}
