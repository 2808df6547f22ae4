package serve

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/statusref/statusref/generator"
	"github.com/statusref/statusref/generator/internal/synthetic"
)

// synthDir writes a synthetic catalogue of n entries into a folder.
func synthDir(tb testing.TB, n int) string {
	tb.Helper()
	dir := filepath.Join(tb.TempDir(), "content")
	err := synthetic.Generate(n, 1, func(name string, data []byte) error {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return err
		}
		return os.WriteFile(p, data, 0o644)
	})
	if err != nil {
		tb.Fatal(err)
	}
	return dir
}

// syncLog is a log the tests read while Watch writes it.
type syncLog struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (l *syncLog) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.buf.Write(p)
}

func (l *syncLog) lastLine() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	lines := strings.Split(strings.TrimSpace(l.buf.String()), "\n")
	return lines[len(lines)-1]
}

func editFile(t testing.TB, p, old, new string) {
	t.Helper()
	data, err := os.ReadFile(p)
	if err != nil || !bytes.Contains(data, []byte(old)) {
		t.Fatalf("%s: nothing to replace: %q", p, old)
	}
	if err := os.WriteFile(p, bytes.Replace(data, []byte(old), []byte(new), 1), 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestUpdateMatchesFullBuild edits entries and wants the server's files,
// after each incremental update, to be exactly a fresh full build's.
func TestUpdateMatchesFullBuild(t *testing.T) {
	dir := synthDir(t, 80)
	tmpl := os.DirFS("../../templates")
	var log syncLog
	s := New(Config{Content: os.DirFS(dir), ContentDir: dir, Templates: tmpl, CacheDir: t.TempDir(), Log: &log})
	if err := s.Rebuild(); err != nil {
		t.Fatal(err)
	}
	check := func(step, wantLog string) {
		t.Helper()
		if got := log.lastLine(); !strings.HasPrefix(got, wantLog) {
			t.Errorf("%s: log %q, want %s…", step, got, wantLog)
		}
		want := generator.Files{}
		if _, err := generator.Build(os.DirFS(dir), tmpl, want); err != nil {
			t.Fatal(err)
		}
		s.mu.RLock()
		defer s.mu.RUnlock()
		if len(s.site) != len(want) {
			t.Errorf("%s: %d files served, a full build has %d", step, len(s.site), len(want))
		}
		for name, data := range want {
			if !bytes.Equal(s.site[name], data) {
				t.Errorf("%s: %s differs from a full build", step, name)
			}
		}
	}
	e := func(i int) string { return synthetic.Path(i) }
	path := func(i int) string { return filepath.Join(dir, filepath.FromSlash(e(i))) }

	editFile(t, path(10), "summary: \"The Acme", "summary: \"Edited: the Acme")
	if err := s.Update(e(10)); err != nil {
		t.Fatal(err)
	}
	check("summary", "re-rendered")

	editFile(t, path(11), "const app = express();", "const app = express(); // edited")
	editFile(t, path(12), "reason: ", "reason: Renamed ")
	if err := s.Update(e(11), e(12)); err != nil {
		t.Fatal(err)
	}
	check("a snippet and a reason", "re-rendered")

	editFile(t, path(10), "summary:", "sumary:")
	if err := s.Update(e(10)); err == nil {
		t.Fatal("a broken entry built")
	}
	if s.errs == nil || !strings.Contains(s.errs[0], "unknown field \"sumary\"") {
		t.Errorf("errors: %v", s.errs)
	}
	// Another entry changes while 10 is broken; fixing 10 brings both.
	editFile(t, path(13), "## What it means\n\n", "## What it means\n\nNew.\n\n")
	if err := s.Update(e(13)); err == nil {
		t.Fatal("built while an entry is still broken")
	}
	editFile(t, path(10), "sumary:", "summary:")
	if err := s.Update(e(10)); err != nil {
		t.Fatal(err)
	}
	check("fixed", "re-rendered")

	src, _ := os.ReadFile(path(14))
	src = bytes.Replace(src, []byte(fmt.Sprintf("code: %d", synthetic.Code(14))), []byte("code: 49999"), 1)
	os.WriteFile(filepath.Join(dir, "4xx", "49999.md"), src, 0o644)
	if err := s.Update("4xx/49999.md"); err != nil {
		t.Fatal(err)
	}
	check("a new entry", "built")

	editFile(t, path(15), "summary: \"The Acme", "summary: \"After a full build, the Acme")
	if err := s.Update(e(15)); err != nil {
		t.Fatal(err)
	}
	check("an edit after a full build", "re-rendered")
}

// TestWatchUpdates: with ContentDir set, an edit saved on disk reaches the
// served page through Update, not a full build.
func TestWatchUpdates(t *testing.T) {
	dir := synthDir(t, 12)
	var log syncLog
	s := New(Config{Content: os.DirFS(dir), ContentDir: dir, Templates: os.DirFS("../../templates"), Log: &log})
	if err := s.Rebuild(); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	go s.Watch(ctx, dir)
	time.Sleep(100 * time.Millisecond) // let the watcher settle
	editFile(t, filepath.Join(dir, filepath.FromSlash(synthetic.Path(2))), "summary: \"The Acme", "summary: \"Watched: the Acme")
	deadline := time.Now().Add(10 * time.Second)
	for !strings.HasPrefix(log.lastLine(), "re-rendered") {
		if time.Now().After(deadline) {
			t.Fatalf("no update within 10s; log: %s", log.lastLine())
		}
		time.Sleep(20 * time.Millisecond)
	}
	s.mu.RLock()
	page := string(s.site[strings.TrimSuffix(synthetic.Path(2), ".md")+".html"])
	s.mu.RUnlock()
	if !strings.Contains(page, "Watched: the Acme") {
		t.Error("the edit is not served")
	}
}

// BenchmarkUpdate measures what serve does after one entry of a catalogue
// of 1,000 is saved: reload it, validate everything, re-render the files
// that show it. "prose" edits text, which only its own page shows, and
// every block is in the highlight cache; "snippet" edits a code example,
// which chroma highlights again; "summary" edits what every link to the
// entry shows, so the home page, 404.html, its class page, its
// neighbours, the pages that relate to it, its comparisons, the search
// index and the API files are re-rendered too: the worst case.
func BenchmarkUpdate(b *testing.B) {
	for _, kind := range []string{"prose", "snippet", "summary"} {
		b.Run("N=1000/"+kind, func(b *testing.B) {
			benchEdit(b, synthDir(b, 1000), synthetic.Path(500), kind, "summary: \"The Acme", "summary: \"Edit %d: the Acme")
		})
	}
}

// BenchmarkUpdateRealSite is BenchmarkUpdate on a copy of content/: one
// edit to 412, the entry with the most pages that show it.
func BenchmarkUpdateRealSite(b *testing.B) {
	for _, kind := range []string{"prose", "snippet", "summary"} {
		b.Run(kind, func(b *testing.B) {
			dir := b.TempDir()
			if err := os.CopyFS(dir, os.DirFS("../../content")); err != nil {
				b.Fatal(err)
			}
			benchEdit(b, dir, "4xx/412.md", kind, "summary: A condition", "summary: Edit %d. A condition")
		})
	}
}

// benchEdit builds the content folder dir, then times Update after each
// edit of one kind to the entry name: a paragraph of prose, a line of its
// Express example, or its summary (summaryOld replaced by summaryNew, a
// format with the edit's number).
func benchEdit(b *testing.B, dir, name, kind, summaryOld, summaryNew string) {
	s := New(Config{Content: os.DirFS(dir), ContentDir: dir, Templates: os.DirFS("../../templates"), CacheDir: b.TempDir()})
	if err := s.Rebuild(); err != nil {
		b.Fatal(err)
	}
	p := filepath.Join(dir, filepath.FromSlash(name))
	orig, _ := os.ReadFile(p)
	old, new := "## What it means\n\n", "## What it means\n\nEdited %d.\n\n"
	switch kind {
	case "snippet":
		old, new = "const app = express();", "const app = express(); // edit %d"
	case "summary":
		old, new = summaryOld, summaryNew
	}
	if !bytes.Contains(orig, []byte(old)) {
		b.Fatalf("%s has no %q to edit", name, old)
	}
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		b.StopTimer()
		i++
		os.WriteFile(p, bytes.Replace(orig, []byte(old), []byte(fmt.Sprintf(new, i)), 1), 0o644)
		b.StartTimer()
		if err := s.Update(name); err != nil {
			b.Fatal(err)
		}
	}
}
