//go:build unix

package generator

import (
	"net"
	"os"
	"path/filepath"
	"syscall"
	"testing"
	"time"
)

// writeSite writes the files of goodSite into a temporary content folder.
func writeSite(t *testing.T) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "content")
	for name, f := range goodSite() {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, f.Data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// checkDir runs Check on os.DirFS(dir), but fails the test instead of
// hanging if Check does not return within a minute (as it did, for ever,
// on a named pipe).
func checkDir(t *testing.T, dir string) []string {
	t.Helper()
	done := make(chan []string, 1)
	go func() { done <- checkErrors(t, os.DirFS(dir)) }()
	select {
	case got := <-done:
		return got
	case <-time.After(time.Minute):
		t.Fatal("Check did not return: it is waiting on a file")
		return nil
	}
}

// TestNamedPipes: named pipes in the place of an entry, site.yaml and
// tested-with.yaml are errors, and Check returns instead of waiting for a
// writer.
func TestNamedPipes(t *testing.T) {
	dir := writeSite(t)
	names := []string{"4xx/429.md", "site.yaml", "tested-with.yaml"}
	for _, name := range names {
		if err := syscall.Mkfifo(filepath.Join(dir, filepath.FromSlash(name)), 0o644); err != nil {
			t.Skipf("mkfifo: %v", err)
		}
	}
	t.Cleanup(func() {
		// Release a Check that is still waiting on a pipe.
		for _, name := range names {
			if f, err := os.OpenFile(filepath.Join(dir, filepath.FromSlash(name)), os.O_WRONLY|syscall.O_NONBLOCK, 0); err == nil {
				f.Close()
			}
		}
	})
	msg := ":1:1: not a regular file but a named pipe: content files are plain text files; replace it with one, or move it out of the content folder"
	wantErrors(t, checkDir(t, dir), []string{"4xx/429.md" + msg, "site.yaml" + msg, "tested-with.yaml" + msg})
}

// TestSocket: a socket named like an entry is an error at 1:1.
func TestSocket(t *testing.T) {
	dir := writeSite(t)
	// A socket's path is limited to about 100 bytes: listen in a short
	// folder, then move the socket into place.
	short, err := os.MkdirTemp("", "s")
	if err != nil {
		t.Fatal(err)
	}
	defer os.RemoveAll(short)
	l, err := net.Listen("unix", filepath.Join(short, "s"))
	if err != nil {
		t.Skipf("listen: %v", err)
	}
	defer l.Close()
	if err := os.Rename(filepath.Join(short, "s"), filepath.Join(dir, "4xx", "429.md")); err != nil {
		t.Fatal(err)
	}
	wantErrors(t, checkDir(t, dir), []string{
		"4xx/429.md:1:1: not a regular file but a socket: content files are plain text files; replace it with one, or move it out of the content folder",
	})
}

// TestPermissions: a file and a folder without read permission. Root
// reads them all the same, so the test needs another user.
func TestPermissions(t *testing.T) {
	if os.Geteuid() == 0 {
		t.Skip("root reads files without read permission; TestUnreadable covers this with an injected failure")
	}
	dir := writeSite(t)
	if err := os.WriteFile(filepath.Join(dir, "4xx", "429.md"), []byte(validEntry), 0o000); err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(filepath.Join(dir, "5xx"), 0o000); err != nil {
		t.Fatal(err)
	}
	defer os.Chmod(filepath.Join(dir, "5xx"), 0o755)
	wantErrors(t, checkDir(t, dir), []string{
		"4xx/429.md:1:1: cannot read the file: permission denied: let the user who runs statusref read it, or move it out of the content folder",
		"5xx: cannot read the folder: permission denied: let the user who runs statusref read it, or move it out of the content folder",
	})
}

// TestSymlinksOnDisk: the same rules as TestSymlinks, through os.DirFS,
// where a link can really lead to a file outside the content folder. That
// file is never read.
func TestSymlinksOnDisk(t *testing.T) {
	dir := writeSite(t)
	root := filepath.Dir(dir)
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	// A secret outside, which would give YAML errors if it were read.
	must(os.WriteFile(filepath.Join(root, "secret.md"), []byte("---\nsecret: [\n---\n"), 0o644))
	must(os.MkdirAll(filepath.Join(root, "elsewhere"), 0o755))
	must(os.WriteFile(filepath.Join(root, "elsewhere", "500.md"), []byte("---\nsecret: [\n---\n"), 0o644))
	// A class folder kept in a hidden folder, and linked.
	must(os.MkdirAll(filepath.Join(dir, ".shared", "2xx"), 0o755))
	must(os.WriteFile(filepath.Join(dir, ".shared", "2xx", "200.md"), []byte("---\ncode: [\n---\n"), 0o644))
	must(os.Symlink(filepath.Join(".shared", "2xx"), filepath.Join(dir, "2xx")))
	must(os.Symlink(filepath.Join("..", "..", "secret.md"), filepath.Join(dir, "4xx", "429.md")))
	must(os.Symlink(filepath.Join(root, "secret.md"), filepath.Join(dir, "4xx", "430.md")))
	must(os.Symlink(filepath.Join("..", "elsewhere"), filepath.Join(dir, "5xx")))
	must(os.Symlink("..", filepath.Join(dir, "4xx", "up")))
	must(os.Symlink("nowhere", filepath.Join(dir, "3xx")))   // a dangling class folder
	must(os.Symlink("nowhere", filepath.Join(dir, "notes"))) // a dangling link Load would not read

	outside := "outside the content folder: statusref follows links only within it; copy what it links to into the content folder"
	wantErrors(t, checkDir(t, dir), []string{
		// Read through the link, under the link's name.
		"2xx/200.md:2:1: did not find expected node content",
		`3xx: a link to "nowhere", which does not exist: fix the link or remove it`,
		`4xx/429.md:1:1: a link to "../../secret.md", ` + outside,
		`4xx/430.md:1:1: a link to "` + filepath.Join(root, "secret.md") + `", ` + outside,
		`4xx/up: a link to "..", a folder that holds the link: following it would never end; remove the link`,
		`5xx: a link to "../elsewhere", ` + outside,
	})
}
