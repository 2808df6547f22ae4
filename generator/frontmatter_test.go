package generator

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"

	"go.yaml.in/yaml/v3"
)

// linearSyntaxErrorLine is how syntaxErrorPos found its line before it
// bisected: parse every prefix, and take the first that fails with the
// message of the whole. It is quadratic, and kept here as the reference.
func linearSyntaxErrorLine(src []byte, err error) int {
	msg := yamlLineRE.ReplaceAllString(err.Error(), "$2")
	lines := strings.SplitAfter(string(src), "\n")
	line := 0
	if m := yamlLineRE.FindStringSubmatch(err.Error()); m != nil {
		line, _ = strconv.Atoi(m[1])
	}
	for n := 1; n <= len(lines); n++ {
		var v yaml.Node
		perr := yaml.Unmarshal([]byte(strings.Join(lines[:n], "")), &v)
		if perr != nil && yamlLineRE.ReplaceAllString(perr.Error(), "$2") == msg {
			return n
		}
	}
	return line
}

// TestSyntaxErrorPos: bisection places every syntax error on the line the
// linear scan did. The cases are validEntry's front matter broken by one
// YAML indicator inserted at the start, inside and at the end of every
// line: 1,700 of them fail to parse. (The same check over the bad-input
// corpus and the real content, 20,968 failing cases, agreed too; it takes
// too long to run every time.)
func TestSyntaxErrorPos(t *testing.T) {
	yamlSrc, _, _, err := splitFrontMatter("f.md", []byte(validEntry))
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.SplitAfter(string(yamlSrc), "\n")
	failing := 0
	for i, l := range lines {
		for _, ins := range []string{"[", "{", `"`, "'", ": ", "- ", "&a ", "*x ", "!", "|", ">", "]", "}", "? ", "%", "@", "`", ",", "\t", "  ", "- [", "{a: "} {
			for _, col := range []int{0, 2, 6, len(l)} {
				if col > len(l) {
					continue
				}
				broken := append([]string(nil), lines...)
				broken[i] = l[:col] + ins + l[col:]
				src := []byte(strings.Join(broken, ""))
				var root yaml.Node
				yerr := yaml.Unmarshal(src, &root)
				if yerr == nil {
					continue
				}
				failing++
				want := linearSyntaxErrorLine(src, yerr)
				if got := syntaxErrorPos("f.md", 1, src, yerr); got.Line != want {
					t.Errorf("%q inserted at %d:%d: line %d, want %d (%v)", ins, i+1, col+1, got.Line, want, yerr)
				}
			}
		}
	}
	if failing < 1000 {
		t.Errorf("only %d cases fail to parse", failing)
	}
}

// syntaxErrorAtCap is an entry just under maxEntrySize whose front matter
// is one long list of aliases, with an unclosed "[" on its last line.
func syntaxErrorAtCap() []byte {
	var b strings.Builder
	b.WriteString("---\ncode: 412\naliases:\n")
	for i := 0; b.Len() < maxEntrySize-100; i++ {
		fmt.Fprintf(&b, "  - alias number %d\n", i)
	}
	b.WriteString("reason: [Precondition Failed\n---\n")
	return []byte(b.String())
}

// BenchmarkSyntaxErrorAtCap places one syntax error at the end of an entry
// of the largest size Load reads.
func BenchmarkSyntaxErrorAtCap(b *testing.B) {
	src := syntaxErrorAtCap()
	if len(src) > maxEntrySize {
		b.Fatalf("the entry has %d bytes, over the cap", len(src))
	}
	lines := strings.Count(string(src), "\n")
	want := fmt.Sprintf("4xx/412.md:%d:1: did not find expected ',' or ']'", lines-1)
	fsys := fstest.MapFS{"4xx/412.md": {Data: src}}
	b.SetBytes(int64(len(src)))
	for b.Loop() {
		_, err := load(fsys, false)
		var list errorList
		if !errors.As(err, &list) || len(list) != 1 || list[0].Error() != want {
			b.Fatalf("Load = %v, want %s", err, want)
		}
	}
}

// TestDecodeYAML: what decodeYAML accepts and where it reports what it
// does not, for front matter (from file line 2) and for a YAML file of its
// own, such as site.yaml (from line 1).
func TestDecodeYAML(t *testing.T) {
	tests := []struct {
		name, file, src string
		want            []string // errors; none when the YAML is fine
		value           string   // with no error: the decoded map, printed
	}{
		// A second document would drop the fields after its marker.
		{name: "document end", src: "code: 412\n...\nreason: x\n",
			want: []string{`f.md:3:1: "..." ends the YAML document, so the lines after it would be lost: remove the line`}},
		{name: "document end with a comment", src: "code: 412\n... # done\n",
			want: []string{`f.md:3:1: "..." ends the YAML document, so the lines after it would be lost: remove the line`}},
		{name: "second document", src: "code: 412\n--- reason: x\n",
			want: []string{`f.md:3:1: "---" with more on its line starts a second YAML document, whose fields would be lost: write the closing "---" alone on its line`}},
		{name: "second document after a tab", src: "code: 412\n---\t# x\nreason: x\n",
			want: []string{`f.md:3:1: "---" with more on its line starts a second YAML document, whose fields would be lost: write the closing "---" alone on its line`}},
		{name: "marker inside a block scalar", src: "summary: |\n  one\n... two\nreason: x\n",
			want: []string{`f.md:4:1: "..." ends the YAML document, so the lines after it would be lost: remove the line`}},
		{name: "dots that are no marker", src: "summary: ...and more\nreason: '--- x'\nnote: |\n  ...\n  --- x\n",
			value: "map[note:...\n--- x\n reason:--- x summary:...and more]"},
		{name: "site.yaml may start with ---", file: "site.yaml", src: "# settings\n---\ncode_digits: 5\n",
			value: "map[code_digits:5]"},
		{name: "site.yaml with two documents", file: "site.yaml", src: "---\ncode_digits: 5\n---\ncode_digits: 3\n",
			want: []string{`site.yaml:3:1: "---" starts a second YAML document, whose fields would be lost: site.yaml is one document; remove the line`}},
		{name: "site.yaml with a document end", file: "site.yaml", src: "code_digits: 5\n...\n",
			want: []string{`site.yaml:2:1: "..." ends the YAML document, so the lines after it would be lost: remove the line`}},

		// yaml.v3 names the first line of a key given twice counting from
		// the start of the YAML, and its value's column.
		{name: "key given twice", src: "code: 412\nreason: a\n  # x\ncode: 413\n",
			want: []string{`f.md:5:1: "code" is given twice: it is already set on line 2; remove one of them`}},
		{name: "nested key given twice", file: "site.yaml", src: "a:\n  b: 1\n  b: 2\n",
			want: []string{`site.yaml:3:3: "b" is given twice: it is already set on line 2; remove one of them`}},

		// Tabs cannot indent YAML's structure, but a block scalar, a flow
		// collection or a quoted string can hold them.
		{name: "tab in a block scalar", src: "body: |\n  {\n  \t\"a\": 1\n  }\ncode: 412\n",
			value: "map[body:{\n\t\"a\": 1\n}\n code:412]"},
		{name: "tab in a folded scalar", src: "body: >\n  a\n  \tb\n",
			value: "map[body:a\n\tb\n]"},
		{name: "tab in a flow sequence", src: "codes: [412,\n\t428]\n",
			value: "map[codes:[412 428]]"},
		{name: "tab in a quoted string", src: "summary: \"a\n\tb\"\n",
			value: "map[summary:a b]"},
		{name: "tab indenting a key", src: "headers:\n\t- name: ETag\n",
			want: []string{"f.md:3:1: tab in indentation: YAML is indented with spaces"}},
		{name: "tab after spaces", src: "headers:\n  - name: ETag\n  \tnote: x\n",
			want: []string{"f.md:4:3: tab in indentation: YAML is indented with spaces"}},
		{name: "tab after a block scalar", src: "body: |\n  a\n  \tfine\n\tcode: 412\n",
			want: []string{"f.md:5:1: tab in indentation: YAML is indented with spaces"}},
		// yaml.v3, as libyaml, takes a tab right after the indentation of
		// a block scalar's first line for indentation.
		{name: "tab starting a block scalar", src: "body: |\n  \tx\n",
			want: []string{"f.md:3:3: tab in indentation: YAML is indented with spaces"}},
		{name: "tab before a block scalar's text", src: "body: |\n\tx\n",
			want: []string{"f.md:3:1: tab in indentation: YAML is indented with spaces"}},
		{name: "first line", file: "site.yaml", src: "\tcode_digits: 5\n",
			want: []string{"site.yaml:1:1: tab in indentation: YAML is indented with spaces"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			file, first := "f.md", 2
			if tt.file != "" {
				file, first = tt.file, 1
			}
			var v map[string]any
			_, errs := decodeYAML(file, first, []byte(tt.src), &v)
			var got []string
			for _, e := range errs {
				got = append(got, e.Error())
			}
			wantErrors(t, got, tt.want)
			if len(tt.want) == 0 && len(errs) == 0 {
				if s := fmt.Sprint(v); s != tt.value {
					t.Errorf("decoded %q, want %q", s, tt.value)
				}
			}
		})
	}
}

// TestSyntaxErrorPosParsesLogarithmically guards the bisection without
// timing anything: placing one syntax error in an entry at the size cap
// (some 9,000 lines) parses a prefix at most about log2(lines)+2 times,
// where the old line-by-line scan parsed every prefix.
func TestSyntaxErrorPosParsesLogarithmically(t *testing.T) {
	src := syntaxErrorAtCap()
	lines := strings.Count(string(src), "\n")
	before := syntaxParses.Load()
	if _, err := load(fstest.MapFS{"4xx/412.md": {Data: src}}, false); err == nil {
		t.Fatal("the entry loaded without an error")
	}
	parses := syntaxParses.Load() - before
	limit := int64(2)
	for n := lines; n > 1; n /= 2 {
		limit++
	}
	if parses > limit {
		t.Errorf("placing the error parsed %d prefixes of a %d-line entry; want at most %d", parses, lines, limit)
	}
}
