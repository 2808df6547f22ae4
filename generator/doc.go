// Package generator builds the statusref site: it turns a content tree of
// status-code entries into a static, offline-readable reference.
//
// # Pipeline
//
// A build is four stages, one file each, and only the last touches disk:
//
//	Load     (load.go)      content fs.FS → *Content: split front matter
//	                        (frontmatter.go), decode it with yaml.v3's
//	                        KnownFields, outline the Markdown body
//	Validate (validate.go)  *Content → ErrorList: the entry format, the IANA
//	                        registry (registry.go), cross-references
//	Render   (render.go)    *Content → files, through html/template with
//	                        typed views (views.go), goldmark (markdown.go),
//	                        chroma (highlight.go), the JSON API (api.go)
//	                        and minified assets (minify.go)
//	Write    (write.go)     files → a build folder beside the destination,
//	                        under an flock on .<dest>.lock; the user's files
//	                        are carried into it, then the two folders are
//	                        exchanged in one step (renameat2 RENAME_EXCHANGE)
//	                        when the build succeeded; a symlinked destination
//	                        is written through, and the link stays
//
// Build (build.go) runs Load, Validate and Render into an Output; Write
// provides the Output on disk, and Files one in memory for tests and serve.
// Load and Validate work over GOMAXPROCS goroutines, and Render over a
// pool of as many workers that hands each file to the Output as soon as it
// is rendered, so a build holds the content but never the whole site. The
// bytes of each file depend only on the content, never on the order.
//
// For serve, Reload is Check after an edit to a few entries: it reads them
// again, validates the whole content again, and names the files that show
// them; RenderFiles renders just those, with the bytes a full build gives.
//
// # Content
//
// content/<class>/<code>.md is one status code, content/compare/<a>-vs-<b>.md
// one comparison, and content/tested-with.yaml the runtime versions the
// snippet tests last ran on. CONTRIBUTING.md documents the front-matter keys
// and the required sections; Entry and Compare mirror them.
//
// Load reads the files whose names end in .md and skips hidden files and
// folders (names starting with "."), such as editors' lock and swap files.
// It follows a symbolic link only when the link leads within the content
// folder, opens only regular files, and reads at most maxEntrySize bytes
// of any file; everything else it reports (walkContent, readFile).
//
// An optional content/site.yaml holds settings of the whole tree, decoded
// with KnownFields like front matter. Its one key, code_digits, lets a
// team's catalogue of API error codes use the same format: with
// code_digits: 5 every code has five digits, the first being its class
// (content/4xx/40012.md is the page 4xx/40012.html). Such codes are not in
// the IANA registry, so they are unofficial and name their origin. Without
// the file, codes are HTTP's: three digits from 100 to 599.
//
// # Errors
//
// Every content error is an *Error at a Pos, printed as file:line:col with
// the line and column in the entry file itself (YAML lines are offset by
// the opening "---"). Load and Validate collect them into one ErrorList, so
// one run reports every problem, up to the first hundred of each file and
// a line counting the rest. Nothing is rendered from invalid content.
//
// # Templates
//
// The templates folder holds base.html, which defines the layout around
// {{block "content" .}}, one template per kind of page (home.html,
// class.html, status.html, compare.html, 404.html) and assets/, copied to
// public/assets/ with the CSS and JavaScript minified (minify.go); site.css
// holds the code colours of highlight.go. Each page template receives a
// typed view: view.HomeView, view.ClassPageView, view.StatusView, view.CompareView or
// view.NotFoundView.
//
// # Output
//
//	index.html, 404.html, <class>/index.html, <class>/<code>.html,
//	compare/<a>-vs-<b>.html, assets/…, api/codes.json, api/<code>.json,
//	api/compare.json, and with a base URL sitemap.xml and robots.txt.
//
// Every internal link is relative and names a file, so the site reads the
// same from disk (file://), at a domain root and under a subpath.
package generator
