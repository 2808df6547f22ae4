// Command statusref builds the statusref HTTP status code reference: it
// reads entries from content/, checks them, and writes a static site.
//
//	statusref build [-content DIR] [-templates DIR] [-out DIR] [-base-url URL]
//	statusref check [-content DIR]
//	statusref new CODE [-content DIR]
//	statusref serve [-addr 127.0.0.1:8080] [-content DIR] [-templates DIR] [-cache DIR | -no-cache]
//
// Exit codes: 0 success, 1 content errors (or a failed or interrupted
// build), 2 usage.
package main

import (
	"context"
	"embed"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"net"
	"net/netip"
	"net/url"
	"os"
	"os/signal"
	"path/filepath"
	"runtime/debug"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/statusref/statusref/generator"
	preview "github.com/statusref/statusref/generator/serve"
)

//go:embed templates
var embedded embed.FS

const usage = `statusref builds an HTTP status code reference from content/ into a static site.

Usage:
  statusref build [-content DIR] [-templates DIR] [-out DIR] [-base-url URL]
  statusref check [-content DIR]
  statusref new CODE [-content DIR]
  statusref serve [-addr 127.0.0.1:8080] [-content DIR] [-templates DIR] [-cache DIR | -no-cache]

Run "statusref COMMAND -h" for the flags of a command.
`

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

func run(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return 2
	}
	switch args[0] {
	case "build":
		return build(args[1:], stdout, stderr)
	case "check":
		return check(args[1:], stdout, stderr)
	case "new":
		return newEntry(args[1:], stdout, stderr)
	case "serve":
		return serve(args[1:], stdout, stderr)
	case "-h", "-help", "--help", "help":
		fmt.Fprint(stdout, usage)
		return 0
	}
	fmt.Fprintf(stderr, "statusref: unknown command %q\n\n%s", args[0], usage)
	return 2
}

func newFlags(name string, stderr io.Writer) *flag.FlagSet {
	fs := flag.NewFlagSet("statusref "+name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	return fs
}

func build(args []string, stdout, stderr io.Writer) int {
	tuneGC()
	f := newFlags("build", stderr)
	content := f.String("content", "content", "the content `DIR`")
	templates := f.String("templates", "", "read templates from `DIR` instead of the built-in ones")
	out := f.String("out", "public", "write the site into `DIR`")
	baseURL := f.String("base-url", "", "the absolute `URL` the site is hosted at; adds canonical links, sitemap.xml and robots.txt")
	cache := f.String("cache", "", "keep highlighted code in `DIR` (default: the user cache folder's statusref/)")
	noCache := f.Bool("no-cache", false, "highlight every block afresh, without the cache")
	if code, done := parse(f, args); done {
		return code
	}
	if *baseURL != "" {
		u, err := url.Parse(*baseURL)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || u.RawQuery != "" || u.Fragment != "" {
			fmt.Fprintf(stderr, "statusref build: -base-url %q must be an absolute http(s) URL such as https://example.org/statusref\n", *baseURL)
			return 2
		}
	}
	if !isDir(*content) {
		fmt.Fprintf(stderr, "statusref build: -content %s is not a folder\n", *content)
		return 2
	}
	tmpl, builtin, err := templatesFS(*templates)
	if err != nil {
		fmt.Fprintf(stderr, "statusref build: %v\n", err)
		return 2
	}
	opts := []generator.Option{generator.WithBaseURL(*baseURL), generator.WithHighlightCache(cacheDir(*cache, *noCache))}
	if builtin != nil {
		opts = append(opts, generator.WithTemplateFallback(builtin))
	}
	start := time.Now()
	// Ctrl-C or SIGTERM stops the build before the swap, and Write removes
	// its build folder; a second signal ends the process at once, which
	// leaves the site whole too (Write's swap is one step).
	ctx, stop := notifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	go func() {
		<-ctx.Done()
		stop()
	}()
	var stats generator.Stats
	err = generator.Write(ctx, *out, func(o generator.Output) error {
		var err error
		stats, err = generator.Build(os.DirFS(*content), tmpl, o, opts...)
		return err
	})
	if err != nil && ctx.Err() != nil && errors.Is(err, context.Canceled) {
		fmt.Fprintf(stderr, "statusref build: stopped by a signal; %s is as it was\n", *out)
		return 1
	}
	if err != nil {
		tdir := *templates
		if tdir == "" {
			tdir = "templates (built in)"
		}
		return report(stderr, *content, tdir, err)
	}
	fmt.Fprintf(stdout, "wrote %d pages (%d files) to %s in %s\n", stats.Pages, stats.Files, *out, time.Since(start).Round(time.Millisecond))
	return 0
}

// count is n and the noun for n of something.
func count(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}

// notifyContext is signal.NotifyContext; the crash test wraps it to learn
// when a signal has reached the build.
var notifyContext = signal.NotifyContext

func check(args []string, stdout, stderr io.Writer) int {
	f := newFlags("check", stderr)
	content := f.String("content", "content", "the content `DIR`")
	if code, done := parse(f, args); done {
		return code
	}
	if !isDir(*content) {
		fmt.Fprintf(stderr, "statusref check: -content %s is not a folder\n", *content)
		return 2
	}
	c, err := generator.Check(os.DirFS(*content))
	if err != nil {
		return report(stderr, *content, "", err)
	}
	fmt.Fprintf(stdout, "%s: %s, %s, %s and %s are fine\n", *content, count(c.Entries, "entry", "entries"),
		count(c.Comparisons, "comparison", "comparisons"), count(c.Guides, "guide", "guides"),
		count(c.Questions, "decision-guide question", "decision-guide questions"))
	return 0
}

func newEntry(args []string, stdout, stderr io.Writer) int {
	f := newFlags("new", stderr)
	content := f.String("content", "content", "the content `DIR`")
	// The code comes first (statusref new 425 -content DIR), but accept
	// flags before it too.
	var codeArg string
	if len(args) > 0 && !strings.HasPrefix(args[0], "-") {
		codeArg, args = args[0], args[1:]
	}
	if err := f.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		return 2
	}
	rest := f.Args()
	if codeArg == "" && len(rest) > 0 {
		codeArg, rest = rest[0], rest[1:]
	}
	if codeArg == "" || len(rest) > 0 {
		fmt.Fprintln(stderr, "usage: statusref new CODE [-content DIR]")
		return 2
	}
	code, err := strconv.Atoi(codeArg)
	if err != nil || len(codeArg) != 3 || strconv.Itoa(code) != codeArg {
		fmt.Fprintf(stderr, "statusref new: %q is not a status code: give three digits, e.g. 425\n", codeArg)
		return 2
	}
	p, err := generator.New(*content, code, time.Now())
	if err != nil {
		fmt.Fprintf(stderr, "statusref new: %v\n", err)
		return 1
	}
	fmt.Fprintf(stdout, "wrote %s: fill in every TODO, then run statusref check\n", p)
	return 0
}

func serve(args []string, stdout, stderr io.Writer) int {
	f := newFlags("serve", stderr)
	addr := f.String("addr", "127.0.0.1:8080", "listen on `HOST:PORT`. Requests must name localhost or a loopback address (against DNS rebinding);\n"+
		"with 0.0.0.0:8080, to preview from another device, also this machine's IP address, as in http://192.168.1.5:8080/")
	content := f.String("content", "content", "the content `DIR`")
	templates := f.String("templates", "", "the templates `DIR` (default: templates/ when it exists, else the built-in ones)")
	cache := f.String("cache", "", "keep highlighted code in `DIR` (default: the user cache folder's statusref/)")
	noCache := f.Bool("no-cache", false, "highlight every block afresh, without the cache")
	if code, done := parse(f, args); done {
		return code
	}
	if *templates == "" {
		if st, err := os.Stat("templates"); err == nil && st.IsDir() {
			*templates = "templates"
		}
	}
	tmpl, builtin, err := templatesFS(*templates)
	if err != nil {
		fmt.Fprintf(stderr, "statusref serve: %v\n", err)
		return 2
	}
	srv := preview.New(preview.Config{
		Content: os.DirFS(*content), ContentDir: *content, Templates: tmpl, TemplatesDir: *templates, TemplateFallback: builtin,
		CacheDir: cacheDir(*cache, *noCache), Log: stderr,
	})
	srv.Rebuild() // a failing first build is shown in the browser, and fixed live
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		fmt.Fprintf(stderr, "statusref serve: %v\n", err)
		return 1
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	watched := []string{*content}
	if *templates != "" {
		watched = append(watched, *templates)
	}
	go func() {
		if err := srv.Watch(ctx, watched...); err != nil {
			fmt.Fprintf(stderr, "statusref serve: watching: %v\n", err)
		}
	}()
	where := "http://" + ln.Addr().String() + "/"
	if ap, err := netip.ParseAddrPort(ln.Addr().String()); err == nil && ap.Addr().IsUnspecified() {
		// Browsers refuse 0.0.0.0 and the preview refuses names other
		// than localhost: name the addresses that work.
		where = fmt.Sprintf("http://127.0.0.1:%d/, and from other devices on port %d of this machine's IP address", ap.Port(), ap.Port())
	}
	fmt.Fprintf(stdout, "serving %s on %s (Ctrl-C stops)\n", *content, where)
	hs := srv.HTTPServer()
	if err := preview.Run(ctx, hs, func() error { return hs.Serve(ln) }); err != nil {
		fmt.Fprintf(stderr, "statusref serve: %v\n", err)
		return 1
	}
	fmt.Fprintln(stdout, "stopped")
	return 0
}

func parse(f *flag.FlagSet, args []string) (int, bool) {
	if err := f.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0, true
		}
		return 2, true
	}
	if f.NArg() > 0 {
		fmt.Fprintf(f.Output(), "%s: unexpected argument %q\n", f.Name(), f.Arg(0))
		f.Usage()
		return 2, true
	}
	return 0, false
}

// report prints content errors one per line as path:line:col: message,
// with paths as the user gave them (content/4xx/412.md).
func report(stderr io.Writer, contentDir, templatesDir string, err error) int {
	lines, summary := generator.Describe(err, contentDir, templatesDir)
	for _, l := range lines {
		fmt.Fprintln(stderr, l)
	}
	if summary != "" {
		fmt.Fprintln(stderr, summary)
	}
	return 1
}

// tuneGC sets the garbage collector for a build, unless GOGC or GOMEMLIMIT
// says otherwise. A build allocates far more than it keeps: chroma's
// tokenizer allocates some 5 GB for 1,000 entries, over a live heap of
// tens of MB, so at the default GOGC=100 the collector runs thousands of
// times, and each run also empties the regexp engine's pools. Letting the
// heap grow to five times the live heap, but no further than 200 MiB in
// all, cuts a cold build's CPU time by a tenth or more (BENCHMARKS.md) and
// keeps its peak RSS under 250 MiB at 10,000 entries.
func tuneGC() {
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(400)
	}
	if os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(200 << 20)
	}
}

// cacheDir is where highlighted code is kept: dir, or the user's cache
// folder. With -no-cache, or when there is no user cache folder, nowhere.
func cacheDir(dir string, off bool) string {
	if off {
		return ""
	}
	if dir != "" {
		return dir
	}
	if base, err := os.UserCacheDir(); err == nil {
		return filepath.Join(base, "statusref")
	}
	return ""
}

func isDir(p string) bool {
	st, err := os.Stat(p)
	return err == nil && st.IsDir()
}

// templatesFS is the embedded templates, or dir's when -templates is set;
// builtin is then the embedded ones, for the files dir lacks.
func templatesFS(dir string) (tmpl, builtin fs.FS, err error) {
	builtin, err = fs.Sub(embedded, "templates")
	if err != nil || dir == "" {
		return builtin, nil, err
	}
	if st, err := os.Stat(dir); err != nil || !st.IsDir() {
		return nil, nil, fmt.Errorf("-templates %s is not a folder", dir)
	}
	return os.DirFS(dir), builtin, nil
}
