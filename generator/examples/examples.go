// Package examples is the part of the content that runs: each entry's code
// examples, the scenarios they are tested with and its sent_by claims. The
// generator loads and validates it with the rest of an entry
// (generator.Examples); the snippet harness in snippets/ runs it against
// the real frameworks and servers. It holds data only.
package examples

// Entry is what the harness needs of one status-code entry.
type Entry struct {
	File      string // path in the content FS, e.g. "4xx/412.md"
	Code      int
	Scenarios []Scenario
	// SentBy says who sends the code without the reader's code asking,
	// each claim with a scenario the harness runs or a vendor's source.
	SentBy   []SentBy
	Snippets []Snippet // the code examples, in the order of generator.Frameworks()
	// UntestedIn names, by framework, the examples that cannot answer
	// Code (FastAPI under uvicorn cannot send a 103), each with the reason
	// and the version checked. The harness runs those examples without
	// the scenarios that expect Code; the others still run them.
	UntestedIn map[string]string
}

// Scenario is a request that the code examples are tested with, and what
// the response must be. A snippet's scenarios run in order against one app.
type Scenario struct {
	Name   string
	Method string
	Path   string
	// Version is the HTTP version the request line names, such as
	// "HTTP/2.0"; "" is HTTP/1.1. The request is written as HTTP/1.1 syntax
	// whatever it names: a server that does not speak the named major
	// version may answer 505.
	Version string
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
	// BodyHas are texts the body must contain, each somewhere in its first
	// BodyHasLimit bytes: a part's Content-Range in a multipart/byteranges
	// body, a href in a 207's multistatus.
	BodyHas []string
	// Interim are the interim (1xx) responses that must come before the
	// final one, in this order; others may come between them. An empty,
	// non-nil list (interim: []) says that none may come.
	Interim []Interim
}

// BodyHasLimit is how much of a body Want.BodyHas looks in: what the
// snippet harness keeps of each body.
const BodyHasLimit = 4096

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

// Snippet is one code example from "## Code examples".
type Snippet struct {
	Framework string // "express", "fastapi", "spring", "go"
	Lang      string // the fenced-code language
	Code      string
	Line      int // file line of the first line of code (after the fence)
}

// SentBy is one item of an entry's sent_by: who sends the code, when, and
// how that is known: a Scenario the harness runs against that sender
// doing the work itself (with Config, for nginx, the configuration it
// runs with), or a Source in the vendor's own documentation.
type SentBy struct {
	Who      string
	When     string
	Scenario *Scenario
	Config   string // nginx: the configuration fragment the test runs
	Source   string
	Line     int // the file line of the item
}
