package generator

import (
	"context"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"sync"
	"testing"

	"github.com/statusref/statusref/generator/internal/synthetic"
)

// The benchmarks build synthetic catalogues (package synthetic) of N
// entries with the real templates: N = 100 and 1,000, and 10,000 when
// STATUSREF_BENCH_LARGE=1 is set, since one cold build of that takes
// about a minute on two cores. For example:
//
//	go test ./generator -run '^$' -bench . -benchtime 3x
//	STATUSREF_BENCH_LARGE=1 go test ./generator -run '^$' -bench 'Build/N=10000' -benchtime 1x
//
// BENCHMARKS.md has the figures, and the comparison with Hugo.

func benchSizes() []int {
	if os.Getenv("STATUSREF_BENCH_LARGE") == "1" {
		return []int{100, 1000, 10000}
	}
	return []int{100, 1000}
}

// bench holds the synthetic trees, written to disk once per test binary
// so that Load reads files, as a real build does.
var bench struct {
	mu    sync.Mutex
	root  string
	trees map[int]string
}

func synthContent(b *testing.B, n int) fs.FS {
	b.Helper()
	bench.mu.Lock()
	defer bench.mu.Unlock()
	if bench.root == "" {
		dir, err := os.MkdirTemp("", "statusref-bench-*")
		if err != nil {
			b.Fatal(err)
		}
		bench.root, bench.trees = dir, map[int]string{}
	}
	if dir, ok := bench.trees[n]; ok {
		return os.DirFS(dir)
	}
	dir := filepath.Join(bench.root, fmt.Sprintf("content-%d", n))
	if err := Write(context.Background(), dir, func(o Output) error { return synthetic.Generate(n, 1, o.WriteFile) }); err != nil {
		b.Fatal(err)
	}
	bench.trees[n] = dir
	return os.DirFS(dir)
}

func TestMain(m *testing.M) {
	code := m.Run()
	if bench.root != "" {
		os.RemoveAll(bench.root) // the benchmarks made it
	}
	os.Exit(code)
}

// discard is an Output that keeps nothing: Render's own cost.
type discard struct{ bytes int64 }

func (d *discard) WriteFile(name string, data []byte) error {
	d.bytes += int64(len(data))
	return nil
}

func benchTemplates() fs.FS { return os.DirFS("../templates") }

func BenchmarkLoad(b *testing.B) {
	for _, n := range benchSizes() {
		b.Run(fmt.Sprintf("N=%d", n), func(b *testing.B) {
			content := synthContent(b, n)
			b.ReportAllocs()
			for b.Loop() {
				if _, err := load(content, false); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func BenchmarkValidate(b *testing.B) {
	for _, n := range benchSizes() {
		b.Run(fmt.Sprintf("N=%d", n), func(b *testing.B) {
			c, err := load(synthContent(b, n), false)
			if err != nil {
				b.Fatal(err)
			}
			b.ReportAllocs()
			for b.Loop() {
				if err := validate(c); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkRender renders into memory and keeps nothing. cold has no
// highlight cache, so chroma highlights every block; warm has a filled one.
func BenchmarkRender(b *testing.B) {
	for _, n := range benchSizes() {
		for _, mode := range []string{"cold", "warm"} {
			b.Run(fmt.Sprintf("N=%d/%s", n, mode), func(b *testing.B) {
				c, err := check(synthContent(b, n), false)
				if err != nil {
					b.Fatal(err)
				}
				var opts []Option
				if mode == "warm" {
					dir := b.TempDir()
					opts = append(opts, WithHighlightCache(dir))
					r, err := newRenderer(benchTemplates(), opts...)
					if err != nil {
						b.Fatal(err)
					}
					if err := r.Render(c, &discard{}); err != nil {
						b.Fatal(err)
					}
				}
				r, err := newRenderer(benchTemplates(), opts...)
				if err != nil {
					b.Fatal(err)
				}
				b.ReportAllocs()
				var out discard
				for b.Loop() {
					out = discard{}
					if err := r.Render(c, &out); err != nil {
						b.Fatal(err)
					}
				}
				b.SetBytes(out.bytes)
			})
		}
	}
}

// BenchmarkWrite writes an already rendered site: the disk's share.
func BenchmarkWrite(b *testing.B) {
	for _, n := range benchSizes() {
		b.Run(fmt.Sprintf("N=%d", n), func(b *testing.B) {
			files := Files{}
			if _, err := Build(synthContent(b, n), benchTemplates(), files); err != nil {
				b.Fatal(err)
			}
			names := sortedKeys(files)
			var size int64
			for _, data := range files {
				size += int64(len(data))
			}
			dir := filepath.Join(b.TempDir(), "public")
			b.SetBytes(size)
			b.ReportAllocs()
			for b.Loop() {
				err := Write(context.Background(), dir, func(o Output) error {
					for _, name := range names {
						if err := o.WriteFile(name, files[name]); err != nil {
							return err
						}
					}
					return nil
				})
				if err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkBuild is what `statusref build` does: Load, Validate, Render
// and Write into a folder, with an empty highlight cache (cold) or a
// filled one (warm).
func BenchmarkBuild(b *testing.B) {
	for _, n := range benchSizes() {
		for _, mode := range []string{"cold", "warm"} {
			b.Run(fmt.Sprintf("N=%d/%s", n, mode), func(b *testing.B) {
				content := synthContent(b, n)
				tmp := b.TempDir()
				out := filepath.Join(tmp, "public")
				cache := filepath.Join(tmp, "cache")
				build := func(cache string) {
					err := Write(context.Background(), out, func(o Output) error {
						_, err := Build(content, benchTemplates(), o, WithHighlightCache(cache))
						return err
					})
					if err != nil {
						b.Fatal(err)
					}
				}
				if mode == "warm" {
					build(cache)
				}
				b.ReportAllocs()
				i := 0
				for b.Loop() {
					if mode == "cold" {
						b.StopTimer()
						os.RemoveAll(cache)
						cache = filepath.Join(tmp, fmt.Sprintf("cache-%d", i))
						i++
						runtime.GC()
						b.StartTimer()
					}
					build(cache)
				}
			})
		}
	}
}

// BenchmarkRealSite builds content/ with the real templates into memory,
// cold: no highlight cache, as `statusref build -no-cache` does.
func BenchmarkRealSite(b *testing.B) {
	content, tmpl := os.DirFS("../content"), benchTemplates()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Build(content, tmpl, Files{}); err != nil {
			b.Fatal(err)
		}
	}
}
