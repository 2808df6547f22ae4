package generator

import (
	"crypto/sha256"
	"io/fs"
	"sync"
	"time"
)

// Content is everything Load read from the content tree.
type Content struct {
	Entries     []*Entry   // sorted by code
	Comparisons []*Compare // sorted by file name
	Guides      []*Guide   // sorted by file name

	// TestedWith holds the runtime versions the snippet tests last ran
	// on (content/tested-with.yaml, written by go test ./snippets -record),
	// keyed by framework name, plus "pydantic".
	TestedWith map[string]string

	// CodeDigits is how many digits every code has: 3, for HTTP status
	// codes, unless site.yaml sets code_digits for a catalogue of an
	// API's own error codes (see CONTRIBUTING.md).
	CodeDigits int

	unloaded map[int]bool // codes whose files exist but failed to load
	siteErr  bool         // site.yaml failed to load, so CodeDigits is a guess
	lean     bool         // loaded for a build: see load
}

// Entry is one status code: content/<class>/<code>.md.
type Entry struct {
	File string // path in the content FS, e.g. "4xx/412.md"

	Code      int
	Reason    string
	Aliases   []string
	Status    string // permanent, temporary, unused, obsolete, unofficial
	Origin    string // who sends an unofficial code, e.g. "nginx"
	Spec      string // "RFC 9110, Section 15.5.13"
	SpecURL   string
	SourceURL string
	Summary   string
	Headers   []Header
	Related   []Related
	Updated   time.Time
	Scenarios []Scenario
	// Untested says why no scenario can make the code examples answer
	// Code (a 408 needs a request that stalls halfway). It is shown under
	// the examples, and waives the rule that a scenario must expect Code.
	Untested string
	// UntestedIn names, by framework, the examples that cannot answer
	// Code (FastAPI under uvicorn cannot send a 103), each with the reason
	// and the version checked. The harness runs those examples without
	// the scenarios that expect Code; the others still run them.
	UntestedIn map[string]string
	// SentBy says who sends the code without the reader's code asking,
	// each claim with a scenario the harness runs or a vendor's source.
	SentBy []SentBy

	// Body is the Markdown after the front matter. Build's own Content
	// leaves it nil, and the Code of the Snippets empty, and reads the
	// file again to render it, so that a build does not hold every body;
	// once it is valid, it also drops the Scenarios and the Sections.
	Body     []byte
	BodyLine int // the file line of the first byte of Body

	Sections []Section // the level-2 sections of Body, in order
	Snippets []Snippet // the code examples, in the order of Frameworks()

	pos        map[string]Pos // the position of each front-matter key path, e.g. "related[1].code"
	hasUpdated bool           // the front matter gives updated
	digits     int            // Content.CodeDigits; 0 means 3

	// A lean entry (see load) keeps where to read its file again, and the
	// SHA-256 of the file it was loaded from; pos is filled on demand.
	fsys    fs.FS
	sum     [sha256.Size]byte
	posOnce sync.Once
}

// Official reports whether the code is in the IANA registry.
func (e *Entry) Official() bool { return e.Status != "unofficial" }

// Class is the class folder, e.g. "4xx".
func (e *Entry) Class() string { return classOf(e.Code, e.digits) }

// Page is the HTML page's path relative to the site root, e.g. "4xx/412.html".
func (e *Entry) Page() string { return e.Class() + "/" + itoa(e.Code) + ".html" }

// Pos returns the position of a front-matter key path such as "reason" or
// "related[0].code", falling back to the file itself.
func (e *Entry) Pos(key string) Pos {
	if e.fsys != nil {
		e.positions()
	}
	if p, ok := e.pos[key]; ok {
		return p
	}
	return Pos{File: e.File, Line: 1, Col: 1}
}

// Header is a header field involved in a status code.
type Header struct {
	Name string
	Note string
}

// Related is a link to another code, with the reason to follow it.
type Related struct {
	Code int
	Why  string
}

// Scenario is a request that the code examples are tested with, and what
// the response must be. A snippet's scenarios run in order against one app.
type Scenario struct {
	Name    string
	Method  string
	Path    string
	Headers map[string]string
	Body    string
	Want    Want
	Line    int // the file line of the scenario
}

// Want is what a scenario's response must carry.
type Want struct {
	Status    int
	Headers   []string // "Name" (present) or "Name: value" (exact)
	EmptyBody bool
	// Interim are the interim (1xx) responses that must come before the
	// final one, in this order; others may come between them. An empty,
	// non-nil list (interim: []) says that none may come.
	Interim []Interim
}

// Interim is an interim (1xx) response a scenario expects, such as a 100
// Continue or a 103 Early Hints with its Link fields.
type Interim struct {
	Status  int
	Headers []string // as in Want.Headers
}

// Expects reports whether the response this Want describes has the code:
// as its final status, or, for a 1xx, as one of its interim responses.
func (w Want) Expects(code int) bool {
	if w.Status == code {
		return true
	}
	for _, im := range w.Interim {
		if im.Status == code {
			return true
		}
	}
	return false
}

// Section is one level-2 section of an entry's body.
type Section struct {
	ID          string // the stable id of a section a kind requires (see copy.go), or ""
	Title       string
	Line        int      // file line of the heading
	Subsections []string // the ids of its level-3 headings, "" for the author's own
	Langs       []string // the languages of its fenced code blocks
}

// Snippet is one code example from "## Code examples".
type Snippet struct {
	Framework string // "express", "fastapi", "spring", "go"
	Lang      string // the fenced-code language
	Code      string
	Line      int // file line of the first line of code (after the fence)
}

// Compare is a comparison entry: content/compare/<a>-vs-<b>.md.
type Compare struct {
	File    string
	Codes   [2]int
	Summary string
	Updated time.Time
	Body    []byte

	BodyLine int
	Sections []Section

	pos map[string]Pos
}

// Page is the comparison page's path, e.g. "compare/412-vs-428.html".
func (c *Compare) Page() string {
	return "compare/" + itoa(c.Codes[0]) + "-vs-" + itoa(c.Codes[1]) + ".html"
}

// Pos returns the position of a front-matter key path.
func (c *Compare) Pos(key string) Pos {
	if p, ok := c.pos[key]; ok {
		return p
	}
	return Pos{File: c.File, Line: 1, Col: 1}
}
