package generator

import (
	"bytes"
	"crypto/rand"
	"crypto/sha256"
	"embed"
	"encoding/binary"
	"encoding/hex"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"runtime/debug"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"time"
)

// hlCache is a content-addressed cache of highlighted code on disk. The key
// hashes everything the HTML depends on: the versions of the modules that
// tokenise (lexerVersion), the version of the markup (formatVersion), the
// language and the code.
//
// The cache is a folder of segments rather than a file per block, because
// creating a file costs far more than appending to one: on the two-core
// machine of BENCHMARKS.md, a file per block made a cold build of 1,000
// entries take twice as long as no cache at all. A render appends what it
// highlighted to one new segment, under a temporary name, and flush renames
// it into place when the render ends; a segment never changes after that,
// so concurrent builds never see part of one. Every record carries a
// SHA-256 of its payload, and every segment's index a SHA-256 of the index,
// so a corrupt or truncated record or segment is ignored and rebuilt, never
// served. When segments pile up (serve adds one per rebuild that highlights
// something), a flush merges them (see merge).
//
// A segment is:
//
//	segMagic
//	the payloads, back to back
//	the index: per record its key (32 bytes), offset (uint64), length
//	           (uint32) and the SHA-256 of its payload (32 bytes)
//	the trailer: the index's offset (uint64), its record count (uint32),
//	           its SHA-256 (32 bytes) and trailerMagic
//
// with integers little-endian. Its name, statusref-hl-<unix nanoseconds,
// 16 hex digits>-<random, 8 hex digits>.seg, sorts by age; where segments
// disagree about a key, the newest wins. A segment is written as
// .statusref-hl-tmp-<random> and renamed into place.
//
// The folder may be one the user named with -cache, holding their own
// files, so the cache touches only its own: it reads files named as its
// segments are, and removes only those that start with segMagic (a merged
// or corrupt segment) and its own temporaries a day old (a crashed
// build's).
type hlCache struct {
	dir     string
	maxSegs int // merge when a flush would leave more segments than this

	open sync.Once
	mu   sync.RWMutex
	segs []*segment // oldest first
	all  []*segment // every segment this cache opened, by id
	bad  []string   // segments that are truncated or corrupt
	idx  map[hlKey]record

	out     *atomicFile // the segment this render appends to, from its first miss
	outRecs []record
	pending map[hlKey]bool // in out, not yet readable
	broken  bool           // writing failed; the cache only reads from now on

	hits, misses atomic.Int64
	unfit        atomic.Int64 // misses never put, as their tokens hold Error tokens
}

type hlKey [sha256.Size]byte

type segment struct {
	id   int32 // its index in hlCache.all
	name string
	f    *os.File
	size int64
}

// A record holds no pointers, so that the collector need not scan the
// index, which has an entry per block of the site.
type record struct {
	key hlKey
	seg int32 // the segment's id
	off int64
	n   uint32
	sum [sha256.Size]byte
}

// add makes seg one of the cache's segments and indexes its records.
func (c *hlCache) add(seg *segment, recs []record) {
	seg.id = int32(len(c.all))
	c.all = append(c.all, seg)
	c.segs = append(c.segs, seg)
	for _, r := range recs {
		r.seg = seg.id
		c.idx[r.key] = r
	}
}

const (
	segMagic     = "statusref-highlight-v2\n"
	trailerMagic = "statusref-hl-v2\n"
	recordSize   = sha256.Size + 8 + 4 + sha256.Size
	trailerSize  = 8 + 4 + sha256.Size + len(trailerMagic)
	segPrefix    = "statusref-hl-"
	segSuffix    = ".seg"
	tmpPrefix    = ".statusref-hl-tmp-"
	tmpPattern   = tmpPrefix + "*" // for os.CreateTemp
	maxRecord    = 16 << 20        // the largest block put keeps: above what any block of a 256 KiB entry comes to
)

// segName matches the names of the cache's segments.
var segName = regexp.MustCompile(`^` + segPrefix + `[0-9a-f]{16}-[0-9a-f]{8}` + regexp.QuoteMeta(segSuffix) + `$`)

// isSegment reports whether the file at path is a regular file that starts
// with segMagic: a segment, though perhaps a corrupt one, that the cache
// wrote.
func isSegment(path string) bool {
	f, err := os.OpenFile(path, os.O_RDONLY|syscall.O_NONBLOCK, 0)
	if err != nil {
		return false
	}
	defer f.Close()
	head := make([]byte, len(segMagic))
	info, err := f.Stat()
	if err != nil || !info.Mode().IsRegular() {
		return false
	}
	_, err = f.ReadAt(head, 0)
	return err == nil && string(head) == segMagic
}

func newHLCache(dir string) *hlCache { return &hlCache{dir: dir, maxSegs: 16} }

// lexerModules are the modules whose version changes the tokens of a
// block: chroma's lexers, and the regexp engine they run on (regexp2
// v2.2.1 missed Java's integer literals that v2.13.3 finds).
var lexerModules = []string{"github.com/alecthomas/chroma/v2", "github.com/dlclark/regexp2/v2"}

// scannerSources is the source of highlight.go's scanners (and of
// highlight.go itself), which tokenise in chroma's place: changing a
// scanner misses the cache, as upgrading chroma does.
//
//go:embed highlight.go highlightgo.go highlightjava.go highlightjs.go highlightpython.go
var scannerSources embed.FS

// lexerVersion names the versions of lexerModules and of Go this program
// was built with, and hashes the source of the scanners, so that changing
// any of them misses the cache instead of serving tokens the new version
// would not give.
var lexerVersion = sync.OnceValue(func() string {
	// Go code is tokenised by go/scanner (highlightgo.go), part of the
	// toolchain the program was built with.
	goScanner := "go/scanner@" + runtime.Version()
	h := sha256.New()
	fs.WalkDir(scannerSources, ".", func(path string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			b, _ := scannerSources.ReadFile(path)
			fmt.Fprintf(h, "%s %d\n", path, len(b))
			h.Write(b)
		}
		return nil
	})
	scanners := fmt.Sprintf("scanners@%x", h.Sum(nil)[:8])
	bi, ok := debug.ReadBuildInfo()
	if !ok {
		return "unknown " + goScanner + " " + scanners
	}
	return modulesVersion(bi.Deps) + " " + goScanner + " " + scanners
})

// modulesVersion is "path@version" of each of lexerModules among deps,
// following replacements, or "path@unknown" where it is missing.
func modulesVersion(deps []*debug.Module) string {
	var parts []string
	for _, path := range lexerModules {
		v := path + "@unknown"
		for _, d := range deps {
			if d.Path != path {
				continue
			}
			v = path + "@" + d.Version
			if d.Replace != nil {
				v = d.Replace.Path + "@" + d.Replace.Version
			}
		}
		parts = append(parts, v)
	}
	return strings.Join(parts, " ")
}

// cacheKey names the cache entry for one block of code.
func cacheKey(lang, code string) hlKey {
	h := sha256.New()
	for _, part := range []string{segMagic, lexerVersion(), formatVersion, lang, code} {
		h.Write([]byte(part))
		h.Write([]byte{0})
	}
	var k hlKey
	h.Sum(k[:0])
	return k
}

// load reads the index of every segment in the folder, once.
func (c *hlCache) load() {
	c.open.Do(func() {
		c.idx = map[hlKey]record{}
		c.pending = map[hlKey]bool{}
		ents, err := os.ReadDir(c.dir)
		if err != nil {
			return // no cache yet
		}
		for _, e := range ents { // sorted by name, so oldest first
			name := e.Name()
			if !e.Type().IsRegular() {
				continue // a FIFO would hold up the open; a link may lead anywhere
			}
			switch {
			case segName.MatchString(name):
				seg, recs := readSegment(filepath.Join(c.dir, name))
				if seg == nil {
					c.bad = append(c.bad, name) // ignored; the next merge removes it if it is ours
					continue
				}
				c.add(seg, recs)
			case strings.HasPrefix(name, tmpPrefix):
				// A segment a crashed build never finished.
				if info, err := e.Info(); err == nil && time.Since(info.ModTime()) > 24*time.Hour {
					removeCacheFile(filepath.Join(c.dir, name))
				}
			}
		}
	})
}

// readSegment opens a segment and checks and reads its index. It returns
// nil for anything but a whole, well-formed segment. Nothing it reads is
// trusted before it is checked: the index is read a chunk at a time, each
// record checked as it comes, so a trailer that claims 2^32 records, over
// a sparse file that costs no disk, costs no memory either.
func readSegment(path string) (*segment, []record) {
	// O_NONBLOCK: opening a FIFO would otherwise wait for a writer.
	f, err := os.OpenFile(path, os.O_RDONLY|syscall.O_NONBLOCK, 0)
	if err != nil {
		return nil, nil
	}
	ok := false
	defer func() {
		if !ok {
			f.Close()
		}
	}()
	info, err := f.Stat()
	if err != nil || !info.Mode().IsRegular() || info.Size() < int64(len(segMagic)+trailerSize) {
		return nil, nil
	}
	size := info.Size()
	head := make([]byte, len(segMagic))
	trailer := make([]byte, trailerSize)
	if _, err := f.ReadAt(head, 0); err != nil || string(head) != segMagic {
		return nil, nil
	}
	if _, err := f.ReadAt(trailer, size-int64(trailerSize)); err != nil || string(trailer[trailerSize-len(trailerMagic):]) != trailerMagic {
		return nil, nil
	}
	// In uint64, where nothing here can overflow: the index lies between
	// the payloads and the trailer, and fills that space exactly.
	indexOff := binary.LittleEndian.Uint64(trailer[0:8])
	count := uint64(binary.LittleEndian.Uint32(trailer[8:12]))
	indexEnd := uint64(size - int64(trailerSize))
	if indexOff < uint64(len(segMagic)) || indexOff > indexEnd || indexEnd-indexOff != count*recordSize {
		return nil, nil
	}
	const chunk = 1024 // records read at a time
	buf := make([]byte, min(count, chunk)*recordSize)
	sum := sha256.New()
	var recs []record
	for done := uint64(0); done < count; {
		b := buf[:min(count-done, chunk)*recordSize]
		if _, err := f.ReadAt(b, int64(indexOff+done*recordSize)); err != nil {
			return nil, nil
		}
		sum.Write(b)
		for ; len(b) > 0; b = b[recordSize:] {
			var r record
			copy(r.key[:], b[:32])
			off := binary.LittleEndian.Uint64(b[32:40])
			r.n = binary.LittleEndian.Uint32(b[40:44])
			copy(r.sum[:], b[44:recordSize])
			if off < uint64(len(segMagic)) || off > indexOff || uint64(r.n) > indexOff-off || r.n > maxRecord {
				return nil, nil
			}
			r.off = int64(off)
			recs = append(recs, r)
			done++
		}
	}
	if !bytes.Equal(sum.Sum(nil), trailer[12:12+sha256.Size]) {
		return nil, nil
	}
	ok = true
	return &segment{name: filepath.Base(path), f: f, size: size}, recs
}

// readRecord returns the payload of r, in seg, if it is whole and
// uncorrupted.
func readRecord(seg *segment, r record) ([]byte, bool) {
	data := make([]byte, r.n)
	if _, err := seg.f.ReadAt(data, r.off); err != nil {
		return nil, false
	}
	if sha256.Sum256(data) != r.sum {
		return nil, false
	}
	return data, true
}

// get returns the cached HTML for key, if a whole, uncorrupted record is there.
func (c *hlCache) get(key hlKey) ([]byte, bool) {
	c.load()
	c.mu.RLock()
	r, ok := c.idx[key]
	var seg *segment
	if ok {
		seg = c.all[r.seg]
	}
	c.mu.RUnlock()
	if ok {
		if data, ok := readRecord(seg, r); ok {
			c.hits.Add(1)
			return data, true
		}
	}
	c.misses.Add(1)
	return nil, false
}

// put adds html under key to this render's segment. A failure only costs
// the next build time, so it is not an error of the build.
func (c *hlCache) put(key hlKey, html []byte) {
	c.load()
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.broken || c.pending[key] || len(html) > maxRecord {
		return
	}
	if c.out == nil {
		f, err := createAtomic(c.dir, tmpPattern)
		if err == nil {
			_, err = f.Write([]byte(segMagic))
		}
		if err != nil {
			c.broken = true
			return
		}
		c.out, c.outRecs = f, nil
	}
	r := record{key: key, off: c.out.size(), n: uint32(len(html)), sum: sha256.Sum256(html)}
	if _, err := c.out.Write(html); err != nil {
		c.out.abort()
		c.out, c.broken = nil, true
		return
	}
	c.outRecs = append(c.outRecs, r)
	c.pending[key] = true
}

// flush puts this render's segment in place, where this cache and every
// later build read it, and merges the segments when there are too many.
func (c *hlCache) flush() {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.out == nil {
		return
	}
	_, err := c.commit(c.out, c.outRecs)
	c.out, c.outRecs, c.pending = nil, nil, map[hlKey]bool{}
	if err != nil {
		c.broken = true
		return
	}
	if len(c.segs) > c.maxSegs {
		c.merge()
	}
}

// commit writes the index and the trailer of a segment and renames it into
// place, then opens it for reading and adds it and its records to the
// cache.
func (c *hlCache) commit(f *atomicFile, recs []record) (*segment, error) {
	var index bytes.Buffer
	for _, r := range recs {
		index.Write(r.key[:])
		index.Write(binary.LittleEndian.AppendUint64(nil, uint64(r.off)))
		index.Write(binary.LittleEndian.AppendUint32(nil, r.n))
		index.Write(r.sum[:])
	}
	indexOff := f.size()
	trailer := binary.LittleEndian.AppendUint64(nil, uint64(indexOff))
	trailer = binary.LittleEndian.AppendUint32(trailer, uint32(len(recs)))
	sum := sha256.Sum256(index.Bytes())
	trailer = append(append(trailer, sum[:]...), trailerMagic...)
	if _, err := f.Write(index.Bytes()); err != nil {
		f.abort()
		return nil, err
	}
	if _, err := f.Write(trailer); err != nil {
		f.abort()
		return nil, err
	}
	var rnd [4]byte
	rand.Read(rnd[:])
	name := fmt.Sprintf("%s%016x-%s%s", segPrefix, time.Now().UnixNano(), hex.EncodeToString(rnd[:]), segSuffix)
	if err := f.commit(name); err != nil {
		return nil, err
	}
	rf, err := os.Open(filepath.Join(c.dir, name))
	if err != nil {
		return nil, err
	}
	seg := &segment{name: name, f: rf, size: indexOff + int64(index.Len()+len(trailer))}
	c.add(seg, recs)
	return seg, nil
}

// merge rewrites the records of several segments into one new segment and
// removes them. When one segment holds most of the cache (a full build's,
// with the small ones of serve's rebuilds after it), it is left as it is
// and the others are merged, so that a merge costs what they hold rather
// than the whole cache. A build that has the removed segments open still
// reads them; one that lists the folder later finds the merged one.
func (c *hlCache) merge() {
	var total int64
	largest := c.segs[0]
	for _, s := range c.segs {
		total += s.size
		if s.size > largest.size {
			largest = s
		}
	}
	merged := map[int32]bool{}
	var keep []*segment
	for _, s := range c.segs {
		if s == largest && 2*s.size > total {
			keep = append(keep, s)
		} else {
			merged[s.id] = true
		}
	}
	f, err := createAtomic(c.dir, tmpPattern)
	if err == nil {
		_, err = f.Write([]byte(segMagic))
	}
	if err != nil {
		return
	}
	var keys []hlKey
	for k, r := range c.idx {
		if merged[r.seg] {
			keys = append(keys, k)
		}
	}
	slices.SortFunc(keys, func(a, b hlKey) int { return bytes.Compare(a[:], b[:]) })
	var recs []record
	for _, k := range keys {
		r := c.idx[k]
		data, ok := readRecord(c.all[r.seg], r)
		if !ok {
			delete(c.idx, k)
			continue
		}
		nr := record{key: k, off: f.size(), n: r.n, sum: r.sum}
		if _, err := f.Write(data); err != nil {
			f.abort()
			return
		}
		recs = append(recs, nr)
	}
	seg, err := c.commit(f, recs)
	if err != nil {
		return
	}
	for id := range merged {
		s := c.all[id]
		s.f.Close()
		removeCacheFile(filepath.Join(c.dir, s.name))
	}
	for _, name := range c.bad {
		if p := filepath.Join(c.dir, name); isSegment(p) {
			removeCacheFile(p)
		}
	}
	c.segs, c.bad = append(keep, seg), nil
}
