package generator

import (
	"fmt"
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
		err  contentError
		want string
	}{
		{"plain", contentError{Pos: position{"4xx/412.md", 3, 9}, Msg: "m"}, "4xx/412.md:3:9: m"},
		{"line only", contentError{Pos: position{"4xx/412.md", 3, 0}, Msg: "m"}, "4xx/412.md:3: m"},
		{"file only", contentError{Pos: position{"4xx", 0, 0}, Msg: "m"}, "4xx: m"},
		{"space and accents", contentError{Pos: position{"my content/4xx/éte.md", 1, 1}, Msg: "m"}, "my content/4xx/éte.md:1:1: m"},
		{"newline in name", contentError{Pos: position{"4xx/a\n::error::x.md", 1, 1}, Msg: "m"}, `"4xx/a\n::error::x.md":1:1: m`},
		{"carriage return in name", contentError{Pos: position{"a\rb.md", 1, 1}, Msg: "m"}, `"a\rb.md":1:1: m`},
		{"escape sequence in name", contentError{Pos: position{"a\x1b[31mb.md", 2, 0}, Msg: "m"}, `"a\x1b[31mb.md":2: m`},
		{"bidi override in name", contentError{Pos: position{"a\u202eb.md", 1, 1}, Msg: "m"}, `"a\u202eb.md":1:1: m`},
		{"invalid UTF-8 in name", contentError{Pos: position{"a\xffb.md", 1, 1}, Msg: "m"}, `"a\xffb.md":1:1: m`},
		{"newline in message", contentError{Pos: position{"4xx/412.md", 2, 7}, Msg: "file name a\n::error::x.md: rename it"},
			`4xx/412.md:2:7: file name a\n::error::x.md: rename it`},
		{"quotes stay", contentError{Pos: position{"4xx/412.md", 2, 7}, Msg: `reason "x" is wrong`}, `4xx/412.md:2:7: reason "x" is wrong`},
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

// TestErrorCap: Err keeps the first maxErrorsPerFile errors of each file
// and one last line for the rest, and does so again, without losing the
// count, when more errors are added to a list it already capped (as Check
// does with Load's errors and Validate's).
func TestErrorCap(t *testing.T) {
	var l errorList
	for i := 250; i > 0; i-- {
		l.Add(position{"4xx/412.md", i, 1}, "e%d", i)
	}
	l.Add(position{"4xx/428.md", 2, 7}, "other")
	l.Add(position{"4xx/400.md", 9, 1}, "before")
	list := l.Err().(errorList)
	if len(list) != maxErrorsPerFile+3 {
		t.Fatalf("%d errors after the cap, want %d", len(list), maxErrorsPerFile+3)
	}
	lines := strings.Split(list.Error(), "\n")
	for i, want := range map[int]string{
		0:                    "4xx/400.md:9:1: before",
		1:                    "4xx/412.md:1:1: e1",
		maxErrorsPerFile:     "4xx/412.md:100:1: e100",
		maxErrorsPerFile + 1: "4xx/412.md: … and 150 more errors in this file",
		maxErrorsPerFile + 2: "4xx/428.md:2:7: other",
	} {
		if lines[i] != want {
			t.Errorf("line %d: %q, want %q", i, lines[i], want)
		}
	}
	if n := list.Count(); n != 252 {
		t.Errorf("Count = %d, want 252", n)
	}

	// Capping again keeps the count, and an error that sorts among the
	// first hundred pushes the hundredth into the count.
	list.Add(position{"4xx/412.md", 50, 2}, "late")
	list = list.Err().(errorList)
	lines = strings.Split(list.Error(), "\n")
	if got, want := lines[maxErrorsPerFile], "4xx/412.md:99:1: e99"; got != want {
		t.Errorf("last kept error %q, want %q", got, want)
	}
	if got, want := lines[maxErrorsPerFile+1], "4xx/412.md: … and 151 more errors in this file"; got != want {
		t.Errorf("summary %q, want %q", got, want)
	}
	if n := list.Count(); n != 253 {
		t.Errorf("Count = %d, want 253", n)
	}
}

// TestManyErrorsInOneFile: an entry with 20,000 unknown fields gives the
// first hundred errors, in order, and one line counting the rest.
func TestManyErrorsInOneFile(t *testing.T) {
	var b strings.Builder
	b.WriteString("---\n")
	for i := range 20000 {
		fmt.Fprintf(&b, "f%d: 1\n", i)
	}
	b.WriteString("---\n")
	_, err := Check(fstest.MapFS{"4xx/412.md": {Data: []byte(b.String())}})
	list, ok := err.(errorList)
	if !ok {
		t.Fatalf("Check = %v, want an ErrorList", err)
	}
	if len(list) != maxErrorsPerFile+1 {
		t.Fatalf("%d errors, want %d", len(list), maxErrorsPerFile+1)
	}
	if got, want := list[0].Error(), `4xx/412.md:2:1: unknown field "f0": see CONTRIBUTING.md for the fields an entry has`; got != want {
		t.Errorf("first error %q, want %q", got, want)
	}
	if got, want := list[len(list)-1].Error(), "4xx/412.md: … and 19900 more errors in this file"; got != want {
		t.Errorf("last error %q, want %q", got, want)
	}
	if n := list.Count(); n != 20000 {
		t.Errorf("Count = %d, want 20000", n)
	}
}
