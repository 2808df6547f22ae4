package generator

import (
	"fmt"
	"net/url"
	"path"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/statusref/statusref/generator/examples"
)

// Required level-2 sections of a comparison entry, in order.
var compareSections = []string{secDifference, secWhich}

var statuses = []string{"permanent", "temporary", "unused", "obsolete", "unofficial"}

var specRE = regexp.MustCompile(`^RFC (\d+), Section (\d+(?:\.\d+)*)$`)

// tokenChars are the characters of an HTTP token (RFC 9110, Section 5.6.2),
// the syntax of a method and of a field name.
var tokenChars = func() (t [256]bool) {
	for _, c := range []byte("!#$%&'*+.^_`|~-") {
		t[c] = true
	}
	for c := '0'; c <= '9'; c++ {
		t[c] = true
	}
	for c := 'a'; c <= 'z'; c++ {
		t[c], t[c-'a'+'A'] = true, true
	}
	return t
}()

// isToken reports whether s is a non-empty HTTP token.
func isToken(s string) bool {
	for i := 0; i < len(s); i++ {
		if !tokenChars[s[i]] {
			return false
		}
	}
	return s != ""
}

// isHTTPVersion reports whether s is an HTTP-version as a request line
// writes it (RFC 9112, Section 2.3): "HTTP/", a digit, ".", a digit.
func isHTTPVersion(s string) bool {
	digit := func(c byte) bool { return '0' <= c && c <= '9' }
	return len(s) == len("HTTP/1.1") && strings.HasPrefix(s, "HTTP/") && digit(s[5]) && s[6] == '.' && digit(s[7])
}

// Validate checks every entry against the format, the IANA registry and
// the other entries, and returns every problem as an errorList.
func validate(c *siteContent) error {
	var errs errorList
	byCode := map[int]*entry{}
	for _, e := range c.Entries {
		if _, ok := byCode[e.Code]; !ok {
			byCode[e.Code] = e
		}
	}
	// A code "exists" when an entry has it or a file is named for it, so
	// that a broken 412.md does not also make every link to 412 an error.
	named := map[int]bool{}
	for _, e := range c.Entries {
		if code, err := strconv.Atoi(strings.TrimSuffix(path.Base(e.File), ".md")); err == nil {
			named[code] = true
		}
	}
	exists := func(code int) bool { return byCode[code] != nil || c.unloaded[code] || named[code] }
	digits := c.CodeDigits
	if digits == 0 {
		digits = 3
	}
	if c.siteErr {
		// With site.yaml broken, how long a code should be is unknown:
		// report the file, not every code.
		digits = 0
	}
	for _, k := range kinds {
		k.validate(c, exists, digits, &errs)
	}
	return errs.Err()
}

// validateEntries checks the status-code entries: each on its own, over
// every core (serve validates the whole content after each edit), and
// that no two have one code.
func validateEntries(c *siteContent, exists func(int) bool, digits int, errs *errorList) {
	byCode := map[int]*entry{}
	for _, e := range c.Entries {
		if prev, ok := byCode[e.Code]; ok {
			errs.Add(e.Pos("code"), "duplicate code %d: %s already has it", e.Code, prev.File)
			continue
		}
		byCode[e.Code] = e
	}
	perEntry := make([]errorList, len(c.Entries))
	parallel(len(c.Entries), func(i int) {
		validateEntry(c.Entries[i], digits, exists, &perEntry[i])
	})
	for _, l := range perEntry {
		*errs = append(*errs, l...)
	}
}

func validateEntry(e *entry, digits int, exists func(int) bool, errs *errorList) {
	// The code, the file name and the class folder agree.
	base := strings.TrimSuffix(path.Base(e.File), ".md")
	lo, hi := codeRange(digits)
	switch {
	case digits == 0:
		// The length of a code is unknown; so is its class.
	case (e.Code < lo || e.Code > hi) && digits == 3:
		errs.Add(e.Pos("code"), "code %d is not an HTTP status code: it must be three digits from 100 to 599", e.Code)
		return // every other check would only repeat this
	case e.Code < lo || e.Code > hi:
		errs.Add(e.Pos("code"), "code %d is not a %d-digit code: site.yaml sets code_digits: %d, so codes run from %d to %d, the first digit being the class", e.Code, digits, digits, lo, hi)
		return
	case base != strconv.Itoa(e.Code):
		errs.Add(e.Pos("code"), "code %d does not match the file name %s: rename the file to %d.md or fix the code", e.Code, path.Base(e.File), e.Code)
	case path.Dir(e.File) != e.Class():
		errs.Add(e.Pos("code"), "code %d belongs in the %s/ folder, not %s/", e.Code, e.Class(), path.Dir(e.File))
	}

	required := func(key, val, what string) {
		if strings.TrimSpace(val) == "" {
			errs.Add(e.Pos(key), "%s is missing: %s", key, what)
		}
	}
	required("reason", e.Reason, "give the reason phrase")
	required("summary", e.Summary, "give a one-sentence summary")
	if e.Summary != "" && (strings.Contains(e.Summary, "\n") || !strings.HasSuffix(e.Summary, ".")) {
		errs.Add(e.Pos("summary"), "summary must be one sentence on one line, ending with a full stop")
	}
	if !slices.Contains(statuses, e.Status) {
		errs.Add(e.Pos("status"), "status %q is not one of %s", e.Status, strings.Join(statuses, ", "))
	}
	if !e.hasUpdated {
		errs.Add(e.Pos("updated"), "updated is missing: give the date the entry was last changed in substance, e.g. 2026-11-22")
	}
	for i, a := range e.Aliases {
		if strings.TrimSpace(a) == "" || a == e.Reason {
			errs.Add(e.Pos(fmt.Sprintf("aliases[%d]", i)), "alias %q must be a different, non-empty name", a)
		}
	}

	// Official codes agree with the IANA registry; unofficial ones name
	// who sends them.
	reg, registered := registry()[e.Code]
	if e.Status == "unofficial" {
		if registered {
			errs.Add(e.Pos("status"), "code %d is in the IANA registry as %q: it is not unofficial", e.Code, reg.Reason)
		}
		required("origin", e.Origin, "name who sends this unofficial code, e.g. nginx")
		if e.Spec != "" || e.SpecURL != "" {
			errs.Add(e.Pos("spec"), "an unofficial code has no spec: leave spec and spec_url empty and link the vendor's documentation in source_url")
		}
	} else if slices.Contains(statuses, e.Status) {
		validateOfficial(e, reg, registered, errs)
	}
	if e.SourceURL != "" {
		if u, err := url.Parse(e.SourceURL); err != nil || u.Scheme != "https" || u.Host == "" {
			errs.Add(e.Pos("source_url"), "source_url must be an https:// URL")
		}
	}

	for i, h := range e.Headers {
		if !isToken(h.Name) {
			errs.Add(e.Pos(fmt.Sprintf("headers[%d].name", i)), "header name %q is not a valid field name", h.Name)
		}
		if strings.TrimSpace(h.Note) == "" {
			errs.Add(e.Pos(fmt.Sprintf("headers[%d]", i)), "header %s needs a note: what it does for this code", h.Name)
		}
	}
	seenRel := map[int]bool{}
	for i, r := range e.Related {
		key := func() position { return e.Pos(fmt.Sprintf("related[%d].code", i)) }
		switch {
		case r.Code == e.Code:
			errs.Add(key(), "an entry cannot be related to itself")
		case !exists(r.Code):
			errs.Add(key(), "related code %d has no entry: write content/%s/%d.md or remove the link", r.Code, classOf(r.Code, digits), r.Code)
		case seenRel[r.Code]:
			errs.Add(key(), "related code %d is listed twice", r.Code)
		}
		seenRel[r.Code] = true
		if strings.TrimSpace(r.Why) == "" {
			errs.Add(e.Pos(fmt.Sprintf("related[%d]", i)), "related code %d needs a one-line why", r.Code)
		}
	}

	validateQuick(e, errs)
	if e.NoSnippets != "" {
		validateNoSnippets(e, errs)
	} else {
		validateScenarios(e, errs)
	}
	validateSentBy(e, errs)
	validateBody(e, errs)
}

func validateOfficial(e *entry, reg registryEntry, registered bool, errs *errorList) {
	if !registered {
		errs.Add(e.Pos("status"), "code %d is not in the IANA registry: set status: unofficial and name its origin", e.Code)
		return
	}
	if e.Reason != reg.Reason {
		errs.Add(e.Pos("reason"), "reason %q disagrees with the IANA registry, which says %q", e.Reason, reg.Reason)
	}
	if want := reg.status(); e.Status != want {
		errs.Add(e.Pos("status"), "status %q disagrees with the IANA registry: code %d is %s", e.Status, e.Code, want)
	}
	if reg.Draft != "" {
		// A temporary registration names a draft, not an RFC section.
		if e.Spec != reg.Draft {
			errs.Add(e.Pos("spec"), "spec %q must name the draft the IANA registry gives: %s", e.Spec, reg.Draft)
		}
		if want := draftURL(reg.Draft); e.SpecURL != want {
			errs.Add(e.Pos("spec_url"), "spec_url must link the draft: %s", want)
		}
		return
	}
	m := specRE.FindStringSubmatch(e.Spec)
	if m == nil {
		errs.Add(e.Pos("spec"), "spec %q must read \"RFC N, Section S\"", e.Spec)
		return
	}
	rfc, _ := strconv.Atoi(m[1])
	section := m[2]
	switch {
	case rfc != reg.RFC:
		errs.Add(e.Pos("spec"), "spec names RFC %d, but the IANA registry defines %d in RFC %d", rfc, e.Code, reg.RFC)
	case reg.Section != "" && section != reg.Section:
		errs.Add(e.Pos("spec"), "spec names Section %s, but the IANA registry gives RFC %d, Section %s", section, reg.RFC, reg.Section)
	}
	if want := specURL(rfc, section); e.SpecURL != want {
		errs.Add(e.Pos("spec_url"), "spec_url must link the exact section: %s", want)
	}
}

// draftURL is the IETF Datatracker's link to an Internet-Draft.
func draftURL(draft string) string { return "https://datatracker.ietf.org/doc/html/" + draft }

// specURL is the RFC Editor's link to a section.
func specURL(rfc int, section string) string {
	return fmt.Sprintf("https://www.rfc-editor.org/rfc/rfc%d#section-%s", rfc, section)
}

// maxQuickLine is the longest line of a quick answer, in characters: two
// of them must fit the first screen of a phone under the title and lead.
const maxQuickLine = 200

// validateQuick checks the quick answer: a line for each side, each a
// sentence that fits at the top of the page.
func validateQuick(e *entry, errs *errorList) {
	if e.Quick == nil {
		return
	}
	for _, side := range []struct{ key, v, what string }{
		{"client", e.Quick.Client, quickWhat(schemaOf(e.Code, e.digits), "client")},
		{"server", e.Quick.Server, quickWhat(schemaOf(e.Code, e.digits), "server")},
	} {
		key := "quick." + side.key
		v := strings.TrimSpace(side.v)
		switch {
		case v == "":
			errs.Add(e.Pos("quick.key"), "quick.%s is missing: one sentence on %s", side.key, side.what)
		case strings.ContainsAny(v, "\n\r"):
			errs.Add(e.Pos(key), "quick.%s must be one line: it is the quick answer, the page below gives the detail", side.key)
		case utf8.RuneCountInString(v) > maxQuickLine:
			errs.Add(e.Pos(key), "quick.%s is %d characters: keep it within %d so the quick answer fits a phone's first screen", side.key, utf8.RuneCountInString(v), maxQuickLine)
		case !strings.HasSuffix(v, "."):
			errs.Add(e.Pos(key), "quick.%s must be a sentence ending with a full stop", side.key)
		case v == strings.TrimSpace(e.Summary):
			errs.Add(e.Pos(key), "quick.%s repeats the summary: say what to do, not what the code means", side.key)
		}
	}
}

// quickWhat says what a side of the quick answer holds in an entry of a
// class: what to change, for a failure; what to do, for an answer.
func quickWhat(schema classSchema, side string) string {
	switch {
	case schema.failure() && side == "client":
		return "what the client must change"
	case schema.failure():
		return "what the server must change or send"
	case side == "client":
		return "what a client, a cache or a browser does with it"
	}
	return "how to send it"
}

// validateNoSnippets checks an entry that says it has no code examples:
// only a vendor's code may, with a reason a reader can act on and the
// vendor's own word on who sends it.
func validateNoSnippets(e *entry, errs *errorList) {
	reason := strings.TrimSpace(e.NoSnippets)
	switch {
	case e.Official():
		errs.Add(e.Pos("no_snippets"), "no_snippets is for a vendor's code that no application sends; %d is registered, so its examples show how to send it: remove no_snippets", e.Code)
	case len(strings.Fields(reason)) < 8 || !strings.HasSuffix(reason, "."):
		errs.Add(e.Pos("no_snippets"), "no_snippets must say in a sentence or more, ending with a full stop, why no code of the reader's can send or prevent %d", e.Code)
	}
	if len(e.Scenarios) > 0 {
		errs.Add(e.Pos("scenarios"), "an entry with no_snippets has no code examples to test: remove scenarios, or remove no_snippets and write the examples")
	}
	if e.Untested != "" {
		errs.Add(e.Pos("untested"), "an entry with no_snippets has no code examples: remove untested")
	}
	if len(e.UntestedIn) > 0 {
		errs.Add(e.Pos("untested_in.key"), "an entry with no_snippets has no code examples: remove untested_in")
	}
	if !slices.ContainsFunc(e.SentBy, func(s sentBy) bool { return s.Source != "" }) {
		errs.Add(e.Pos("no_snippets"), "an entry with no_snippets must say who sends %d: add a sent_by item with the vendor's source", e.Code)
	}
}

func validateScenarios(e *entry, errs *errorList) {
	if len(e.Scenarios) == 0 {
		errs.Add(e.Pos("scenarios.key"), "scenarios are missing: give at least one request the code examples are tested with")
		return
	}
	sendsCode, contrast := false, false
	for i, s := range e.Scenarios {
		validateScenario(e, fmt.Sprintf("scenarios[%d]", i), s, errs)
		if s.Want.Expects(e.Code) {
			sendsCode = true
		} else {
			contrast = true
		}
	}
	if e.Official() && !sendsCode && strings.TrimSpace(e.Untested) == "" {
		errs.Add(e.Pos("scenarios"), "no scenario expects %d: add one in which the code examples answer %d, or say in untested: why none can", e.Code, e.Code)
	}
	if sendsCode && e.Untested != "" {
		errs.Add(e.Pos("untested"), "a scenario expects %d, so the examples are tested: remove untested", e.Code)
	}
	validateUntestedIn(e, sendsCode, errs)
	if e.Official() && !contrast {
		errs.Add(e.Pos("scenarios"), "every scenario expects %d: add a contrasting request that does not get %d, so that a snippet that always answers %d fails", e.Code, e.Code, e.Code)
	}
}

// validateUntestedIn checks untested_in: known frameworks, each with a
// reason, and only where a scenario expects the code and some example
// is tested answering it.
func validateUntestedIn(e *entry, sendsCode bool, errs *errorList) {
	if len(e.UntestedIn) == 0 {
		return
	}
	var names []string
	tested := false
	for _, f := range Frameworks() {
		names = append(names, f.Name)
		reason, listed := e.UntestedIn[f.Name]
		if !listed && f.Required {
			tested = true
		}
		if listed && strings.TrimSpace(reason) == "" {
			errs.Add(e.Pos("untested_in."+f.Name), "untested_in.%s needs a reason: why the %s example cannot answer %d, naming the version checked", f.Name, f.Label, e.Code)
		}
	}
	keys := make([]string, 0, len(e.UntestedIn))
	for k := range e.UntestedIn {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for _, k := range keys {
		if !slices.Contains(names, k) {
			errs.Add(e.Pos("untested_in."+k+".key"), "untested_in names %q, which is not a framework: use one of %s", k, strings.Join(names, ", "))
		}
	}
	switch {
	case !sendsCode:
		errs.Add(e.Pos("untested_in.key"), "untested_in says which examples a scenario expecting %d skips, but no scenario expects %d: say in untested: why none can", e.Code, e.Code)
	case !tested:
		errs.Add(e.Pos("untested_in.key"), "untested_in names every framework, so no example is tested answering %d: say in untested: why none can", e.Code)
	}
}

// validateScenario checks one scenario, at the key path item
// ("scenarios[0]", "sent_by[1].scenario").
func validateScenario(e *entry, item string, s scenario, errs *errorList) {
	key := func(k string) position { return e.Pos(item + "." + k) }
	if strings.TrimSpace(s.Name) == "" {
		errs.Add(e.Pos(item), "scenario needs a name that says what it shows")
	}
	if !isToken(s.Method) || strings.ToUpper(s.Method) != s.Method {
		errs.Add(key("method"), "method %q must be an upper-case HTTP method such as GET or PUT", s.Method)
	}
	if _, err := url.ParseRequestURI(s.Path); err != nil || !strings.HasPrefix(s.Path, "/") || strings.Contains(s.Path, "..") || strings.ContainsAny(s.Path, " \t") {
		errs.Add(key("path"), "path %q must be an absolute request path such as /documents/42, without '..'", s.Path)
	}
	if s.Version != "" && !isHTTPVersion(s.Version) {
		errs.Add(key("version"), "version %q must be an HTTP version as a request line writes it, HTTP/ with a digit, a dot and a digit (HTTP/1.0, HTTP/2.0); leave it out for HTTP/1.1", s.Version)
	}
	for name := range s.Headers {
		if !isToken(name) {
			errs.Add(key("headers"), "request header name %q is not a valid field name", name)
		}
	}
	switch {
	case !isHTTPStatus(s.Want.Status):
		errs.Add(key("want.status"), "want.status %d must be a status code from 100 to 599", s.Want.Status)
	case isInterim(s.Want.Status):
		// The client reads on past a 1xx (but 101) to the final response.
		errs.Add(key("want.status"), "want.status %d is an interim status, which a final response cannot have: give the final status (such as 200) and list %d under want.interim", s.Want.Status, s.Want.Status)
	}
	validateWantHeaders(key, "want.headers", s.Want.Headers, errs)
	for j, text := range s.Want.BodyHas {
		at := key(fmt.Sprintf("want.body_has[%d]", j))
		switch {
		case strings.TrimSpace(text) == "":
			errs.Add(at, "want.body_has entry is empty: give a text the body must contain, or remove it")
		case s.Want.EmptyBody || s.Method == "HEAD" || s.Want.Status == 204 || s.Want.Status == 304:
			errs.Add(at, "want.body_has asks for a body that this scenario cannot have (empty_body is true, the method is HEAD, or the status is 204 or 304, which carry none): remove one of them")
		case len(text) > examples.BodyHasLimit:
			errs.Add(at, "want.body_has entry is %d bytes, longer than the %d bytes of body the harness keeps: give a shorter text", len(text), examples.BodyHasLimit)
		}
	}
	for j, im := range s.Want.Interim {
		at := fmt.Sprintf("want.interim[%d]", j)
		switch {
		case im.Status == 101:
			// 101 ends HTTP/1.1 on the connection: it is final.
			errs.Add(key(at+".status"), "want.interim status 101 is not interim: a 101 ends the HTTP/1.1 exchange (the connection switches protocol), so give it as want.status")
		case im.Status < 100 || im.Status > 199:
			errs.Add(key(at+".status"), "want.interim status %d must be an interim (1xx) status from 100 to 199, other than 101", im.Status)
		}
		validateWantHeaders(key, at+".headers", im.Headers, errs)
	}
}

// isInterim reports whether a status is an interim (1xx) one: every 1xx
// but 101, after which the connection speaks another protocol.
func isInterim(status int) bool { return status >= 100 && status <= 199 && status != 101 }

// validateWantHeaders checks the header items of a want (at the key path
// field, e.g. "want.headers"), each "Name" or "Name: value".
func validateWantHeaders(key func(string) position, field string, headers []string, errs *errorList) {
	for j, h := range headers {
		name, _, _ := strings.Cut(h, ":")
		if !isToken(strings.TrimSpace(name)) {
			errs.Add(key(fmt.Sprintf("%s[%d]", field, j)), "%s entry %q must be \"Name\" or \"Name: value\"", field, h)
		}
	}
}

func validateBody(e *entry, errs *errorList) {
	end := position{File: e.File, Line: e.BodyLine}
	schema := schemaOf(e.Code, e.digits)
	required := schema.sections
	if e.NoSnippets != "" {
		required = slices.DeleteFunc(slices.Clone(required), func(id string) bool { return id == secCode })
	}
	checkSections(e.File, e.Sections, required, end, errs)
	for _, s := range e.Sections {
		for _, sub := range schema.parts[s.ID] {
			if !slices.Contains(s.Subsections, sub) {
				errs.Add(position{e.File, s.Line, 1}, "%q needs a \"### %s\" part", s.Title, tr(sub))
			}
		}
		if s.ID != secNonDeveloper && s.ID != secSentBy && !slices.Contains(schema.sections, s.ID) && isClassSection(s.ID) {
			errs.Add(position{e.File, s.Line, 1}, "%q is not a section of a %s entry, whose sections are %s: move what it says into those and remove it", s.Title, e.Class(), quoteList(sectionTitles(schema.sections)))
		}
		switch s.ID {
		case secSentBy:
			errs.Add(position{e.File, s.Line, 1}, "%q is made from sent_by: move what this section says into sent_by items (and what they cannot hold into \"## %s\") and remove it", s.Title, tr(secFramework))
		case secExchange:
			if !slices.Contains(s.Langs, "http") {
				errs.Add(position{e.File, s.Line, 1}, "%q needs an ```http block with a raw request and response", s.Title)
			}
		case secCode:
			if e.NoSnippets != "" {
				errs.Add(position{e.File, s.Line, 1}, "%q contradicts no_snippets: remove the section (the page shows the no_snippets reason in its place)", s.Title)
				break
			}
			var missing []string
			for _, f := range Frameworks() {
				if f.Required && !slices.ContainsFunc(e.Snippets, func(s snippet) bool { return s.Framework == f.Name }) {
					missing = append(missing, fmt.Sprintf("%s (```%s)", f.Label, fence(f)))
				}
			}
			if len(missing) > 0 {
				errs.Add(position{e.File, s.Line, 1}, "%q is missing a snippet for %s", s.Title, strings.Join(missing, ", "))
			}
		}
	}
}

// checkSections reports required level-2 sections that are missing or out
// of order. Other sections may stand between them.
func checkSections(file string, have []section, want []string, end position, errs *errorList) {
	titles := sectionTitles(want)
	next := 0 // index in want of the next required section
	for _, s := range have {
		i := slices.Index(want, s.ID)
		if i < 0 || s.ID == "" {
			continue
		}
		if i < next {
			errs.Add(position{file, s.Line, 1}, "section %q is out of order: the sections are %s", s.Title, quoteList(titles))
			continue
		}
		for _, skipped := range titles[next:i] {
			errs.Add(position{file, s.Line, 1}, "section \"## %s\" is missing before %q", skipped, s.Title)
		}
		next = i + 1
	}
	for _, skipped := range titles[next:] {
		errs.Add(end, "section \"## %s\" is missing", skipped)
	}
}

// sectionTitles are the titles of the sections ids.
func sectionTitles(ids []string) []string {
	titles := make([]string, len(ids))
	for i, id := range ids {
		titles[i] = tr(id)
	}
	return titles
}

func quoteList(ss []string) string {
	q := make([]string, len(ss))
	for i, s := range ss {
		q[i] = strconv.Quote(s)
	}
	return strings.Join(q, ", ")
}

func validateCompare(c *comparison, digits int, exists func(int) bool, seen map[[2]int]string, errs *errorList) {
	a, b := c.Codes[0], c.Codes[1]
	if want := fmt.Sprintf("%d-vs-%d.md", a, b); path.Base(c.File) != want {
		errs.Add(c.Pos("codes"), "codes %d and %d do not match the file name %s: name it %s", a, b, path.Base(c.File), want)
	}
	if a == b {
		errs.Add(c.Pos("codes"), "a comparison needs two different codes")
	}
	for i, code := range c.Codes {
		if !exists(code) {
			errs.Add(c.Pos(fmt.Sprintf("codes[%d]", i)), "code %d has no entry: write content/%s/%d.md or compare another code", code, classOf(code, digits), code)
		}
	}
	key := [2]int{min(a, b), max(a, b)}
	if prev, ok := seen[key]; ok {
		errs.Add(c.Pos("codes"), "%d and %d are already compared in %s", a, b, prev)
	}
	seen[key] = c.File
	if strings.TrimSpace(c.Summary) == "" {
		errs.Add(c.Pos("summary"), "summary is missing: say the difference in one sentence")
	}
	if _, given := c.pos["updated"]; !given {
		errs.Add(c.Pos("updated"), "updated is missing: give the date the entry was last changed in substance")
	}
	checkSections(c.File, c.Sections, compareSections, position{File: c.File, Line: c.BodyLine}, errs)
}
