package generator

import (
	"bytes"
	"fmt"
	"regexp"
	"strings"
	"text/template"
	"time"
)

// todoRE finds the marks Scaffold leaves for a contributor to fill in.
var todoRE = regexp.MustCompile(`TODO`)

// checkTODOs reports every unfilled TODO mark in a content file.
func checkTODOs(file string, src []byte, errs *ErrorList) {
	for _, loc := range todoRE.FindAllIndex(src, -1) {
		line, col := lineCol(src, loc[0])
		errs.Add(Pos{file, line, col}, "unfilled TODO: replace it with this entry's own text")
	}
}

// EntryPath is where the entry for code lives in the content tree.
func EntryPath(code int) string { return classOf(code, 3) + "/" + itoa(code) + ".md" }

// Scaffold returns a new entry for code with every field and section
// present. What only a person can write is marked TODO, and check reports
// each mark until it is filled. For a registered code the reason and, where
// the registry gives one, the spec section are filled in from the IANA
// registry.
func Scaffold(code int, today time.Time) ([]byte, error) {
	if !isHTTPStatus(code) {
		return nil, fmt.Errorf("%d is not an HTTP status code: give three digits from 100 to 599", code)
	}
	d := scaffoldData{Code: code, Date: today.Format(time.DateOnly), Reason: "TODO reason phrase", Status: "unofficial", Origin: "TODO who sends it, e.g. nginx"}
	if reg, ok := registry()[code]; ok {
		d.Reason, d.Status, d.Origin = reg.Reason, reg.status(), ""
		switch section := reg.Section; {
		case reg.Draft != "":
			d.Spec, d.SpecURL = reg.Draft, draftURL(reg.Draft)
		case section == "":
			d.Spec = fmt.Sprintf("RFC %d, Section TODO", reg.RFC)
			d.SpecURL = specURL(reg.RFC, "TODO")
		default:
			d.Spec = fmt.Sprintf("RFC %d, Section %s", reg.RFC, section)
			d.SpecURL = specURL(reg.RFC, section)
		}
	}
	for _, f := range Frameworks() {
		if f.Required {
			starter := strings.ReplaceAll(f.Starter, "{{code}}", itoa(code))
			d.Frameworks = append(d.Frameworks, scaffoldSnippet{Fence: fence(f), Starter: starter})
		}
	}
	var buf bytes.Buffer
	if err := scaffoldTemplate.Execute(&buf, d); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

type scaffoldData struct {
	Code                                        int
	Date, Reason, Status, Origin, Spec, SpecURL string
	Frameworks                                  []scaffoldSnippet
}

// scaffoldSnippet is the starting point of one required framework's
// example.
type scaffoldSnippet struct{ Fence, Starter string }

var scaffoldTemplate = template.Must(template.New("entry").Parse(`---
code: {{.Code}}
reason: {{.Reason}}
aliases: []
status: {{.Status}}
origin: "{{.Origin}}"
spec: "{{.Spec}}"
spec_url: "{{.SpecURL}}"
source_url: ""
summary: TODO One sentence on what {{.Code}} means, ending with a full stop.
headers:
  - name: TODO-Header-Name
    note: TODO Request or Response, and what this header does for {{.Code}}.
related: [] # TODO list codes worth reading next, each with a one-line why (or delete this comment)
updated: {{.Date}}
scenarios:
  - name: TODO a request the code examples answer with {{.Code}}
    method: GET
    path: /TODO
    want:
      status: {{.Code}}
      headers: [] # TODO the headers the spec requires on {{.Code}}
  - name: TODO a contrasting request that does not get {{.Code}}
    method: GET
    path: /TODO
    want:
      status: 200
---

## What it means

TODO What {{.Code}} tells the client, in your own words.

## When servers send it

TODO The situations in which a server answers {{.Code}}, and what the spec requires the response to carry.

## How to fix it

### On the client

TODO What exactly the client must change before it tries again.

### On the server

TODO What the server must send, and when it should not send {{.Code}} at all.

## If you are not a developer

TODO What someone who just sees this error in a browser or an app can do.

## Example exchange

` + "```http" + `
GET /TODO HTTP/1.1
Host: api.example.com
` + "```" + `

` + "```http" + `
HTTP/1.1 {{.Code}} TODO
Content-Type: application/json

{"error": "TODO"}
` + "```" + `

## Code examples

TODO One sentence on what the examples do.
{{range .Frameworks}}
` + "```{{.Fence}}" + `
{{.Starter}}` + "```" + `
{{end}}`))
