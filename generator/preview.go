package generator

import (
	"errors"
	"io/fs"
	"slices"
)

// A Preview builds the site in memory, and after an edit renders again
// only the files the edit changes, with the bytes a full build gives.
// serve keeps one; it is not safe for use by several goroutines at once.
type Preview struct {
	content, templates fs.FS
	opts               []Option

	c     *siteContent  // of the last good build; nil after a failed one
	r     *siteRenderer // of the last good build
	dirty []string      // content files changed since the last good build
}

// NewPreview returns a Preview of the content tree with the templates. It
// has built nothing yet.
func NewPreview(content, templates fs.FS, opts ...Option) *Preview {
	return &Preview{content: content, templates: templates, opts: opts}
}

// Build builds the whole site into out, with the templates read afresh,
// and counts what it wrote. The errors are Build's.
func (p *Preview) Build(out Output) (Stats, error) {
	p.c, p.r, p.dirty = nil, nil, nil
	c, err := check(p.content, false)
	if err != nil {
		return Stats{}, err
	}
	r, err := newRenderer(p.templates, p.opts...)
	if err != nil {
		return Stats{}, err
	}
	co := &countingOutput{out: out}
	if err := r.Render(c, co); err != nil {
		return Stats{}, err
	}
	p.c, p.r = c, r
	return co.stats(), nil
}

// Update renders the site again after the named content files changed
// (paths in the content tree, such as "4xx/412.md"). When they are edits
// to existing entries that keep their codes, it reads just those again,
// validates the whole content again, and renders only the files that
// show them (see reload and dependents) into out: full is false. Any
// other change, or an update after a failed build, builds the whole site
// into out: full is true. After a failed update, the files it named are
// read again by the next one, so a fix is checked with every edit since
// the last good build.
func (p *Preview) Update(out Output, names ...string) (full bool, st Stats, err error) {
	if p.c == nil || p.r == nil {
		st, err := p.Build(out)
		return true, st, err
	}
	changed := append(slices.Clone(p.dirty), names...)
	next, render, err := reload(p.c, p.content, changed...)
	if errors.Is(err, errFullBuild) {
		st, err := p.Build(out)
		return true, st, err
	}
	co := &countingOutput{out: out}
	if err == nil {
		err = p.r.RenderFiles(next, co, render)
	}
	if err != nil {
		p.dirty = changed
		return false, Stats{}, err
	}
	p.c, p.dirty = next, nil
	return false, co.stats(), nil
}
