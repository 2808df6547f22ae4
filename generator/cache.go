package generator

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"os"
	"path/filepath"
	"runtime/debug"
	"sync"
	"sync/atomic"
)

// hlCache is a content-addressed cache of highlighted code on disk. The key
// hashes everything the HTML depends on: chroma's version, the styles, the
// formatter's options, the language and the code. Entries are written to a
// temporary file and renamed into place, so concurrent builds never see a
// partial one; each carries a checksum of its payload, so a corrupt or
// truncated entry is ignored and rebuilt, never served.
type hlCache struct {
	dir          string
	hits, misses atomic.Int64
}

const cacheMagic = "statusref-highlight-v1\n"

func newHLCache(dir string) *hlCache { return &hlCache{dir: dir} }

var chromaVersion = sync.OnceValue(func() string {
	if bi, ok := debug.ReadBuildInfo(); ok {
		for _, d := range bi.Deps {
			if d.Path == "github.com/alecthomas/chroma/v2" {
				if d.Replace != nil {
					return d.Replace.Path + "@" + d.Replace.Version
				}
				return d.Version
			}
		}
	}
	return "unknown"
})

// cacheKey names the cache entry for one block of code.
func cacheKey(lang, code string) string {
	h := sha256.New()
	for _, part := range []string{cacheMagic, chromaVersion(), LightStyle, DarkStyle, "classes=true", lang, code} {
		h.Write([]byte(part))
		h.Write([]byte{0})
	}
	return hex.EncodeToString(h.Sum(nil))
}

func (c *hlCache) path(key string) string { return filepath.Join(c.dir, key[:2], key) }

// get returns the cached HTML for key, if a whole, uncorrupted entry is there.
func (c *hlCache) get(key string) ([]byte, bool) {
	data, err := os.ReadFile(c.path(key))
	if err != nil {
		c.misses.Add(1)
		return nil, false
	}
	rest, ok := bytes.CutPrefix(data, []byte(cacheMagic))
	if !ok || len(rest) < sha256.Size*2+1 || rest[sha256.Size*2] != '\n' {
		c.misses.Add(1)
		return nil, false
	}
	sum, payload := rest[:sha256.Size*2], rest[sha256.Size*2+1:]
	got := sha256.Sum256(payload)
	if hex.EncodeToString(got[:]) != string(sum) {
		c.misses.Add(1)
		return nil, false
	}
	c.hits.Add(1)
	return payload, true
}

// put stores html under key. A failure only costs the next build time, so
// it is not an error of the build.
func (c *hlCache) put(key string, html []byte) {
	sum := sha256.Sum256(html)
	var buf bytes.Buffer
	buf.WriteString(cacheMagic)
	buf.WriteString(hex.EncodeToString(sum[:]))
	buf.WriteByte('\n')
	buf.Write(html)
	writeCacheEntry(c.path(key), buf.Bytes())
}
