package generator

import (
	"errors"
	"io"
	"io/fs"
	"strings"
	"testing"
	"testing/fstest"
	"time"
)

// checkErrors runs Check on fsys and returns its errors, one string each;
// it fails the test if Check returns anything but an ErrorList or nil.
func checkErrors(t *testing.T, fsys fs.FS) []string {
	t.Helper()
	_, err := Check(fsys)
	if err == nil {
		return nil
	}
	var list errorList
	if !errors.As(err, &list) {
		t.Fatalf("Check = %v, want an ErrorList", err)
	}
	var got []string
	for _, e := range list {
		got = append(got, e.Error())
	}
	return got
}

func wantErrors(t *testing.T, got, want []string) {
	t.Helper()
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("errors:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// goodSite is validEntry and the entry it links to.
func goodSite() fstest.MapFS {
	return fstest.MapFS{
		"4xx/412.md": {Data: []byte(validEntry)},
		"4xx/428.md": {Data: []byte(entry428)},
	}
}

// TestNotRegular: an entry, site.yaml or tested-with.yaml that is a named
// pipe, a socket, a device or a folder is reported at 1:1, without being
// opened (opening a named pipe waits for a writer).
func TestNotRegular(t *testing.T) {
	for _, tt := range []struct {
		name string
		mode fs.FileMode
		what string
	}{
		{"named pipe", fs.ModeNamedPipe, "a named pipe"},
		{"socket", fs.ModeSocket, "a socket"},
		{"character device", fs.ModeDevice | fs.ModeCharDevice, "a character device"},
		{"block device", fs.ModeDevice, "a device"},
		{"irregular", fs.ModeIrregular, "not a plain file"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			fsys := goodSite()
			for _, name := range []string{"4xx/429.md", "site.yaml", "tested-with.yaml"} {
				fsys[name] = &fstest.MapFile{Mode: tt.mode}
			}
			guarded := noOpen{fsys, map[string]bool{"4xx/429.md": true, "site.yaml": true, "tested-with.yaml": true}, t}
			msg := ":1:1: not a regular file but " + tt.what + ": content files are plain text files; replace it with one, or move it out of the content folder"
			wantErrors(t, checkErrors(t, guarded), []string{
				"4xx/429.md" + msg,
				"site.yaml" + msg,
				"tested-with.yaml" + msg,
			})
		})
	}
	t.Run("folder", func(t *testing.T) {
		fsys := goodSite()
		fsys["site.yaml/x"] = &fstest.MapFile{}
		wantErrors(t, checkErrors(t, fsys), []string{
			"site.yaml:1:1: not a regular file but a folder: content files are plain text files; replace it with one, or move it out of the content folder",
		})
	})
}

// noOpen is an fstest.MapFS that fails the test when one of the named
// files is opened.
type noOpen struct {
	fstest.MapFS
	names map[string]bool
	t     *testing.T
}

func (f noOpen) Open(name string) (fs.File, error) {
	if f.names[name] {
		f.t.Errorf("%s was opened", name)
	}
	return f.MapFS.Open(name)
}

// TestYAMLFilesCapped: site.yaml and tested-with.yaml are read through the
// same cap as entries. endless stands for a file like /dev/zero that never
// ends but says it is a regular file of size 0, as /proc files do.
func TestYAMLFilesCapped(t *testing.T) {
	for _, name := range []string{"site.yaml", "tested-with.yaml"} {
		t.Run(name+" too large", func(t *testing.T) {
			fsys := goodSite()
			fsys[name] = &fstest.MapFile{Data: []byte("# " + strings.Repeat("x", maxEntrySize) + "\n")}
			wantErrors(t, checkErrors(t, fsys), []string{
				name + ":1:1: the file is larger than the 256 KiB limit for a content file: it should hold a few lines of YAML",
			})
		})
		t.Run(name+" endless", func(t *testing.T) {
			wantErrors(t, checkErrors(t, endless{goodSite(), name}), []string{
				name + ":1:1: the file is larger than the 256 KiB limit for a content file: it should hold a few lines of YAML",
			})
		})
	}
}

// endless is an fstest.MapFS in which the file name reads as zeros, up to
// 64 MiB (and then fails), and says it is a regular file of size 0.
type endless struct {
	fstest.MapFS
	name string
}

func (f endless) Open(name string) (fs.File, error) {
	if name == f.name {
		return &zeroFile{left: 64 << 20}, nil
	}
	return f.MapFS.Open(name)
}

func (f endless) Stat(name string) (fs.FileInfo, error) {
	if name == f.name {
		return zeroInfo{}, nil
	}
	return f.MapFS.Stat(name)
}

func (f endless) Lstat(name string) (fs.FileInfo, error) { return f.Stat(name) }

type zeroFile struct{ left int }

func (z *zeroFile) Stat() (fs.FileInfo, error) { return zeroInfo{}, nil }
func (z *zeroFile) Close() error               { return nil }
func (z *zeroFile) Read(p []byte) (int, error) {
	if z.left <= 0 {
		return 0, errors.New("read past 64 MiB: the cap did not hold")
	}
	n := min(len(p), z.left)
	clear(p[:n])
	z.left -= n
	return n, nil
}

type zeroInfo struct{}

func (zeroInfo) Name() string       { return "zero" }
func (zeroInfo) Size() int64        { return 0 }
func (zeroInfo) Mode() fs.FileMode  { return 0o444 }
func (zeroInfo) ModTime() time.Time { return time.Time{} }
func (zeroInfo) IsDir() bool        { return false }
func (zeroInfo) Sys() any           { return nil }

// failing is an fstest.MapFS in which opening the named files or folders
// fails with the given error.
type failing struct {
	fstest.MapFS
	fail map[string]error
}

func (f failing) Open(name string) (fs.File, error) {
	if err := f.fail[name]; err != nil {
		return nil, &fs.PathError{Op: "open", Path: name, Err: err}
	}
	return f.MapFS.Open(name)
}

func (f failing) ReadDir(name string) ([]fs.DirEntry, error) {
	if err := f.fail[name]; err != nil {
		return nil, &fs.PathError{Op: "open", Path: name, Err: err}
	}
	return f.MapFS.ReadDir(name)
}

// TestUnreadable: a file that cannot be read is an error at its 1:1, which
// does not repeat the path; a folder that cannot be read is one error
// among the others, and the rest of the tree is still checked.
func TestUnreadable(t *testing.T) {
	fsys := goodSite()
	fsys["5xx/500.md"] = &fstest.MapFile{Data: []byte("x")}
	fsys["3xx/301.md"] = &fstest.MapFile{Data: []byte("x")}
	fsys["4xx/429.md"] = &fstest.MapFile{Data: []byte(strings.Replace(validEntry, "code: 412", "code: 429", 1))}
	fsys["compare/x.md"] = &fstest.MapFile{}
	got := checkErrors(t, failing{fsys, map[string]error{
		"3xx":        fs.ErrPermission,
		"4xx/429.md": fs.ErrPermission,
		"site.yaml":  io.ErrUnexpectedEOF, // absent: not read at all
	}})
	wantErrors(t, got, []string{
		"3xx: cannot read the folder: permission denied: let the user who runs statusref read it, or move it out of the content folder",
		"4xx/429.md:1:1: cannot read the file: permission denied: let the user who runs statusref read it, or move it out of the content folder",
		"5xx/500.md:1:1: missing front matter: the first line must be '---', followed by the YAML fields and another '---' line",
		"compare/x.md:1:1: the file is empty: an entry starts with front matter between two '---' lines (see CONTRIBUTING.md)",
	})
}

// TestWhichFilesAreRead: Load reads the files whose names end in .md,
// skips hidden files and folders, which include editors' lock and swap
// files, and names a file whose extension is .md in other letters.
func TestWhichFilesAreRead(t *testing.T) {
	fsys := goodSite()
	for _, name := range []string{
		"4xx/.#412.md",    // Emacs lock file
		"4xx/.412.md.swp", // Vim swap file
		"4xx/.412.md.swx", // Vim swap file
		"4xx/412.md~",     // backup
		"4xx/#412.md#",    // Emacs auto-save
		"4xx/.~lock.412.md#",
		".drafts/x.md",     // a hidden folder
		"4xx/.hidden/x.md", // another
		"4xx/notes.txt",
	} {
		fsys[name] = &fstest.MapFile{Data: []byte("not an entry")}
	}
	fsys["4xx/.#428.md"] = &fstest.MapFile{Mode: fs.ModeSymlink, Data: []byte("root@host.1234:1700000000")}
	fsys["4xx/413.MD"] = &fstest.MapFile{Data: []byte("x")}
	fsys["5xx/500.Md"] = &fstest.MapFile{Data: []byte("x")}
	wantErrors(t, checkErrors(t, fsys), []string{
		"4xx/413.MD: an entry's file name ends in lower-case .md: rename it to 413.md",
		"5xx/500.Md: an entry's file name ends in lower-case .md: rename it to 500.md",
	})
}

// TestSymlinks: links are followed within the content folder, under the
// link's own name, and refused, each with an error, when they lead
// outside it, nowhere, or round in a loop.
func TestSymlinks(t *testing.T) {
	link := func(target string) *fstest.MapFile {
		return &fstest.MapFile{Mode: fs.ModeSymlink, Data: []byte(target)}
	}
	fsys := fstest.MapFS{
		".shared/4xx/412.md": {Data: []byte(validEntry)},
		".shared/428.md":     {Data: []byte(entry428)},
		"4xx":                link(".shared/4xx"),     // a class folder inside content
		"4xx/428.md":         link("../428.md"),       // through the linked folder
		"5xx":                link("../elsewhere"),    // a folder outside
		"3xx/301.md":         link("/etc/passwd"),     // absolute
		"3xx/302.md":         link("../../secret.md"), // outside
		"3xx/303.md":         link("304.md"),          // broken
		"3xx/305.md":         link("306.md"),          // a loop of links
		"3xx/306.md":         link("305.md"),
		"3xx/loop":           link(".."), // a loop of folders
		"3xx/notes":          link("/tmp"),
		"3xx/readme.txt":     link("../../README.md"), // not read: not an entry
	}
	// fstest.MapFS cannot hold ".shared/428.md" and a link 4xx/428.md
	// inside the linked folder; put the link in the folder's target.
	fsys[".shared/4xx/428.md"] = fsys["4xx/428.md"]
	delete(fsys, "4xx/428.md")
	c, err := check(fsys, false)
	var list errorList
	if !errors.As(err, &list) {
		t.Fatalf("Check = %v, want an ErrorList", err)
	}
	var got []string
	for _, e := range list {
		got = append(got, e.Error())
	}
	outside := "outside the content folder: statusref follows links only within it; copy what it links to into the content folder"
	wantErrors(t, got, []string{
		`3xx/301.md:1:1: a link to "/etc/passwd", ` + outside,
		`3xx/302.md:1:1: a link to "../../secret.md", ` + outside,
		`3xx/303.md:1:1: a link to "304.md", which does not exist: fix the link or remove it`,
		`3xx/305.md:1:1: a loop of links: fix the link or remove it`,
		`3xx/306.md:1:1: a loop of links: fix the link or remove it`,
		`3xx/loop: a link to "..", a folder that holds the link: following it would never end; remove the link`,
		`3xx/notes: a link to "/tmp", ` + outside,
		`3xx/readme.txt: a link to "../../README.md", ` + outside,
		`5xx: a link to "../elsewhere", ` + outside,
	})
	var files []string
	for _, e := range c.Entries {
		files = append(files, e.File)
	}
	if strings.Join(files, " ") != "4xx/412.md 4xx/428.md" {
		t.Errorf("loaded %q, want 4xx/412.md and 4xx/428.md", files)
	}
}

// TestSectionSpans: a section's Span is its Markdown from the block after
// its heading to the next level-2 heading, as goldmark reads the body: a
// "## " line in a fenced block, a level-3 heading and a setext heading of
// level 1 stay inside, and a section with nothing under it is empty.
func TestSectionSpans(t *testing.T) {
	body := "Lead.\n\n## What it means\n\nFirst.\n\n```\n## not a heading\n```\n\n### Sub\n\nTitle\n=====\n\n## Empty\n## Last   \n\ntail\n"
	var errs errorList
	sections, _ := outline("x.md", []byte(body), 1, false, &errs)
	want := map[string]string{
		"What it means": "First.\n\n```\n## not a heading\n```\n\n### Sub\n\nTitle\n=====\n\n",
		"Empty":         "",
		"Last":          "tail\n",
	}
	if len(sections) != len(want) {
		t.Fatalf("%d sections, want %d", len(sections), len(want))
	}
	for _, s := range sections {
		if got := body[s.Span[0]:s.Span[1]]; got != want[s.Title] {
			t.Errorf("%s: %q, want %q", s.Title, got, want[s.Title])
		}
	}
}
