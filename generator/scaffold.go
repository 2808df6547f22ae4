package generator

import (
	"bytes"
	"fmt"
	"regexp"
	"strings"
	"text/template"
	"time"
)

// todoRE finds the marks New leaves for a contributor to fill in.
var todoRE = regexp.MustCompile(`TODO`)

// checkTODOs reports every unfilled TODO mark in a content file.
func checkTODOs(file string, src []byte, errs *errorList) {
	for _, loc := range todoRE.FindAllIndex(src, -1) {
		line, col := lineCol(src, loc[0])
		errs.Add(position{file, line, col}, "unfilled TODO: replace it with this entry's own text")
	}
}

// New writes the skeleton of an entry for code into the content folder
// dir, at content/<class>/<code>.md, and returns the file's path. It fails
// if the file exists. The skeleton has every field and the sections of the
// code's class; what only a person can write is marked TODO, and check
// reports each mark until it is filled. For a registered code the reason
// and, where the registry gives one, the spec section come from the IANA
// registry.
func New(dir string, code int, today time.Time) (string, error) {
	data, err := scaffold(code, today)
	if err != nil {
		return "", err
	}
	return writeNew(dir, classOf(code, 3)+"/"+itoa(code)+".md", data)
}

// scaffold is the skeleton of an entry for code.
func scaffold(code int, today time.Time) ([]byte, error) {
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
	d.Interim = isInterim(code)
	schema := schemaOf(code, 3)
	d.Sections = scaffoldSections(schema, code)
	d.QuickClient, d.QuickServer = quickWhat(schema, "client"), quickWhat(schema, "server")
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
	Interim                                     bool              // an interim code: scenarios end in 200, with the code before it
	QuickClient, QuickServer                    string            // what each line of the quick answer says
	Sections                                    []scaffoldSection // before the example exchange
	Frameworks                                  []scaffoldSnippet
}

// scaffoldSection is a required section, or part of one, with what to
// write in it.
type scaffoldSection struct {
	Title, Hint string
	Parts       []scaffoldSection
}

// scaffoldHints say what each section of an entry holds, as TODO marks.
// The example exchange and the code examples have their own skeletons.
var scaffoldHints = map[string]string{
	secMeaning:      "TODO What %d tells the client, in your own words.",
	secWhen:         "TODO The situations in which a server answers %d, and what the spec requires the response to carry.",
	secFixClient:    "TODO What exactly the client must change before it tries again.",
	secFixServer:    "TODO What the server must send, and when it should not send %d at all.",
	secSend:         "TODO How a server sends %d correctly: the headers and body it carries, and the mistakes to avoid.",
	secClients:      "TODO What a client library, a cache and a browser each do when they receive %d.",
	secNonDeveloper: "TODO What someone who meets %d in a browser or an app sees, and what they can do.",
}

// scaffoldSections are the sections of schema that come before the
// example exchange, with their hints.
func scaffoldSections(schema classSchema, code int) []scaffoldSection {
	hint := func(id string) string {
		if h, ok := scaffoldHints[id]; ok && strings.Contains(h, "%d") {
			return fmt.Sprintf(h, code)
		}
		return scaffoldHints[id]
	}
	var out []scaffoldSection
	for _, id := range schema.sections {
		if id == secExchange || id == secCode {
			continue
		}
		sec := scaffoldSection{Title: tr(id), Hint: hint(id)}
		for _, part := range schema.parts[id] {
			sec.Parts = append(sec.Parts, scaffoldSection{Title: tr(part), Hint: hint(part)})
		}
		if len(sec.Parts) > 0 {
			sec.Hint = ""
		}
		out = append(out, sec)
	}
	return out
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
quick:
  client: TODO One sentence on {{.QuickClient}}.
  server: TODO One sentence on {{.QuickServer}}.
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
{{- if .Interim}}
      status: 200
      interim:
        - status: {{.Code}}
          headers: [] # TODO the headers the spec requires on {{.Code}}
{{- else}}
      status: {{.Code}}
      headers: [] # TODO the headers the spec requires on {{.Code}}
{{- end}}
  - name: TODO a contrasting request that does not get {{.Code}}
    method: GET
    path: /TODO
    want:
      status: 200
{{- if .Interim}}
      interim: []
{{- end}}
---

{{range .Sections}}## {{.Title}}

{{with .Hint}}{{.}}

{{end}}{{range .Parts}}### {{.Title}}

{{.Hint}}

{{end}}{{end}}## Example exchange

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
