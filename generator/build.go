package generator

import (
	"errors"
	"io/fs"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
)

// Stats counts what a build wrote.
type Stats struct {
	Entries, Comparisons, Guides int // content files; Check fills only these
	Questions                    int // the decision guide's questions; Check fills it too
	Pages                        int // HTML pages
	Files                        int // all files
}

// Build runs the whole pipeline, Load → Validate → Render, over the
// content tree and the templates (base.html, the page templates and
// assets/), into out. Content errors come back as one error listing every
// problem found; nothing is rendered unless the content is clean.
func Build(content, templates fs.FS, out Output, opts ...Option) (Stats, error) {
	c, err := check(content, true)
	if err != nil {
		return Stats{}, err
	}
	r, err := newRenderer(templates, opts...)
	if err != nil {
		return Stats{}, err
	}
	co := &countingOutput{out: out}
	err = r.Render(c, co)
	st := co.stats()
	st.Entries, st.Comparisons, st.Guides = len(c.Entries), len(c.Comparisons), len(c.Guides)
	return st, err
}

// Check loads and validates the content without rendering, and returns
// how many files of each kind it holds and every error of both stages in
// one sorted list, which Describe prints. Entries that failed to load are
// still known by their file names, so links to them are not reported as
// links to missing codes.
func Check(content fs.FS) (Stats, error) {
	c, err := check(content, false)
	if c == nil {
		return Stats{}, err
	}
	s := Stats{Entries: len(c.Entries), Comparisons: len(c.Comparisons), Guides: len(c.Guides)}
	if c.Decision != nil {
		s.Questions = len(c.Decision.Nodes)
	}
	return s, err
}

// check is Check, loading lean content (see load) for a build. Once lean
// content is found valid, it also lets go of what only validation reads,
// the scenarios and the outlines: with them, the collector had some
// 500,000 objects to trace at every cycle of a build of 10,000 entries.
func check(content fs.FS, lean bool) (*siteContent, error) {
	c, err := load(content, lean)
	var errs errorList
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
func checkLoaded(c *siteContent, errs errorList) error {
	// A line with an unfilled TODO gets that error alone: whatever else is
	// wrong with it is the TODO.
	todo := map[position]bool{}
	for _, e := range errs {
		if strings.HasPrefix(e.Msg, "unfilled TODO") {
			todo[position{File: e.Pos.File, Line: e.Pos.Line}] = true
		}
	}
	if verr := validate(c); verr != nil {
		var vl errorList
		if !errors.As(verr, &vl) {
			return verr
		}
		for _, e := range vl {
			if !todo[position{File: e.Pos.File, Line: e.Pos.Line}] {
				errs = append(errs, e)
			}
		}
	}
	return errs.Err()
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

// stats is what has been written so far.
func (c *countingOutput) stats() Stats {
	return Stats{Pages: int(c.pages.Load()), Files: int(c.files.Load())}
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
