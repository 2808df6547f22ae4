package generator

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"golang.org/x/tools/txtar"
)

// TestBadInput builds the site of testdata/site.txtar with each case of
// testdata/bad laid over it, and wants exactly the lines of the case's
// "errors" file: what statusref prints (Describe), with the content under
// content/ and the templates under templates/. With -update, the errors
// files are rewritten from what the build gives. main's TestBadInputCorpus
// runs the same cases through the CLI, on disk, and checks that public/
// is left as it was.
func TestBadInput(t *testing.T) {
	cases, _ := filepath.Glob("testdata/bad/*.txtar")
	if len(cases) < 50 {
		t.Fatalf("the corpus has %d cases, want at least 50", len(cases))
	}
	base, err := txtar.ParseFile("testdata/site.txtar")
	if err != nil {
		t.Fatal(err)
	}
	for _, file := range cases {
		t.Run(strings.TrimSuffix(filepath.Base(file), ".txtar"), func(t *testing.T) {
			a, err := txtar.ParseFile(file)
			if err != nil {
				t.Fatal(err)
			}
			content, templates := fstest.MapFS{}, fstest.MapFS{}
			for _, f := range base.Files {
				if name, ok := strings.CutPrefix(f.Name, "content/"); ok {
					content[name] = &fstest.MapFile{Data: f.Data}
				}
			}
			var want []byte
			for _, f := range a.Files {
				switch {
				case f.Name == "errors":
					want = f.Data
				case strings.HasPrefix(f.Name, "content/"):
					data := f.Data
					var size int
					if _, err := fmt.Sscanf(string(data), "@size %d", &size); err == nil {
						data = bytes.Repeat([]byte("x"), size)
					}
					content[strings.TrimPrefix(f.Name, "content/")] = &fstest.MapFile{Data: data}
				case strings.HasPrefix(f.Name, "templates/"):
					templates[strings.TrimPrefix(f.Name, "templates/")] = &fstest.MapFile{Data: f.Data}
				default:
					t.Fatalf("unknown file %s", f.Name)
				}
			}
			tmpl := os.DirFS("../templates")
			if len(templates) > 0 {
				tmpl = overlayFS{templates, tmpl}
			}
			_, err = Build(content, tmpl, Files{})
			if err == nil {
				t.Fatal("the build succeeded")
			}
			lines, summary := Describe(err, "content", "templates")
			got := strings.Join(append(lines, summary), "\n") + "\n"
			if *update {
				for i := range a.Files {
					if a.Files[i].Name == "errors" {
						a.Files[i].Data = []byte(got)
					}
				}
				if err := os.WriteFile(file, txtar.Format(a), 0o666); err != nil {
					t.Fatal(err)
				}
				return
			}
			if got != string(want) {
				t.Errorf("errors:\n%s\nwant:\n%s", got, want)
			}
		})
	}
}
