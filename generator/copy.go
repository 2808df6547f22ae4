package generator

import (
	"fmt"

	"github.com/statusref/statusref/generator/view"
)

// The site's words. Code refers to sections and labels by stable ids; the
// English they show lives here alone, as Hugo keeps it in i18n/en.toml.
// Validation checks structure by id, never by wording, so translating the
// site will be a change to this table and to the content, not to code.

// Section ids: the sections a page kind requires, whatever their titles.
const (
	secMeaning      = "meaning"
	secWhen         = "when"
	secFix          = "fix"
	secFixClient    = "fix-client"
	secFixServer    = "fix-server"
	secNonDeveloper = "non-developer"
	secSend         = "send"
	secClients      = "clients"
	secExchange     = "exchange"
	secCode         = "code"
	secDifference   = "difference"
	secWhich        = "which"
	secSentBy       = "sent-by" // made from sent_by, never written in Markdown

	// Sections an entry may have, whose place on the page is fixed
	// (classSchema.order): the prose beside sent_by, a vendor code's
	// origin, and the commands to try against statusref serve.
	secFramework = "in-your-framework"
	secOrigin    = "origin"
	secTryIt     = "try-it"
)

// english is the English copy, by id.
var english = map[string]string{
	// Section titles, as contributors write them in "## " headings.
	secMeaning:      "What it means",
	secWhen:         "When servers send it",
	secFix:          "How to fix it",
	secFixClient:    "On the client",
	secFixServer:    "On the server",
	secNonDeveloper: "If you are not a developer",
	secSend:         "How to send it",
	secClients:      "What clients, caches and browsers do",
	secExchange:     "Example exchange",
	secCode:         "Code examples",
	secDifference:   "The difference",
	secWhich:        "Which one to send",
	secSentBy:       "Who sends it for you",

	// Optional sections: the prose beside sent_by, for what its items
	// cannot hold; where a vendor code comes from; and commands to try
	// against statusref serve, shown folded under try-it.summary with
	// try-it.note.
	secFramework:     "In your framework and server",
	secOrigin:        "Where it comes from",
	secTryIt:         "Try it with statusref serve",
	"try-it.summary": "Show the commands: a local tool for contributors",
	"try-it.note":    "statusref serve is a local tool for contributors: it runs on your machine, from a clone of statusref's repository, and this site does not answer these requests.",

	// The quick answer under a status page's lead: for an error, what
	// each side must change; for an answer (1xx-3xx), how to send it and
	// what the client does.
	"quick.title":         "Quick answer",
	"quick.error.client":  "Client",
	"quick.error.server":  "Server",
	"quick.answer.server": "To send it",
	"quick.answer.client": "The client",

	// What the code examples were tested on, and permalinks.
	"tested.on":               " on %s",
	"tested.aside":            " (%s)",
	"tested.spring-boot":      "Spring Boot %s",
	"tested.spring-framework": "Spring Framework %s",
	"tested.tomcat":           "Tomcat %s",
	"permalink":               "Permalink: %s",

	// The notes beside a library's constant for a code.
	"constants.since":         "since %s %s",
	"constants.deprecated-in": "deprecated in %s %s",
	"constants.removed-in":    "removed in %s %s",
	"constants.deprecated":    "deprecated",

	// Page titles and descriptions.
	"home.title":         "HTTP status codes: a reference that runs its examples",
	"home.description":   "Every HTTP status code a client meets, with what it means, who must fix it, and tested examples for %s.",
	"404.title":          "Page not found",
	"404.description":    "This page does not exist.",
	"class.title":        "%s %s status codes", // class, its name
	"compare.title":      "%d %s vs %d %s",
	"compare.link":       "%d vs %d",
	"status.title":       "%d %s",
	"list.and":           " and ",
	"status.unofficial":  "Unofficial, sent by %s",
	"status.unused":      "Reserved, unused (IANA registry)",
	"status.unused-name": "%s %s", // an unused code's first alias, the registry's "(Unused)"
	"status.obsolete":    "Obsolete (IANA registry)",
	"status.temporary":   "Temporary registration (IANA registry)",
	"status.permanent":   "Permanent (IANA registry)",
	"decide.title":       "Which status code should I return?",
	"decide.description": "A decision guide: answer questions about your request, in the order a server decides, and get the status code to send, with the RFC section that says so.",
	"decide.leaf.title":  "Send %d %s",

	// The classes: their names and what each means.
	"1xx.name": "Informational",
	"1xx.desc": "The request was received and processing goes on; a final response follows.",
	"2xx.name": "Successful",
	"2xx.desc": "The request was received, understood and accepted.",
	"3xx.name": "Redirection",
	"3xx.desc": "The client must take a further step to complete the request, such as following a redirect or using its cached copy.",
	"4xx.name": "Client error",
	"4xx.desc": "The request cannot be fulfilled as sent: the client has to change something before trying again.",
	"5xx.name": "Server error",
	"5xx.desc": "The request looked valid but the server failed to fulfil it: the fix is on the server's side.",

	// What a client does with a code of the class it does not know (RFC
	// 9110, Section 15): it treats it as the x00 code of its class.
	"1xx.fallback": "A client that does not know a 1xx code treats it as 100 Continue: an interim answer, with the final response still to come; a user agent may also ignore it.",
	"2xx.fallback": "A client that does not know a 2xx code treats it as 200 OK.",
	"3xx.fallback": "A client that does not know a 3xx code treats it as 300 Multiple Choices; a browser may still follow its Location.",
	"4xx.fallback": "A client that does not know a 4xx code treats it as 400 Bad Request.",
	"5xx.fallback": "A client that does not know a 5xx code treats it as 500 Internal Server Error.",
}

// tr is the copy for id, formatted with args like fmt.Sprintf. An id that
// is not in the table is a bug, and shows as itself.
func tr(id string, args ...any) string {
	s, ok := english[id]
	if !ok {
		return id
	}
	if len(args) > 0 {
		return fmt.Sprintf(s, args...)
	}
	return s
}

// sectionID is the id of a section heading's title, or "" for a section
// of the author's own.
var sectionID = func() func(title string) string {
	byTitle := map[string]string{}
	for _, id := range []string{secMeaning, secWhen, secFix, secFixClient, secFixServer, secNonDeveloper, secSend, secClients, secExchange, secCode, secDifference, secWhich, secSentBy, secFramework, secOrigin, secTryIt} {
		byTitle[english[id]] = id
	}
	return func(title string) string { return byTitle[title] }
}()

// joinAnd joins parts as English lists them: "a, b and c".
func joinAnd(parts []string) string {
	switch len(parts) {
	case 0:
		return ""
	case 1:
		return parts[0]
	}
	s := ""
	for i, p := range parts[:len(parts)-1] {
		if i > 0 {
			s += ", "
		}
		s += p
	}
	return s + tr("list.and") + parts[len(parts)-1]
}

// statusLabel says what kind of code an entry is.
func statusLabel(e *entry) string {
	if e.Status == "unofficial" {
		return tr("status.unofficial", e.Origin)
	}
	switch e.Status {
	case "unused", "obsolete", "temporary":
		return tr("status." + e.Status)
	}
	return tr("status.permanent")
}

// shownReason is the reason phrase as pages show it. A code the registry
// lists as "(Unused)" is known by another name, its first alias, which
// comes first: "I'm a teapot (Unused)" for 418, "Switch Proxy (Unused)"
// for 306. The data (api/, the facts box) keep the registry's phrase.
func shownReason(e *entry) string {
	if e.Status == "unused" && len(e.Aliases) > 0 {
		return tr("status.unused-name", e.Aliases[0], e.Reason)
	}
	return e.Reason
}

// classInfo names and describes a class of status codes.
func classInfo(class string) view.ClassView {
	v := view.ClassView{Class: class, Name: tr(class + ".name"), Description: tr(class + ".desc")}
	if _, ok := english[class+".fallback"]; ok { // the HTTP classes, not an API's own codes
		v.Fallback = tr(class + ".fallback")
	}
	return v
}
