//go:build unix

package generator

import (
	"bytes"
	"os"
	"path/filepath"
	"syscall"
	"testing"
	"time"
)

// TestHighlightCacheFIFO: a FIFO named like a segment in the cache folder
// is not a segment: the cache neither waits on it nor removes it. (Opening
// one for reading waits for a writer; the test bounds that wait, and
// then opens the writing end so that the reader returns.)
func TestHighlightCacheFIFO(t *testing.T) {
	dir := t.TempDir()
	fifo := filepath.Join(dir, "statusref-hl-0000000000000000-00000000"+segSuffix)
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Skipf("no FIFO here: %v", err)
	}
	// within runs f, and fails the test if f is still waiting after 10 s.
	within := func(what string, f func()) {
		t.Helper()
		done := make(chan bool)
		go func() { f(); done <- true }()
		select {
		case <-done:
		case <-time.After(10 * time.Second):
			if w, err := os.OpenFile(fifo, os.O_WRONLY, 0); err == nil {
				w.Close()
			}
			<-done
			t.Fatalf("a FIFO in the cache folder held up %s for 10 s", what)
		}
	}
	code := "package main\n"
	within("a build", func() {
		h := newHighlighter()
		h.cache = newHLCache(dir)
		h.cache.maxSegs = 0 // merge on this flush, which removes bad segments
		h.highlight(&bytes.Buffer{}, "go", code)
		h.cache.flush()
	})
	// A FIFO that takes a segment's place after the cache listed the folder.
	within("readSegment", func() {
		if seg, _ := readSegment(fifo); seg != nil {
			t.Error("read a FIFO as a segment")
		}
	})
	if info, err := os.Lstat(fifo); err != nil || info.Mode().Type() != os.ModeNamedPipe {
		t.Errorf("the FIFO is gone: %v", err)
	}
	if _, ok := cached(dir, "go", code); !ok {
		t.Error("the block was not cached beside the FIFO")
	}
}
