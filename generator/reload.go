package generator

import (
	"errors"
	"io/fs"
	"maps"
	"reflect"
	"slices"
	"sort"
	"strings"
)

// Incremental rebuilds, for serve: reload checks the content again after
// an edit to a few entries, and dependents names the files of the site
// that show them, which siteRenderer.RenderFiles then renders alone.

// errFullBuild is reload's answer to a change it cannot apply on its own.
var errFullBuild = errors.New("the change needs a full build")

// reload is Check for a content tree in which only the named files have
// changed since prev was checked, and prev was free of errors. It reads
// the changed entries again, validates the whole content again (which is
// cheap next to rendering), and returns the new content with the files of
// the site that show the changed entries: rendering only those, with
// RenderFiles, gives the site a full build would. An edit to an entry's
// prose or code changes its page alone; one to its summary, say, every
// page that links it (see dependents).
//
// Only edits to existing entries that keep their code are applied here.
// Anything else returns errFullBuild: a new, deleted or renamed entry, a
// code that changed, a comparison, site.yaml, tested-with.yaml or a
// folder. Names Load does not read, such as an editor's temporary files,
// are skipped. Content errors come back as the ErrorList Check would give.
func reload(prev *siteContent, content fs.FS, names ...string) (*siteContent, []string, error) {
	if prev == nil || prev.siteErr || prev.lean {
		// Lean content (Build's) no longer holds what validation reads.
		return nil, nil, errFullBuild
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
			if strings.HasPrefix(cmp.File, dir+"/") {
				return true
			}
		}
		for _, g := range prev.Guides {
			if strings.HasPrefix(g.File, dir+"/") {
				return true
			}
		}
		if prev.Decision != nil {
			for _, n := range prev.Decision.Nodes {
				if strings.HasPrefix(n.File, dir+"/") {
					return true
				}
			}
		}
		return false
	}
	next := *prev
	next.Entries = slices.Clone(prev.Entries)
	next.unloaded = maps.Clone(prev.unloaded)
	var errs errorList
	var edits []edit
	names = slices.Clone(names)
	slices.Sort(names)
	for _, name := range slices.Compact(names) {
		i, isEntry := index[name]
		info, statErr := fs.Stat(content, name)
		switch {
		case name == siteFile || name == testedWithFile:
			return nil, nil, errFullBuild
		case isEntry && statErr == nil && info.Mode().IsRegular():
			// An edit: read it again below.
		case isEntry, statErr == nil && info.IsDir():
			return nil, nil, errFullBuild // deleted or renamed, or a folder
		case kindOf(name) != nil && strings.HasSuffix(name, kindOf(name).extension()):
			// A new entry, or a file of a kind reload does not apply
			// edits to (a comparison, a guide, the decision guide),
			// added, edited or gone.
			return nil, nil, errFullBuild
		case statErr != nil && under(name):
			return nil, nil, errFullBuild // a folder of entries was removed
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
			return nil, nil, errFullBuild
		}
		e.digits = prev.CodeDigits
		next.Entries[i] = e
		edits = append(edits, edit{old, e})
	}
	next.Entries = slices.DeleteFunc(next.Entries, func(e *entry) bool { return e == nil })
	if err := checkLoaded(&next, errs); err != nil {
		return nil, nil, err
	}
	if len(edits) == 0 {
		return &next, nil, nil // nothing the site shows changed
	}
	return &next, dependents(&next, edits), nil
}

// An edit is an entry as it was and as it is, with the same code.
type edit struct{ old, new *entry }

// dependents lists the files of the site built from c that can differ
// after the edits, which keep every code. An entry shows in:
//
//   - its own page and its API file (which holds its meaning, quick
//     answer and related codes), always re-rendered;
//   - api/codes.json, when its item there changed;
//   - the search index, when its search item changed;
//   - wherever it is linked, when its link (reason, summary, status,
//     origin) changed: the home page, 404.html, its class page, the pages
//     of its neighbours in the class (their previous and next links), of
//     the entries that relate to it, the comparisons with it, and the
//     decision guide's pages that end at it.
//
// Nothing else shows an entry. (The pages an entry relates to do not show
// it, unless they relate back.) A prose or code edit thus re-renders one
// page and its API file, and an edit to the summary about a dozen.
func dependents(c *siteContent, edits []edit) []string {
	files := map[string]bool{}
	linked := map[int]bool{} // codes whose links changed
	quick := map[int]bool{}  // codes whose quick answer changed
	for _, ed := range edits {
		e := ed.new
		files[e.Page()] = true
		files["api/"+itoa(e.Code)+".json"] = true
		if !reflect.DeepEqual(newAPICode(ed.old, c.TestedWith), newAPICode(e, c.TestedWith)) {
			files["api/codes.json"] = true
		}
		if !reflect.DeepEqual(newSearchItem(ed.old), newSearchItem(e)) {
			files["assets/search-index.js"] = true
		}
		if !reflect.DeepEqual(ed.old.Quick, e.Quick) {
			quick[e.Code] = true
		}
		if codeLink(ed.old, "") != codeLink(e, "") {
			linked[e.Code] = true
			files["index.html"], files["404.html"] = true, true
			files[e.Class()+"/index.html"] = true
		}
	}
	if len(linked) > 0 {
		for i, e := range c.Entries {
			if linked[e.Code] {
				if i > 0 && c.Entries[i-1].Class() == e.Class() {
					files[c.Entries[i-1].Page()] = true
				}
				if i+1 < len(c.Entries) && c.Entries[i+1].Class() == e.Class() {
					files[c.Entries[i+1].Page()] = true
				}
			}
			for _, rel := range e.Related {
				if linked[rel.Code] {
					files[e.Page()] = true
				}
			}
		}
		for _, cmp := range c.Comparisons {
			if linked[cmp.Codes[0]] || linked[cmp.Codes[1]] {
				files[cmp.Page()] = true
			}
		}
	}
	// The decision guide's leaves show the code's link and quick answer.
	if c.Decision != nil && (len(linked) > 0 || len(quick) > 0) {
		for _, n := range c.Decision.Nodes {
			for _, a := range n.Answers {
				if linked[a.Code] || quick[a.Code] {
					files[decideLeaf(n.ID, a.Code)] = true
				}
			}
		}
	}
	names := make([]string, 0, len(files))
	for n := range files {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}
