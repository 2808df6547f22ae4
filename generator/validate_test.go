package generator

import (
	"errors"
	"fmt"
	"os"
	"strings"
	"testing"
	"testing/fstest"
	"time"
)

// validEntry is a small entry that passes Validate. Its line numbers matter
// to the tests below: code is on line 2, reason 3, aliases 4, status 5,
// spec 6, spec_url 7, summary 8, headers 9–11, related 12–14, updated 15,
// scenarios 16–29.
const validEntry = `---
code: 412
reason: Precondition Failed
aliases: []
status: permanent
spec: RFC 9110, Section 15.5.13
spec_url: https://www.rfc-editor.org/rfc/rfc9110#section-15.5.13
summary: A precondition was false.
headers:
  - name: ETag
    note: Response. The current tag.
related:
  - code: 428
    why: Required, not failed.
updated: 2026-11-22
scenarios:
  - name: stale
    method: PUT
    path: /things/1
    headers:
      If-Match: '"old"'
    want:
      status: 412
      headers:
        - 'ETag: "new"'
  - name: current
    method: PUT
    path: /things/1
    want:
      status: 200
---

## What it means

Text.

## When servers send it

Text.

## How to fix it

### On the client

Text.

### On the server

Text.

## If you are not a developer

Text.

## Example exchange

` + "```http\nPUT /things/1 HTTP/1.1\n```" + `

## Code examples

` + "```js\nmodule.exports = app;\n```\n\n```python\napp = FastAPI()\n```\n\n```java\nclass C {}\n```\n\n```go\npackage main\n```\n"

// entry428 is the target of validEntry's related link.
var entry428 = strings.NewReplacer(
	"code: 412", "code: 428",
	"Precondition Failed", "Precondition Required",
	"RFC 9110, Section 15.5.13", "RFC 6585, Section 3",
	"rfc9110#section-15.5.13", "rfc6585#section-3",
	"code: 428\n    why", "code: 412\n    why",
	"status: 412", "status: 428",
).Replace(validEntry)

func TestValidEntryIsValid(t *testing.T) {
	_, err := Check(fstest.MapFS{
		"4xx/412.md": {Data: []byte(validEntry)},
		"4xx/428.md": {Data: []byte(entry428)},
	})
	if err != nil {
		t.Fatalf("the base entry of these tests is invalid:\n%v", err)
	}
}

// TestValidate breaks validEntry one way at a time and wants exactly the
// errors listed, with their file:line:col.
func TestValidate(t *testing.T) {
	tests := []struct {
		name  string
		file  string // default 4xx/412.md
		edit  func(string) string
		extra map[string]string // more files
		want  []string
	}{
		{name: "unknown field", edit: rep("summary:", "sumary:"),
			want: []string{
				`4xx/412.md:8:1: unknown field "sumary": did you mean "summary"?`,
			}},
		{name: "wrong type", edit: rep("code: 412", "code: four-twelve"),
			want: []string{"4xx/412.md:2:7: want a whole number, found text \"four-twelve\""}},
		{name: "tab indentation", edit: rep("  - name: ETag", "\t- name: ETag"),
			want: []string{"4xx/412.md:10:1: tab in indentation: YAML is indented with spaces"}},
		{name: "malformed YAML", edit: rep("reason: Precondition Failed", "reason: [Precondition Failed"),
			want: []string{"4xx/412.md:3:1: did not find expected ',' or ']'"}},
		{name: "missing fence", edit: func(s string) string { return strings.TrimPrefix(s, "---\n") },
			want: []string{"4xx/412.md:1:1: missing front matter: the first line must be '---', followed by the YAML fields and another '---' line"}},
		{name: "unclosed fence", edit: rep("\n---\n\n## What", "\n\n## What"),
			want: []string{"4xx/412.md:1:1: front matter is not closed: add a '---' line after the YAML fields"}},
		{name: "empty file", edit: func(string) string { return "" },
			want: []string{"4xx/412.md:1:1: the file is empty: an entry starts with front matter between two '---' lines (see CONTRIBUTING.md)"}},
		{name: "BOM", edit: func(s string) string { return "\uFEFF" + s },
			want: []string{"4xx/412.md:1:1: the file starts with a UTF-8 byte order mark: save it as UTF-8 without BOM"}},
		{name: "CRLF", edit: rep("\n", "\r\n"),
			want: []string{"4xx/412.md:1:4: carriage return in the file: use LF line endings, not CRLF"}},
		{name: "invalid UTF-8", edit: rep("A precondition", "A pr\xffecondition"),
			want: []string{"4xx/412.md:8:14: invalid UTF-8: save the file as UTF-8"}},
		{name: "too large", edit: func(s string) string { return s + strings.Repeat("x", maxEntrySize) },
			want: []string{"4xx/412.md:1:1: the file is larger than the 256 KiB limit for an entry: move long material out of it"}},
		{name: "code out of range", edit: rep("code: 412", "code: 4120"),
			want: []string{"4xx/412.md:2:7: code 4120 is not an HTTP status code: it must be three digits from 100 to 599"}},
		{name: "code differs from file name", edit: rep("code: 412", "code: 413"),
			want: []string{
				"4xx/412.md:2:7: code 413 does not match the file name 412.md: rename the file to 413.md or fix the code",
				`4xx/412.md:3:9: reason "Precondition Failed" disagrees with the IANA registry, which says "Content Too Large"`,
				"4xx/412.md:6:7: spec names Section 15.5.13, but the IANA registry gives RFC 9110, Section 15.5.14",
				"4xx/412.md:13:11: related code 428 has no entry: write content/4xx/428.md or remove the link",
				"4xx/412.md:17:3: no scenario expects 413: add one in which the code examples answer 413, or say in untested: why none can",
			},
			extra: map[string]string{}},
		{name: "wrong class folder", file: "5xx/412.md",
			want: []string{"5xx/412.md:2:7: code 412 belongs in the 4xx/ folder, not 5xx/"}},
		{name: "entry outside a class folder", extra: map[string]string{"drafts/x.md": ""},
			want: []string{"drafts/x.md: this file belongs in a class folder such as 4xx/ (named for its code), compare/ for a comparison or guides/ for a guide"}},
		{name: "duplicate code", extra: map[string]string{"4xx/413.md": validEntry},
			want: []string{
				"4xx/413.md:2:7: code 412 does not match the file name 413.md: rename the file to 412.md or fix the code",
				"4xx/413.md:2:7: duplicate code 412: 4xx/412.md already has it",
			}},
		{name: "reason disagrees with IANA", edit: rep("reason: Precondition Failed", "reason: Precondition Fail"),
			want: []string{`4xx/412.md:3:9: reason "Precondition Fail" disagrees with the IANA registry, which says "Precondition Failed"`}},
		{name: "spec disagrees with IANA", edit: rep("spec: RFC 9110, Section 15.5.13", "spec: RFC 9110, Section 15.5.12"),
			want: []string{
				"4xx/412.md:6:7: spec names Section 15.5.12, but the IANA registry gives RFC 9110, Section 15.5.13",
				"4xx/412.md:7:11: spec_url must link the exact section: https://www.rfc-editor.org/rfc/rfc9110#section-15.5.12",
			}},
		{name: "spec URL not the section", edit: rep("#section-15.5.13", ""),
			want: []string{"4xx/412.md:7:11: spec_url must link the exact section: https://www.rfc-editor.org/rfc/rfc9110#section-15.5.13"}},
		{name: "official code claims unofficial", edit: rep("status: permanent", "status: unofficial"),
			want: []string{
				`4xx/412.md:1:1: origin is missing: name who sends this unofficial code, e.g. nginx`,
				`4xx/412.md:5:9: code 412 is in the IANA registry as "Precondition Failed": it is not unofficial`,
				"4xx/412.md:6:7: an unofficial code has no spec: leave spec and spec_url empty and link the vendor's documentation in source_url",
			}},
		{name: "unofficial code claims official", file: "4xx/499.md",
			edit: rep("code: 412", "code: 499"),
			want: []string{
				"4xx/499.md:5:9: code 499 is not in the IANA registry: set status: unofficial and name its origin",
				"4xx/499.md:17:3: no scenario expects 499: add one in which the code examples answer 499, or say in untested: why none can",
			}},
		{name: "related code missing", edit: rep("  - code: 428", "  - code: 418"),
			want: []string{"4xx/412.md:13:11: related code 418 has no entry: write content/4xx/418.md or remove the link"}},
		{name: "comparison with a missing code",
			extra: map[string]string{"compare/412-vs-499.md": "---\ncodes: [412, 499]\nsummary: A and B.\nupdated: 2026-11-22\n---\n\n## The difference\n\nX.\n\n## Which one to send\n\nY.\n"},
			want:  []string{"compare/412-vs-499.md:2:14: code 499 has no entry: write content/4xx/499.md or compare another code"}},
		{name: "comparison file name", extra: map[string]string{"compare/412-428.md": "---\ncodes: [412, 428]\nsummary: A and B.\nupdated: 2026-11-22\n---\n\n## The difference\n\nX.\n\n## Which one to send\n\nY.\n"},
			want: []string{"compare/412-428.md:2:8: codes 412 and 428 do not match the file name 412-428.md: name it 412-vs-428.md"}},
		{name: "unknown framework", edit: rep("```go\npackage main", "```ruby\nputs 1"),
			want: []string{
				`4xx/412.md:61:1: "Code examples" is missing a snippet for Go (` + "```go)",
				`4xx/412.md:75:1: code block "ruby" in "Code examples" is not a known framework: use js (Express), python (FastAPI), java (Spring) or go (Go)`,
			}},
		{name: "two snippets for one framework", edit: rep("```go\npackage main", "```js\nmodule.exports = app;"),
			want: []string{
				`4xx/412.md:61:1: "Code examples" is missing a snippet for Go (` + "```go)",
				"4xx/412.md:75:1: a second Express snippet: \"Code examples\" holds one snippet per framework (the first is on line 63)",
			}},
		{name: "missing section", edit: rep("## If you are not a developer\n\nText.\n\n", ""),
			want: []string{`4xx/412.md:51:1: section "## If you are not a developer" is missing before "Example exchange"`}},
		{name: "no contrasting scenario", edit: rep("      status: 200", "      status: 412"),
			want: []string{"4xx/412.md:17:3: every scenario expects 412: add a contrasting request that does not get 412, so that a snippet that always answers 412 fails"}},
		{name: "scenario path with ..", edit: rep("path: /things/1\n    headers", "path: /things/../etc/passwd\n    headers"),
			want: []string{"4xx/412.md:19:11: path \"/things/../etc/passwd\" must be an absolute request path such as /documents/42, without '..'"}},
		{name: "untested but a scenario expects the code", edit: rep("updated: 2026-11-22", "updated: 2026-11-22\nuntested: The harness cannot send it."),
			want: []string{"4xx/412.md:16:11: a scenario expects 412, so the examples are tested: remove untested"}},
		{name: "untested waives the rule", edit: func(s string) string {
			return rep("      status: 412", "      status: 202")(rep("updated: 2026-11-22", "updated: 2026-11-22\nuntested: The harness cannot send it.")(s))
		}, want: nil},
		// sent_by: lines 16 on, once "updated" is followed by it.
		{name: "sent_by tested and documented", edit: rep("updated: 2026-11-22", sentByYAML(`
  - who: go
    when: http.ServeContent answers a stale If-Match itself
    scenario: {name: stale, method: GET, path: /f, headers: {If-Match: '"x"'}, want: {status: 412}}
  - who: cloudflare
    when: never, this is a test
    source: https://developers.cloudflare.com/`)), want: nil},
		{name: "sent_by unknown who", edit: rep("updated: 2026-11-22", sentByYAML(`
  - who: frobnicator
    when: always
    source: https://example.org/`)),
			want: []string{"4xx/412.md:17:10: who \"frobnicator\" is not a sender statusref knows: use one of " + senderList()}},
		{name: "sent_by tested without scenario", edit: rep("updated: 2026-11-22", sentByYAML(`
  - who: tomcat
    when: always
    source: https://tomcat.apache.org/`)),
			want: []string{"4xx/412.md:17:5: Tomcat runs in the test harness: give a scenario in which it sends 412 by itself"}},
		{name: "sent_by documented without source", edit: rep("updated: 2026-11-22", sentByYAML(`
  - who: iis
    when: always`)),
			want: []string{"4xx/412.md:17:5: the test harness does not run IIS: give a source, a link to its own documentation"}},
		{name: "sent_by documented with a scenario", edit: rep("updated: 2026-11-22", sentByYAML(`
  - who: iis
    when: always
    source: https://learn.microsoft.com/
    scenario: {name: x, method: GET, path: /, want: {status: 412}}`)),
			want: []string{"4xx/412.md:20:15: the test harness does not run IIS: give a source instead of a scenario"}},
		{name: "sent_by nginx without config", edit: rep("updated: 2026-11-22", sentByYAML(`
  - who: nginx
    when: always
    scenario: {name: x, method: GET, path: /, want: {status: 412}}`)),
			want: []string{"4xx/412.md:17:5: an nginx scenario needs config: the configuration the test runs nginx with"}},
		{name: "sent_by config elsewhere", edit: rep("updated: 2026-11-22", sentByYAML(`
  - who: go
    when: always
    config: "x"
    scenario: {name: x, method: GET, path: /, want: {status: 412}}`)),
			want: []string{"4xx/412.md:19:13: config is for nginx scenarios only"}},
		{name: "sent_by scenario for another code", edit: rep("updated: 2026-11-22", sentByYAML(`
  - who: go
    when: always
    scenario: {name: x, method: get, path: /, want: {status: 200}}`)),
			want: []string{
				"4xx/412.md:19:33: method \"get\" must be an upper-case HTTP method such as GET or PUT",
				"4xx/412.md:19:62: a sent_by scenario shows Go's net/http sending 412: want.status must be 412",
			}},
		{name: "scenario version", edit: rep("    path: /things/1\n    headers:", "    path: /things/1\n    version: HTTP/2.0\n    headers:"), want: nil},
		{name: "scenario version malformed", edit: rep("    path: /things/1\n    headers:", "    path: /things/1\n    version: HTTP/2\n    headers:"),
			want: []string{`4xx/412.md:20:14: version "HTTP/2" must be an HTTP version as a request line writes it, HTTP/ with a digit, a dot and a digit (HTTP/1.0, HTTP/2.0); leave it out for HTTP/1.1`}},
		{name: "sent_by scenario version malformed", edit: rep("updated: 2026-11-22", sentByYAML(`
  - who: go
    when: always
    scenario: {name: x, method: GET, path: /, version: "http/3.0 ", want: {status: 412}}`)),
			want: []string{`4xx/412.md:19:56: version "http/3.0 " must be an HTTP version as a request line writes it, HTTP/ with a digit, a dot and a digit (HTTP/1.0, HTTP/2.0); leave it out for HTTP/1.1`}},
		{name: "sent_by bad source and no when", edit: rep("updated: 2026-11-22", sentByYAML(`
  - who: cloudflare
    source: http://example.org/`)),
			want: []string{
				"4xx/412.md:17:5: sent_by needs when: one line on the condition under which Cloudflare sends 412",
				"4xx/412.md:18:13: source \"http://example.org/\" must be an https:// URL of the vendor's own documentation",
			}},
		{name: "sent_by and the section", edit: func(s string) string {
			s = rep("updated: 2026-11-22", sentByYAML(`
  - who: cloudflare
    when: always
    source: https://developers.cloudflare.com/`))(s)
			return rep("## How to fix it", "## Who sends it for you\n\nProse.\n\n## How to fix it")(s)
		},
			want: []string{`4xx/412.md:45:1: "Who sends it for you" is made from sent_by: move what this section says into sent_by items (and what they cannot hold into "## In your framework and server") and remove it`}},
		{name: "the section without sent_by", edit: rep("## How to fix it", "## Who sends it for you\n\nProse.\n\n## How to fix it"),
			want: []string{`4xx/412.md:41:1: "Who sends it for you" is made from sent_by: move what this section says into sent_by items (and what they cannot hold into "## In your framework and server") and remove it`}},
		// want.interim: the scenario "stale" is lines 17-25; its want.headers
		// item is line 25, so interim items follow from line 26.
		{name: "interim responses", edit: rep("        - 'ETag: \"new\"'\n", "        - 'ETag: \"new\"'\n"+`      interim:
        - status: 100
        - status: 103
          headers: ['Link: </app.css>; rel=preload; as=style', Link]
`), want: nil},
		{name: "interim: [] is kept apart from no list", edit: rep("        - 'ETag: \"new\"'\n", "        - 'ETag: \"new\"'\n      interim: []\n"), want: nil},
		{name: "an interim status as the final one", edit: rep("      status: 200", "      status: 102"),
			want: []string{"4xx/412.md:30:15: want.status 102 is an interim status, which a final response cannot have: give the final status (such as 200) and list 102 under want.interim"}},
		{name: "interim status not 1xx", edit: rep("        - 'ETag: \"new\"'\n", "        - 'ETag: \"new\"'\n"+`      interim:
        - status: 200
        - status: 99
`), want: []string{
			"4xx/412.md:27:19: want.interim status 200 must be an interim (1xx) status from 100 to 199, other than 101",
			"4xx/412.md:28:19: want.interim status 99 must be an interim (1xx) status from 100 to 199, other than 101",
		}},
		{name: "interim 101 is final", edit: rep("        - 'ETag: \"new\"'\n", "        - 'ETag: \"new\"'\n"+`      interim:
        - status: 101
`), want: []string{
			"4xx/412.md:27:19: want.interim status 101 is not interim: a 101 ends the HTTP/1.1 exchange (the connection switches protocol), so give it as want.status",
		}},
		{name: "interim header not a field", edit: rep("        - 'ETag: \"new\"'\n", "        - 'ETag: \"new\"'\n"+`      interim:
        - status: 103
          headers: ['Link </a.css>', '']
`), want: []string{
			"4xx/412.md:28:21: want.interim[0].headers entry \"Link </a.css>\" must be \"Name\" or \"Name: value\"",
			"4xx/412.md:28:38: want.interim[0].headers entry \"\" must be \"Name\" or \"Name: value\"",
		}},
		{name: "interim field typo", edit: rep("        - 'ETag: \"new\"'\n", "        - 'ETag: \"new\"'\n"+`      interim:
        - status: 103
          header: [Link]
`), want: []string{
			`4xx/412.md:28:11: unknown field "header": did you mean "headers"?`,
		}},
		{name: "body_has", edit: rep("        - 'ETag: \"new\"'\n", "        - 'ETag: \"new\"'\n      body_has: ['\"title\"', 'Content-Range: bytes 0-1/12']\n"), want: nil},
		{name: "body_has on a 204", edit: rep("      status: 200\n", "      status: 204\n      body_has: [x]\n"), want: []string{
			"4xx/412.md:31:18: want.body_has asks for a body that this scenario cannot have (empty_body is true, the method is HEAD, or the status is 204 or 304, which carry none): remove one of them",
		}},
		{name: "body_has empty, or with no body to look in", edit: rep("        - 'ETag: \"new\"'\n", "        - 'ETag: \"new\"'\n      empty_body: true\n      body_has: ['  ', x]\n"), want: []string{
			"4xx/412.md:27:18: want.body_has entry is empty: give a text the body must contain, or remove it",
			"4xx/412.md:27:24: want.body_has asks for a body that this scenario cannot have (empty_body is true, the method is HEAD, or the status is 204 or 304, which carry none): remove one of them",
		}},
		{name: "bad date", edit: rep("updated: 2026-11-22", "updated: 2026-13-45"),
			want: []string{"4xx/412.md:15:10: updated \"2026-13-45\" is not a date: write it as YYYY-MM-DD, e.g. 2026-11-22"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			file := tt.file
			if file == "" {
				file = "4xx/412.md"
			}
			src := validEntry
			if tt.edit != nil {
				src = tt.edit(src)
			}
			fsys := fstest.MapFS{file: {Data: []byte(src)}}
			if tt.extra == nil || len(tt.extra) > 0 || tt.name != "code differs from file name" {
				fsys["4xx/428.md"] = &fstest.MapFile{Data: []byte(entry428)}
			}
			for name, data := range tt.extra {
				fsys[name] = &fstest.MapFile{Data: []byte(data)}
			}
			_, err := Check(fsys)
			var list errorList
			if err != nil && !errors.As(err, &list) {
				t.Fatalf("Check = %v, want an ErrorList", err)
			}
			got := []string{}
			for _, e := range list {
				if e.Pos.File == "4xx/428.md" {
					continue // the helper entry, which may be broken on purpose
				}
				got = append(got, e.Error())
			}
			if err == nil && len(tt.want) == 0 {
				return
			}
			if strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
				t.Errorf("errors:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
			}
		})
	}
}

// sentBy is an updated line followed by the sent_by items given.
func sentByYAML(items string) string { return "updated: 2026-11-22\nsent_by:" + items }

func senderList() string {
	var names []string
	for _, s := range senders {
		names = append(names, s.Name)
	}
	return strings.Join(names, ", ")
}

func rep(old, new string) func(string) string {
	return func(s string) string {
		if !strings.Contains(s, old) {
			panic("test edit does not apply: " + old)
		}
		return strings.ReplaceAll(s, old, new)
	}
}

// entry308 is validEntry as a redirect, with the sections of a 3xx: how to
// send it and what clients do, instead of how to fix it.
var entry308 = strings.NewReplacer(
	"code: 412", "code: 308",
	"Precondition Failed", "Permanent Redirect",
	"Section 15.5.13", "Section 15.4.9",
	"section-15.5.13", "section-15.4.9",
	"  - code: 428\n    why: Required, not failed.\n", "",
	"related:\n", "related: []\n",
	"status: 412", "status: 308",
	"## How to fix it\n\n### On the client\n\nText.\n\n### On the server\n\nText.\n", "## How to send it\n\nText.\n\n## What clients, caches and browsers do\n\nText.\n",
).Replace(validEntry)

// TestClassSections checks each class against its own sections: a 3xx is
// sent and followed, not fixed; its section for people in a browser is
// required, a 2xx's is not.
func TestClassSections(t *testing.T) {
	entry201 := strings.NewReplacer("code: 308", "code: 201", "Permanent Redirect", "Created", "15.4.9", "15.3.2", "status: 308", "status: 201").Replace(entry308)
	drop := func(s, cut string) string { return strings.Replace(s, cut, "", 1) }
	tests := []struct {
		name, file, src string
		want            []string
	}{
		{name: "3xx", file: "3xx/308.md", src: entry308},
		{name: "2xx without the non-developer section", file: "2xx/201.md", src: drop(entry201, "## If you are not a developer\n\nText.\n\n")},
		{name: "2xx with it", file: "2xx/201.md", src: entry201},
		{name: "3xx without the non-developer section", file: "3xx/308.md", src: drop(entry308, "## If you are not a developer\n\nText.\n\n"),
			want: []string{`3xx/308.md:47:1: section "## If you are not a developer" is missing before "Example exchange"`}},
		{name: "3xx without how to send it", file: "3xx/308.md", src: drop(entry308, "## How to send it\n\nText.\n\n"),
			want: []string{`3xx/308.md:39:1: section "## How to send it" is missing before "What clients, caches and browsers do"`}},
		{name: "a 4xx section in a 3xx", file: "3xx/308.md", src: strings.Replace(entry308, "## How to send it", "## How to fix it\n\nText.\n\n## How to send it", 1),
			want: []string{`3xx/308.md:39:1: "How to fix it" is not a section of a 3xx entry, whose sections are "What it means", "When servers send it", "How to send it", "What clients, caches and browsers do", "If you are not a developer", "Example exchange", "Code examples": move what it says into those and remove it`}},
		{name: "a 3xx section in a 4xx", file: "4xx/412.md", src: strings.Replace(validEntry, "## Example exchange", "## How to send it\n\nText.\n\n## Example exchange", 1),
			want: []string{`4xx/412.md:55:1: "How to send it" is not a section of a 4xx entry, whose sections are "What it means", "When servers send it", "How to fix it", "If you are not a developer", "Example exchange", "Code examples": move what it says into those and remove it`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fsys := fstest.MapFS{tt.file: {Data: []byte(tt.src)}}
			if tt.file == "4xx/412.md" {
				fsys["4xx/428.md"] = &fstest.MapFile{Data: []byte(entry428)}
			}
			_, err := Check(fsys)
			var got []string
			if err != nil {
				got = strings.Split(strings.TrimSpace(err.Error()), "\n")
			}
			if strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
				t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
			}
		})
	}
}

// entry521 is a vendor's code that no application sends: it has
// no_snippets instead of code examples and scenarios.
const entry521 = `---
code: 521
reason: Web Server Is Down
aliases: []
status: unofficial
origin: Cloudflare
spec: ""
spec_url: ""
source_url: https://developers.cloudflare.com/support/troubleshooting/http-status-codes/cloudflare-5xx-errors/error-521/
summary: Cloudflare could not open a connection to the origin.
headers: []
related: []
updated: 2026-12-04
no_snippets: "Cloudflare sends 521 when the origin refuses its connection, before any application code runs, so no code can send or prevent it."
sent_by:
  - who: cloudflare
    when: the origin refuses the TCP connection
    source: https://developers.cloudflare.com/support/troubleshooting/http-status-codes/cloudflare-5xx-errors/error-521/
---

## What it means

Text.

## When servers send it

Text.

## How to fix it

### On the client

Text.

### On the server

Text.

## If you are not a developer

Text.

## Example exchange

` + "```http\nGET / HTTP/1.1\n```\n"

// TestNoSnippets: an entry may go without code examples only for a
// vendor's code, with a reason, no scenarios and the vendor's source.
func TestNoSnippets(t *testing.T) {
	rep := func(old, new string) string { return strings.Replace(entry521, old, new, 1) }
	tests := []struct {
		name, file, src string
		want            []string
	}{
		{name: "valid", src: entry521},
		{name: "a registered code", file: "5xx/502.md", src: strings.NewReplacer("code: 521", "code: 502", "Web Server Is Down", "Bad Gateway", "status: unofficial", "status: permanent", "origin: Cloudflare", `origin: ""`, `spec: ""`, "spec: RFC 9110, Section 15.6.3", `spec_url: ""`, "spec_url: https://www.rfc-editor.org/rfc/rfc9110#section-15.6.3").Replace(entry521),
			want: []string{"5xx/502.md:14:14: no_snippets is for a vendor's code that no application sends; 502 is registered, so its examples show how to send it: remove no_snippets"}},
		{name: "a reason too short", src: rep(`"Cloudflare sends 521 when the origin refuses its connection, before any application code runs, so no code can send or prevent it."`, "none"),
			want: []string{"5xx/521.md:14:14: no_snippets must say in a sentence or more, ending with a full stop, why no code of the reader's can send or prevent 521"}},
		{name: "with scenarios", src: rep("sent_by:", "scenarios:\n  - name: x\n    method: GET\n    path: /\n    want:\n      status: 521\nsent_by:"),
			want: []string{"5xx/521.md:16:3: an entry with no_snippets has no code examples to test: remove scenarios, or remove no_snippets and write the examples"}},
		{name: "with untested_in", src: rep("sent_by:", "untested_in:\n  go: no\nsent_by:"),
			want: []string{"5xx/521.md:15:1: an entry with no_snippets has no code examples: remove untested_in"}},
		{name: "with a code section", src: entry521 + "\n## Code examples\n\nText.\n",
			want: []string{`5xx/521.md:49:1: "Code examples" contradicts no_snippets: remove the section (the page shows the no_snippets reason in its place)`}},
		{name: "without a source", src: rep("    source: https://developers.cloudflare.com/support/troubleshooting/http-status-codes/cloudflare-5xx-errors/error-521/\n", ""),
			want: []string{
				"5xx/521.md:14:14: an entry with no_snippets must say who sends 521: add a sent_by item with the vendor's source",
				"5xx/521.md:16:5: the test harness does not run Cloudflare: give a source, a link to its own documentation",
			}},
		{name: "without no_snippets, the examples are required", src: rep(`no_snippets: "Cloudflare sends 521 when the origin refuses its connection, before any application code runs, so no code can send or prevent it."`+"\n", ""),
			want: []string{
				"5xx/521.md:1:1: scenarios are missing: give at least one request the code examples are tested with",
				`5xx/521.md:19: section "## Code examples" is missing`,
			}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			file := tt.file
			if file == "" {
				file = "5xx/521.md"
			}
			_, err := Check(fstest.MapFS{file: {Data: []byte(tt.src)}})
			var got []string
			if err != nil {
				got = strings.Split(strings.TrimSpace(err.Error()), "\n")
			}
			if strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
				t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
			}
		})
	}
}

// TestNoSnippetsRendered: the page says why there are no examples where
// they would be, and the API carries the reason.
func TestNoSnippetsRendered(t *testing.T) {
	out := Files{}
	if _, err := Build(fstest.MapFS{"5xx/521.md": {Data: []byte(entry521)}}, os.DirFS("../templates"), out); err != nil {
		t.Fatal(err)
	}
	page := string(out["5xx/521.html"])
	for _, want := range []string{
		`<li><a href="#code-examples">Code examples</a></li>`,
		`<h2 id="code-examples">Code examples`,
		"<strong>None, on purpose:</strong> Cloudflare sends 521 when the origin refuses its connection",
	} {
		if !strings.Contains(page, want) {
			t.Errorf("5xx/521.html lacks %q", want)
		}
	}
	if !strings.Contains(string(out["api/521.json"]), `"no_snippets": "Cloudflare sends 521`) {
		t.Errorf("api/521.json lacks no_snippets:\n%s", out["api/521.json"])
	}
	if strings.Contains(string(out["api/codes.json"]), `"no_snippets": ""`) {
		t.Error("an empty no_snippets is in the API")
	}
}

// TestInterimExpectsTheCode checks that a 1xx is expected by a scenario
// whose interim responses list it, though the exchange ends in a 200, and
// not by one that ends in a 200 alone.
func TestInterimExpectsTheCode(t *testing.T) {
	entry103 := strings.NewReplacer(
		"code: 308", "code: 103",
		"Permanent Redirect", "Early Hints",
		"RFC 9110, Section 15.4.9", "RFC 8297, Section 2",
		"rfc9110#section-15.4.9", "rfc8297#section-2",
		"status: 308\n", "status: 200\n      interim:\n        - status: 103\n          headers: [Link]\n",
	).Replace(entry308)
	sentBy100 := func(interim string) string {
		return strings.NewReplacer(
			"code: 103", "code: 100",
			"Early Hints", "Continue",
			"RFC 8297, Section 2", "RFC 9110, Section 15.2.1",
			"rfc8297#section-2", "rfc9110#section-15.2.1",
			"        - status: 103", "        - status: 100",
			"updated: 2026-11-22", "updated: 2026-11-22\nsent_by:\n  - who: go\n    when: the handler reads the body\n    scenario: {name: x, method: POST, path: /notes, headers: {Expect: 100-continue}, body: x, want: {status: 201"+interim+"}}",
		).Replace(entry103)
	}
	tests := []struct {
		name, file, src string
		want            []string
	}{
		{name: "an interim 103 before a 200", file: "1xx/103.md", src: entry103},
		{name: "a 200 without the interim 103", file: "1xx/103.md",
			src:  strings.Replace(entry103, "      interim:\n        - status: 103\n          headers: [Link]\n", "", 1),
			want: []string{"1xx/103.md:15:3: no scenario expects 103: add one in which the code examples answer 103, or say in untested: why none can"}},
		{name: "untested_in one framework", file: "1xx/103.md", src: untestedIn(entry103, "fastapi: uvicorn 0.55.0 has no interim response on HTTP/1.1")},
		{name: "untested_in problems", file: "1xx/103.md", src: untestedIn(entry103, "fastapi: ''\n  ruby: no runner"),
			want: []string{
				"1xx/103.md:15:12: untested_in.fastapi needs a reason: why the FastAPI example cannot answer 103, naming the version checked",
				"1xx/103.md:16:3: untested_in names \"ruby\", which is not a framework: use one of express, fastapi, spring, go",
			}},
		{name: "untested_in without a tested scenario", file: "1xx/103.md",
			src: untestedIn(strings.Replace(entry103, "      interim:\n        - status: 103\n          headers: [Link]\n", "", 1), "fastapi: no interim responses"),
			want: []string{
				"1xx/103.md:14:1: untested_in says which examples a scenario expecting 103 skips, but no scenario expects 103: say in untested: why none can",
				"1xx/103.md:17:3: no scenario expects 103: add one in which the code examples answer 103, or say in untested: why none can",
			}},
		{name: "untested_in every framework", file: "1xx/103.md", src: untestedIn(entry103, "express: a\n  fastapi: b\n  spring: c\n  go: d"),
			want: []string{
				"1xx/103.md:14:1: untested_in names every framework, so no example is tested answering 103: say in untested: why none can",
			}},
		{name: "a sent_by scenario with the interim 100", file: "1xx/100.md", src: sentBy100(", interim: [{status: 100}]")},
		{name: "a sent_by scenario without it", file: "1xx/100.md", src: sentBy100(""),
			want: []string{"1xx/100.md:17:101: a sent_by scenario shows Go's net/http sending 100: want.interim must list 100"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Check(fstest.MapFS{tt.file: {Data: []byte(tt.src)}})
			var got []string
			if err != nil {
				got = strings.Split(strings.TrimSpace(err.Error()), "\n")
			}
			if strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
				t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
			}
		})
	}
}

// untestedIn adds an untested_in mapping (its items given indented) after
// updated: on line 13, so the mapping is line 14 and its items 15 on.
func untestedIn(src, items string) string {
	return strings.Replace(src, "updated: 2026-11-22\n", "updated: 2026-11-22\nuntested_in:\n  "+items+"\n", 1)
}

// TestInterimNoneIsKept checks that interim: [] loads as an empty list,
// which the harness reads as "no interim response may come", and that a
// scenario without interim loads as none, which allows any.
func TestInterimNoneIsKept(t *testing.T) {
	src := strings.Replace(validEntry, "        - 'ETag: \"new\"'\n", "        - 'ETag: \"new\"'\n      interim: []\n", 1)
	c, err := check(fstest.MapFS{"4xx/412.md": {Data: []byte(src)}, "4xx/428.md": {Data: []byte(entry428)}}, false)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range c.Entries {
		if e.Code != 412 {
			continue
		}
		if got := e.Scenarios[0].Want.Interim; got == nil || len(got) != 0 {
			t.Errorf("interim: [] loaded as %#v, want an empty, non-nil list", got)
		}
		if got := e.Scenarios[1].Want.Interim; got != nil {
			t.Errorf("no interim loaded as %#v, want nil", got)
		}
	}
}

// TestScaffoldInterim checks that "new" scaffolds a 1xx other than 101 as
// an interim response before a final 200, which check accepts apart from
// the TODO marks.
func TestScaffoldInterim(t *testing.T) {
	for _, code := range []int{100, 103, 104} {
		src, err := scaffold(code, time.Date(2026, 12, 4, 0, 0, 0, 0, time.UTC))
		if err != nil {
			t.Fatal(err)
		}
		want := fmt.Sprintf("    want:\n      status: 200\n      interim:\n        - status: %d\n", code)
		if !strings.Contains(string(src), want) {
			t.Errorf("new %d: the scaffold lacks\n%s", code, want)
		}
		_, err = Check(fstest.MapFS{fmt.Sprintf("1xx/%d.md", code): {Data: src}})
		for _, line := range strings.Split(fmt.Sprint(err), "\n") {
			if !strings.Contains(line, "unfilled TODO") && !strings.Contains(line, "error(s)") && line != "<nil>" {
				t.Errorf("new %d: check reports %q", code, line)
			}
		}
	}
}

// TestContributingNamesEverySender keeps CONTRIBUTING.md's list of the
// senders an entry may name, and which need a source, in step with the
// registry.
func TestContributingNamesEverySender(t *testing.T) {
	doc, err := os.ReadFile("../CONTRIBUTING.md")
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range senders {
		if !strings.Contains(string(doc), "`"+s.Name+"`") {
			t.Errorf("CONTRIBUTING.md does not name the sender `%s` (%s)", s.Name, s.Label)
		}
	}
}

// TestSentByRequestVersion: a sent_by scenario that names another HTTP
// version shows it in the request the page says the claim was tested with,
// and one that names none shows the method and path alone.
func TestSentByRequestVersion(t *testing.T) {
	src := rep("updated: 2026-11-22", sentByYAML(`
  - who: go
    when: the request line names HTTP/2.0
    scenario: {name: h2, method: GET, path: /file.txt, version: HTTP/2.0, want: {status: 412}}
  - who: go
    when: always
    scenario: {name: plain, method: GET, path: /notes, want: {status: 412}}`))(validEntry)
	out := Files{}
	if _, err := Build(fstest.MapFS{
		"4xx/412.md":       {Data: []byte(src)},
		"4xx/428.md":       {Data: []byte(entry428)},
		"tested-with.yaml": {Data: []byte("go: \"go1.26\"\n")},
	}, os.DirFS("../templates"), out); err != nil {
		t.Fatal(err)
	}
	page := string(out["4xx/412.html"])
	for _, want := range []string{"with <code>GET /file.txt HTTP/2.0</code>", "with <code>GET /notes</code>"} {
		if !strings.Contains(page, want) {
			t.Errorf("4xx/412.html lacks %q", want)
		}
	}
}

// TestQuick checks the quick answer: a sentence for each side, on one
// line, short enough for a phone's first screen; and the page shows it
// under the lead, the client's line first for an error and how to send it
// first for a 3xx.
func TestQuick(t *testing.T) {
	withQuick := func(src, quick string) string {
		return strings.Replace(src, "summary: A precondition was false.\n", "summary: A precondition was false.\n"+quick, 1)
	}
	good := "quick:\n  client: Fetch the current version and resend.\n  server: Send the current ETag with the 412.\n"
	tests := []struct {
		name, quick string
		want        []string
	}{
		{name: "valid", quick: good},
		{name: "no quick answer yet", quick: ""},
		{name: "a side missing", quick: "quick:\n  client: Fetch the current version and resend.\n",
			want: []string{"4xx/412.md:9:1: quick.server is missing: one sentence on what the server must change or send"}},
		{name: "two lines", quick: "quick:\n  client: |\n    Fetch it.\n    Resend.\n  server: Send the ETag.\n",
			want: []string{"4xx/412.md:10:11: quick.client must be one line: it is the quick answer, the page below gives the detail"}},
		{name: "too long", quick: "quick:\n  client: " + strings.Repeat("a", 200) + ".\n  server: Send the ETag.\n",
			want: []string{"4xx/412.md:10:11: quick.client is 201 characters: keep it within 200 so the quick answer fits a phone's first screen"}},
		{name: "no full stop", quick: "quick:\n  client: Fetch it\n  server: Send the ETag.\n",
			want: []string{"4xx/412.md:10:11: quick.client must be a sentence ending with a full stop"}},
		{name: "the summary again", quick: "quick:\n  client: Fetch it.\n  server: A precondition was false.\n",
			want: []string{"4xx/412.md:11:11: quick.server repeats the summary: say what to do, not what the code means"}},
		{name: "unknown side", quick: "quick:\n  client: Fetch it.\n  server: Send it.\n  browser: Reload.\n",
			want: []string{`4xx/412.md:12:3: unknown field "browser": see CONTRIBUTING.md for the fields an entry has`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Check(fstest.MapFS{"4xx/412.md": {Data: []byte(withQuick(validEntry, tt.quick))}, "4xx/428.md": {Data: []byte(entry428)}})
			var got []string
			if err != nil {
				got = strings.Split(strings.TrimSpace(err.Error()), "\n")
			}
			if strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
				t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
			}
		})
	}

	out := Files{}
	content := fstest.MapFS{
		"4xx/412.md": {Data: []byte(withQuick(validEntry, good))},
		"4xx/428.md": {Data: []byte(entry428)},
		"3xx/308.md": {Data: []byte(strings.Replace(entry308, "summary: A precondition was false.\n", "summary: A precondition was false.\nquick:\n  client: Follow it with the same method and body.\n  server: Send 308 with Location.\n", 1))},
	}
	if _, err := Build(content, os.DirFS("../templates"), out); err != nil {
		t.Fatal(err)
	}
	for page, order := range map[string][]string{
		"4xx/412.html": {"<dt>Client</dt><dd>Fetch the current version and resend.</dd>", "<dt>Server</dt><dd>Send the current ETag with the 412.</dd>"},
		"3xx/308.html": {"<dt>To send it</dt><dd>Send 308 with Location.</dd>", "<dt>The client</dt><dd>Follow it with the same method and body.</dd>"},
	} {
		html := string(out[page])
		lead, box, first, second := strings.Index(html, `class="lead"`), strings.Index(html, `id="quick"`), strings.Index(html, order[0]), strings.Index(html, order[1])
		if lead < 0 || box < lead || first < box || second < first {
			t.Errorf("%s: lead at %d, quick box at %d, lines at %d and %d: want the box under the lead, in this order", page, lead, box, first, second)
		}
	}
}
