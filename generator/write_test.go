package generator

import (
	"context"
	"errors"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/statusref/statusref/generator/testhook"
)

// snapshot reads every file under dir into a map, for before/after checks.
// A link reads as "-> " and where it points.
func snapshot(t *testing.T, dir string) map[string]string {
	t.Helper()
	m := map[string]string{}
	err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		if d.Type()&os.ModeSymlink != 0 {
			target, err := os.Readlink(p)
			m[filepath.ToSlash(rel)] = "-> " + target
			return err
		}
		data, err := os.ReadFile(p)
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
		if err := write(dir, writeFiles(map[string]string{"index.html": "home", "4xx/412.html": "412"})); err != nil {
			t.Fatal(err)
		}
		got := snapshot(t, dir)
		want := markerHeader + "4xx/412.html\nindex.html\n"
		if got[marker] != want || got["index.html"] != "home" || got["4xx/412.html"] != "412" || len(got) != 3 {
			t.Errorf("wrote %q", got)
		}
		if l := leftovers(t, dir); len(l) > 0 {
			t.Errorf("left behind %v", l)
		}
	})

	t.Run("failed build leaves the old site exactly as it was", func(t *testing.T) {
		dir := filepath.Join(t.TempDir(), "public")
		if err := write(dir, writeFiles(map[string]string{"index.html": "v1"})); err != nil {
			t.Fatal(err)
		}
		before := snapshot(t, dir)
		boom := errors.New("content error")
		err := write(dir, func(o Output) error {
			o.WriteFile("index.html", []byte("half-written"))
			return boom
		})
		if !errors.Is(err, boom) {
			t.Fatalf("Write = %v, want the render error", err)
		}
		if after := snapshot(t, dir); !equalMaps(before, after) {
			t.Errorf("the failed build changed the site: %q → %q", before, after)
		}
		if l := leftovers(t, dir); len(l) > 0 {
			t.Errorf("left behind %v", l)
		}
	})

	t.Run("refuses a folder statusref did not write", func(t *testing.T) {
		dir := filepath.Join(t.TempDir(), "docs")
		os.MkdirAll(dir, 0o755)
		os.WriteFile(filepath.Join(dir, "thesis.tex"), []byte("years of work"), 0o644)
		err := write(dir, writeFiles(map[string]string{"index.html": "home"}))
		if err == nil || !strings.Contains(err.Error(), "refusing to write into") {
			t.Fatalf("Write = %v, want a refusal", err)
		}
		if got := snapshot(t, dir); len(got) != 1 || got["thesis.tex"] != "years of work" {
			t.Errorf("the folder changed: %q", got)
		}
	})

	t.Run("keeps files it did not write and drops stale ones it did", func(t *testing.T) {
		dir := filepath.Join(t.TempDir(), "public")
		if err := write(dir, writeFiles(map[string]string{"index.html": "v1", "4xx/499.html": "gone soon"})); err != nil {
			t.Fatal(err)
		}
		os.WriteFile(filepath.Join(dir, "CNAME"), []byte("status.example.org"), 0o644)
		os.MkdirAll(filepath.Join(dir, "4xx"), 0o755)
		os.WriteFile(filepath.Join(dir, "4xx", "notes.txt"), []byte("mine"), 0o644)
		if err := write(dir, writeFiles(map[string]string{"index.html": "v2"})); err != nil {
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
		if l := leftovers(t, dir); len(l) > 0 {
			t.Errorf("left behind %v", l)
		}
	})

	t.Run("will not overwrite a file it did not write", func(t *testing.T) {
		dir := filepath.Join(t.TempDir(), "public")
		if err := write(dir, writeFiles(map[string]string{"index.html": "v1"})); err != nil {
			t.Fatal(err)
		}
		os.WriteFile(filepath.Join(dir, "about.html"), []byte("hand-written"), 0o644)
		before := snapshot(t, dir)
		err := write(dir, writeFiles(map[string]string{"index.html": "v2", "about.html": "generated"}))
		if err == nil || !strings.Contains(err.Error(), "was not written by statusref") {
			t.Fatalf("Write = %v, want a refusal", err)
		}
		if after := snapshot(t, dir); !equalMaps(before, after) {
			t.Errorf("the site changed: %q", after)
		}
	})

	t.Run("rejects paths outside the site", func(t *testing.T) {
		dir := filepath.Join(t.TempDir(), "public")
		for _, name := range []string{"../escape.html", "/etc/passwd", marker, "a/../../b"} {
			err := write(dir, writeFiles(map[string]string{name: "x"}))
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
	return Write(context.Background(), dir, render)
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
	f, err := os.OpenFile(filepath.Join(dir, marker), os.O_APPEND|os.O_WRONLY, 0)
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
		{"the marker", marker, false},
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

// leftovers lists what is beside dir other than dir and its lock file.
func leftovers(t *testing.T, dir string) []string {
	t.Helper()
	var out []string
	for _, n := range siblings(t, dir) {
		if n != filepath.Base(dir) && n != "."+filepath.Base(dir)+".lock" {
			out = append(out, n)
		}
	}
	return out
}

// mode is the permission bits of p.
func mode(t *testing.T, p string) os.FileMode {
	t.Helper()
	st, err := os.Lstat(p)
	if err != nil {
		t.Fatal(err)
	}
	return st.Mode() & os.ModePerm
}

func TestWriteKeepsFoldersAndModes(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "public")
	if err := write(dir, writeFiles(map[string]string{"index.html": "v1", "4xx/412.html": "412", "compare/a-vs-b.html": "ab"})); err != nil {
		t.Fatal(err)
	}
	for _, d := range []string{"drafts", "drafts/empty", "4xx/mine", "compare/notes"} {
		if err := os.Mkdir(filepath.Join(dir, filepath.FromSlash(d)), 0o700); err != nil {
			t.Fatal(err)
		}
	}
	os.Chmod(filepath.Join(dir, "drafts"), 0o750)
	os.Chmod(dir, 0o750)
	if err := write(dir, writeFiles(map[string]string{"index.html": "v2", "4xx/412.html": "412"})); err != nil {
		t.Fatal(err)
	}
	for d, want := range map[string]os.FileMode{"drafts": 0o750, "drafts/empty": 0o700, "4xx/mine": 0o700, "compare/notes": 0o700} {
		p := filepath.Join(dir, filepath.FromSlash(d))
		if st, err := os.Stat(p); err != nil || !st.IsDir() {
			t.Errorf("the user's folder %s is gone: %v", d, err)
		} else if got := mode(t, p); got != want {
			t.Errorf("%s: mode %v, want %v", d, got, want)
		}
	}
	if got := mode(t, dir); got != 0o750 {
		t.Errorf("the output folder's mode is %v, want 0750", got)
	}
	if got := mode(t, filepath.Join(dir, "compare")); got != 0o755 {
		t.Errorf("compare/ holds only a user folder now; mode %v, want 0755", got)
	}
	if l := leftovers(t, dir); len(l) > 0 {
		t.Errorf("left behind %v", l)
	}
}

func TestWriteConflicts(t *testing.T) {
	for _, tc := range []struct {
		name  string
		user  func(dir string) // what the user adds to the built site
		files map[string]string
		want  string // the error, after the output folder
	}{
		{"a user file where the build makes a folder",
			func(dir string) { os.WriteFile(filepath.Join(dir, "2xx"), []byte("mine"), 0o644) },
			map[string]string{"index.html": "v2", "2xx/index.html": "2xx"},
			"/2xx was not written by statusref, and the build makes a folder there: move it out of "},
		{"a user file in a folder where the build writes a file",
			func(dir string) {
				os.MkdirAll(filepath.Join(dir, "about.html"), 0o755)
				os.WriteFile(filepath.Join(dir, "about.html", "notes.txt"), []byte("mine"), 0o644)
			},
			map[string]string{"index.html": "v2", "about.html": "generated"},
			"/about.html is a folder statusref did not make, and the build writes a file in its place: move it out of "},
		{"an empty user folder where the build writes a file",
			func(dir string) { os.MkdirAll(filepath.Join(dir, "about.html"), 0o755) },
			map[string]string{"index.html": "v2", "about.html": "generated"},
			"/about.html is a folder statusref did not make, and the build writes a file in its place: move it out of "},
		{"a user file in a generated folder the build makes a file",
			func(dir string) { os.WriteFile(filepath.Join(dir, "4xx", "notes.txt"), []byte("mine"), 0o644) },
			map[string]string{"index.html": "v2", "4xx": "now a file"},
			"/4xx holds 4xx/notes.txt, which statusref did not write, and the build writes a file in its place: move it out of "},
		{"a user link where the build makes a folder",
			func(dir string) { os.Symlink("elsewhere", filepath.Join(dir, "5xx")) },
			map[string]string{"index.html": "v2", "5xx/500.html": "500"},
			"/5xx was not written by statusref, and the build makes a folder there: move it out of "},
		{"a user file the build would overwrite",
			func(dir string) { os.WriteFile(filepath.Join(dir, "about.html"), []byte("mine"), 0o644) },
			map[string]string{"index.html": "v2", "about.html": "generated"},
			"/about.html was not written by statusref, and the build would overwrite it: move it out of "},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := filepath.Join(t.TempDir(), "public")
			if err := write(dir, writeFiles(map[string]string{"index.html": "v1", "4xx/412.html": "412"})); err != nil {
				t.Fatal(err)
			}
			tc.user(dir)
			before := snapshot(t, dir)
			err := write(dir, writeFiles(tc.files))
			if want := dir + tc.want + dir; err == nil || err.Error() != want {
				t.Fatalf("Write = %v, want %q", err, want)
			}
			if after := snapshot(t, dir); !equalMaps(before, after) {
				t.Errorf("the refused build changed the site: %q → %q", before, after)
			}
			if l := leftovers(t, dir); len(l) > 0 {
				t.Errorf("left behind %v", l)
			}
		})
	}
}

func TestWriteSymlinkedOut(t *testing.T) {
	top := t.TempDir()
	real := filepath.Join(top, "www", "site")
	os.MkdirAll(real, 0o755)
	link := filepath.Join(top, "public")
	if err := os.Symlink(filepath.Join("www", "site"), link); err != nil {
		t.Fatal(err)
	}
	if err := write(link, writeFiles(map[string]string{"index.html": "v1"})); err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(real, "CNAME"), []byte("status.example.org"), 0o644)
	if err := write(link, writeFiles(map[string]string{"index.html": "v2"})); err != nil {
		t.Fatal(err)
	}
	if target, err := os.Readlink(link); err != nil || target != filepath.Join("www", "site") {
		t.Errorf("the link is now %q, %v; want it left as it was", target, err)
	}
	got := snapshot(t, real)
	if got["index.html"] != "v2" || got["CNAME"] != "status.example.org" {
		t.Errorf("the link's target holds %q", got)
	}
	if s := siblings(t, link); len(s) != 2 {
		t.Errorf("beside the link: %v, want only it and www", s)
	}
	if l := leftovers(t, real); len(l) > 0 {
		t.Errorf("beside the target: %v", l)
	}
}

func TestWriteEmptyOut(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "public")
	os.Mkdir(dir, 0o700)
	if err := write(dir, writeFiles(map[string]string{"index.html": "v1"})); err != nil {
		t.Fatalf("Write into an empty folder: %v", err)
	}
	if got := snapshot(t, dir); got["index.html"] != "v1" {
		t.Errorf("wrote %q", got)
	}
	if got := mode(t, dir); got != 0o700 {
		t.Errorf("mode %v, want the folder's own 0700", got)
	}
	if l := leftovers(t, dir); len(l) > 0 {
		t.Errorf("left behind %v", l)
	}
}

// userFiles adds to a built site what a user might: a file at the top, a
// file in a generated folder, a link, an empty folder with its own mode.
func userFiles(t *testing.T, dir string) {
	t.Helper()
	for name, data := range map[string]string{"CNAME": "status.example.org", "4xx/notes.txt": "mine"} {
		if err := os.WriteFile(filepath.Join(dir, filepath.FromSlash(name)), []byte(data), 0o640); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.Symlink("CNAME", filepath.Join(dir, "CNAME.link")); err != nil {
		t.Fatal(err)
	}
	if err := os.Mkdir(filepath.Join(dir, "drafts"), 0o700); err != nil {
		t.Fatal(err)
	}
}

// checkUserFiles checks that what userFiles added is still there.
func checkUserFiles(t *testing.T, dir string) {
	t.Helper()
	got := snapshot(t, dir)
	for name, want := range map[string]string{"CNAME": "status.example.org", "4xx/notes.txt": "mine", "CNAME.link": "-> CNAME"} {
		if got[name] != want {
			t.Errorf("%s = %q, want %q", name, got[name], want)
		}
	}
	if m := mode(t, filepath.Join(dir, "CNAME")); m != 0o640 {
		t.Errorf("CNAME has mode %v, want 0640", m)
	}
	if m := mode(t, filepath.Join(dir, "drafts")); m != 0o700 {
		t.Errorf("drafts/ has mode %v, want 0700", m)
	}
}

func TestWriteWithoutExchangeOrLinks(t *testing.T) {
	for _, tc := range []struct {
		name               string
		noExchange, noLink bool
	}{
		{"two renames", true, false},
		{"copies", false, true},
		{"two renames and copies", true, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if tc.noExchange {
				defer func(f func(a, b string) error) { exchange = f }(exchange)
				exchange = func(a, b string) error { return errNoExchange }
			}
			if tc.noLink {
				defer func(f func(*os.Root, string, string) error) { link = f }(link)
				link = func(*os.Root, string, string) error { return errors.New("no hard links here") }
			}
			dir := filepath.Join(t.TempDir(), "public")
			if err := write(dir, writeFiles(map[string]string{"index.html": "v1", "4xx/412.html": "412"})); err != nil {
				t.Fatal(err)
			}
			userFiles(t, dir)
			mtime := time.Date(2020, 1, 2, 3, 4, 5, 0, time.UTC)
			os.Chtimes(filepath.Join(dir, "CNAME"), mtime, mtime)
			if err := write(dir, writeFiles(map[string]string{"index.html": "v2"})); err != nil {
				t.Fatal(err)
			}
			checkUserFiles(t, dir)
			if got := snapshot(t, dir); got["index.html"] != "v2" || got["4xx/412.html"] != "" {
				t.Errorf("the site is %q", got)
			}
			if st, err := os.Stat(filepath.Join(dir, "CNAME")); err != nil || !st.ModTime().Equal(mtime) {
				t.Errorf("CNAME's time is not kept: %v", err)
			}
			if l := leftovers(t, dir); len(l) > 0 {
				t.Errorf("left behind %v", l)
			}
		})
	}
}

// TestWriteCarriesBeforeTheSwap stops a build just before the swap: the
// new folder must already hold the user's files, and dir must still be
// the whole previous site, so that the swap is the one step that matters.
func TestWriteCarriesBeforeTheSwap(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "public")
	if err := write(dir, writeFiles(map[string]string{"index.html": "v1", "4xx/412.html": "412"})); err != nil {
		t.Fatal(err)
	}
	userFiles(t, dir)
	before := snapshot(t, dir)
	paused := false
	defer func() { testhook.Pause = nil }()
	testhook.Pause = func(point string) {
		if point != "swap" {
			return
		}
		paused = true
		builds, _ := filepath.Glob(filepath.Join(filepath.Dir(dir), ".public.build-*"))
		if len(builds) != 1 {
			t.Fatalf("build folders %v, want one", builds)
		}
		checkUserFiles(t, builds[0])
		a, _ := os.Stat(filepath.Join(dir, "CNAME"))
		b, _ := os.Stat(filepath.Join(builds[0], "CNAME"))
		if !os.SameFile(a, b) {
			t.Errorf("CNAME was copied, not linked")
		}
		if got := snapshot(t, builds[0]); got["index.html"] != "v2" || !strings.Contains(got[marker], "\nindex.html\n") {
			t.Errorf("the new build holds %q", got)
		}
		if now := snapshot(t, dir); !equalMaps(before, now) {
			t.Errorf("the site changed before the swap: %q", now)
		}
	}
	if err := write(dir, writeFiles(map[string]string{"index.html": "v2"})); err != nil {
		t.Fatal(err)
	}
	if !paused {
		t.Fatal("the build never reached the swap")
	}
	checkUserFiles(t, dir)
}

// TestWriteRecovers leaves what killed builds leave beside the site, and
// checks that the next build cleans up all of it that is statusref's and
// nothing else.
func TestWriteRecovers(t *testing.T) {
	setup := func(t *testing.T) (dir string) {
		dir = filepath.Join(t.TempDir(), "public")
		if err := write(dir, writeFiles(map[string]string{"index.html": "v1", "4xx/412.html": "412"})); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, "CNAME"), []byte("status.example.org"), 0o644); err != nil {
			t.Fatal(err)
		}
		return dir
	}
	put := func(t *testing.T, p, data string) {
		t.Helper()
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}

	t.Run("stale build folders", func(t *testing.T) {
		dir := setup(t)
		top := filepath.Dir(dir)
		// Killed while rendering: only its own output.
		put(t, filepath.Join(top, ".public.build-11", marker), buildingHeader)
		put(t, filepath.Join(top, ".public.build-11", "4xx", "412.html"), "half")
		// Killed after the swap: the old site, and a link to the user's file.
		put(t, filepath.Join(top, ".public.build-12", marker), markerHeader+"index.html\n4xx/499.html\n")
		put(t, filepath.Join(top, ".public.build-12", "index.html"), "v0")
		put(t, filepath.Join(top, ".public.build-12", "4xx", "499.html"), "499")
		os.MkdirAll(filepath.Join(top, ".public.build-12", "drafts"), 0o755)
		os.Mkdir(filepath.Join(dir, "drafts"), 0o755)
		if err := os.Link(filepath.Join(dir, "CNAME"), filepath.Join(top, ".public.build-12", "CNAME")); err != nil {
			t.Fatal(err)
		}
		// Killed before writing its marker, or while creating it.
		os.Mkdir(filepath.Join(top, ".public.build-13"), 0o700)
		put(t, filepath.Join(top, ".public.build-17", marker), "")
		// Not statusref's: an empty marker and something else.
		put(t, filepath.Join(top, ".public.build-18", marker), "")
		put(t, filepath.Join(top, ".public.build-18", "notes.txt"), "mine")
		// Not statusref's: no marker, another name, a link.
		put(t, filepath.Join(top, ".public.build-14", "notes.txt"), "mine")
		put(t, filepath.Join(top, ".public.build-notes", marker), buildingHeader)
		put(t, filepath.Join(top, "elsewhere", marker), buildingHeader)
		put(t, filepath.Join(top, "elsewhere", "keep.txt"), "mine")
		os.Symlink("elsewhere", filepath.Join(top, ".public.build-16"))

		if err := write(dir, writeFiles(map[string]string{"index.html": "v2"})); err != nil {
			t.Fatal(err)
		}
		got := siblings(t, dir)
		want := []string{".public.build-14", ".public.build-16", ".public.build-18", ".public.build-notes", ".public.lock", "elsewhere", "public"}
		if !slices.Equal(got, want) {
			t.Errorf("beside the site: %v, want %v", got, want)
		}
		if data, err := os.ReadFile(filepath.Join(top, "elsewhere", "keep.txt")); err != nil || string(data) != "mine" {
			t.Errorf("a folder behind a link lost a file: %q, %v", data, err)
		}
		if data, err := os.ReadFile(filepath.Join(dir, "CNAME")); err != nil || string(data) != "status.example.org" {
			t.Errorf("CNAME = %q, %v", data, err)
		}
	})

	t.Run("a user's file only a stale folder holds", func(t *testing.T) {
		dir := setup(t)
		top := filepath.Dir(dir)
		put(t, filepath.Join(top, ".public.build-12", marker), markerHeader+"index.html\n")
		put(t, filepath.Join(top, ".public.build-12", "index.html"), "v0")
		put(t, filepath.Join(top, ".public.build-12", "notes.txt"), "written during the build")
		before := snapshot(t, dir)
		err := write(dir, writeFiles(map[string]string{"index.html": "v2"}))
		want := "the previous build's folder " + filepath.Join(top, ".public.build-12") + " still holds notes.txt, which statusref did not write and which is not in " + dir + ": move it back into " + dir + " or delete it, then build again"
		if err == nil || err.Error() != want {
			t.Fatalf("Write = %v, want %q", err, want)
		}
		if data, err := os.ReadFile(filepath.Join(top, ".public.build-12", "notes.txt")); err != nil || string(data) != "written during the build" {
			t.Errorf("the user's file is gone: %v", err)
		}
		if after := snapshot(t, dir); !equalMaps(before, after) {
			t.Errorf("the site changed: %q", after)
		}
	})

	t.Run("killed between the two renames", func(t *testing.T) {
		dir := setup(t)
		defer func(f func(a, b string) error) { exchange = f }(exchange)
		exchange = func(a, b string) error { return errNoExchange }
		defer func() { testhook.Pause = nil }()
		testhook.Pause = func(point string) {
			if point == "aside" {
				panic("killed")
			}
		}
		func() {
			defer func() { recover() }()
			write(dir, writeFiles(map[string]string{"index.html": "v2"}))
		}()
		testhook.Pause = nil
		if _, err := os.Stat(dir); err == nil {
			t.Fatal("the site is still there: the test stopped the build at the wrong point")
		}
		if err := write(dir, writeFiles(map[string]string{"index.html": "v3"})); err != nil {
			t.Fatal(err)
		}
		got := snapshot(t, dir)
		if got["index.html"] != "v3" || got["CNAME"] != "status.example.org" {
			t.Errorf("the site is %q", got)
		}
		if l := leftovers(t, dir); len(l) > 0 {
			t.Errorf("left behind %v", l)
		}
	})
}

// TestWriteLock runs two builds into one folder at once.
func TestWriteLock(t *testing.T) {
	// first starts a build that holds the lock until release is closed.
	first := func(t *testing.T, dir string) (release chan struct{}, done chan error, finished *atomic.Bool) {
		started := make(chan struct{})
		release, done, finished = make(chan struct{}), make(chan error, 1), new(atomic.Bool)
		go func() {
			err := write(dir, func(o Output) error {
				close(started)
				<-release
				return writeFiles(map[string]string{"index.html": "first"})(o)
			})
			finished.Store(true)
			done <- err
		}()
		<-started
		return release, done, finished
	}

	t.Run("the second waits", func(t *testing.T) {
		dir := filepath.Join(t.TempDir(), "public")
		if err := write(dir, writeFiles(map[string]string{"index.html": "v0"})); err != nil {
			t.Fatal(err)
		}
		os.WriteFile(filepath.Join(dir, "CNAME"), []byte("status.example.org"), 0o644)
		release, done, finished := first(t, dir)
		waiting := make(chan struct{})
		defer func() { testhook.Pause = nil }()
		testhook.Pause = func(point string) {
			if point == "lock-wait" {
				close(waiting)
			}
		}
		second := make(chan error, 1)
		go func() {
			second <- write(dir, func(o Output) error {
				if !finished.Load() {
					return errors.New("the second build rendered while the first was still writing")
				}
				return writeFiles(map[string]string{"index.html": "second"})(o)
			})
		}()
		select {
		case <-waiting:
		case err := <-second:
			t.Fatalf("the second build did not wait: %v", err)
		case <-time.After(10 * time.Second):
			t.Fatal("the second build neither waited nor finished")
		}
		close(release)
		if err := <-done; err != nil {
			t.Fatal(err)
		}
		if err := <-second; err != nil {
			t.Fatal(err)
		}
		if got := snapshot(t, dir); got["index.html"] != "second" || got["CNAME"] != "status.example.org" {
			t.Errorf("the site is %q", got)
		}
		if l := leftovers(t, dir); len(l) > 0 {
			t.Errorf("left behind %v", l)
		}
	})

	t.Run("the second gives up", func(t *testing.T) {
		defer func(d time.Duration) { lockWait = d }(lockWait)
		lockWait = 0
		dir := filepath.Join(t.TempDir(), "public")
		release, done, _ := first(t, dir)
		err := write(dir, writeFiles(map[string]string{"index.html": "second"}))
		want := "another statusref build is writing " + dir + " (it holds the lock " + filepath.Join(filepath.Dir(dir), ".public.lock") + "): let it finish, then build again"
		if err == nil || err.Error() != want {
			t.Errorf("Write = %v, want %q", err, want)
		}
		close(release)
		if err := <-done; err != nil {
			t.Fatal(err)
		}
		if got := snapshot(t, dir); got["index.html"] != "first" {
			t.Errorf("the site is %q", got)
		}
	})

	t.Run("the second is cancelled while it waits", func(t *testing.T) {
		dir := filepath.Join(t.TempDir(), "public")
		release, done, _ := first(t, dir)
		ctx, cancel := context.WithCancel(context.Background())
		defer func() { testhook.Pause = nil }()
		testhook.Pause = func(point string) {
			if point == "lock-wait" {
				cancel()
			}
		}
		err := Write(ctx, dir, writeFiles(map[string]string{"index.html": "second"}))
		if !errors.Is(err, context.Canceled) {
			t.Errorf("Write = %v, want context.Canceled", err)
		}
		testhook.Pause = nil
		close(release)
		if err := <-done; err != nil {
			t.Fatal(err)
		}
	})
}

// TestWriteCancel cancels a build at each point of Write: before the swap
// the site stays as it was, after it the build finishes.
func TestWriteCancel(t *testing.T) {
	for _, tc := range []struct {
		point string
		swaps bool
	}{
		{"render", false},
		{"rendered", false},
		{"carrying", false},
		{"swap", false},
		{"swapped", true},
		{"cleaning", true},
	} {
		t.Run(tc.point, func(t *testing.T) {
			dir := filepath.Join(t.TempDir(), "public")
			if err := write(dir, writeFiles(map[string]string{"index.html": "v1", "4xx/412.html": "412"})); err != nil {
				t.Fatal(err)
			}
			userFiles(t, dir)
			before := snapshot(t, dir)
			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			defer func() { testhook.Pause = nil }()
			reached := false
			testhook.Pause = func(point string) {
				if point == tc.point {
					reached = true
					cancel()
				}
			}
			err := Write(ctx, dir, func(o Output) error {
				testhook.At("render")
				return writeFiles(map[string]string{"index.html": "v2", "4xx/412.html": "412"})(o)
			})
			if !reached {
				t.Fatalf("the build never reached %s", tc.point)
			}
			after := snapshot(t, dir)
			if tc.swaps {
				if err != nil || after["index.html"] != "v2" {
					t.Errorf("Write = %v, index.html %q; want the build to finish", err, after["index.html"])
				}
				checkUserFiles(t, dir)
			} else {
				if !errors.Is(err, context.Canceled) {
					t.Errorf("Write = %v, want context.Canceled", err)
				}
				if !equalMaps(before, after) {
					t.Errorf("the cancelled build changed the site: %q", after)
				}
			}
			if l := leftovers(t, dir); len(l) > 0 {
				t.Errorf("left behind %v", l)
			}
		})
	}
}
