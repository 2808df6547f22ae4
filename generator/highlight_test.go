package generator

import (
	"bytes"
	"os"
	"regexp"
	"testing"

	"github.com/alecthomas/chroma/v2"
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
