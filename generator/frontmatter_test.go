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

// syntaxErrorAtCap is an entry just under MaxEntrySize whose front matter
// is one long list of aliases, with an unclosed "[" on its last line.
func syntaxErrorAtCap() []byte {
	var b strings.Builder
	b.WriteString("---\ncode: 412\naliases:\n")
	for i := 0; b.Len() < MaxEntrySize-100; i++ {
		fmt.Fprintf(&b, "  - alias number %d\n", i)
	}
	b.WriteString("reason: [Precondition Failed\n---\n")
	return []byte(b.String())
}

// BenchmarkSyntaxErrorAtCap places one syntax error at the end of an entry
// of the largest size Load reads.
func BenchmarkSyntaxErrorAtCap(b *testing.B) {
	src := syntaxErrorAtCap()
	if len(src) > MaxEntrySize {
		b.Fatalf("the entry has %d bytes, over the cap", len(src))
	}
	lines := strings.Count(string(src), "\n")
	want := fmt.Sprintf("4xx/412.md:%d:1: did not find expected ',' or ']'", lines-1)
	fsys := fstest.MapFS{"4xx/412.md": {Data: src}}
	b.SetBytes(int64(len(src)))
	for b.Loop() {
		_, err := Load(fsys)
		var list ErrorList
		if !errors.As(err, &list) || len(list) != 1 || list[0].Error() != want {
			b.Fatalf("Load = %v, want %s", err, want)
		}
	}
}
