package generator

import (
	"bytes"
	_ "embed"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"strings"

	"github.com/statusref/statusref/generator/view"
)

// apiCode is one item of api/codes.json and the whole of api/<code>.json.
// The field names are a contract other tools rely on.
type apiCode struct {
	Code     int      `json:"code"`
	Reason   string   `json:"reason"`
	Class    string   `json:"class"`
	Official bool     `json:"official"`
	Summary  string   `json:"summary"`
	Page     string   `json:"page"`
	SpecURL  string   `json:"spec_url"`
	Related  []int    `json:"related"`
	Snippets []string `json:"snippets"`
	// NoSnippets says why a vendor's code has no examples; absent for
	// every entry that has them.
	NoSnippets string      `json:"no_snippets,omitempty"`
	SentBy     []apiSentBy `json:"sent_by"`
	// Constants are the code's names in the libraries of constants.json,
	// by its source keys; only in api/<code>.json (codes.json stays the
	// index), and absent there when no library names the code.
	Constants map[string][]apiConstant `json:"constants,omitempty"`
}

// apiSentBy is one sender of a code: tested_on names the version the
// harness made it send the code on, and is null for a claim documented
// by the vendor alone, whose source is then the documentation.
type apiSentBy struct {
	Who      string  `json:"who"`
	When     string  `json:"when"`
	TestedOn *string `json:"tested_on"`
	Source   *string `json:"source"`
}

type apiCompare struct {
	Codes [2]int `json:"codes"`
	Page  string `json:"page"`
}

// newAPICode is e's item in the API; versions are the runtimes the
// snippet harness last ran (Content.TestedWith).
func newAPICode(e *entry, versions map[string]string) apiCode {
	a := apiCode{
		Code: e.Code, Reason: e.Reason, Class: e.Class(), Official: e.Official(),
		Summary: e.Summary, Page: e.Page(), SpecURL: e.SpecURL,
		Related: []int{}, Snippets: []string{}, NoSnippets: e.NoSnippets, SentBy: []apiSentBy{},
	}
	for _, r := range e.Related {
		a.Related = append(a.Related, r.Code)
	}
	for _, s := range e.Snippets {
		a.Snippets = append(a.Snippets, s.Framework)
	}
	for _, sb := range e.SentBy {
		who, _ := senderNamed(sb.Who)
		item := apiSentBy{Who: sb.Who, When: sb.When}
		if sb.Scenario != nil {
			if on := testedOn(who, versions); on != "" {
				item.TestedOn = &on
			}
		}
		if sb.Source != "" {
			src := sb.Source
			item.Source = &src
		}
		a.SentBy = append(a.SentBy, item)
	}
	return a
}

func marshalJSON(v any) ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetIndent("", "  ")
	if err := enc.Encode(v); err != nil {
		return nil, fmt.Errorf("encoding JSON: %w", err)
	}
	return buf.Bytes(), nil
}

// apiSchema is api/schema.json, the JSON Schema of the API's files.
//
//go:embed api-schema.json
var apiSchema []byte

// apiCodeDetail is api/<code>.json: the code's item of api/codes.json,
// whose fields it keeps as they are, and the rest of the structured entry.
// api/schema.json describes both.
type apiCodeDetail struct {
	apiCode
	// Meaning is the entry's "What it means" section, as Markdown.
	Meaning string      `json:"meaning"`
	Quick   *apiQuick   `json:"quick"`
	Headers []apiHeader `json:"headers"`
	// RelatedDetail is related with the reason to read each code next.
	RelatedDetail []apiRelated `json:"related_detail"`
	Comparisons   []apiCompare `json:"comparisons"`
}

type apiQuick struct {
	Client string `json:"client"`
	Server string `json:"server"`
}

type apiHeader struct {
	Name string `json:"name"`
	Note string `json:"note"`
}

type apiRelated struct {
	Code int    `json:"code"`
	Why  string `json:"why"`
	Page string `json:"page"`
}

// apiCodeJSON is api/<code>.json for e, on the site s.
func apiCodeJSON(s *site, e *entry) ([]byte, error) {
	body, err := e.body()
	if err != nil {
		return nil, err
	}
	d := apiCodeDetail{
		apiCode: newAPICode(e, s.c.TestedWith),
		Meaning: strings.TrimSpace(string(body[e.meaning[0]:e.meaning[1]])),
		Headers: []apiHeader{}, RelatedDetail: []apiRelated{}, Comparisons: []apiCompare{},
	}
	d.Constants = apiConstants(e.Code)
	if e.Quick != nil {
		d.Quick = &apiQuick{Client: e.Quick.Client, Server: e.Quick.Server}
	}
	for _, h := range e.Headers {
		d.Headers = append(d.Headers, apiHeader(h))
	}
	for _, r := range e.Related {
		if t := s.byCode[r.Code]; t != nil {
			d.RelatedDetail = append(d.RelatedDetail, apiRelated{Code: r.Code, Why: r.Why, Page: t.Page()})
		}
	}
	for _, cmp := range s.c.Comparisons {
		if cmp.Codes[0] == e.Code || cmp.Codes[1] == e.Code {
			d.Comparisons = append(d.Comparisons, apiCompare{Codes: cmp.Codes, Page: cmp.Page()})
		}
	}
	return marshalJSON(d)
}

// apiCodesJSON is api/codes.json: every code, sorted by code.
func apiCodesJSON(c *siteContent) ([]byte, error) {
	items := make([]apiCode, 0, len(c.Entries))
	for _, e := range c.Entries {
		items = append(items, newAPICode(e, c.TestedWith))
	}
	return marshalJSON(items)
}

// apiCompareJSON is api/compare.json: every comparison.
func apiCompareJSON(c *siteContent) ([]byte, error) {
	items := make([]apiCompare, 0, len(c.Comparisons))
	for _, cmp := range c.Comparisons {
		items = append(items, apiCompare{Codes: cmp.Codes, Page: cmp.Page()})
	}
	return marshalJSON(items)
}

// sitemap lists every page under base. It carries no lastmod: the entries'
// dates are on the pages, and the sitemap stays byte-identical.
func sitemap(base string, pages []string) []byte {
	var buf bytes.Buffer
	buf.WriteString(xml.Header)
	buf.WriteString(`<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">` + "\n")
	for _, p := range append([]string{"index.html"}, pages...) {
		buf.WriteString("  <url><loc>")
		xml.EscapeText(&buf, []byte(base+"/"+p))
		buf.WriteString("</loc></url>\n")
	}
	buf.WriteString("</urlset>\n")
	return buf.Bytes()
}

// searchItem is one entry of the search index.
type searchItem struct {
	Code int `json:"code,omitempty"`
	// Codes are the two codes a comparison compares; absent for others.
	Codes   []int    `json:"codes,omitempty"`
	Title   string   `json:"title"`
	Reason  string   `json:"reason"`
	Aliases []string `json:"aliases"`
	Headers []string `json:"headers"`
	Summary string   `json:"summary"`
	Page    string   `json:"page"`
}

func newSearchItem(e *entry) searchItem {
	it := searchItem{
		Code: e.Code, Title: fmt.Sprintf("%d %s", e.Code, e.Reason), Reason: e.Reason,
		Aliases: append([]string{}, e.Aliases...), Headers: []string{}, Summary: e.Summary, Page: e.Page(),
	}
	for _, h := range e.Headers {
		it.Headers = append(it.Headers, h.Name)
	}
	return it
}

// searchClass is a class of codes in the search index: a three-digit
// number with no entry is answered with its class and what a client does
// with a code of it that it does not know (RFC 9110, Section 15).
type searchClass struct {
	Class    string `json:"class"`
	Name     string `json:"name"`
	Page     string `json:"page"`
	Fallback string `json:"fallback"`
}

// searchClasses are the classes of the site that have a page and a
// fallback rule (HTTP's five, not an API's own).
func searchClasses(classes []view.ClassView) []searchClass {
	out := []searchClass{}
	for _, cv := range classes {
		if cv.Fallback != "" {
			out = append(out, searchClass{Class: cv.Class, Name: cv.Name, Page: cv.Href, Fallback: cv.Fallback})
		}
	}
	return out
}

// searchIndexJS is assets/search-index.js: the items as
// window.STATUSREF_INDEX and the classes as window.STATUSREF_CLASSES. It is
// a script rather than JSON because a page opened from disk (file://) may
// not fetch() a file, but may load a script.
func searchIndexJS(items []searchItem, classes []searchClass) ([]byte, error) {
	data, err := json.Marshal(items)
	if err != nil {
		return nil, err
	}
	cls, err := json.Marshal(classes)
	if err != nil {
		return nil, err
	}
	out := append(append([]byte("window.STATUSREF_INDEX = "), data...), ";\n"...)
	return append(append(append(out, "window.STATUSREF_CLASSES = "...), cls...), ";\n"...), nil
}
