package generator

import (
	"bytes"
	"errors"
	"fmt"
	"html/template"
	"io/fs"
	"path"
	"runtime"
	"sort"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/statusref/statusref/generator/view"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/text"
)

// The templates every site needs. Each page template is parsed together
// with base.html, which holds the layout and {{block "content" .}}; every
// other *.html in the templates folder is a layout a guide may name.
var pageTemplates = []string{"home.html", "class.html", "status.html", "compare.html", "404.html", "guide.html"}

// siteRenderer turns loaded, validated content into the files of the site.
type siteRenderer struct {
	tmpl     map[string]*template.Template
	pageSize map[string]*atomic.Int64 // by template, the largest page it wrote: execute's first buffer
	assets   fs.FS
	md       goldmark.Markdown
	hl       *highlighter
	baseURL  string
	fallback fs.FS
}

// An Option configures a siteRenderer.
type Option func(*siteRenderer)

// WithBaseURL sets the absolute URL the site is hosted at, such as
// https://example.org/statusref. Pages then carry canonical links, and the
// site gets sitemap.xml and robots.txt. Without it the site has no absolute
// URL anywhere.
func WithBaseURL(u string) Option {
	return func(r *siteRenderer) { r.baseURL = strings.TrimSuffix(u, "/") }
}

// WithHighlightCache keeps highlighted code in dir, keyed by a hash of
// chroma's version, the markup's version, the language and the code, so
// that a rebuild highlights only what changed. The output is the same with
// or without it.
func WithHighlightCache(dir string) Option {
	return func(r *siteRenderer) {
		if dir != "" {
			r.hl.cache = newHLCache(dir)
		}
	}
}

// WithTemplateFallback reads from fallback every template and asset that
// the templates given to newRenderer lack, so that a folder of templates
// need hold only those it changes.
func WithTemplateFallback(fallback fs.FS) Option {
	return func(r *siteRenderer) { r.fallback = fallback }
}

// newRenderer parses the templates in tmpl: base.html, one template per
// kind of page, and the static files under assets/.
func newRenderer(tmpl fs.FS, opts ...Option) (*siteRenderer, error) {
	hl := newHighlighter()
	r := &siteRenderer{tmpl: map[string]*template.Template{}, pageSize: map[string]*atomic.Int64{}, md: newMarkdown(hl), hl: hl}
	for _, o := range opts {
		o(r)
	}
	if r.fallback != nil {
		tmpl = overlayFS{tmpl, r.fallback}
	}
	base, err := template.New("base.html").Option("missingkey=error").Funcs(funcs).ParseFS(tmpl, "base.html")
	if err != nil {
		return nil, templateError(err, "the templates")
	}
	names, err := fs.Glob(tmpl, "*.html")
	if err != nil {
		return nil, fmt.Errorf("templates: %w", err)
	}
	for _, name := range names {
		if name == "base.html" {
			continue
		}
		t, err := template.Must(base.Clone()).ParseFS(tmpl, name)
		if err != nil {
			return nil, templateError(err, "the templates")
		}
		r.tmpl[name] = t
		r.pageSize[name] = new(atomic.Int64)
	}
	for _, name := range pageTemplates {
		if r.tmpl[name] == nil {
			return nil, &templateErr{Pos: position{File: name}, Msg: "the templates have no " + name, Page: "the templates"}
		}
	}
	assets, err := fs.Sub(tmpl, "assets")
	if err != nil {
		return nil, fmt.Errorf("templates: %w", err)
	}
	r.assets = assets
	return r, nil
}

// funcs are the few pure helpers templates may call.
var funcs = template.FuncMap{
	"lower": strings.ToLower,
	// anchor is a heading's permalink: {{anchor "related" "Related codes"}}.
	"anchor": func(id, text string) template.HTML { return template.HTML(permalink(id, text)) },
}

// Output receives the files of the site. Write provides one that writes a
// folder on disk; Files keeps them in memory. Render calls WriteFile from
// one goroutine at a time.
type Output interface {
	WriteFile(name string, data []byte) error
}

// Files is an in-memory Output, keyed by path from the site root.
type Files map[string][]byte

// WriteFile stores data under name.
func (f Files) WriteFile(name string, data []byte) error {
	f[name] = bytes.Clone(data)
	return nil
}

// site is what every page of one render shares.
type site struct {
	c           *siteContent
	byCode      map[int]*entry
	classes     []view.ClassView // with Codes linked from the site root
	comparisons []view.CompareLink
	testedWith  string
	links       *linkTargets // what prose links to (proselinks.go)
}

// Render renders every page, the stylesheet, the JSON API and, with a base
// URL, sitemap.xml and robots.txt, into out. Pages render in parallel over
// GOMAXPROCS workers; each file's bytes depend only on the content, so the
// output is the same whatever the order.
func (r *siteRenderer) Render(c *siteContent, out Output) error {
	jobs, err := r.jobs(c)
	if err != nil {
		return err
	}
	return r.run(jobs, out)
}

// RenderFiles renders only the named files of the site, with the same
// bytes Render gives them. serve uses it with the files reload names.
func (r *siteRenderer) RenderFiles(c *siteContent, out Output, names []string) error {
	jobs, err := r.jobs(c)
	if err != nil {
		return err
	}
	want := map[string]bool{}
	for _, n := range names {
		want[n] = true
	}
	var chosen []job
	for _, j := range jobs {
		if want[j.name] {
			chosen = append(chosen, j)
			delete(want, j.name)
		}
	}
	if len(want) > 0 {
		missing := make([]string, 0, len(want))
		for n := range want {
			missing = append(missing, n)
		}
		sort.Strings(missing)
		return fmt.Errorf("the site has no file %s", strings.Join(missing, ", "))
	}
	return r.run(chosen, out)
}

// A job renders one file of the site.
type job struct {
	name   string
	render func() ([]byte, error)
}

// jobs lists every file of the site with the function that renders it.
// Making the list is cheap: nothing renders until run.
func (r *siteRenderer) jobs(c *siteContent) ([]job, error) {
	s := r.newSite(c)
	var jobs []job
	page := func(name string, f func() ([]byte, error)) { jobs = append(jobs, job{name, f}) }

	w := &whole{s: s, search: []searchItem{}}
	for _, k := range kinds {
		for _, p := range k.pages(r, s) {
			page(p.name, p.render)
			if p.sitemap {
				w.listed = append(w.listed, p.name)
			}
			if p.search != nil {
				w.search = append(w.search, *p.search)
			}
		}
	}
	for _, o := range outputs {
		if o.needsBaseURL && r.baseURL == "" {
			continue
		}
		page(o.name, func() ([]byte, error) { return o.render(r, w) })
	}
	// Static assets are copied, the stylesheet and scripts minified.
	err := fs.WalkDir(r.assets, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		page("assets/"+p, func() ([]byte, error) {
			data, err := fs.ReadFile(r.assets, p)
			if err != nil {
				return nil, fmt.Errorf("templates: %w", err)
			}
			return minifyAsset("assets/"+p, data)
		})
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("templates: %w", err)
	}
	return jobs, nil
}

// run renders jobs over a pool of GOMAXPROCS workers, and writes each file
// as soon as it is rendered, from this goroutine alone, so that Output
// needs no locking and no worker waits on the disk. A build never holds
// more than a few pages per worker. The first error by job order wins, so
// errors are deterministic.
func (r *siteRenderer) run(jobs []job, out Output) error {
	type result struct {
		i    int
		data []byte
		err  error
	}
	workers := min(runtime.GOMAXPROCS(0), len(jobs))
	results := make(chan result, 2*workers)
	var (
		next   atomic.Int64
		failed atomic.Bool
		wg     sync.WaitGroup
	)
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for !failed.Load() {
				i := int(next.Add(1)) - 1
				if i >= len(jobs) {
					return
				}
				data, err := jobs[i].render()
				results <- result{i, data, err}
			}
		}()
	}
	go func() {
		wg.Wait()
		close(results)
	}()
	errs := make([]error, len(jobs))
	for res := range results {
		err := res.err
		if err == nil && !failed.Load() {
			err = out.WriteFile(jobs[res.i].name, res.data)
		}
		if err != nil {
			var he *highlightError
			var ce *contentError
			if _, ok := err.(*templateErr); !ok && !errors.As(err, &he) && !errors.As(err, &ce) {
				err = fmt.Errorf("%s: %w", jobs[res.i].name, err)
			}
			errs[res.i] = err
			failed.Store(true)
		}
	}
	if r.hl.cache != nil {
		r.hl.cache.flush()
	}
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}

func (r *siteRenderer) newSite(c *siteContent) *site {
	s := &site{c: c, byCode: map[int]*entry{}}
	for _, e := range c.Entries {
		s.byCode[e.Code] = e
	}
	for _, e := range c.Entries {
		if len(s.classes) == 0 || s.classes[len(s.classes)-1].Class != e.Class() {
			cv := classInfo(e.Class())
			cv.Href = e.Class() + "/index.html"
			s.classes = append(s.classes, cv)
		}
		cv := &s.classes[len(s.classes)-1]
		cv.Codes = append(cv.Codes, codeLink(e, ""))
	}
	for _, cmp := range c.Comparisons {
		s.comparisons = append(s.comparisons, view.CompareLink{
			Title: tr("compare.link", cmp.Codes[0], cmp.Codes[1]),
			Href:  cmp.Page(),
			Codes: cmp.Codes,
		})
	}
	s.testedWith = testedWith(c.TestedWith)
	s.links = newLinkTargets(c)
	return s
}

// reason is the reason phrase of code, or "" when no entry has it.
func (s *site) reason(code int) string {
	if e := s.byCode[code]; e != nil {
		return e.Reason
	}
	return ""
}

// pageView fills what every page has. name is the page's path from the
// site root.
func (r *siteRenderer) pageView(name, title, description string) view.PageView {
	v := view.PageView{
		Title: title, Description: description, Root: r.link(name, ""), Path: name,
		Home:        r.link(name, "index.html"),
		Stylesheet:  r.link(name, "assets/site.css"),
		Script:      r.link(name, "assets/site.js"),
		SearchIndex: r.link(name, "assets/search-index.js"),
	}
	if r.baseURL != "" && name != "404.html" {
		v.Canonical = r.baseURL + "/" + name
	}
	return v
}

func (r *siteRenderer) execute(name string, v any) ([]byte, error) {
	// A buffer as large as the largest page of the template so far, so
	// that it seldom grows: growing it by doubling was a tenth of what a
	// build allocated.
	size := r.pageSize[name]
	buf := bytes.NewBuffer(make([]byte, 0, size.Load()))
	if err := r.tmpl[name].ExecuteTemplate(buf, "base.html", v); err != nil {
		return nil, templateError(err, pageOf(v))
	}
	for n := int64(buf.Len()); ; {
		if old := size.Load(); n <= old || size.CompareAndSwap(old, n) {
			break
		}
	}
	return buf.Bytes(), nil
}

// pageOf is the path of the page a view is for.
func pageOf(v any) string {
	if p, ok := v.(interface{ Page() string }); ok {
		return p.Page()
	}
	return "a page"
}

// link is the href from the page at path from to the file at path to,
// both paths from the site root: relative, so that the site reads the
// same from disk, at a domain root and under a subpath. The one exception
// is 404.html with a base URL: it is served at whatever path was not
// found, so it links absolutely.
func (r *siteRenderer) link(from, to string) string {
	if from == "404.html" && r.baseURL != "" {
		return r.baseURL + "/" + to
	}
	return relPath(from, to)
}

// relPath is the relative path from the page at from to the file at to:
// relPath("4xx/412.html", "4xx/428.html") is "428.html", and
// relPath("4xx/412.html", "compare/412-vs-428.html") is
// "../compare/412-vs-428.html". A to of "" is the site root.
func relPath(from, to string) string {
	fromDirs := strings.Split(path.Dir(from), "/")
	if fromDirs[0] == "." {
		fromDirs = nil
	}
	toDirs := strings.Split(to, "/")
	toDirs, file := toDirs[:len(toDirs)-1], toDirs[len(toDirs)-1]
	common := 0
	for common < len(fromDirs) && common < len(toDirs) && fromDirs[common] == toDirs[common] {
		common++
	}
	var b strings.Builder
	for range fromDirs[common:] {
		b.WriteString("..")
		b.WriteByte('/')
	}
	for _, d := range toDirs[common:] {
		b.WriteString(d)
		b.WriteByte('/')
	}
	b.WriteString(file)
	return b.String()
}

// relink rewrites the links of a view.ClassView, made from the site root, for
// the page at from.
func (r *siteRenderer) relink(cv view.ClassView, from string) view.ClassView {
	cv.Href = r.link(from, cv.Href)
	codes := make([]view.CodeLink, len(cv.Codes))
	for i, l := range cv.Codes {
		l.Href = r.link(from, l.Href)
		codes[i] = l
	}
	cv.Codes = codes
	return cv
}

func (r *siteRenderer) renderHome(s *site) ([]byte, error) {
	var labels []string
	for _, f := range Frameworks() {
		if f.Required {
			labels = append(labels, f.Label)
		}
	}
	v := view.HomeView{PageView: r.pageView("index.html", tr("home.title"), tr("home.description", joinAnd(labels))), Frameworks: joinAnd(labels)}
	for _, cv := range s.classes {
		v.Classes = append(v.Classes, r.relink(cv, v.Path))
	}
	v.Comparisons = s.comparisons
	for _, g := range s.c.Guides {
		v.Guides = append(v.Guides, view.GuideLink{Title: g.Title, Summary: g.Summary, Href: relPath(v.Path, g.Page())})
	}
	if p := decideHome(s.c); p != "" {
		v.Decide = relPath(v.Path, p)
	}
	return r.execute("home.html", v)
}

func (r *siteRenderer) render404(s *site) ([]byte, error) {
	v := view.NotFoundView{PageView: r.pageView("404.html", tr("404.title"), tr("404.description"))}
	for _, cv := range s.classes {
		v.Classes = append(v.Classes, r.relink(cv, v.Path))
	}
	return r.execute("404.html", v)
}

func (r *siteRenderer) renderClass(s *site, cv view.ClassView) ([]byte, error) {
	name := cv.Class + "/index.html"
	v := view.ClassPageView{
		PageView: r.pageView(name, tr("class.title", cv.Class, cv.Name), cv.Description),
		Class:    r.relink(cv, name),
	}
	return r.execute("class.html", v)
}

// codeLink is how e is linked from the page at from ("" for the site
// root).
func codeLink(e *entry, from string) view.CodeLink {
	return view.CodeLink{Code: e.Code, Reason: shownReason(e), Summary: e.Summary, Href: relPath(from, e.Page()), Status: e.Status, Origin: e.Origin}
}

func (r *siteRenderer) renderStatus(s *site, e *entry) ([]byte, error) {
	name := e.Page()
	v := view.StatusView{
		PageView: r.pageView(name, tr("status.title", e.Code, shownReason(e)), e.Summary),
		Code:     e.Code, Reason: shownReason(e), Status: e.Status, Official: e.Official(),
		Origin: e.Origin, Spec: e.Spec, SpecURL: e.SpecURL, SourceURL: e.SourceURL,
		Summary: e.Summary, Aliases: e.Aliases, Updated: e.Updated.Format("2006-01-02"),
	}
	v.Class = classInfo(e.Class())
	v.Class.Href = relPath(name, e.Class()+"/index.html")
	v.StatusLabel = statusLabel(e)
	v.Decide = decideLinks(s.c, name, e.Code)
	sentBy, err := r.sentByViews(s, e)
	if err != nil {
		return nil, err
	}
	v.SentBy = sentBy
	v.Constants = constantViews(e.Code)
	for _, h := range e.Headers {
		v.Headers = append(v.Headers, view.HeaderView(h))
	}
	for _, rel := range e.Related {
		if t := s.byCode[rel.Code]; t != nil {
			v.Related = append(v.Related, view.RelatedView{CodeLink: codeLink(t, name), Why: rel.Why})
		}
	}
	for _, cl := range s.comparisons {
		if cl.Codes[0] == e.Code || cl.Codes[1] == e.Code {
			cl.Href = relPath(name, cl.Href)
			v.Comparisons = append(v.Comparisons, cl)
		}
	}
	// Previous and next in the class.
	for _, cv := range s.classes {
		if cv.Class != e.Class() {
			continue
		}
		for i, l := range cv.Codes {
			if l.Code != e.Code {
				continue
			}
			if i > 0 {
				p := cv.Codes[i-1]
				p.Href = relPath(name, p.Href)
				v.Prev = &p
			}
			if i+1 < len(cv.Codes) {
				n := cv.Codes[i+1]
				n.Href = relPath(name, n.Href)
				v.Next = &n
			}
		}
	}
	body, err := e.body()
	if err != nil {
		return nil, err
	}
	sections, err := r.sections(body, e.File, e.BodyLine, name, s.links)
	if err != nil {
		return nil, err
	}
	// One order per class, whatever the file's (classSchema.order).
	pageOrder(sections, schemaOf(e.Code, e.digits).order(), func(s renderedSection) string { return s.Key })
	seenExamples := false
	for _, sec := range sections {
		if f, ok := foldedSections[sec.Key]; ok {
			sec.Fold, sec.Note = tr(f.summary), tr(f.note)
		}
		switch {
		case sec.examples != nil:
			v.Examples = *sec.examples
			v.Examples.TestedWith = s.testedWith
			v.Examples.Untested = e.Untested
			seenExamples = true
		case seenExamples:
			v.After = append(v.After, sec.SectionView)
		default:
			v.Before = append(v.Before, sec.SectionView)
		}
	}
	v.Quick = quickView(e)
	if e.NoSnippets != "" {
		v.NoExamples = &view.NoExamplesView{ID: "code-examples", Title: tr(secCode), Reason: e.NoSnippets}
	}
	return r.execute("status.html", v)
}

func (r *siteRenderer) renderCompare(s *site, cmp *comparison) ([]byte, error) {
	a, b := s.byCode[cmp.Codes[0]], s.byCode[cmp.Codes[1]]
	if a == nil || b == nil {
		return nil, fmt.Errorf("%s: compares a code with no entry", cmp.File)
	}
	v := view.CompareView{
		PageView: r.pageView(cmp.Page(), tr("compare.title", a.Code, shownReason(a), b.Code, shownReason(b)), cmp.Summary),
		A:        codeLink(a, cmp.Page()), B: codeLink(b, cmp.Page()),
		Summary: cmp.Summary, Updated: cmp.Updated.Format("2006-01-02"),
	}
	sections, err := r.sections(cmp.Body, cmp.File, cmp.BodyLine, cmp.Page(), s.links)
	if err != nil {
		return nil, err
	}
	for _, sec := range sections {
		v.Sections = append(v.Sections, sec.SectionView)
	}
	return r.execute("compare.html", v)
}

// foldedSections are the sections a page shows folded in <details>, by
// id, with the ids of their summary and of the note above their body: a
// contributor's tool is not in a reader's path.
var foldedSections = map[string]struct{ summary, note string }{
	secTryIt: {"try-it.summary", "try-it.note"},
}

// renderedSection is a section of a body; examples is set for "Code
// examples", whose fenced blocks become tabs.
type renderedSection struct {
	view.SectionView
	examples *view.ExamplesView
}

// sections renders a Markdown body section by section: each level-2
// heading starts a section, whose heading the template draws. The body
// starts at line bodyLine of file, and is shown on the page at path page,
// whose prose links to links (proselinks.go).
func (r *siteRenderer) sections(body []byte, file string, bodyLine int, page string, links *linkTargets) ([]renderedSection, error) {
	doc := r.md.Parser().Parse(text.NewReader(body), withProseLinks(page, links))
	var out []renderedSection
	var buf bytes.Buffer
	flush := func() {
		if len(out) == 0 && buf.Len() == 0 {
			return
		}
		if len(out) == 0 {
			out = append(out, renderedSection{})
		}
		cur := &out[len(out)-1]
		if cur.examples != nil {
			cur.examples.Intro += template.HTML(buf.String())
		} else {
			cur.HTML += template.HTML(buf.String())
		}
		buf.Reset()
	}
	for n := doc.FirstChild(); n != nil; n = n.NextSibling() {
		if h, ok := n.(*ast.Heading); ok && h.Level == 2 {
			flush()
			title := headingText(h, body)
			id, _ := h.AttributeString("id")
			sec := renderedSection{SectionView: view.SectionView{ID: string(asBytes(id)), Key: sectionID(title), Title: title}}
			if sectionID(title) == secCode {
				sec.examples = &view.ExamplesView{ID: sec.ID, Title: title}
			}
			out = append(out, sec)
			continue
		}
		if len(out) > 0 && out[len(out)-1].examples != nil {
			if fb, ok := n.(*ast.FencedCodeBlock); ok {
				flush()
				lang := string(fb.Language(body))
				fw, _ := frameworkOf(fenceInfo(fb, body)) // Validate has checked it
				var code bytes.Buffer
				if err := r.hl.highlight(&code, lang, fenceCode(fb, body)); err != nil {
					return nil, bodyError(atBlock(err, body, fb), file, bodyLine)
				}
				ex := out[len(out)-1].examples
				ex.Snippets = append(ex.Snippets, view.SnippetView{Framework: fw.Name, Label: fw.Label, Lang: lang, HTML: template.HTML(code.String())})
				continue
			}
		}
		if err := r.md.Renderer().Render(&buf, body, n); err != nil {
			return nil, bodyError(err, file, bodyLine)
		}
	}
	flush()
	for _, s := range out {
		if s.examples != nil {
			sortByFramework(s.examples.Snippets, func(v view.SnippetView) string { return v.Framework })
		}
	}
	return out, nil
}

func asBytes(v any) []byte {
	switch v := v.(type) {
	case []byte:
		return v
	case string:
		return []byte(v)
	}
	return nil
}

// sentByViews lays out an entry's sent_by: who, when, and the version
// each tested claim was tested on, or the vendor's documentation.
func (r *siteRenderer) sentByViews(s *site, e *entry) ([]view.SentByView, error) {
	var views []view.SentByView
	for _, sb := range e.SentBy {
		who, _ := senderNamed(sb.Who) // Validate has checked it
		// when is one clause; on the page a sentence follows it.
		when := strings.TrimSpace(sb.When)
		if !strings.HasSuffix(when, ".") {
			when += "."
		}
		v := view.SentByView{Who: who.Label, When: when, Source: sb.Source}
		if sb.Scenario != nil {
			v.TestedOn = testedOn(who, s.c.TestedWith)
			v.Request = sb.Scenario.Method + " " + sb.Scenario.Path
			if sb.Scenario.Version != "" {
				v.Request += " " + sb.Scenario.Version
			}
		}
		if sb.Config != "" {
			var code bytes.Buffer
			if err := r.hl.highlight(&code, "nginx", sb.Config); err != nil {
				return nil, fmt.Errorf("%s:%d: %w", e.File, sb.Line, err)
			}
			v.Config = template.HTML(code.String())
		}
		views = append(views, v)
	}
	return views, nil
}

// testedWith says what the snippets last ran on, as recorded by the
// snippet tests in content/tested-with.yaml.
func testedWith(v map[string]string) string {
	var parts []string
	for _, f := range Frameworks() {
		if s := f.TestedWith(v); s != "" {
			parts = append(parts, s)
		}
	}
	// Each part may hold an "and" of its own, so parts are set apart by
	// semicolons.
	if len(parts) < 2 {
		return strings.Join(parts, "")
	}
	return strings.Join(parts[:len(parts)-1], "; ") + ";" + tr("list.and") + parts[len(parts)-1]
}

// quickView is e's quick answer for the page: the client's line first for
// an error, which the client usually meets first; how to send it first
// for an answer, which the server chooses.
func quickView(e *entry) *view.QuickView {
	if e.Quick == nil {
		return nil
	}
	client := view.QuickLine{Text: e.Quick.Client}
	server := view.QuickLine{Text: e.Quick.Server}
	v := &view.QuickView{Title: tr("quick.title")}
	if schemaOf(e.Code, e.digits).failure() {
		client.Label, server.Label = tr("quick.error.client"), tr("quick.error.server")
		v.Lines = []view.QuickLine{client, server}
	} else {
		client.Label, server.Label = tr("quick.answer.client"), tr("quick.answer.server")
		v.Lines = []view.QuickLine{server, client}
	}
	return v
}
