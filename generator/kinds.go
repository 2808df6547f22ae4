package generator

import (
	"io/fs"
	"path"
	"slices"
	"strconv"
	"strings"
)

// A kind is one kind of page made from content files: how its files are
// found under content/, how each is loaded and how they are validated,
// and the files of the site it renders them into, each with whether the
// sitemap lists it and what the search index says of it. Load, Validate,
// Render, the sitemap, the search index and reload ask the registry, so a
// new kind (a guide, a decision tree) is one more value in kinds and,
// perhaps, one template; it touches no other kind. The pages built from
// the whole site rather than from a file (the home page, the class pages,
// 404.html, the API) are the site's own, in render.go.
//
// This follows x/website's layouts (a page is a file plus a template it
// may name) and Hugo's output formats (an output is a value), with the
// loading and checking of each kind in the same value.
type kind struct {
	name string
	// owns reports whether the content file (a path in the content tree)
	// is in this kind's folder; Load reads it if its name also ends in
	// ext.
	owns func(file string) bool
	// ext is how the names of its files end: ".md" when empty.
	ext string
	// folder is where its files go, for messages: "4xx/ (named for its
	// code)".
	folder string
	// load reads one of its files and adds it to c. Load calls it over
	// several goroutines, then add in the order of the walk.
	load func(fsys fs.FS, file string, lean bool, errs *errorList) any
	add  func(c *siteContent, file string, item any)
	// validate checks all of this kind's content.
	validate func(c *siteContent, exists func(int) bool, digits int, errs *errorList)
	// pages lists the files of the site made from its content.
	pages func(r *siteRenderer, s *site) []page
	// incremental kinds' edits are applied by reload; for the others a
	// change is a full build.
	incremental bool
}

// A page is one file of the site that a kind renders.
type page struct {
	name    string
	render  func() ([]byte, error)
	sitemap bool        // sitemap.xml lists it
	search  *searchItem // the search index finds it
}

// kinds is every kind, in the order the site lists their pages.
var kinds = []*kind{statusKind, compareKind, guideKind, decisionKind}

// kindOf is the kind that owns a content file, or nil.
func kindOf(file string) *kind {
	i := slices.IndexFunc(kinds, func(k *kind) bool { return k.owns(file) })
	if i < 0 {
		return nil
	}
	return kinds[i]
}

// extension is how the names of the kind's files end.
func (k *kind) extension() string {
	if k.ext == "" {
		return ".md"
	}
	return k.ext
}

// kindFolders says where content files ending in .md go, for one in none
// of them: "a class folder such as 4xx/ (named for its code), compare/ for
// a comparison or guides/ for a guide".
func kindFolders() string {
	var f []string
	for _, k := range kinds {
		if k.extension() == ".md" {
			f = append(f, k.folder)
		}
	}
	return strings.Join(f[:len(f)-1], ", ") + " or " + f[len(f)-1]
}

var statusKind = &kind{
	name:   "status",
	folder: "a class folder such as 4xx/ (named for its code)",
	owns:   func(file string) bool { return classDirRE.MatchString(path.Dir(file)) },
	load: func(fsys fs.FS, file string, lean bool, errs *errorList) any {
		if e := loadEntry(fsys, file, lean, errs); e != nil {
			return e
		}
		return nil
	},
	add: func(c *siteContent, file string, item any) {
		if item != nil {
			c.Entries = append(c.Entries, item.(*entry))
			return
		}
		// A file that failed to load still names its code, so that links
		// to it are not reported as links to a missing code.
		if code, err := strconv.Atoi(strings.TrimSuffix(path.Base(file), ".md")); err == nil {
			c.unloaded[code] = true
		}
	},
	validate:    validateEntries,
	pages:       statusPages,
	incremental: true,
}

var compareKind = &kind{
	name:   "compare",
	folder: "compare/ for a comparison",
	owns:   func(file string) bool { return path.Dir(file) == "compare" },
	load: func(fsys fs.FS, file string, _ bool, errs *errorList) any {
		if c := loadCompare(fsys, file, errs); c != nil {
			return c
		}
		return nil
	},
	add: func(c *siteContent, _ string, item any) {
		if item != nil {
			c.Comparisons = append(c.Comparisons, item.(*comparison))
		}
	},
	validate: func(c *siteContent, exists func(int) bool, digits int, errs *errorList) {
		seen := map[[2]int]string{}
		for _, cmp := range c.Comparisons {
			validateCompare(cmp, digits, exists, seen, errs)
		}
	},
	pages: func(r *siteRenderer, s *site) []page {
		var pages []page
		for _, cmp := range s.c.Comparisons {
			a, b := cmp.Codes[0], cmp.Codes[1]
			pages = append(pages, page{
				name:    cmp.Page(),
				render:  func() ([]byte, error) { return r.renderCompare(s, cmp) },
				sitemap: true,
				search: &searchItem{
					Title:   tr("compare.link", a, b),
					Codes:   []int{a, b},
					Reason:  tr("compare.link", a, b) + ": " + s.reason(a) + " vs " + s.reason(b),
					Aliases: []string{}, Headers: []string{}, Summary: cmp.Summary, Page: cmp.Page(),
				},
			})
		}
		return pages
	},
}

// decisionKind is the decision guide, "Which status code should I
// return?": content/guide/*.yaml, its questions (decide.go).
var decisionKind = &kind{
	name:   "decision",
	folder: "guide/ for the decision guide's questions (.yaml)",
	owns:   func(file string) bool { return path.Dir(file) == "guide" },
	ext:    ".yaml",
	load: func(fsys fs.FS, file string, _ bool, errs *errorList) any {
		if nodes := loadDecideFile(fsys, file, errs); nodes != nil {
			return nodes
		}
		return nil
	},
	add: func(c *siteContent, _ string, item any) {
		if c.Decision == nil {
			c.Decision = &decision{}
		}
		if item == nil {
			c.Decision.broken = true
			return
		}
		c.Decision.Nodes = append(c.Decision.Nodes, item.([]*decisionNode)...)
	},
	validate: validateDecision,
	pages:    decisionPages,
}

// statusPages are the class pages and, for each entry, its page and its
// API file.
func statusPages(r *siteRenderer, s *site) []page {
	var pages []page
	for _, cv := range s.classes {
		pages = append(pages, page{
			name:    cv.Class + "/index.html",
			render:  func() ([]byte, error) { return r.renderClass(s, cv) },
			sitemap: true,
		})
	}
	for _, e := range s.c.Entries {
		item := newSearchItem(e)
		pages = append(pages,
			page{
				name:    e.Page(),
				render:  func() ([]byte, error) { return r.renderStatus(s, e) },
				sitemap: true,
				search:  &item,
			},
			page{
				name:   "api/" + itoa(e.Code) + ".json",
				render: func() ([]byte, error) { return apiCodeJSON(s, e) },
			})
	}
	return pages
}
