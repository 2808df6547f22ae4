package generator

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"strings"
	"sync"
	"testing"
	"time"
)

func buildReal(t *testing.T, cacheDir string) (Files, *siteRenderer) {
	t.Helper()
	c, err := check(os.DirFS("../content"), false)
	if err != nil {
		t.Fatal(err)
	}
	r, err := newRenderer(os.DirFS("../templates"), WithHighlightCache(cacheDir))
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

// missed counts the blocks a render with a cache highlighted that the
// cache could have held: not those whose tokens hold Error tokens, which
// it never holds (content/4xx/424.md has one).
func missed(r *siteRenderer) int64 {
	return r.hl.cache.misses.Load() - r.hl.cache.unfit.Load()
}

// segments lists the cache's segment files.
func segments(t *testing.T, dir string) []string {
	t.Helper()
	names, err := filepath.Glob(filepath.Join(dir, segPrefix+"*"+segSuffix))
	if err != nil {
		t.Fatal(err)
	}
	return names
}

// TestHighlightCache: the output is byte-identical with no cache, a cold
// cache and a warm one; a warm build highlights nothing; corrupt records,
// and truncated, empty or corrupt segments, are rebuilt, never served.
func TestHighlightCache(t *testing.T) {
	plain, _ := buildReal(t, "")
	fresh := func(t *testing.T) string {
		dir := t.TempDir()
		cold, r := buildReal(t, dir)
		sameFiles(t, "cold cache", plain, cold)
		if r.hl.cache.hits.Load() != 0 || r.hl.cache.misses.Load() == 0 {
			t.Errorf("cold build: %d hits, %d misses", r.hl.cache.hits.Load(), r.hl.cache.misses.Load())
		}
		if n := len(segments(t, dir)); n != 1 {
			t.Errorf("a cold build wrote %d segments, want 1", n)
		}
		warm, r := buildReal(t, dir)
		sameFiles(t, "warm cache", plain, warm)
		if n := missed(r); n != 0 {
			t.Errorf("warm build missed %d times", n)
		}
		if n := len(segments(t, dir)); n != 1 {
			t.Errorf("a warm build added a segment: %d", n)
		}
		return dir
	}

	damage := []struct {
		name string
		do   func(t *testing.T, path string)
	}{
		{"a byte of every record flipped", func(t *testing.T, path string) {
			seg, recs := readSegment(path)
			if seg == nil {
				t.Fatal("the segment does not read")
			}
			seg.f.Close()
			data, _ := os.ReadFile(path)
			for _, r := range recs {
				data[r.off+int64(r.n)/2] ^= 0x20
			}
			os.WriteFile(path, data, 0o644)
		}},
		{"truncated", func(t *testing.T, path string) {
			data, _ := os.ReadFile(path)
			os.WriteFile(path, data[:len(data)/2], 0o644)
		}},
		{"one byte short", func(t *testing.T, path string) {
			data, _ := os.ReadFile(path)
			os.WriteFile(path, data[:len(data)-1], 0o644)
		}},
		{"empty", func(t *testing.T, path string) { os.WriteFile(path, nil, 0o644) }},
		{"index corrupt", func(t *testing.T, path string) {
			data, _ := os.ReadFile(path)
			data[len(data)-trailerSize-recordSize+3] ^= 1 // the last record's key
			os.WriteFile(path, data, 0o644)
		}},
	}
	for _, d := range damage {
		t.Run(d.name, func(t *testing.T) {
			dir := fresh(t)
			d.do(t, segments(t, dir)[0])
			repaired, r := buildReal(t, dir)
			sameFiles(t, "damaged cache", plain, repaired)
			if r.hl.cache.hits.Load() != 0 {
				t.Errorf("served %d damaged records", r.hl.cache.hits.Load())
			}
			again, r := buildReal(t, dir)
			sameFiles(t, "repaired cache", plain, again)
			if n := missed(r); n != 0 {
				t.Errorf("the damaged records were not rewritten: %d misses", n)
			}
		})
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
	if n := missed(r); n != 0 {
		t.Errorf("after concurrent builds the cache has %d bad or missing entries", n)
	}
	filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasPrefix(filepath.Base(p), ".") {
			t.Errorf("left a temporary file: %s", p)
		}
		return nil
	})
}

// TestHighlightCacheMerge: when flushes pile up segments, they are merged
// into one that still holds every record, and corrupt segments go.
func TestHighlightCacheMerge(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, segPrefix+"0000000000000000-00000000"+segSuffix), []byte(segMagic+"not a segment"), 0o644)
	code := func(i int) string { return fmt.Sprintf("package main\n\nconst n = %d\n", i) }
	for i := range 6 {
		h := newHighlighter()
		h.cache = newHLCache(dir)
		h.cache.maxSegs = 4
		for j := 0; j <= i; j++ {
			if err := h.highlight(&bytes.Buffer{}, "go", code(j)); err != nil {
				t.Fatal(err)
			}
		}
		h.cache.flush()
		if h.cache.misses.Load() != 1 || h.cache.hits.Load() != int64(i) {
			t.Errorf("flush %d: %d hits, %d misses", i, h.cache.hits.Load(), h.cache.misses.Load())
		}
	}
	// Segments 1 to 5 merged into one on the fifth flush; the sixth added one.
	if got := len(segments(t, dir)); got != 2 {
		t.Errorf("%d segments after the merge, want 2", got)
	}
	h := newHighlighter()
	h.cache = newHLCache(dir)
	for j := range 6 {
		var cached, fresh bytes.Buffer
		h.highlight(&cached, "go", code(j))
		newHighlighter().highlight(&fresh, "go", code(j))
		if cached.String() != fresh.String() {
			t.Errorf("record %d differs after the merge", j)
		}
	}
	if h.cache.misses.Load() != 0 {
		t.Errorf("%d records lost in the merge", h.cache.misses.Load())
	}
}

// TestHighlightCacheMergeKeepsLargest: serve's small segments are merged
// without rewriting the full build's large one.
func TestHighlightCacheMergeKeepsLargest(t *testing.T) {
	dir := t.TempDir()
	code := func(i int) string { return fmt.Sprintf("package main\n\nconst n = %d\n", i) }
	flush := func(from, to int) {
		h := newHighlighter()
		h.cache = newHLCache(dir)
		h.cache.maxSegs = 4
		for j := from; j < to; j++ {
			h.highlight(&bytes.Buffer{}, "go", code(j))
		}
		h.cache.flush()
	}
	flush(0, 50) // the full build
	big := segments(t, dir)[0]
	for i := range 5 {
		flush(50+i, 51+i)
	}
	// The fourth small flush made five segments: the small four were
	// merged; the fifth came after.
	got := segments(t, dir)
	if len(got) != 3 || got[0] != big {
		t.Errorf("segments after the merge: %v, want the large one and two more", got)
	}
	h := newHighlighter()
	h.cache = newHLCache(dir)
	for j := range 55 {
		h.highlight(&bytes.Buffer{}, "go", code(j))
	}
	if h.cache.misses.Load() != 0 {
		t.Errorf("%d records lost in the merge", h.cache.misses.Load())
	}
}

// forgeSegment writes a segment file of size bytes at path: segMagic, the
// index at indexOff, and a trailer that claims count records there. What
// it does not write reads as zeros and takes no disk.
func forgeSegment(t *testing.T, path string, size int64, indexOff uint64, count uint32, index []byte) {
	t.Helper()
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if err := f.Truncate(size); err != nil {
		t.Skipf("no sparse file of %d bytes here: %v", size, err)
	}
	f.WriteAt([]byte(segMagic), 0)
	if index != nil {
		f.WriteAt(index, int64(indexOff))
	}
	sum := sha256.Sum256(index)
	trailer := binary.LittleEndian.AppendUint64(nil, indexOff)
	trailer = binary.LittleEndian.AppendUint32(trailer, count)
	trailer = append(append(trailer, sum[:]...), trailerMagic...)
	if _, err := f.WriteAt(trailer, size-int64(trailerSize)); err != nil {
		t.Fatal(err)
	}
}

// indexRecord is one record of a segment's index.
func indexRecord(off uint64, n uint32) []byte {
	b := make([]byte, sha256.Size, recordSize)
	b = binary.LittleEndian.AppendUint64(b, off)
	b = binary.LittleEndian.AppendUint32(b, n)
	return append(b, make([]byte, sha256.Size)...)
}

// TestReadSegmentForged: a segment whose trailer or index lies is ignored,
// and reading it allocates next to nothing, however many records or bytes
// it claims: a sparse file costs its forger no disk.
func TestReadSegmentForged(t *testing.T) {
	magic := uint64(len(segMagic))
	exact := func(count uint32) int64 { return int64(magic) + int64(count)*recordSize + int64(trailerSize) }
	tests := []struct {
		name     string
		size     int64
		indexOff uint64
		count    uint32
		index    []byte
	}{
		{name: "64 MiB of zero records", size: exact(64 << 20 / recordSize), indexOff: magic, count: 64 << 20 / recordSize},
		{name: "2^32-1 zero records", size: exact(1<<32 - 1), indexOff: magic, count: 1<<32 - 1},
		{name: "2^32-1 records in a small file", size: 4096, indexOff: magic, count: 1<<32 - 1},
		{name: "index offset past 2^63", size: 4096, indexOff: 1<<64 - 1, count: 1},
		{name: "index offset near 2^63", size: 4096, indexOff: 1<<63 - 8, count: 1 << 31},
		{name: "a record past the end of int64", size: exact(1) + 100, indexOff: magic + 100, count: 1,
			index: indexRecord(1<<63-1, 1<<31)},
		{name: "a record of 1 GiB", size: int64(magic) + 1<<30 + recordSize + int64(trailerSize), indexOff: magic + 1<<30, count: 1,
			index: indexRecord(magic, 1<<30)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "statusref-hl-0000000000000000-00000000"+segSuffix)
			forgeSegment(t, path, tt.size, tt.indexOff, tt.count, tt.index)
			var before, after runtime.MemStats
			runtime.ReadMemStats(&before)
			seg, recs := readSegment(path)
			runtime.ReadMemStats(&after)
			if seg != nil {
				seg.f.Close()
				t.Errorf("read a forged segment: %d records", len(recs))
			}
			if n := after.TotalAlloc - before.TotalAlloc; n > 1<<20 {
				t.Errorf("reading it allocated %d bytes", n)
			}
		})
	}
}

// TestHighlightCacheOwnFiles: the cache folder may be one the user named
// with -cache, holding files of theirs. The cache reads and removes only
// segments it wrote, named statusref-hl-….seg and starting with segMagic,
// and its own stale temporaries, .statusref-hl-tmp-*.
func TestHighlightCacheOwnFiles(t *testing.T) {
	dir := t.TempDir()
	old := time.Now().Add(-48 * time.Hour)
	files := []struct {
		name, data string
		aged       bool // older than a day, when stale temporaries go
		keep       bool
	}{
		{name: "notes.seg", data: "the user's notes", keep: true},
		{name: "0000000000000000-00000000.seg", data: "not a segment", keep: true},
		{name: segPrefix + "0000000000000000-00000000" + segSuffix, data: "the user's, under the cache's name", keep: true},
		{name: segPrefix + "0000000000000001-00000000" + segSuffix, data: segMagic + "a segment cut short"},
		{name: ".tmp-1", data: "the user's", aged: true, keep: true},
		{name: ".statusref-hl-tmp-1", data: segMagic, aged: true},
		{name: ".statusref-hl-tmp-2", data: segMagic, keep: true}, // a build may be writing it
	}
	for _, f := range files {
		p := filepath.Join(dir, f.name)
		if err := os.WriteFile(p, []byte(f.data), 0o644); err != nil {
			t.Fatal(err)
		}
		if f.aged {
			os.Chtimes(p, old, old)
		}
	}
	code := "package main\n"
	h := newHighlighter()
	h.cache = newHLCache(dir)
	h.cache.maxSegs = 0 // merge on this flush, which removes bad segments
	if err := h.highlight(&bytes.Buffer{}, "go", code); err != nil {
		t.Fatal(err)
	}
	h.cache.flush()
	for _, f := range files {
		data, err := os.ReadFile(filepath.Join(dir, f.name))
		switch {
		case f.keep && (err != nil || string(data) != f.data):
			t.Errorf("%s: not kept as it was: %q, %v", f.name, data, err)
		case !f.keep && err == nil:
			t.Errorf("%s: not removed", f.name)
		}
	}
	if _, ok := cached(dir, "go", code); !ok {
		t.Error("the block was not cached")
	}
}

// TestModulesVersion: the cache key names the version of every module that
// tokenises, so upgrading the regexp engine alone (which changed how Java
// numbers lex) misses the cache.
func TestModulesVersion(t *testing.T) {
	deps := func(chroma, re string) []*debug.Module {
		return []*debug.Module{
			{Path: "github.com/alecthomas/chroma/v2", Version: chroma},
			{Path: "golang.org/x/sys", Version: "v0.1.0"},
			{Path: "github.com/dlclark/regexp2/v2", Version: re},
		}
	}
	a := modulesVersion(deps("v2.27.0", "v2.2.1"))
	if want := "github.com/alecthomas/chroma/v2@v2.27.0 github.com/dlclark/regexp2/v2@v2.2.1"; a != want {
		t.Errorf("modulesVersion = %q, want %q", a, want)
	}
	if b := modulesVersion(deps("v2.27.0", "v2.13.3")); b == a {
		t.Errorf("a new regexp2 gives the same version %q", b)
	}
	replaced := deps("v2.27.0", "v2.2.1")
	replaced[2].Replace = &debug.Module{Path: "../regexp2", Version: ""}
	if got := modulesVersion(replaced); !strings.Contains(got, "../regexp2@") {
		t.Errorf("a replaced module is not named by its replacement: %q", got)
	}
	if got := modulesVersion(nil); got != "github.com/alecthomas/chroma/v2@unknown github.com/dlclark/regexp2/v2@unknown" {
		t.Errorf("modulesVersion(nil) = %q", got)
	}
}
