package generator

import (
	"strings"
	"testing"
	"testing/fstest"

	"golang.org/x/tools/txtar"
)

// FuzzLoadEntry feeds arbitrary bytes to the front-matter split and the
// whole load-and-check path. Whatever the input, Check must not panic, and
// every error must be a positioned *Error inside the file.
func FuzzLoadEntry(f *testing.F) {
	a, err := txtar.ParseFile("testdata/site.txtar")
	if err != nil {
		f.Fatal(err)
	}
	for _, file := range a.Files {
		if strings.HasSuffix(file.Name, ".md") {
			f.Add(file.Data)
		}
	}
	f.Add([]byte(""))
	f.Add([]byte("---\n---\n"))
	f.Add([]byte("---\ncode: [\n---\n"))
	f.Fuzz(func(t *testing.T, src []byte) {
		fsys := fstest.MapFS{"4xx/412.md": {Data: src}}
		_, err := Check(fsys)
		if err == nil {
			return
		}
		list, ok := err.(errorList)
		if !ok {
			t.Fatalf("Check returned %T, not an ErrorList: %v", err, err)
		}
		lines := strings.Count(string(src), "\n") + 1
		for _, e := range list {
			if e.more > 0 && e.Pos == (position{File: "4xx/412.md"}) {
				continue // the line that counts the errors past the cap
			}
			if e.Pos.File != "4xx/412.md" || e.Pos.Line < 1 || e.Pos.Line > lines || e.Pos.Col < 0 {
				t.Errorf("error outside the file: %v (file has %d lines)", e, lines)
			}
			if e.Msg == "" {
				t.Errorf("empty message at %v", e.Pos)
			}
		}
	})
}
