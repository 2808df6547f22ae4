package generator

import (
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// snapshot reads every file under dir into a map, for before/after checks.
func snapshot(t *testing.T, dir string) map[string]string {
	t.Helper()
	m := map[string]string{}
	err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		rel, _ := filepath.Rel(dir, p)
		m[filepath.ToSlash(rel)] = string(data)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return m
}

func writeFiles(files map[string]string) func(Output) error {
	return func(o Output) error {
		for _, name := range sortedKeys(files) {
			if err := o.WriteFile(name, []byte(files[name])); err != nil {
				return err
			}
		}
		return nil
	}
}

// siblings lists what else is in dir's parent, to catch leftover temp folders.
func siblings(t *testing.T, dir string) []string {
	t.Helper()
	ents, err := os.ReadDir(filepath.Dir(dir))
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range ents {
		names = append(names, e.Name())
	}
	return names
}

func TestWrite(t *testing.T) {
	t.Run("fresh folder", func(t *testing.T) {
		dir := filepath.Join(t.TempDir(), "public")
		if err := Write(dir, writeFiles(map[string]string{"index.html": "home", "4xx/412.html": "412"})); err != nil {
			t.Fatal(err)
		}
		got := snapshot(t, dir)
		want := markerHeader + "4xx/412.html\nindex.html\n"
		if got[Marker] != want || got["index.html"] != "home" || got["4xx/412.html"] != "412" || len(got) != 3 {
			t.Errorf("wrote %q", got)
		}
		if s := siblings(t, dir); len(s) != 1 {
			t.Errorf("left behind %v", s)
		}
	})

	t.Run("failed build leaves the old site exactly as it was", func(t *testing.T) {
		dir := filepath.Join(t.TempDir(), "public")
		if err := Write(dir, writeFiles(map[string]string{"index.html": "v1"})); err != nil {
			t.Fatal(err)
		}
		before := snapshot(t, dir)
		boom := errors.New("content error")
		err := Write(dir, func(o Output) error {
			o.WriteFile("index.html", []byte("half-written"))
			return boom
		})
		if !errors.Is(err, boom) {
			t.Fatalf("Write = %v, want the render error", err)
		}
		if after := snapshot(t, dir); !equalMaps(before, after) {
			t.Errorf("the failed build changed the site: %q → %q", before, after)
		}
		if s := siblings(t, dir); len(s) != 1 {
			t.Errorf("left behind %v", s)
		}
	})

	t.Run("refuses a folder statusref did not write", func(t *testing.T) {
		dir := filepath.Join(t.TempDir(), "docs")
		os.MkdirAll(dir, 0o755)
		os.WriteFile(filepath.Join(dir, "thesis.tex"), []byte("years of work"), 0o644)
		err := Write(dir, writeFiles(map[string]string{"index.html": "home"}))
		if err == nil || !strings.Contains(err.Error(), "refusing to write into") {
			t.Fatalf("Write = %v, want a refusal", err)
		}
		if got := snapshot(t, dir); len(got) != 1 || got["thesis.tex"] != "years of work" {
			t.Errorf("the folder changed: %q", got)
		}
	})

	t.Run("keeps files it did not write and drops stale ones it did", func(t *testing.T) {
		dir := filepath.Join(t.TempDir(), "public")
		if err := Write(dir, writeFiles(map[string]string{"index.html": "v1", "4xx/499.html": "gone soon"})); err != nil {
			t.Fatal(err)
		}
		os.WriteFile(filepath.Join(dir, "CNAME"), []byte("status.example.org"), 0o644)
		os.MkdirAll(filepath.Join(dir, "4xx"), 0o755)
		os.WriteFile(filepath.Join(dir, "4xx", "notes.txt"), []byte("mine"), 0o644)
		if err := Write(dir, writeFiles(map[string]string{"index.html": "v2"})); err != nil {
			t.Fatal(err)
		}
		got := snapshot(t, dir)
		if got["CNAME"] != "status.example.org" || got["4xx/notes.txt"] != "mine" {
			t.Errorf("lost a file statusref did not write: %q", got)
		}
		if _, ok := got["4xx/499.html"]; ok {
			t.Errorf("kept a stale generated file")
		}
		if got["index.html"] != "v2" {
			t.Errorf("index.html = %q", got["index.html"])
		}
		if s := siblings(t, dir); len(s) != 1 {
			t.Errorf("left behind %v", s)
		}
	})

	t.Run("will not overwrite a file it did not write", func(t *testing.T) {
		dir := filepath.Join(t.TempDir(), "public")
		if err := Write(dir, writeFiles(map[string]string{"index.html": "v1"})); err != nil {
			t.Fatal(err)
		}
		os.WriteFile(filepath.Join(dir, "about.html"), []byte("hand-written"), 0o644)
		before := snapshot(t, dir)
		err := Write(dir, writeFiles(map[string]string{"index.html": "v2", "about.html": "generated"}))
		if err == nil || !strings.Contains(err.Error(), "was not written by statusref") {
			t.Fatalf("Write = %v, want a refusal", err)
		}
		if after := snapshot(t, dir); !equalMaps(before, after) {
			t.Errorf("the site changed: %q", after)
		}
	})

	t.Run("rejects paths outside the site", func(t *testing.T) {
		dir := filepath.Join(t.TempDir(), "public")
		for _, name := range []string{"../escape.html", "/etc/passwd", Marker, "a/../../b"} {
			err := Write(dir, writeFiles(map[string]string{name: "x"}))
			if err == nil || !strings.Contains(err.Error(), "invalid output path") {
				t.Errorf("WriteFile(%q) = %v, want invalid output path", name, err)
			}
		}
		if _, err := os.Stat(filepath.Join(filepath.Dir(dir), "escape.html")); err == nil {
			t.Error("a file escaped the site")
		}
	})
}

func equalMaps(a, b map[string]string) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if w, ok := b[k]; !ok || w != v {
			return false
		}
	}
	return true
}

// write is Write as the tests call it.
func write(dir string, render func(Output) error) error {
	return Write(dir, render)
}

// TestWriteMarkerCannotEscape plants lines in the marker of a built site
// that name files outside it, directly and through a link, and builds
// again: no file outside the site may go.
func TestWriteMarkerCannotEscape(t *testing.T) {
	top := t.TempDir()
	dir := filepath.Join(top, "public")
	outside := filepath.Join(top, "outside")
	os.MkdirAll(outside, 0o755)
	victims := map[string]string{
		filepath.Join(top, "victim.txt"):          "beside the site",
		filepath.Join(outside, "victim.txt"):      "behind a link",
		filepath.Join(outside, "linked-file.txt"): "the target of a linked file",
	}
	for p, data := range victims {
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := write(dir, writeFiles(map[string]string{"index.html": "v1"})); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(outside, filepath.Join(dir, "link")); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(filepath.Join(outside, "linked-file.txt"), filepath.Join(dir, "file-link")); err != nil {
		t.Fatal(err)
	}
	planted := []string{
		"../victim.txt",
		"../../" + filepath.Base(top) + "/victim.txt",
		filepath.Join(top, "victim.txt"), // absolute
		"link/victim.txt",
		"link/../../victim.txt",
		"./../victim.txt",
		`..\victim.txt`,
		"file-link", // the link may go, never what it points at
	}
	f, err := os.OpenFile(filepath.Join(dir, Marker), os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	f.WriteString(strings.Join(planted, "\n") + "\n")
	f.Close()

	if err := write(dir, writeFiles(map[string]string{"index.html": "v2"})); err != nil {
		t.Fatal(err)
	}
	for p, want := range victims {
		if got, err := os.ReadFile(p); err != nil || string(got) != want {
			t.Errorf("%s: %q, %v; want it untouched", p, got, err)
		}
	}
	if got, err := os.ReadFile(filepath.Join(dir, "index.html")); err != nil || string(got) != "v2" {
		t.Errorf("index.html = %q, %v", got, err)
	}
	if target, err := os.Readlink(filepath.Join(dir, "link")); err != nil || target != outside {
		t.Errorf("the user's link is gone: %q, %v", target, err)
	}
}

func TestParseManifest(t *testing.T) {
	for _, tc := range []struct {
		name, line string
		keep       bool
	}{
		{"a page", "index.html", true},
		{"a nested page", "4xx/412.html", true},
		{"a CRLF line", "4xx/412.html\r", true},
		{"the header", "# Written by statusref.", false},
		{"an empty line", "", false},
		{"the folder itself", ".", false},
		{"the marker", Marker, false},
		{"a parent", "../victim.txt", false},
		{"a parent inside", "4xx/../../victim.txt", false},
		{"an absolute path", "/tmp/victim.txt", false},
		{"a dot segment", "./index.html", false},
		{"a trailing slash", "4xx/", false},
		{"a double slash", "4xx//412.html", false},
		{"a backslash", `..\victim.txt`, false},
		{"a backslash inside", `4xx\412.html`, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			m, err := parseManifest(strings.NewReader(markerHeader + tc.line + "\n"))
			if err != nil {
				t.Fatal(err)
			}
			want := strings.TrimSuffix(tc.line, "\r")
			if m[want] != tc.keep || len(m) > 1 {
				t.Errorf("parseManifest kept %v, want %q kept: %v", m, tc.line, tc.keep)
			}
		})
	}
	t.Run("too large", func(t *testing.T) {
		_, err := parseManifest(io.LimitReader(lines{}, maxMarker+64))
		if err == nil || !strings.Contains(err.Error(), "larger than 16 MiB") {
			t.Errorf("parseManifest = %v, want a size error", err)
		}
	})
}

// lines is an endless stream of valid lines, 64 bytes each.
type lines struct{}

func (lines) Read(p []byte) (int, error) {
	for i := range p {
		p[i] = 'a'
		if i%64 == 63 {
			p[i] = '\n'
		}
	}
	return len(p), nil
}
