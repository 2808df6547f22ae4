package generator

import (
	"go/scanner"
	"go/token"
	"strings"

	"github.com/alecthomas/chroma/v2"
)

// Go code is tokenised by the standard library's go/scanner, not by
// chroma's regular-expression lexer: it is Go's own definition of a Go
// token, so it is exact, and it is some hundred times faster, which a cold
// build of every entry's Go example notices (chroma's Go lexer took 160 ms
// of the 550 ms a build spent lexing). goTokens gives the token types
// chroma's Go lexer gives (lexers/go.go), so the colours are the same.

// goDeclarations are the keywords chroma's Go lexer calls declarations.
var goDeclarations = map[string]bool{"var": true, "func": true, "struct": true, "map": true, "chan": true, "type": true, "interface": true, "const": true}

// goBuiltinTypes and goBuiltinFuncs are Go's predeclared types and
// functions (the Go spec, "Predeclared identifiers").
var (
	goBuiltinTypes = map[string]bool{"any": true, "bool": true, "byte": true, "comparable": true, "complex64": true, "complex128": true,
		"error": true, "float32": true, "float64": true, "int": true, "int8": true, "int16": true, "int32": true, "int64": true,
		"rune": true, "string": true, "uint": true, "uint8": true, "uint16": true, "uint32": true, "uint64": true, "uintptr": true}
	goBuiltinFuncs = map[string]bool{"append": true, "cap": true, "clear": true, "close": true, "complex": true, "copy": true,
		"delete": true, "imag": true, "len": true, "make": true, "max": true, "min": true, "new": true, "panic": true,
		"print": true, "println": true, "real": true, "recover": true}
)

// goTokens splits Go code into chroma tokens with go/scanner. ok is false
// when the scanner reports an error (code that is not Go, or a fragment it
// cannot read), for a carriage return, for a name with a non-ASCII
// letter, for a number chroma would read as a number and a name (see
// goNumberAsChroma), and for a raw string with "{{" in it, whose text
// chroma lexes as a text/template; the caller then lets chroma try.
func goTokens(code string) (toks []chroma.Token, ok bool) {
	if strings.Contains(code, "\r") {
		return nil, false // chroma turns "\r\n" into "\n": its tokens would not spell the code
	}
	src := []byte(code)
	fset := token.NewFileSet()
	file := fset.AddFile("", fset.Base(), len(src))
	var s scanner.Scanner
	failed := false
	s.Init(file, src, func(token.Position, string) { failed = true }, scanner.ScanComments)

	type lexeme struct {
		off, end int
		tok      token.Token
		lit      string
	}
	var lx []lexeme
	for {
		pos, tok, lit := s.Scan()
		if tok == token.EOF {
			break
		}
		if tok == token.SEMICOLON && lit == "\n" {
			continue // inserted by the scanner: the newline is whitespace
		}
		off := file.Offset(pos)
		text := lit
		if text == "" {
			text = tok.String()
		}
		lx = append(lx, lexeme{off, off + len(text), tok, lit})
	}
	if failed {
		return nil, false
	}
	emit := func(tt chroma.TokenType, v string) {
		if v != "" {
			toks = append(toks, chroma.Token{Type: tt, Value: v})
		}
	}
	at := 0
	for i, l := range lx {
		if l.off < at || l.end > len(code) {
			return nil, false
		}
		emit(chroma.TextWhitespace, code[at:l.off])
		v := code[l.off:l.end]
		at = l.end
		switch {
		case l.tok == token.COMMENT:
			emit(chroma.CommentSingle, v)
		case l.tok == token.PACKAGE || l.tok == token.IMPORT:
			emit(chroma.KeywordNamespace, v)
		case l.tok.IsKeyword() && goDeclarations[v]:
			emit(chroma.KeywordDeclaration, v)
		case l.tok.IsKeyword():
			emit(chroma.Keyword, v)
		case (l.tok == token.INT || l.tok == token.FLOAT || l.tok == token.IMAG) && !goNumberAsChroma(v):
			return nil, false
		case l.tok == token.INT || l.tok == token.FLOAT || l.tok == token.IMAG:
			emit(chroma.LiteralNumber, v)
		case l.tok == token.CHAR:
			emit(chroma.LiteralStringChar, v)
		case l.tok == token.STRING && strings.HasPrefix(v, "`") && strings.Contains(v, "{{"):
			// chroma lexes a raw string's text as a Go text/template, whose
			// {{ actions it colours apart: leave it to chroma.
			return nil, false
		case l.tok == token.STRING:
			emit(chroma.LiteralString, v)
		case l.tok == token.IDENT && !isASCII(v):
			// chroma's rule for a call wants an ASCII letter first, and its
			// \w and \b are Unicode's: leave such names to chroma.
			return nil, false
		case l.tok == token.IDENT:
			// A call: the name, perhaps spaces, then "(". chroma's lexer
			// calls a builtin a builtin only right before its "(".
			called := i+1 < len(lx) && lx[i+1].tok == token.LPAREN && strings.TrimSpace(code[l.end:lx[i+1].off]) == ""
			tight := called && lx[i+1].off == l.end
			switch {
			case v == "true" || v == "false" || v == "iota" || v == "nil":
				emit(chroma.KeywordConstant, v)
			case tight && (goBuiltinFuncs[v] || goBuiltinTypes[v]):
				emit(chroma.NameBuiltin, v)
			case goBuiltinTypes[v]:
				emit(chroma.KeywordType, v)
			case called:
				emit(chroma.NameFunction, v)
			default:
				emit(chroma.NameOther, v)
			}
		case l.tok.IsOperator():
			emit(chroma.Punctuation, v)
		default:
			return nil, false
		}
	}
	emit(chroma.TextWhitespace, code[at:])
	return toks, true
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}

// goNumberAsChroma reports whether chroma's Go lexer reads the number
// literal v whole, as go/scanner does: decimal digits with a fraction and
// an exponent, a hex or binary ("0b", lower case) integer, or digits with
// a fraction made imaginary. Go's other forms (0B, 0o, underscores, hex
// floats, an imaginary with an exponent, "1.e3") chroma reads as a number
// and then a name.
func goNumberAsChroma(v string) bool {
	if strings.Contains(v, "_") {
		return false
	}
	if len(v) > 2 && v[0] == '0' && (v[1] == 'x' || v[1] == 'X') {
		return strings.Trim(v[2:], "0123456789abcdefABCDEF") == ""
	}
	if len(v) > 2 && v[:2] == "0b" {
		return strings.Trim(v[2:], "01") == ""
	}
	s, imag := strings.CutSuffix(v, "i")
	whole := goDigits(s)
	s = s[whole:]
	frac, dot := 0, strings.HasPrefix(s, ".")
	if dot {
		frac = goDigits(s[1:])
		s = s[1+frac:]
	}
	if whole+frac == 0 {
		return false
	}
	if s == "" {
		return true
	}
	if s[0] != 'e' && s[0] != 'E' || imag || dot && frac == 0 {
		return false
	}
	s = s[1:] // the exponent: one sign at most, then digits
	if s != "" && (s[0] == '+' || s[0] == '-') {
		s = s[1:]
	}
	return s != "" && goDigits(s) == len(s)
}

// goDigits is the number of decimal digits s starts with.
func goDigits(s string) int {
	n := 0
	for n < len(s) && '0' <= s[n] && s[n] <= '9' {
		n++
	}
	return n
}
