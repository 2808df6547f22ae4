// Package view holds the typed views statusref's templates receive, one
// per kind of page: home.html gets a HomeView, status.html a StatusView,
// and so on (see the generator package's comment). Everything is computed
// in Go; templates only lay it out, and a typo in a template is an
// execution error ("can't evaluate field …"), never an empty string. This
// is the reference for anyone who writes templates of their own.
package view

import "html/template"

// The typed views the templates receive. Everything is computed in Go;
// templates only lay it out, and a typo in a template is an execution
// error ("can't evaluate field …"), never an empty string.

// PageView is what every page has.
type PageView struct {
	Title       string // the <title>
	Description string // the meta description
	Root        string // the relative path from this page to the site root, e.g. "" or "../"
	Path        string // this page's path from the site root, e.g. "4xx/412.html"
	Canonical   string // the absolute URL, when built with -base-url
	Home        string // the relative link to the home page
	Stylesheet  string // the relative link to the site stylesheet
	Script      string // the relative link to the site script
	SearchIndex string // the relative link to the search index script
}

// Page is the path of the page, for error messages.
func (v PageView) Page() string { return v.Path }

// CodeLink is a code as it appears in lists and links.
type CodeLink struct {
	Code    int
	Reason  string // as shown: "I'm a teapot (Unused)" for a code the registry lists as (Unused)
	Summary string
	Href    string // relative to the page that shows it
	Status  string
	Origin  string
}

// ClassView is one class of codes, e.g. 4xx.
type ClassView struct {
	Class       string // "4xx"
	Name        string // "Client error"
	Description string
	Fallback    string // what a client does with a code of the class it does not know; "" outside HTTP's classes
	Href        string // relative link to the class page
	Codes       []CodeLink
}

// HomeView is the home page.
type HomeView struct {
	PageView
	Frameworks  string // the frameworks of the code examples: "Express, FastAPI, Spring and Go"
	Classes     []ClassView
	Comparisons []CompareLink
	Guides      []GuideLink
	Decide      string // the relative link to the decision guide, or ""
}

// ClassPageView is a class page.
type ClassPageView struct {
	PageView
	Class ClassView
}

// SectionView is one level-2 section of an entry, rendered.
type SectionView struct {
	ID    string // the HTML id
	Key   string // the stable id of a section the page kind requires, e.g. "when", or ""
	Title string
	HTML  template.HTML
	Fold  string // the <summary> of a section shown folded in <details>; "" for one shown open
	Note  string // what a folded section is, shown first inside it
}

// SnippetView is one framework tab.
type SnippetView struct {
	Framework string // "express"
	Label     string // "Express"
	Lang      string // "js"
	HTML      template.HTML
}

// ExamplesView is the "Code examples" section: prose, then the tabs.
type ExamplesView struct {
	ID         string
	Title      string
	Intro      template.HTML
	Snippets   []SnippetView
	TestedWith string // "Express 5.3.0 on Node.js 20; FastAPI 0.165.0 …", from the snippet test run
	Untested   string // why the tests cannot make the examples answer the code itself
}

// HeaderView is a header field involved in a code.
type HeaderView struct {
	Name string
	Note string
}

// ConstantView is one library's names for a code, such as Spring's
// HttpStatus.CONTENT_TOO_LARGE (since Spring 7.0) and
// HttpStatus.PAYLOAD_TOO_LARGE (deprecated in Spring 7.0).
type ConstantView struct {
	Library string // "Spring"
	Names   []ConstName
}

// ConstName is a name as it is written in code, with what changed about
// it between the library's versions ("since Spring 7.0"), or "".
type ConstName struct {
	Name string // "HttpStatus.CONTENT_TOO_LARGE"; Node's reason phrase quoted: "'Payload Too Large'"
	Note string
}

// SentByView is one sender that sends the code by itself.
type SentByView struct {
	Who      string        // "nginx"
	When     string        // the condition
	TestedOn string        // "nginx 1.22.1": the harness made it send the code; "" if documented only
	Request  string        // the tested request, "GET /slow"
	Config   template.HTML // nginx: the configuration the test ran, highlighted
	Source   string        // the vendor's documentation
}

// RelatedView is a related code with the reason to read it.
type RelatedView struct {
	CodeLink
	Why string
}

// CompareLink links a comparison page.
type CompareLink struct {
	Title string // "412 vs 428"
	Href  string
	Codes [2]int
}

// StatusView is a status-code page.
type StatusView struct {
	PageView
	Code        int
	Reason      string    // as shown: an unused code's first alias before the registry's "(Unused)"
	Class       ClassView // without Codes
	Status      string    // "permanent", "unofficial", …
	StatusLabel string    // "Permanent (IANA registry)", "Unofficial (nginx)"
	Official    bool
	Origin      string
	Spec        string
	SpecURL     string
	SourceURL   string
	Summary     string
	Quick       *QuickView // the quick answer under the lead, or nil
	Aliases     []string
	Headers     []HeaderView
	Constants   []ConstantView // the code's names in the libraries readers use; empty if none names it
	SentBy      []SentByView   // shown after the section whose Key is "when"
	Before      []SectionView  // the sections before "Code examples"
	Examples    ExamplesView
	NoExamples  *NoExamplesView // instead of Examples, for an entry with no_snippets
	After       []SectionView   // any sections after "Code examples"
	Related     []RelatedView
	Comparisons []CompareLink
	Prev, Next  *CodeLink    // in the same class
	Updated     string       // 2006-01-02
	Decide      *DecideLinks // the decision guide, or nil without one
}

// QuickView is the quick answer at the top of a status page: one line
// per side of the exchange, in the order the class reads them.
type QuickView struct {
	Title string
	Lines []QuickLine
}

// QuickLine is one side of the quick answer.
type QuickLine struct{ Label, Text string }

// NoExamplesView says, where the code examples would be, why an entry
// has none.
type NoExamplesView struct {
	ID, Title string // the section's anchor and heading
	Reason    string
}

// CompareView is a comparison page.
type CompareView struct {
	PageView
	A, B     CodeLink
	Summary  string
	Sections []SectionView
	Updated  string
}

// GuideView is a guide page.
type GuideView struct {
	PageView
	Title    string
	Summary  string
	Sections []SectionView
	Updated  string
}

// GuideLink links a guide from the home page.
type GuideLink struct {
	Title   string
	Summary string
	Href    string
}

// NotFoundView is 404.html.
type NotFoundView struct {
	PageView
	Classes []ClassView
}

// DecideView is a page of the decision guide: a question with its
// answers, or, with Leaf set, the code an answer ends at.
type DecideView struct {
	PageView
	Question     string        // the node's question; on a leaf, the question answered
	QuestionHref string        // on a leaf, the relative link to the question answered
	IsStart      bool          // the first question
	Help         template.HTML // the node's help, rendered
	Answers      []DecideAnswer
	Trail        []DecideStep // the questions already ruled out on every way here, in order
	Leaf         *DecideLeaf
	Start        string // the relative link to the first question
}

// DecideAnswer is one answer of a question, linking the next page.
type DecideAnswer struct {
	Label string
	Href  string
	Code  int // the code it ends at, or 0 when it asks another question
}

// DecideStep is a question on the way to a page, and the codes it ruled out.
type DecideStep struct {
	Question string
	Href     string
	Codes    []int
}

// DecideLeaf is where an answer ends: a code, why, and its entry.
type DecideLeaf struct {
	Answer  string // the answer's label
	Code    CodeLink
	Why     string
	Summary string     // the entry's summary
	Quick   *QuickView // the entry's quick answer, or nil
	Compare *CompareLink
}

// DecideLinks is how an entry's page links the decision guide.
type DecideLinks struct {
	Start     string           // the first question
	Questions []DecideQuestion // the answers that end at this code
}

// DecideQuestion is a question of the guide whose answer ends at a code.
type DecideQuestion struct {
	Question string
	Answer   string
	Href     string // the answer's page
}
