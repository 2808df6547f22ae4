package serve

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// watchTest runs Watch on dir in the background for the rest of the test.
// Its wait polls a condition until it holds, and fails the test when ten
// seconds pass first or Watch returns.
func watchTest(t *testing.T, s *Server, dir string) (wait func(what string, cond func() bool)) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	watching := make(chan error, 1)
	go func() { watching <- s.Watch(ctx, dir) }()
	t.Cleanup(func() {
		cancel()
		if err := <-watching; err != nil {
			t.Errorf("Watch = %v", err)
		}
	})
	return func(what string, cond func() bool) {
		t.Helper()
		deadline := time.Now().Add(10 * time.Second)
		for !cond() {
			select {
			case err := <-watching:
				watching <- err // for the cleanup
				t.Fatalf("Watch returned %v before %s", err, what)
			default:
			}
			if time.Now().After(deadline) {
				t.Fatalf("not within 10s: %s", what)
			}
			time.Sleep(20 * time.Millisecond)
		}
	}
}

// served is a file of the site s serves now, or "".
func served(s *Server, name string) string {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return string(s.site[name])
}

func buildFailed(s *Server) bool {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return s.errs != nil
}

// freshContent is the test content in a folder of its own, with 412's
// summary replaced, to be moved into place in one rename.
func freshContent(t *testing.T, summary string) string {
	t.Helper()
	dir := testContent(t)
	editFile(t, filepath.Join(dir, "4xx", "412.md"), "Short summary of 412.", summary)
	return dir
}

// TestWatchContentMissingAtStart: serve started without its content
// folder builds the site once the folder appears, and follows edits in it.
func TestWatchContentMissingAtStart(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "content")
	log := &syncLog{}
	s := New(Config{Content: os.DirFS(dir), ContentDir: dir, Templates: os.DirFS("../../templates"), Log: log})
	if err := s.Rebuild(); err == nil {
		t.Fatal("a build without content succeeded")
	}
	wait := watchTest(t, s, dir)
	// A folder created before Watch first looks would need no recovery.
	wait("Watch finds the folder missing", func() bool { return strings.Contains(log.String(), dir+" is not a folder yet") })

	if err := os.Rename(freshContent(t, "Arrived summary of 412."), dir); err != nil {
		t.Fatal(err)
	}
	wait("the site builds from the new folder", func() bool { return strings.Contains(served(s, "4xx/412.html"), "Arrived summary of 412.") })

	editFile(t, filepath.Join(dir, "4xx", "412.md"), "Arrived summary", "Edited summary")
	wait("an edit in the new folder is served", func() bool { return strings.Contains(served(s, "4xx/412.html"), "Edited summary of 412.") })
}

// TestWatchContentRecreated: the content folder removed, or moved away,
// and then created again, is watched again: the site is rebuilt from it,
// and later edits in it are followed.
func TestWatchContentRecreated(t *testing.T) {
	s, _, dir := newTestServer(t)
	wait := watchTest(t, s, dir)
	entry := filepath.Join(dir, "4xx", "412.md")

	// Until Watch has added its watches, an edit goes unseen: write it
	// again until it is served.
	good, _ := os.ReadFile(entry)
	edited := strings.Replace(string(good), "Short summary of 412.", "Watched summary of 412.", 1)
	wait("the first edit is served", func() bool {
		os.WriteFile(entry, []byte(edited), 0o644)
		time.Sleep(100 * time.Millisecond)
		return strings.Contains(served(s, "4xx/412.html"), "Watched summary of 412.")
	})

	for _, gone := range []struct {
		name   string
		remove func() error
	}{
		{"removed", func() error { return os.RemoveAll(dir) }},
		{"moved away", func() error { return os.Rename(dir, dir+".old") }},
	} {
		if err := gone.remove(); err != nil {
			t.Fatal(err)
		}
		wait("the build fails once the folder is "+gone.name, func() bool { return buildFailed(s) })
		summary := "Back after being " + gone.name + "."
		if err := os.Rename(freshContent(t, summary), dir); err != nil {
			t.Fatal(err)
		}
		wait("the site builds again once the folder is back after being "+gone.name, func() bool {
			return !buildFailed(s) && strings.Contains(served(s, "4xx/412.html"), summary)
		})
		editFile(t, entry, summary, "Edited "+summary)
		wait("an edit after the folder came back is served", func() bool { return strings.Contains(served(s, "4xx/412.html"), "Edited "+summary) })
	}

}

func (l *syncLog) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.buf.String()
}
