// Package generator builds the statusref site: it turns a content tree of
// status-code entries into a static, offline-readable reference.
//
// # Pipeline
//
// A build is four stages, one file each. Only write.go's code writes to
// disk: Write publishes the site, and the highlight cache (cache.go), which
// Render reads and adds to, writes its segments through write.go's atomic
// files.
//
//	Load     (load.go)      content fs.FS → *siteContent: each file by its page
//	                        kind (kinds.go), front matter split
//	                        (frontmatter.go) and decoded with yaml.v3's
//	                        KnownFields, the Markdown body outlined and
//	                        its RFC references checked (proselinks.go)
//	Validate (validate.go)  *siteContent → errorList: the entry format, the IANA
//	                        registry (registry.go), the sections of each
//	                        class (classes.go), sent_by (sentby.go),
//	                        cross-references; each kind checks its own
//	Render   (render.go)    *siteContent → files, through html/template with
//	                        typed views (package view), goldmark (markdown.go),
//	                        which links codes and RFC references in prose
//	                        (proselinks.go), chroma or a scanner that
//	                        colours as it does (highlight*.go), the JSON
//	                        API (api.go) and minified assets (minify.go)
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
// For serve, a Preview (preview.go) builds into memory and, after an edit
// to a few entries, renders only what the edit changes: reload (reload.go)
// reads them again, validates the whole content again and names the files
// that show them, and RenderFiles renders just those, with the bytes a
// full build gives.
//
// # Registries
//
// What the site is made of along each axis is one list of values, and
// every other place iterates over it, after chroma's lexers.Register:
//
//	frameworks (framework.go)  the code-example frameworks: key, label,
//	                           fence language, required or optional, the
//	                           starter code of new, how its tested runtime
//	                           is named; snippets/ has a runner per key
//	kinds (kinds.go)           the kinds of page made from content files:
//	                           status, compare, guide, and decision (the
//	                           decision guide's YAML, decide.go)
//	outputs (outputs.go)       the files made from the whole site: home
//	                           page, 404.html, API index, search index,
//	                           sitemap, robots.txt
//	classes (classes.go)       the sections an entry of each class of codes
//	                           must have, by id
//	senders (sentby.go)        who may send a code by itself, and which of
//	                           them the snippet harness runs
//	english (copy.go)          every word of page copy in Go, by id,
//	                           section titles among them: code asks for
//	                           sections by stable id, never by wording
//	registry (registry.go)     the IANA registry, parsed from IANA's CSV
//	constants (constants.go)   each code's name in Go, Python, Starlette,
//	                           Spring (both Boot lines), Node, statuses and
//	                           Rust's http crate, from constants.json, which
//	                           go generate ./generator writes by asking the
//	                           libraries themselves (internal/constants);
//	                           TestConstantsMatchLibraries asks them again.
//	                           A status page shows them in its facts, and
//	                           api/<code>.json under "constants"
//
// # Content
//
// content/<class>/<code>.md is one status code, content/compare/<a>-vs-<b>.md
// one comparison, content/guides/<slug>.md one guide, content/guide/*.yaml
// the questions of the decision guide "Which status code should I
// return?" (decide.go), and content/tested-with.yaml the runtime versions the snippet tests last ran
// on. CONTRIBUTING.md documents the front-matter keys and the required
// sections; entry, comparison and guide mirror them. The part of an entry
// that runs (its snippets, scenarios and sent_by) is package examples's
// Entry, which the snippet harness gets from Examples.
//
// Load reads the files whose names end in .md (.yaml under guide/) and
// skips hidden files and folders (names starting with "."), such as
// editors' lock and swap files.
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
// Every content error is a *contentError at a position, printed as
// file:line:col with the line and column in the entry file itself (YAML
// lines are offset by the opening "---"). Load and Validate collect them
// into one errorList, so
// one run reports every problem, up to the first hundred of each file and
// a line counting the rest. Nothing is rendered from invalid content.
// Describe prints them for main and serve alike.
//
// # Templates
//
// The templates folder holds base.html, which defines the layout around
// {{block "content" .}}, one template per kind of page (home.html,
// class.html, status.html, compare.html, guide.html, 404.html, and
// decide.html for the decision guide, which only a site with one needs), any
// layouts guides name (<layout>.html), and assets/, copied to
// public/assets/ with the CSS and JavaScript minified (minify.go); site.css
// holds the code colours of highlight.go. Each page template receives a
// typed view of package view: HomeView, ClassPageView, StatusView,
// CompareView, GuideView, DecideView or NotFoundView. A -templates folder lies over
// the built-in templates (WithTemplateFallback): it holds only what it
// changes.
//
// # Output
//
//	index.html, 404.html, <class>/index.html, <class>/<code>.html,
//	compare/<a>-vs-<b>.html, guides/<slug>.html, with a decision guide
//	guide/index.html, guide/<id>.html, guide/<id>/<code>.html and
//	api/guide.json, assets/…, api/codes.json, api/<code>.json,
//	api/compare.json, and with a base URL sitemap.xml and robots.txt.
//
// Every internal link is relative and names a file, so the site reads the
// same from disk (file://), at a domain root and under a subpath.
package generator
