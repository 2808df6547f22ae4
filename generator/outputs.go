package generator

// An output is a file of the site made from the whole site rather than
// from one content file: the home page, 404.html, the JSON index, the
// search index, the sitemap. Like Hugo's output formats and mdBook's
// renderers, each is a value with a name and a render function that gets
// everything (the content, and what the kinds' pages put in the sitemap
// and the search index); another output (a feed, llms.txt) is one more
// value in outputs.
type output struct {
	name string
	// needsBaseURL outputs exist only when the site knows its absolute
	// URL (-base-url).
	needsBaseURL bool
	render       func(r *siteRenderer, w *whole) ([]byte, error)
}

// whole is what the outputs read: the site, and what the kinds' pages
// listed for the sitemap and the search index, in the kinds' order.
type whole struct {
	s      *site
	listed []string     // pages for sitemap.xml
	search []searchItem // items of the search index
}

var outputs = []output{
	{name: "index.html", render: func(r *siteRenderer, w *whole) ([]byte, error) { return r.renderHome(w.s) }},
	{name: "404.html", render: func(r *siteRenderer, w *whole) ([]byte, error) { return r.render404(w.s) }},
	{name: "api/codes.json", render: func(_ *siteRenderer, w *whole) ([]byte, error) { return apiCodesJSON(w.s.c) }},
	{name: "api/compare.json", render: func(_ *siteRenderer, w *whole) ([]byte, error) { return apiCompareJSON(w.s.c) }},
	{name: "api/schema.json", render: func(*siteRenderer, *whole) ([]byte, error) { return apiSchema, nil }},
	{name: "assets/search-index.js", render: func(_ *siteRenderer, w *whole) ([]byte, error) {
		return searchIndexJS(w.search, searchClasses(w.s.classes))
	}},
	{name: "sitemap.xml", needsBaseURL: true, render: func(r *siteRenderer, w *whole) ([]byte, error) {
		return sitemap(r.baseURL, w.listed), nil
	}},
	{name: "robots.txt", needsBaseURL: true, render: func(r *siteRenderer, _ *whole) ([]byte, error) {
		return []byte("User-agent: *\nAllow: /\nSitemap: " + r.baseURL + "/sitemap.xml\n"), nil
	}},
}
