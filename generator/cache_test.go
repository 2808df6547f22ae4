package generator

import (
	"bytes"
	"os"
	"path/filepath"
	"sync"
	"testing"
)

func buildReal(t *testing.T, cacheDir string) (Files, *Renderer) {
	t.Helper()
	c, err := Check(os.DirFS("../content"))
	if err != nil {
		t.Fatal(err)
	}
	r, err := NewRenderer(os.DirFS("../templates"), WithHighlightCache(cacheDir))
	if err != nil {
		t.Fatal(err)
	}
	out := Files{}
	if err := r.Render(c, out); err != nil {
		t.Fatal(err)
	}
	return out, r
}

func sameFiles(t *testing.T, what string, a, b Files) {
	t.Helper()
	if len(a) != len(b) {
		t.Fatalf("%s: %d files vs %d", what, len(a), len(b))
	}
	for name, data := range a {
		if !bytes.Equal(data, b[name]) {
			t.Errorf("%s: %s differs", what, name)
		}
	}
}

// TestHighlightCache: the output is byte-identical with no cache, a cold
// cache and a warm one; a warm build highlights nothing; corrupt and
// truncated entries are rebuilt, never served.
func TestHighlightCache(t *testing.T) {
	plain, _ := buildReal(t, "")
	dir := t.TempDir()
	cold, r := buildReal(t, dir)
	sameFiles(t, "cold cache", plain, cold)
	if r.hl.cache.hits.Load() != 0 || r.hl.cache.misses.Load() == 0 {
		t.Errorf("cold build: %d hits, %d misses", r.hl.cache.hits.Load(), r.hl.cache.misses.Load())
	}
	warm, r := buildReal(t, dir)
	sameFiles(t, "warm cache", plain, warm)
	if r.hl.cache.misses.Load() != 0 {
		t.Errorf("warm build missed %d times", r.hl.cache.misses.Load())
	}

	// Damage every entry: flip a byte in some, truncate others, empty one.
	var entries []string
	filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			entries = append(entries, p)
		}
		return nil
	})
	for i, p := range entries {
		data, _ := os.ReadFile(p)
		switch i % 3 {
		case 0:
			data[len(data)-2] ^= 0x20
		case 1:
			data = data[:len(data)/2]
		case 2:
			data = nil
		}
		os.WriteFile(p, data, 0o644)
	}
	repaired, r := buildReal(t, dir)
	sameFiles(t, "damaged cache", plain, repaired)
	if r.hl.cache.hits.Load() != 0 {
		t.Errorf("served %d damaged entries", r.hl.cache.hits.Load())
	}
	again, r := buildReal(t, dir)
	sameFiles(t, "repaired cache", plain, again)
	if r.hl.cache.misses.Load() != 0 {
		t.Errorf("the damaged entries were not rewritten: %d misses", r.hl.cache.misses.Load())
	}
}

// TestHighlightCacheConcurrent runs builds at once on one empty cache: each
// must give the same output, and the cache must be whole afterwards.
func TestHighlightCacheConcurrent(t *testing.T) {
	plain, _ := buildReal(t, "")
	dir := t.TempDir()
	var wg sync.WaitGroup
	outs := make([]Files, 3)
	for i := range outs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			outs[i], _ = buildReal(t, dir)
		}()
	}
	wg.Wait()
	for _, o := range outs {
		sameFiles(t, "concurrent build", plain, o)
	}
	_, r := buildReal(t, dir)
	if r.hl.cache.misses.Load() != 0 {
		t.Errorf("after concurrent builds the cache has %d bad or missing entries", r.hl.cache.misses.Load())
	}
	filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() && filepath.Base(p)[0] == '.' {
			t.Errorf("left a temporary file: %s", p)
		}
		return nil
	})
}
