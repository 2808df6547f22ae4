package snippets

import (
	"fmt"
	"github.com/statusref/statusref/generator/examples"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Response is what the client saw for one scenario.
type Response struct {
	Status  int         `json:"status"`
	Headers [][2]string `json:"headers"` // as received, in order; a field sent twice is listed twice
	Body    string      `json:"body"`    // the first few KiB
	BodyLen int         `json:"body_len"`
	// Error means no response came back (the app threw, the request timed
	// out); Raised is an error the app logged or threw while a response
	// still came back, such as the one behind a 500.
	Error  *Failure `json:"error"`
	Raised *Failure `json:"raised"`
	// Interim are the 1xx responses that came before it, in order.
	Interim []Interim `json:"interim,omitempty"`
	// Logged are the statuses nginx's access log recorded while the
	// scenario ran (nginx scenarios only).
	Logged []int `json:"logged,omitempty"`

	closes bool // the server closes the connection after it
}

// Interim is an interim (1xx) response: its status and its header lines,
// as received.
type Interim struct {
	Status  int         `json:"status"`
	Headers [][2]string `json:"headers"`
}

// Failure is an error a runner or the client reports, at a line of the
// snippet (0 when it cannot tell which).
type Failure struct {
	Message string `json:"message"`
	Line    int    `json:"line"`
}

// Result is what a runner reports for one snippet.
type Result struct {
	ID string `json:"id"`
	// Errors kept the snippet from running: it did not compile or load.
	Errors []Failure `json:"errors"`
	// Checks are failures that do not stop it from running, such as gofmt
	// and go vet findings. The runners leave them empty.
	Checks    []Failure  `json:"checks"`
	Scenarios []Response `json:"scenarios"`
	// Raised are the errors the snippet's handlers threw or logged while
	// its scenarios ran, in order.
	Raised []Failure `json:"raised"`
}

// CheckResponse returns what is wrong with a response to a scenario: the
// status must be want.Status, each want.Headers item "Name" must be present
// and "Name: value" must match exactly, each want.Interim response must have
// come before the final one, in order and with its headers (see
// checkInterim), with want.EmptyBody the body must be empty, and the body
// must contain each of want.BodyHas. It returns nil when the response is
// right.
func CheckResponse(want examples.Want, got Response) []string {
	var problems []string
	if got.Status != want.Status {
		p := fmt.Sprintf("got status %d, want %d", got.Status, want.Status)
		if got.BodyLen > 0 {
			p += " (body: " + excerpt(got.Body, got.BodyLen) + ")"
		}
		problems = append(problems, p)
	}
	problems = append(problems, checkHeaders(want.Headers, got.Headers, "")...)
	problems = append(problems, checkInterim(want.Interim, got.Interim)...)
	if want.EmptyBody && got.BodyLen > 0 {
		problems = append(problems, fmt.Sprintf("got a %d-byte body %s, want an empty body", got.BodyLen, excerpt(got.Body, got.BodyLen)))
	}
	for _, text := range want.BodyHas {
		if !strings.Contains(got.Body, text) {
			problems = append(problems, fmt.Sprintf("got a body without %q: %s", text, excerpt(got.Body, got.BodyLen)))
		}
	}
	return problems
}

// checkHeaders returns what is wrong with header lines against want items,
// each "Name" (present) or "Name: value" (exact). Each problem starts with
// "got" and what follows it, then in, e.g. " in the interim 103".
func checkHeaders(want []string, got [][2]string, in string) []string {
	var problems []string
	for _, h := range want {
		name, value, exact := strings.Cut(h, ":")
		name, value = strings.TrimSpace(name), strings.TrimSpace(value)
		values := HeaderValues(got, name)
		switch {
		case len(values) == 0:
			problems = append(problems, fmt.Sprintf("got no %s header%s, want %s", name, in, describeWant(name, value, exact)))
		case exact && !valueMatches(values, value, caseInsensitiveValues[strings.ToLower(name)]):
			var shown []string
			for _, v := range values {
				shown = append(shown, name+": "+v)
			}
			problems = append(problems, fmt.Sprintf("got %s%s, want %s: %s", strings.Join(shown, " and "), in, name, value))
		}
	}
	return problems
}

// checkInterim returns what is wrong with the interim responses that came
// before the final one: each wanted one must be there, after the one
// before it, with its headers. Interim responses the scenario does not
// list may come between them (a server may send a 100 Continue before its
// handler sends a 103); an empty, non-nil want allows none. A wanted response is matched to the first one
// after the previous match with its status and headers; when none has the
// headers, the problems of the first with its status are reported.
func checkInterim(want []examples.Interim, got []Interim) []string {
	if want != nil && len(want) == 0 && len(got) > 0 {
		return []string{fmt.Sprintf("got the interim responses %s, want none before the final response", describeInterim(got))}
	}
	var problems []string
	next := 0 // the index in got after the last match
	for _, w := range want {
		first, match := -1, -1
		for i := next; i < len(got) && match < 0; i++ {
			if got[i].Status != w.Status {
				continue
			}
			if first < 0 {
				first = i
			}
			if len(checkHeaders(w.Headers, got[i].Headers, "")) == 0 {
				match = i
			}
		}
		switch {
		case match >= 0:
			next = match + 1
		case first >= 0:
			problems = append(problems, checkHeaders(w.Headers, got[first].Headers, fmt.Sprintf(" in the interim %d", w.Status))...)
			next = first + 1
		default:
			problems = append(problems, fmt.Sprintf("got no interim %d response%s, want one before the final response (interim responses received: %s)", w.Status, afterWhat(next, got), describeInterim(got)))
		}
	}
	return problems
}

// afterWhat says where in the sequence a missing interim response was
// looked for, when an earlier one was matched.
func afterWhat(next int, got []Interim) string {
	if next == 0 {
		return ""
	}
	return fmt.Sprintf(" after the interim %d", got[next-1].Status)
}

// describeInterim lists interim responses by status, for a failure.
func describeInterim(got []Interim) string {
	if len(got) == 0 {
		return "none"
	}
	var s []string
	for _, im := range got {
		s = append(s, strconv.Itoa(im.Status))
	}
	return strings.Join(s, ", ")
}

func describeWant(name, value string, exact bool) string {
	if exact {
		return name + ": " + value
	}
	return "one"
}

// HeaderValues returns the values of the header fields named name (in any
// case), each with its surrounding whitespace trimmed.
func HeaderValues(headers [][2]string, name string) []string {
	var values []string
	for _, h := range headers {
		if strings.EqualFold(h[0], name) {
			values = append(values, strings.TrimSpace(h[1]))
		}
	}
	return values
}

// caseInsensitiveValues are the fields whose values are case-insensitive
// tokens: connection options (RFC 9110, Section 7.6.1) and protocol names
// (Section 7.8), so Tomcat's "Connection: upgrade" after a WebSocket
// handshake matches a scenario's "Connection: Upgrade".
var caseInsensitiveValues = map[string]bool{"connection": true, "upgrade": true}

// valueMatches reports whether the field value is exactly want (ignoring
// case when fold is set): one field line carrying it, or several lines that
// combine (RFC 9110, Section 5.3) into it.
func valueMatches(values []string, want string, fold bool) bool {
	same := func(a, b string) bool {
		if fold {
			return strings.EqualFold(a, b)
		}
		return a == b
	}
	for _, v := range values {
		if same(v, want) {
			return true
		}
	}
	return len(values) > 1 && same(strings.Join(values, ", "), want)
}

// excerpt quotes the start of a body for a failure message.
func excerpt(body string, n int) string {
	const max = 160
	s := strings.Join(strings.Fields(body), " ")
	if len(s) > max {
		s = s[:max]
		for !utf8.ValidString(s) {
			s = s[:len(s)-1]
		}
		s += "…"
	} else if n > len(body) {
		s += "…"
	}
	return strconv.Quote(s)
}

// Snippet locations. A runner reports lines of the snippet; the test reports
// lines of the entry file: entry line = Snippet.Line + snippet line - 1.

// entryLine maps a line of the snippet to a line of its entry file.
func entryLine(sn examples.Snippet, line int) int {
	if line <= 0 {
		return sn.Line
	}
	return sn.Line + line - 1
}

// relocate rewrites "<name>:<line>" references to the snippet's own file
// (name is the base name the runner gave it) into entry-file positions.
func relocate(msg, name, display string, sn examples.Snippet) string {
	if name == "" {
		return msg
	}
	re := regexp.MustCompile(regexp.QuoteMeta(name) + `:(\d+)`)
	return re.ReplaceAllStringFunc(msg, func(m string) string {
		n, _ := strconv.Atoi(m[len(name)+1:])
		return fmt.Sprintf("%s:%d", display, entryLine(sn, n))
	})
}
