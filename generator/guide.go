package generator

import (
	"fmt"
	"io/fs"
	"path"
	"regexp"
	"slices"
	"strings"
	"time"

	"github.com/statusref/statusref/generator/view"
)

// guide is a page of prose: content/guides/<slug>.md becomes
// guides/<slug>.html, listed on the home page and found by search. Its
// front matter is title, summary, updated and, optionally, layout: the
// name of the template that renders it (<layout>.html), guide.html by
// default.
type guide struct {
	File     string
	Title    string
	Summary  string
	Layout   string
	Updated  time.Time
	Body     []byte
	BodyLine int
	Sections []section

	pos map[string]position
}

// Slug is the guide's name in its file and page: "how-codes-work".
func (g *guide) Slug() string { return strings.TrimSuffix(path.Base(g.File), ".md") }

// Page is the guide's page, e.g. "guides/how-codes-work.html".
func (g *guide) Page() string { return "guides/" + g.Slug() + ".html" }

// template is the template that renders it.
func (g *guide) template() string {
	if g.Layout != "" {
		return g.Layout + ".html"
	}
	return "guide.html"
}

func (g *guide) posOf(key string) position {
	if p, ok := g.pos[key]; ok {
		return p
	}
	return position{File: g.File, Line: 1, Col: 1}
}

type guideMeta struct {
	Title   string `yaml:"title"`
	Summary string `yaml:"summary"`
	Updated string `yaml:"updated"`
	Layout  string `yaml:"layout"`
}

var (
	slugRE   = regexp.MustCompile(`^[a-z0-9]+(?:-[a-z0-9]+)*$`)
	layoutRE = slugRE
)

var guideKind = &kind{
	name:   "guide",
	folder: "guides/ for a guide",
	owns:   func(file string) bool { return path.Dir(file) == "guides" },
	load: func(fsys fs.FS, file string, _ bool, errs *errorList) any {
		var m guideMeta
		_, body, bodyLine, doc, ok := readMeta(fsys, file, &m, errs)
		if !ok {
			return nil
		}
		g := &guide{
			File: file, Title: m.Title, Summary: m.Summary, Layout: m.Layout,
			Body: body, BodyLine: bodyLine, pos: keyPositions(file, 2, doc),
		}
		g.Updated = parseDate(m.Updated, g.posOf("updated"), errs)
		g.Sections, _ = outline(file, body, bodyLine, false, errs)
		return g
	},
	add: func(c *siteContent, _ string, item any) {
		if item != nil {
			c.Guides = append(c.Guides, item.(*guide))
		}
	},
	validate: func(c *siteContent, _ func(int) bool, _ int, errs *errorList) {
		for _, g := range c.Guides {
			if !slugRE.MatchString(g.Slug()) {
				errs.Add(position{File: g.File}, "a guide's file name is its page's: use lower-case letters, digits and hyphens, e.g. how-codes-work.md")
			}
			if strings.TrimSpace(g.Title) == "" {
				errs.Add(g.posOf("title"), "title is missing: give the guide's title")
			}
			if strings.TrimSpace(g.Summary) == "" || strings.Contains(g.Summary, "\n") {
				errs.Add(g.posOf("summary"), "summary must be one sentence on one line: what the guide answers")
			}
			if _, given := g.pos["updated"]; !given {
				errs.Add(g.posOf("updated"), "updated is missing: give the date the guide was last changed in substance")
			}
			if g.Layout != "" && !layoutRE.MatchString(g.Layout) {
				errs.Add(g.posOf("layout"), "layout %q must name a template by its file name without .html, e.g. guide", g.Layout)
			}
		}
	},
	pages: func(r *siteRenderer, s *site) []page {
		var pages []page
		for _, g := range s.c.Guides {
			pages = append(pages, page{
				name:    g.Page(),
				render:  func() ([]byte, error) { return r.renderGuide(s, g) },
				sitemap: true,
				search: &searchItem{
					Title: g.Title, Reason: g.Title, Aliases: []string{}, Headers: []string{},
					Summary: g.Summary, Page: g.Page(),
				},
			})
		}
		return pages
	},
}

func (r *siteRenderer) renderGuide(s *site, g *guide) ([]byte, error) {
	if _, ok := r.tmpl[g.template()]; !ok {
		return nil, &contentError{Pos: g.posOf("layout"), Msg: fmt.Sprintf("layout %q: the templates have no %s", g.Layout, g.template())}
	}
	if t := g.template(); t != "guide.html" && slices.Contains(pageTemplates, t) {
		return nil, &contentError{Pos: g.posOf("layout"), Msg: fmt.Sprintf("layout %q is the template of another kind of page: name a layout of your own, or leave layout out for guide.html", g.Layout)}
	}
	v := view.GuideView{
		PageView: r.pageView(g.Page(), g.Title, g.Summary),
		Title:    g.Title, Summary: g.Summary, Updated: g.Updated.Format(time.DateOnly),
	}
	sections, err := r.sections(g.Body, g.File, g.BodyLine, g.Page(), s.links)
	if err != nil {
		return nil, err
	}
	for _, sec := range sections {
		v.Sections = append(v.Sections, sec.SectionView)
	}
	return r.execute(g.template(), v)
}
