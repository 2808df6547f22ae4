package generator

import (
	"crypto/sha256"
	"github.com/statusref/statusref/generator/examples"
	"io/fs"
	"sync"
	"time"
)

// siteContent is everything Load read from the content tree.
type siteContent struct {
	Entries     []*entry      // sorted by code
	Comparisons []*comparison // sorted by file name
	Guides      []*guide      // sorted by file name
	Decision    *decision     // content/guide/*.yaml, or nil

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

// entry is one status code: content/<class>/<code>.md.
type entry struct {
	// The file, the code, the scenarios, sent_by and the snippets, as
	// the snippet harness reads them (File is the path in the content FS,
	// e.g. "4xx/412.md").
	examples.Entry

	Reason    string
	Aliases   []string
	Status    string // permanent, temporary, unused, obsolete, unofficial
	Origin    string // who sends an unofficial code, e.g. "nginx"
	Spec      string // "RFC 9110, Section 15.5.13"
	SpecURL   string
	SourceURL string
	Summary   string
	Headers   []headerNote
	Related   []relatedCode
	Updated   time.Time
	// Untested says why no scenario can make the code examples answer
	// Code (a 408 needs a request that stalls halfway). It is shown under
	// the examples, and waives the rule that a scenario must expect Code.
	Untested string
	// Quick is the quick answer shown right under the lead: what the
	// client and the server should do (for 1xx-3xx, what the client does
	// with the code and how to send it). nil when the entry has none.
	Quick *quickMeta
	// NoSnippets says why an entry has no code examples at all: a
	// vendor's code that no application sends or can prevent (Cloudflare's
	// 521). Such an entry has no scenarios and no "Code examples".
	NoSnippets string

	// Body is the Markdown after the front matter. Build's own Content
	// leaves it nil, and the Code of the Snippets empty, and reads the
	// file again to render it, so that a build does not hold every body;
	// once it is valid, it also drops the Scenarios and the Sections.
	Body     []byte
	BodyLine int // the file line of the first byte of Body

	Sections []section // the level-2 sections of Body, in order
	// meaning is the Span of the "What it means" section, which api/<code>.json
	// carries; it outlives Sections, which a lean build drops.
	meaning [2]int

	pos        map[string]position // the position of each front-matter key path, e.g. "related[1].code"
	hasUpdated bool                // the front matter gives updated
	digits     int                 // Content.CodeDigits; 0 means 3

	// A lean entry (see load) keeps where to read its file again, and the
	// SHA-256 of the file it was loaded from; pos is filled on demand.
	fsys    fs.FS
	sum     [sha256.Size]byte
	posOnce sync.Once
}

// Official reports whether the code is in the IANA registry.
func (e *entry) Official() bool { return e.Status != "unofficial" }

// Class is the class folder, e.g. "4xx".
func (e *entry) Class() string { return classOf(e.Code, e.digits) }

// Page is the HTML page's path relative to the site root, e.g. "4xx/412.html".
func (e *entry) Page() string { return e.Class() + "/" + itoa(e.Code) + ".html" }

// Pos returns the position of a front-matter key path such as "reason" or
// "related[0].code", falling back to the file itself.
func (e *entry) Pos(key string) position {
	if e.fsys != nil {
		e.positions()
	}
	if p, ok := e.pos[key]; ok {
		return p
	}
	return position{File: e.File, Line: 1, Col: 1}
}

// headerNote is a header field involved in a status code.
type headerNote struct {
	Name string
	Note string
}

// relatedCode is a link to another code, with the reason to follow it.
type relatedCode struct {
	Code int
	Why  string
}

// The parts of an entry that run, as the snippet harness reads them.
type (
	scenario = examples.Scenario
	want     = examples.Want
	snippet  = examples.Snippet
	sentBy   = examples.SentBy
)

// section is one level-2 section of an entry's body.
type section struct {
	ID          string // the stable id of a section a kind requires (see copy.go), or ""
	Title       string
	Line        int      // file line of the heading
	Subsections []string // the ids of its level-3 headings, "" for the author's own
	Langs       []string // the languages of its fenced code blocks
	// Span is where the section's Markdown lies in the body, from the
	// block after its heading up to the next level-2 heading, as byte
	// offsets; empty for a section with nothing under its heading.
	Span [2]int
}

// comparison is a comparison entry: content/compare/<a>-vs-<b>.md.
type comparison struct {
	File    string
	Codes   [2]int
	Summary string
	Updated time.Time
	Body    []byte

	BodyLine int
	Sections []section

	pos map[string]position
}

// Page is the comparison page's path, e.g. "compare/412-vs-428.html".
func (c *comparison) Page() string {
	return "compare/" + itoa(c.Codes[0]) + "-vs-" + itoa(c.Codes[1]) + ".html"
}

// Pos returns the position of a front-matter key path.
func (c *comparison) Pos(key string) position {
	if p, ok := c.pos[key]; ok {
		return p
	}
	return position{File: c.File, Line: 1, Col: 1}
}
