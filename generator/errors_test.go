package generator

import (
	"strings"
	"testing"
	"testing/fstest"
)

// TestPosString: positions print as file:line:col, and a file name or a
// message that holds a control character, a newline or invalid UTF-8 is
// escaped, so that no name can forge a line of the output (such as a CI
// "::error" annotation). Ordinary names, spaces and non-ASCII letters
// included, print as they are.
func TestPosString(t *testing.T) {
	tests := []struct {
		name string
		err  Error
		want string
	}{
		{"plain", Error{Pos{"4xx/412.md", 3, 9}, "m"}, "4xx/412.md:3:9: m"},
		{"line only", Error{Pos{"4xx/412.md", 3, 0}, "m"}, "4xx/412.md:3: m"},
		{"file only", Error{Pos{"4xx", 0, 0}, "m"}, "4xx: m"},
		{"space and accents", Error{Pos{"my content/4xx/éte.md", 1, 1}, "m"}, "my content/4xx/éte.md:1:1: m"},
		{"newline in name", Error{Pos{"4xx/a\n::error::x.md", 1, 1}, "m"}, `"4xx/a\n::error::x.md":1:1: m`},
		{"carriage return in name", Error{Pos{"a\rb.md", 1, 1}, "m"}, `"a\rb.md":1:1: m`},
		{"escape sequence in name", Error{Pos{"a\x1b[31mb.md", 2, 0}, "m"}, `"a\x1b[31mb.md":2: m`},
		{"bidi override in name", Error{Pos{"a\u202eb.md", 1, 1}, "m"}, `"a\u202eb.md":1:1: m`},
		{"invalid UTF-8 in name", Error{Pos{"a\xffb.md", 1, 1}, "m"}, `"a\xffb.md":1:1: m`},
		{"newline in message", Error{Pos{"4xx/412.md", 2, 7}, "file name a\n::error::x.md: rename it"},
			`4xx/412.md:2:7: file name a\n::error::x.md: rename it`},
		{"quotes stay", Error{Pos{"4xx/412.md", 2, 7}, `reason "x" is wrong`}, `4xx/412.md:2:7: reason "x" is wrong`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.err.Error(); got != tt.want {
				t.Errorf("got  %s\nwant %s", got, tt.want)
			}
		})
	}
}

// TestForgedName: an entry whose file name holds a newline and a CI
// annotation gives errors on one line each.
func TestForgedName(t *testing.T) {
	name := "4xx/a\n::error::x.md"
	_, err := Check(fstest.MapFS{
		"4xx/412.md": {Data: []byte(validEntry)},
		"4xx/428.md": {Data: []byte(entry428)},
		name:         {Data: []byte(validEntry)},
	})
	if err == nil {
		t.Fatal("Check accepted a second entry for 412")
	}
	out := err.Error()
	for _, l := range strings.Split(out, "\n") {
		if strings.HasPrefix(l, "::") || !strings.HasPrefix(l, `"4xx/a\n::error::x.md":2:7: `) {
			t.Errorf("line %q does not start with the quoted name and position", l)
		}
	}
	if n := strings.Count(out, "\n") + 1; n != 2 {
		t.Errorf("%d lines for 2 errors:\n%s", n, out)
	}
}
