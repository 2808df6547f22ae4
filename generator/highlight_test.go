package generator

import (
	"bytes"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"
	"testing/fstest"
	"time"

	"github.com/alecthomas/chroma/v2"
	"github.com/dlclark/regexp2/v2"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/text"
)

// TestHighlight pins the markup of highlighted code: a span only around
// coloured runs, whitespace joined to the run it sits in, and only &, <
// and > escaped.
func TestHighlight(t *testing.T) {
	for _, tc := range []struct{ lang, code, want string }{
		{"go", "// done\nif x < 1 && ok {\n\treturn \"a\"\n}\n",
			"<pre><code><span class=c>// done\n</span><span class=k>if </span>x &lt; <span class=n>1 </span>&amp;&amp; ok {\n\t<span class=k>return </span><span class=s>\"a\"\n</span>}\n</code></pre>\n"},
		{"python", "@app.get('/x')\ndef f(): return None\n",
			"<pre><code><span class=f>@app.get</span>(<span class=s>'/x'</span>)\n<span class=k>def </span><span class=f>f</span>(): <span class=k>return </span><span class=n>None\n</span></code></pre>\n"},
		{"", "<b>'q'</b>\n", "<pre><code>&lt;b&gt;'q'&lt;/b&gt;\n</code></pre>\n"},
		{"no-such-language", "a & b\n", "<pre><code>a &amp; b\n</code></pre>\n"},
	} {
		var buf bytes.Buffer
		if err := newHighlighter().highlight(&buf, tc.lang, tc.code); err != nil {
			t.Fatal(err)
		}
		if got := buf.String(); got != tc.want {
			t.Errorf("%s %q:\n got %q\nwant %q", tc.lang, tc.code, got, tc.want)
		}
	}
}

// TestTokenClassesStyled: every class tokenClass can give has a colour in
// both themes in site.css, and site.css styles no class it never gives.
func TestTokenClassesStyled(t *testing.T) {
	css, err := os.ReadFile("../templates/assets/site.css")
	if err != nil {
		t.Fatal(err)
	}
	rules := map[string]bool{}
	for _, m := range regexp.MustCompile(`(?m)^pre \.([a-z]+) \{ color: light-dark\(#[0-9a-f]{6}, #[0-9a-f]{6}\);`).FindAllSubmatch(css, -1) {
		rules[string(m[1])] = true
	}
	given := map[string]bool{}
	for tt := range chroma.StandardTypes {
		if c := tokenClass(tt); c != "" {
			given[c] = true
		}
	}
	for c := range given {
		if !rules[c] {
			t.Errorf("tokenClass gives %q, but site.css has no \"pre .%s { color: light-dark(…) }\" rule", c, c)
		}
		delete(rules, c)
	}
	for c := range rules {
		t.Errorf("site.css colours pre .%s, a class tokenClass never gives", c)
	}
}

// flakyLexer stands in for chroma when a rule's match times out on a
// loaded machine: chroma then drops the timeout and emits an Error token.
// Each of the first bad tokenisations of a text (every one, if bad < 0)
// turns another of its tokens into an Error token, so no two agree.
type flakyLexer struct {
	chroma.Lexer
	bad int

	mu    sync.Mutex
	calls map[string]int // tokenisations, per text
}

func (l *flakyLexer) Tokenise(o *chroma.TokeniseOptions, text string) (chroma.Iterator, error) {
	it, err := l.Lexer.Tokenise(o, text)
	if err != nil {
		return nil, err
	}
	l.mu.Lock()
	n := l.calls[text]
	l.calls[text]++
	l.mu.Unlock()
	toks := it.Tokens()
	if l.bad < 0 || n < l.bad {
		i := n % len(toks)
		toks[i].Type = chroma.Error
	}
	return chroma.Literator(toks...), nil
}

// withFlaky makes h's lexer for lang a flakyLexer, and returns it.
func withFlaky(h *highlighter, lang string, bad int) *flakyLexer {
	f := &flakyLexer{Lexer: lexerFor(lang), bad: bad, calls: map[string]int{}}
	h.scanners = nil // the scanners would take lang's code before chroma sees it
	h.lexer = func(l string) chroma.Lexer {
		if l == lang {
			return f
		}
		return lexerFor(l)
	}
	return f
}

// cached is what a fresh cache over dir holds for lang and code.
func cached(dir, lang, code string) ([]byte, bool) {
	return newHLCache(dir).get(cacheKey(lang, code))
}

// TestHighlightErrorTokens: a block whose tokens hold an Error token is
// tokenised again. A timeout's Error tokens, which differ from one try to
// the next, are never written nor cached: the block is written as it lexes
// cleanly, or the build fails. Error tokens that every try gives are
// chroma's verdict on the code, and are written as before, but not cached.
func TestHighlightErrorTokens(t *testing.T) {
	const java = "import java.util.List;\n\nclass C {}\n"
	var clean bytes.Buffer
	if err := newHighlighter().highlight(&clean, "java", java); err != nil {
		t.Fatal(err)
	}
	// chroma's http lexer knows no PROPPATCH method (content/4xx/424.md).
	const http = "PROPPATCH /a HTTP/1.1\nHost: x\n"
	var genuine bytes.Buffer
	it, _ := lexerFor("http").Tokenise(nil, http)
	toks := it.Tokens()
	if !slices.ContainsFunc(toks, func(t chroma.Token) bool { return t.Type == chroma.Error }) {
		t.Fatalf("chroma's http lexer now knows PROPPATCH: find another block it gives Error tokens for")
	}
	format(&genuine, toks)

	tests := []struct {
		name      string
		lang      string
		code      string
		bad       int    // flakyLexer.bad; 0: no flakyLexer
		want      string // the HTML written
		wantErr   string
		wantCache bool
		wantCalls int
	}{
		{name: "an Error token once", lang: "java", code: java, bad: 1,
			want: clean.String(), wantCache: true, wantCalls: 2},
		{name: "an Error token three times", lang: "java", code: java, bad: 3,
			want: clean.String(), wantCache: true, wantCalls: 4},
		{name: "different Error tokens every time", lang: "java", code: java, bad: -1,
			wantErr: "highlighting java: chroma gave different tokens on each of 4 tries, as when its regexp matches time out on a loaded machine: build again", wantCalls: 4},
		{name: "the same Error tokens every time", lang: "http", code: http,
			want: genuine.String()},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			h := newHighlighter()
			h.cache = newHLCache(dir)
			var f *flakyLexer
			if tt.bad != 0 {
				f = withFlaky(h, tt.lang, tt.bad)
			}
			var got bytes.Buffer
			err := h.highlight(&got, tt.lang, tt.code)
			h.cache.flush()
			if tt.wantErr != "" {
				if err == nil || err.Error() != tt.wantErr {
					t.Errorf("error:\n got %v\nwant %s", err, tt.wantErr)
				}
			} else if err != nil {
				t.Fatal(err)
			}
			if got.String() != tt.want {
				t.Errorf("wrote:\n got %q\nwant %q", got.String(), tt.want)
			}
			html, ok := cached(dir, tt.lang, tt.code)
			if ok != tt.wantCache || (ok && string(html) != clean.String()) {
				t.Errorf("cache holds %q (%v), want the clean block: %v", html, ok, tt.wantCache)
			}
			if f != nil && f.calls[tt.code] != tt.wantCalls {
				t.Errorf("tokenised %d times, want %d", f.calls[tt.code], tt.wantCalls)
			}
		})
	}
}

// TestHighlightErrorInBuild: a block chroma tokenises differently on every
// try fails the render at the block's fence, in Markdown (http, in
// "Example exchange") as in "Code examples" (java), and leaves neither the
// page nor the block behind; a block that fails once is written and
// cached as it lexes cleanly.
func TestHighlightErrorInBuild(t *testing.T) {
	content := fstest.MapFS{
		"4xx/412.md": {Data: []byte(validEntry)},
		"4xx/428.md": {Data: []byte(entry428)},
	}
	render := func(t *testing.T, dir, lang string, bad int) (Files, error) {
		t.Helper()
		c, err := check(content, false)
		if err != nil {
			t.Fatal(err)
		}
		r, err := newRenderer(os.DirFS("testdata/templates"), WithHighlightCache(dir))
		if err != nil {
			t.Fatal(err)
		}
		if bad != 0 {
			withFlaky(r.hl, lang, bad)
		}
		out := Files{}
		return out, r.Render(c, out)
	}
	plain, err := render(t, t.TempDir(), "", 0)
	if err != nil {
		t.Fatal(err)
	}
	codes := map[string]string{"http": "PUT /things/1 HTTP/1.1\n", "java": "class C {}\n"}
	for _, tt := range []struct{ lang, wantErr string }{
		{"http", "4xx/412.md:57: highlighting http: chroma gave different tokens on each of 4 tries, as when its regexp matches time out on a loaded machine: build again"},
		{"java", "4xx/412.md:71: highlighting java: chroma gave different tokens on each of 4 tries, as when its regexp matches time out on a loaded machine: build again"},
	} {
		t.Run(tt.lang+" every time", func(t *testing.T) {
			dir := t.TempDir()
			out, err := render(t, dir, tt.lang, -1)
			if err == nil || err.Error() != tt.wantErr {
				t.Errorf("error:\n got %v\nwant %s", err, tt.wantErr)
			}
			if _, ok := out["4xx/412.html"]; ok {
				t.Error("the page with the block was written")
			}
			if html, ok := cached(dir, tt.lang, codes[tt.lang]); ok {
				t.Errorf("the block was cached: %q", html)
			}
		})
		t.Run(tt.lang+" once", func(t *testing.T) {
			dir := t.TempDir()
			out, err := render(t, dir, tt.lang, 1)
			if err != nil {
				t.Fatal(err)
			}
			sameFiles(t, "a block that failed once", plain, out)
			var clean bytes.Buffer
			newHighlighter().highlight(&clean, tt.lang, codes[tt.lang])
			if html, ok := cached(dir, tt.lang, codes[tt.lang]); !ok || string(html) != clean.String() {
				t.Errorf("cache holds %q (%v), want %q", html, ok, clean.String())
			}
		})
	}
}

// TestMatchTimeoutLifted: chroma gives every rule's regexp a 250 ms match
// timeout, which a loaded machine reaches without any Error token to show
// for it (a Java import that times out lexes as plain names). regexp2 only
// sees a deadline pass when its clock ticks, and highlight.go stops that
// clock, so a match whose deadline passed an hour ago still matches.
func TestMatchTimeoutLifted(t *testing.T) {
	re := regexp2.MustCompile(`import\s+`)
	re.MatchTimeout = -time.Hour
	if ok, err := re.MatchString("import java.util.List;"); !ok || err != nil {
		t.Errorf("a match past its deadline: %v, %v; want a match", ok, err)
	}
}

// scannerCorners are code each scanner must colour as chroma does, beyond
// the blocks of content/: the corners of its language that the examples
// may not reach yet. A scanner may decline one (ok false) only where it is
// listed in scannerDeclines.
var scannerCorners = map[string][]string{
	"Go": {
		"package main\n\n/* a\n   block */\nvar x = 'a' + 0x1F + 1.5e3 + 2i // note\nconst s = `raw\n` + \"q\\\"\"\n",
		"func f[T any](v T) (n int, err error) { defer close(ch); n = len(v); _ = append(xs, nil, true, iota); return }\n",
		"x := make (map[string]int)\nif a &^= b; c <- d { goto L }\n",
		"n := 0x1F + 0XaB + 0b101 + 0755 + 0 + 1.5e3 + .5e-3 + 1e+5 + 1E5 + 00.5 + 2i + 1.5i + .5i + 1. + 1.i\n",
	},
	"JavaScript": {
		"#!/usr/bin/env node\n<!-- old -->\n/* a\n   block */ // line\nconst s = 'it\\'s' + \"a\\\\\" + \"two\nlines\";\n",
		"const t = `a ${b + `c ${d}`} \\` $x ${ {k: 1} } e`;\n",
		"const n = [0x1F, 0b101, 0o17, 1_000, 1.5, 1., 1e10, 1.5e3, 2E-3, 10n, .5, 08];\n",
		"if (x instanceof Error) { throw new TypeError(String(x)); }\nconst y = typeof undefined === 'undefined' ? NaN : Infinity;\n",
		"class A extends B { static async get() { await super.get(); return this.x ?? null; } }\nconst f = async (a, ...rest) => ({ a, rest });\n",
		"const ok = /[a-z/]+\\/x/gi.test(s) ? a / b : c / d;\nx = y.split(/,\\s*/);\nreturn /^ok$/m.exec(z);\n",
		"foo()\n/re/.test(x) // a slash at a line's start starts a regular expression\n",
		"const $el = _if + foo_return + if$ + 1in + Math.max(parseInt(v), window.innerWidth, JSON.parse(j));\n",
		"a >>>= 1; b **= 2; c &&= d || e; f?.g ?? h; i !== j; k <<= 2; l = !m; ~n; o++ - --p;\n",
		"function* gen() { yield 1; }\nexport default function handler(req, res) { res.end(); }\nimport { a } from 'b';\nlet v = void 0, w = delete o.p;\n",
	},
	"Python": {
		"s = b'\\x41\\n' + rb'\\d+' + Rb\"\\\\\" + u'\\N{EM DASH}' + '\\u00e9\\U0001F600\\101\\x4' + r'\\'' + br\"\\\n\"\n",
		"def f():\n    \"\"\"Doc %s {name}.\"\"\"\n    return '''a\n{0}\n%(x)d'''\n",
		"s = f\"{a!r:>{w}} {{x}} {d['k']=} {x:.2f} {x = }\" + rf'\\d{n}}}' + F'''{\n  (y + 1)}''' + fR\"{[1, 2][0]}\"\n",
		"s = '%(name)s %-5.2f %% %*d %ld' % d + '{0.x[1]!r:*^10,.2f} {:}> {} {{' .format(v)\n",
		"t = '{a[' + x + ']}'\n",
		"x = 0x_1F + 0o17 + 0b1_0 + 1_000.5e-3 + .5 + 3. + 1e5j + 2j + 0_7 + 1__0\n",
		"async def main():\n    await asyncio.sleep(1)\n    return [x async for x in y if x is not None and not False]\nprint(len(s), obj.print, str.format, self.id, __name__)\n",
		"from . import a as b, c\nfrom __future__ import annotations\nimport os.path as p, sys\nraise KeyError from e\n",
		"yield from g\nyield  from h\n",
		"@app.get(\"/x\")\n@ functools . wraps(f)\nclass C(Base, metaclass=M):\n    def __init__(self, x: int = 0) -> None:\n        super().__init__()\n",
		"#!/usr/bin/env python\n# match\nmatch cmd:\n    case [x, *rest] if x > 0:\n        f = lambda a, **k: a @ b\n    case _:\n        m = re.match(p, s)  # a keyword after a dot\nx = 1 + \\\n    2\n",
	},
	"Java": {
		// Declarations: the words before a name and "(" make it a function,
		// over lines too; return, new and a "." before it do not.
		"package com.example.api;\n\nimport java.util.*;\nimport static java.lang.Math.max;\n\n@RestController\n@RequestMapping(\"/things\")\npublic final class Things<T extends Comparable<? super T>> implements Api {\n    @Override\n    public static <T> List<T>\n        of(T... xs) throws IOException { return copy(xs); }\n    Map<String, List<Integer>> index () { return new HashMap<>(); }\n    int[] sizes(String[] a) { return this.sizes(a.clone()); }\n}\n",
		// Records: a keyword at a line start, with modifiers before it, and
		// a function after an annotation on the same line.
		"public record Point(int x, int y) {}\n  static record Pair<A, B>(A a, B b) {}\n@Deprecated record Old(long id) {}\n",
		// Strings, text blocks, characters and escapes.
		"String s = \"a \\\"q\\\" \\\\\" + \"\\n\";\nString t = \"\"\"\n    {\"id\": \"\\\"q\\\"\", \"n\": 1}\n    \"\"\";\nchar[] cs = {'a', '\\n', '\\'', '\\u0041', '\"'};\n",
		// Numbers in every notation chroma knows, and its quirks: 0L and
		// 12e3 end in a name.
		"long n = 0x1F + 0X7fff_ffffL + 0b1010 + 0B1L + 017 + 08 + 1_000_000L + 0L;\ndouble d = 1.5 + 1. + .5f + 1e3 + 12e3 + 1.5e-3d + 2f + 0x1.8p3 + 0x1p-2f + 3D;\n",
		// Keywords, types, constants, sealed hierarchies and modules.
		"sealed interface Shape permits Circle, Square {}\nnon-sealed class Square implements Shape {}\nenum Color { RED, GREEN }\nmodule com.example { requires transitive java.sql; exports com.example.api to other; }\nboolean b = true || false && null == x instanceof String str;\nvar list = new ArrayList<String>();\n",
		// Comments, labels, switch and lambdas.
		"/** Javadoc {@link Foo#bar()} */\n/* block\n   comment */\nouter:\nfor (int i = 0; i < 3; i++) { // loop\n    continue outer;\n}\nswitch (x) {\n    case 1 -> yield compute(x);\n\ndefault:\n        break;\n}\nlist.forEach(v -> System.out.println(v));\nFunction<String, Integer> f = Integer::parseInt;\n",
		// Annotations with arguments, @interface, try-with-resources,
		// synchronized, generics with wildcards and arrays.
		"@interface Retry { int times() default 3; }\n@org.example.Cached(ttl = 60)\nprotected synchronized void run() throws Exception {\n    try (var in = open(path)) { in.read(); } catch (IOException | RuntimeException e) { throw new IllegalStateException(e); } finally { done(); }\n    Optional<? extends Number> o = Optional.empty();\n    assert o != null : \"never\";\n}\n",
	},
}

// scannerDeclines is code each scanner must decline, leaving it to chroma:
// code it cannot read.
var scannerDeclines = map[string][]string{
	"Go": {
		"package main\nvar s = \"unterminated\n",
		"var page = `<p>{{.Title}}</p>`\n",                   // chroma colours a raw string's template actions
		"package main\r\n",                                   // chroma turns \r\n into \n
		"x := ʰ(1)\n",                                        // chroma's call rule wants an ASCII letter first
		"n := 0B101 + 0o17 + 1_000 + 1.e3 + 1e5i + 0x1p-2\n", // chroma reads these as a number and a name
	},
	"JavaScript": {
		"const s = 'unterminated;\n",
		"const t = `open ${x}\n",
		"/* unterminated\n",
		"class A { #secret = 1; }\n",
		"@decorator\nclass A {}\n",
		"const x = a\n/ b;\n", // a slash at a line's start may start a regular expression; none does: chroma gives Error tokens
		"const r = /a/s;\n",   // a flag chroma's rule does not know
		"x = 1",               // chroma adds a newline
	},
	"Python": {
		"s = \"unterminated\nx = 1\n",
		"x = \"\"\"unterminated\n",
		"x = $y\n",
		"café = 1\n",
		"x = 1\r\n",
		"f\"{x # no comments here}\"\n",
	},
	"Java": {
		"String s = \"unterminated;\n",
		"/* unterminated\nint x;\n",
		"int x = 1; // no newline at the end",
		"String s = \"a\";\r\n",
		"int caf\u00e9 = 1;\n",
		"x = #y;\n",
		"String s = \"\"\"\nunterminated text block\n",
	},
}

// A fencedBlock is one fenced code block of content/, where it starts.
type fencedBlock struct {
	pos        string // file:line of the opening fence
	lang, code string
}

// contentBlocks is every fenced code block in content/'s Markdown, the
// examples' and the prose's.
func contentBlocks(t testing.TB) []fencedBlock {
	t.Helper()
	var blocks []fencedBlock
	md := goldmark.New()
	err := filepath.WalkDir("../content", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || filepath.Ext(path) != ".md" {
			return err
		}
		src, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		doc := md.Parser().Parse(text.NewReader(src))
		return ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
			if b, ok := n.(*ast.FencedCodeBlock); ok && entering {
				line := bytes.Count(src[:nodeStart(b)], []byte("\n")) + 1
				blocks = append(blocks, fencedBlock{fmt.Sprintf("%s:%d", path, line), string(b.Language(src)), fenceCode(b, src)})
			}
			return ast.WalkContinue, nil
		})
	})
	if err != nil {
		t.Fatal(err)
	}
	return blocks
}

// TestScannersMatchChroma: each scanner colours code as chroma's lexer for
// its language does, on every block of that language in content/ and on
// its corners; it takes every corner, and all but a few blocks of content/
// (so that the real site seldom waits for chroma's regexps).
func TestScannersMatchChroma(t *testing.T) {
	blocks := contentBlocks(t)
	for name, scan := range scanners {
		t.Run(name, func(t *testing.T) {
			var cases []fencedBlock
			for _, b := range blocks {
				if lexerFor(b.lang).Config().Name == name {
					cases = append(cases, b)
				}
			}
			if len(cases) < 10 {
				t.Errorf("only %d %s blocks in content/", len(cases), name)
			}
			lexer := lexerFor(cases[0].lang)
			fromContent := len(cases)
			for i, code := range scannerCorners[name] {
				cases = append(cases, fencedBlock{fmt.Sprintf("scannerCorners[%q][%d]", name, i), "", code})
			}
			var declined []string
			for i, c := range cases {
				got, ok := scan(c.code)
				if !ok && i >= fromContent {
					t.Errorf("%s: the %s scanner declined its own corner case", c.pos, name)
				}
				if !ok {
					declined = append(declined, c.pos)
					continue
				}
				want, err := tokenise(lexer, c.code)
				if err != nil {
					t.Fatal(err)
				}
				var g, w bytes.Buffer
				format(&g, got)
				format(&w, want)
				if g.String() != w.String() {
					t.Errorf("%s: the %s scanner colours the block differently from chroma:\n%s", c.pos, name, markupDiff(g.String(), w.String()))
				}
				if joined := joinTokens(got); joined != c.code {
					t.Errorf("%s: the %s scanner's tokens do not spell the code:\n got %q\nwant %q", c.pos, name, joined, c.code)
				}
			}
			// A block the scanner declines is lexed by chroma: right, only
			// slower. A few are fine (a contributor's example may use what
			// the scanner does not know, such as a JavaScript #private
			// field); more mean the scanner has fallen behind content/.
			if allowed := fromContent / 20; len(declined) > allowed {
				t.Errorf("the %s scanner declined %d blocks of content/ (at most %d may be left to chroma, which is slower): teach it what chroma does in them:\n%s", name, len(declined), allowed, strings.Join(declined, "\n"))
			} else if len(declined) > 0 {
				t.Logf("the %s scanner leaves %d blocks of content/ to chroma: %s", name, len(declined), strings.Join(declined, ", "))
			}
			for i, code := range scannerDeclines[name] {
				if _, ok := scan(code); ok {
					t.Errorf("scannerDeclines[%q][%d]: the scanner took %q; chroma should lex it", name, i, code)
				}
			}
		})
	}
}

func joinTokens(toks []chroma.Token) string {
	var b strings.Builder
	for _, t := range toks {
		b.WriteString(t.Value)
	}
	return b.String()
}

// markupDiff shows the first line where two blocks of markup differ.
func markupDiff(got, want string) string {
	g, w := strings.Split(got, "\n"), strings.Split(want, "\n")
	for i := 0; i < len(g) || i < len(w); i++ {
		var gl, wl string
		if i < len(g) {
			gl = g[i]
		}
		if i < len(w) {
			wl = w[i]
		}
		if gl != wl {
			return fmt.Sprintf("line %d:\n scanner: %s\n chroma:  %s", i+1, gl, wl)
		}
	}
	return "(same lines)"
}

// TestScannerSourcesEmbedded: every file a scanner lives in is part of the
// highlight cache's key (scannerSources), so changing one misses the cache.
func TestScannerSourcesEmbedded(t *testing.T) {
	files, err := filepath.Glob("highlight*.go")
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		want, _ := os.ReadFile(f)
		got, err := scannerSources.ReadFile(f)
		if err != nil || !bytes.Equal(got, want) {
			t.Errorf("%s is not in scannerSources (cache.go's go:embed line): a change to it would not miss the highlight cache", f)
		}
	}
}

// blocksOf is the code of every block of content/ that chroma's lexer
// named name lexes.
func blocksOf(tb testing.TB, name string) []string {
	var codes []string
	for _, b := range contentBlocks(tb) {
		if lexerFor(b.lang).Config().Name == name {
			codes = append(codes, b.code)
		}
	}
	return codes
}

// FuzzScanners: wherever a scanner takes code, its tokens spell the code,
// chroma finds no Error token in it, and format colours them as chroma's.
// which picks the scanner (the names in order, modulo their count). go
// test runs the seeds only (content/'s blocks, the corners and the
// declines of every scanner); go test -fuzz FuzzScanners looks further.
func FuzzScanners(f *testing.F) {
	names := slices.Sorted(maps.Keys(scanners))
	lexers := map[string]chroma.Lexer{}
	for i, name := range names {
		lexers[name] = lexerFor(strings.ToLower(name))
		if got := lexers[name].Config().Name; got != name {
			f.Fatalf("lexerFor(%q) is chroma's %s lexer", strings.ToLower(name), got)
		}
		for _, code := range slices.Concat(blocksOf(f, name), scannerCorners[name], scannerDeclines[name]) {
			f.Add(uint8(i), code)
		}
	}
	f.Fuzz(func(t *testing.T, which uint8, code string) {
		name := names[int(which)%len(names)]
		got, ok := scanners[name](code)
		if !ok {
			return
		}
		if joined := joinTokens(got); joined != code {
			t.Fatalf("%s: the tokens do not spell the code:\n got %q\nwant %q", name, joined, code)
		}
		want, err := tokenise(lexers[name], code)
		if err != nil {
			t.Fatalf("%s: the scanner took %q, chroma fails: %v", name, code, err)
		}
		if slices.ContainsFunc(want, isError) {
			t.Fatalf("%s: the scanner took %q, where chroma gives Error tokens", name, code)
		}
		var g, w bytes.Buffer
		format(&g, got)
		format(&w, want)
		if g.String() != w.String() {
			t.Fatalf("%s: %q: the scanner colours it differently from chroma:\n%s", name, code, markupDiff(g.String(), w.String()))
		}
	})
}

// BenchmarkScanners lexes every block of each scanner's language in
// content/ with chroma and with the scanner, in the same run: the time a
// cold build spends on them either way.
func BenchmarkScanners(b *testing.B) {
	for _, name := range slices.Sorted(maps.Keys(scanners)) {
		codes := blocksOf(b, name)
		lexer, scan := lexerFor(strings.ToLower(name)), scanners[name]
		b.Run(name+"/chroma", func(b *testing.B) {
			for b.Loop() {
				for _, code := range codes {
					if _, err := tokenise(lexer, code); err != nil {
						b.Fatal(err)
					}
				}
			}
		})
		b.Run(name+"/scanner", func(b *testing.B) {
			for b.Loop() {
				for _, code := range codes {
					if _, ok := scan(code); !ok {
						b.Fatal("declined a block of content/")
					}
				}
			}
		})
	}
}
