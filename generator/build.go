package generator

import (
	"errors"
	"io/fs"
	"maps"
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
)

// Config is what a build reads.
type Config struct {
	Content   fs.FS  // the content tree: <class>/<code>.md, compare/*.md
	Templates fs.FS  // base.html, the page templates and assets/
	BaseURL   string // optional; see WithBaseURL
	CacheDir  string // optional; see WithHighlightCache
}

// Stats counts what a build wrote.
type Stats struct {
	Pages int // HTML pages
	Files int // all files
}

// Build runs the whole pipeline, Load → Validate → Render, into out. Content
// errors come back as an ErrorList with every problem found; nothing is
// rendered unless the content is clean.
func Build(cfg Config, out Output) (Stats, error) {
	c, err := check(cfg.Content, true)
	if err != nil {
		return Stats{}, err
	}
	var opts []Option
	if cfg.BaseURL != "" {
		opts = append(opts, WithBaseURL(cfg.BaseURL))
	}
	if cfg.CacheDir != "" {
		opts = append(opts, WithHighlightCache(cfg.CacheDir))
	}
	r, err := NewRenderer(cfg.Templates, opts...)
	if err != nil {
		return Stats{}, err
	}
	co := &countingOutput{out: out}
	err = r.Render(c, co)
	return Stats{Pages: int(co.pages.Load()), Files: int(co.files.Load())}, err
}

// Check loads and validates the content without rendering, and returns
// every error of both stages in one sorted ErrorList. Entries that failed
// to load are still known by their file names, so links to them are not
// reported as links to missing codes.
func Check(content fs.FS) (*Content, error) { return check(content, false) }

// check is Check, loading lean content (see load) for a build. Once lean
// content is found valid, it also lets go of what only validation reads,
// the scenarios and the outlines: with them, the collector had some
// 500,000 objects to trace at every cycle of a build of 10,000 entries.
func check(content fs.FS, lean bool) (*Content, error) {
	c, err := load(content, lean)
	var errs ErrorList
	if err != nil {
		if !errors.As(err, &errs) {
			return nil, err
		}
	}
	if err := checkLoaded(c, errs); err != nil {
		return c, err
	}
	if lean {
		for _, e := range c.Entries {
			e.Scenarios, e.Sections = nil, nil
		}
	}
	return c, nil
}

// checkLoaded validates loaded content and merges the errors of both
// stages.
func checkLoaded(c *Content, errs ErrorList) error {
	// A line with an unfilled TODO gets that error alone: whatever else is
	// wrong with it is the TODO.
	todo := map[Pos]bool{}
	for _, e := range errs {
		if strings.HasPrefix(e.Msg, "unfilled TODO") {
			todo[Pos{File: e.Pos.File, Line: e.Pos.Line}] = true
		}
	}
	if verr := Validate(c); verr != nil {
		var vl ErrorList
		if !errors.As(verr, &vl) {
			return verr
		}
		for _, e := range vl {
			if !todo[Pos{File: e.Pos.File, Line: e.Pos.Line}] {
				errs = append(errs, e)
			}
		}
	}
	return errs.Err()
}

// ErrFullBuild is Reload's answer to a change it cannot apply on its own.
var ErrFullBuild = errors.New("the change needs a full build")

// Reload is Check for a content tree in which only the named files have
// changed since prev was checked, and prev was free of errors. It reads
// the changed entries again, validates the whole content again (which is
// cheap next to rendering), and returns the new content with the files of
// the site that show the changed entries: rendering only those, with
// RenderFiles, gives the site a full build would. An edit to an entry's
// prose or code changes its page alone; one to its summary, say, every
// page that links it (see dependents).
//
// Only edits to existing entries that keep their code are applied here.
// Anything else returns ErrFullBuild: a new, deleted or renamed entry, a
// code that changed, a comparison, site.yaml, tested-with.yaml or a
// folder. Names Load does not read, such as an editor's temporary files,
// are skipped. Content errors come back as the ErrorList Check would give.
func Reload(prev *Content, content fs.FS, names ...string) (*Content, []string, error) {
	if prev == nil || prev.siteErr || prev.lean {
		// Lean content (Build's) no longer holds what validation reads.
		return nil, nil, ErrFullBuild
	}
	index := make(map[string]int, len(prev.Entries))
	for i, e := range prev.Entries {
		index[e.File] = i
	}
	under := func(dir string) bool {
		for _, e := range prev.Entries {
			if strings.HasPrefix(e.File, dir+"/") {
				return true
			}
		}
		for _, cmp := range prev.Comparisons {
			if cmp.File == dir || strings.HasPrefix(cmp.File, dir+"/") {
				return true
			}
		}
		return false
	}
	next := *prev
	next.Entries = slices.Clone(prev.Entries)
	next.unloaded = maps.Clone(prev.unloaded)
	var errs ErrorList
	var edits []edit
	names = slices.Clone(names)
	slices.Sort(names)
	for _, name := range slices.Compact(names) {
		i, isEntry := index[name]
		info, statErr := fs.Stat(content, name)
		switch {
		case name == siteFile || name == testedWithFile:
			return nil, nil, ErrFullBuild
		case isEntry && statErr == nil && info.Mode().IsRegular():
			// An edit: read it again below.
		case isEntry, statErr == nil && info.IsDir():
			return nil, nil, ErrFullBuild // deleted or renamed, or a folder
		case strings.HasSuffix(name, ".md") && (statErr == nil || under(name)):
			return nil, nil, ErrFullBuild // a new entry or a comparison
		case statErr != nil && under(name):
			return nil, nil, ErrFullBuild // a folder of entries was removed
		default:
			continue // a file Load does not read
		}
		old := prev.Entries[i]
		e := loadEntry(content, name, prev.lean, &errs)
		if e == nil {
			// As Load: the entry is gone, but its code is still known.
			next.Entries[i] = nil
			next.unloaded[old.Code] = true
			continue
		}
		if e.Code != old.Code {
			return nil, nil, ErrFullBuild
		}
		e.digits = prev.CodeDigits
		next.Entries[i] = e
		edits = append(edits, edit{old, e})
	}
	next.Entries = slices.DeleteFunc(next.Entries, func(e *Entry) bool { return e == nil })
	if err := checkLoaded(&next, errs); err != nil {
		return nil, nil, err
	}
	if len(edits) == 0 {
		return &next, nil, nil // nothing the site shows changed
	}
	return &next, dependents(&next, edits), nil
}

type countingOutput struct {
	out          Output
	pages, files atomic.Int64
}

func (c *countingOutput) WriteFile(name string, data []byte) error {
	c.files.Add(1)
	if strings.HasSuffix(name, ".html") {
		c.pages.Add(1)
	}
	return c.out.WriteFile(name, data)
}

// parallel calls f(0) to f(n-1) over GOMAXPROCS goroutines and returns
// when all have returned. Callers keep results by index, so that what they
// make of them does not depend on the order the calls finish in.
func parallel(n int, f func(i int)) {
	var next atomic.Int64
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), n) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := int(next.Add(1)) - 1; i < n; i = int(next.Add(1)) - 1 {
				f(i)
			}
		}()
	}
	wg.Wait()
}
