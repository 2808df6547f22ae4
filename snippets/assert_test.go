package snippets

import (
	"reflect"
	"regexp"
	"strings"
	"testing"

	"github.com/statusref/statusref/generator/examples"
)

// The harness's own logic, on made-up responses: no framework runs here.

func TestCheckResponse(t *testing.T) {
	etag := [][2]string{{"ETag", `"v2"`}, {"Content-Type", "application/json"}}
	link := [][2]string{{"Link", "</app.css>; rel=preload; as=style"}}
	hints := []examples.Interim{{Status: 103, Headers: []string{"Link: </app.css>; rel=preload; as=style"}}}
	tests := []struct {
		name string
		want examples.Want
		got  Response
		errs []string // substrings, one per problem; none: the response is right
	}{
		{"status and exact header", examples.Want{Status: 412, Headers: []string{`ETag: "v2"`}},
			Response{Status: 412, Headers: etag}, nil},
		{"header names are case-insensitive", examples.Want{Status: 412, Headers: []string{`etag: "v2"`, "content-type"}},
			Response{Status: 412, Headers: etag}, nil},
		{"presence only", examples.Want{Status: 412, Headers: []string{"ETag"}},
			Response{Status: 412, Headers: [][2]string{{"etag", "anything"}}}, nil},
		{"wrong status", examples.Want{Status: 412},
			Response{Status: 409, Headers: etag, Body: `{"error":"conflict"}`, BodyLen: 20},
			[]string{`got status 409, want 412 (body: "{\"error\":\"conflict\"}")`}},
		{"missing header", examples.Want{Status: 412, Headers: []string{`ETag: "v2"`}},
			Response{Status: 412}, []string{`got no ETag header, want ETag: "v2"`}},
		{"missing presence-only header", examples.Want{Status: 200, Headers: []string{"Retry-After"}},
			Response{Status: 200}, []string{"got no Retry-After header, want one"}},
		{"wrong value", examples.Want{Status: 412, Headers: []string{`ETag: "v2"`}},
			Response{Status: 412, Headers: [][2]string{{"ETag", `"v3"`}}}, []string{`got ETag: "v3", want ETag: "v2"`}},
		{"value is exact, not a prefix", examples.Want{Status: 200, Headers: []string{"Content-Type: application/json"}},
			Response{Status: 200, Headers: [][2]string{{"Content-Type", "application/json; charset=utf-8"}}},
			[]string{"got Content-Type: application/json; charset=utf-8, want Content-Type: application/json"}},
		{"value whitespace is trimmed", examples.Want{Status: 200, Headers: []string{"Allow:GET, HEAD"}},
			Response{Status: 200, Headers: [][2]string{{"Allow", " GET, HEAD "}}}, nil},
		{"a field sent twice matches one line", examples.Want{Status: 401, Headers: []string{"WWW-Authenticate: Basic realm=\"api\""}},
			Response{Status: 401, Headers: [][2]string{{"WWW-Authenticate", `Bearer`}, {"WWW-Authenticate", `Basic realm="api"`}}}, nil},
		{"a field sent twice matches the combined value", examples.Want{Status: 405, Headers: []string{"Allow: GET, PUT"}},
			Response{Status: 405, Headers: [][2]string{{"Allow", "GET"}, {"Allow", "PUT"}}}, nil},
		{"Connection and Upgrade tokens are case-insensitive", examples.Want{Status: 101, Headers: []string{"Connection: Upgrade", "Upgrade: websocket"}},
			Response{Status: 101, Headers: [][2]string{{"Connection", "upgrade"}, {"Upgrade", "WebSocket"}}}, nil},
		{"other values keep their case", examples.Want{Status: 101, Headers: []string{"Sec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo="}},
			Response{Status: 101, Headers: [][2]string{{"Sec-WebSocket-Accept", "S3PPLMBITXAQ9KYGZZHZRBK+XOO="}}},
			[]string{"got Sec-WebSocket-Accept: S3PPLMBITXAQ9KYGZZHZRBK+XOO=, want Sec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo="}},
		{"empty body", examples.Want{Status: 304, EmptyBody: true},
			Response{Status: 304}, nil},
		{"body where none may be", examples.Want{Status: 304, EmptyBody: true},
			Response{Status: 304, Body: "hello", BodyLen: 5}, []string{`got a 5-byte body "hello", want an empty body`}},
		{"body has each text", examples.Want{Status: 206, BodyHas: []string{"Content-Range: bytes 0-1/12", "Content-Range: bytes 7-10/12"}},
			Response{Status: 206, Body: "--b\r\nContent-Range: bytes 0-1/12\r\n\r\nhe\r\n--b\r\nContent-Range: bytes 7-10/12\r\n\r\norld\r\n--b--\r\n", BodyLen: 88}, nil},
		{"body lacks a text", examples.Want{Status: 206, BodyHas: []string{"Content-Range: bytes 0-1/12", "Content-Range: bytes 7-10/12"}},
			Response{Status: 206, Body: "hello world!", BodyLen: 12},
			[]string{`got a body without "Content-Range: bytes 0-1/12": "hello world!"`, `got a body without "Content-Range: bytes 7-10/12": "hello world!"`}},
		{"interim responses in order", examples.Want{Status: 200, Interim: hints},
			Response{Status: 200, Interim: []Interim{{Status: 100}, {Status: 103, Headers: link}}}, nil},
		{"an unlisted interim response between them", examples.Want{Status: 200, Interim: []examples.Interim{{Status: 100}, hints[0]}},
			Response{Status: 200, Interim: []Interim{{Status: 100}, {Status: 102}, {Status: 103, Headers: link}}}, nil},
		{"a second 103 carries the hint", examples.Want{Status: 200, Interim: hints},
			Response{Status: 200, Interim: []Interim{{Status: 103, Headers: [][2]string{{"Link", "</other.js>; rel=preload; as=script"}}}, {Status: 103, Headers: link}}}, nil},
		{"no interim response", examples.Want{Status: 200, Interim: []examples.Interim{{Status: 100}}},
			Response{Status: 200}, []string{"got no interim 100 response, want one before the final response (interim responses received: none)"}},
		{"another interim response", examples.Want{Status: 200, Interim: hints},
			Response{Status: 200, Interim: []Interim{{Status: 100}}}, []string{"got no interim 103 response, want one before the final response (interim responses received: 100)"}},
		{"interim responses out of order", examples.Want{Status: 200, Interim: []examples.Interim{{Status: 100}, {Status: 103}}},
			Response{Status: 200, Interim: []Interim{{Status: 103}, {Status: 100}}},
			[]string{"got no interim 103 response after the interim 100, want one before the final response (interim responses received: 103, 100)"}},
		{"an interim header missing", examples.Want{Status: 200, Interim: hints},
			Response{Status: 200, Interim: []Interim{{Status: 103}}},
			[]string{"got no Link header in the interim 103, want Link: </app.css>; rel=preload; as=style"}},
		{"an interim header wrong", examples.Want{Status: 200, Interim: hints},
			Response{Status: 200, Interim: []Interim{{Status: 103, Headers: [][2]string{{"Link", "</app.js>; rel=preload; as=script"}}}}},
			[]string{"got Link: </app.js>; rel=preload; as=script in the interim 103, want Link: </app.css>; rel=preload; as=style"}},
		{"the final response's header does not count for the interim", examples.Want{Status: 200, Interim: hints},
			Response{Status: 200, Headers: link, Interim: []Interim{{Status: 103}}},
			[]string{"got no Link header in the interim 103"}},
		{"interim: [] allows none", examples.Want{Status: 417, Interim: []examples.Interim{}},
			Response{Status: 417, Interim: []Interim{{Status: 100}}}, []string{"got the interim responses 100, want none before the final response"}},
		{"interim: [] and none came", examples.Want{Status: 417, Interim: []examples.Interim{}},
			Response{Status: 417}, nil},
		{"no interim list allows any", examples.Want{Status: 417},
			Response{Status: 417, Interim: []Interim{{Status: 100}}}, nil},
		{"every problem is reported", examples.Want{Status: 304, Headers: []string{"ETag"}, EmptyBody: true},
			Response{Status: 200, Body: "x", BodyLen: 1},
			[]string{"got status 200, want 304", "got no ETag header", "got a 1-byte body"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := CheckResponse(tt.want, tt.got)
			if len(got) != len(tt.errs) {
				t.Fatalf("CheckResponse = %q, want %d problems like %q", got, len(tt.errs), tt.errs)
			}
			for i := range got {
				if !strings.Contains(got[i], tt.errs[i]) {
					t.Errorf("problem %d = %q, want it to contain %q", i, got[i], tt.errs[i])
				}
			}
		})
	}
}

func TestExcerptIsCutAtACharacter(t *testing.T) {
	body := strings.Repeat("é", 200)
	got := excerpt(body, len(body))
	if !strings.HasSuffix(got, `…"`) || strings.ContainsRune(got, '\uFFFD') {
		t.Errorf("excerpt = %s", got)
	}
}

func TestLineMapping(t *testing.T) {
	sn := examples.Snippet{Line: 133}
	if got := entryLine(sn, 1); got != 133 {
		t.Errorf("entryLine(1) = %d, want 133", got)
	}
	if got := entryLine(sn, 17); got != 149 {
		t.Errorf("entryLine(17) = %d, want 149", got)
	}
	if got := entryLine(sn, 0); got != 133 {
		t.Errorf("entryLine(0) = %d, want the snippet's first line, 133", got)
	}
	msg := "TypeError: x is undefined (at s412.js:17); also s412.js:3:5 and s4120.js:9"
	want := "TypeError: x is undefined (at content/4xx/412.md:149); also content/4xx/412.md:135:5 and s4120.js:9"
	if got := relocate(msg, "s412.js", "content/4xx/412.md", sn); got != want {
		t.Errorf("relocate =\n%s, want\n%s", got, want)
	}
}

func TestGoDiagnostics(t *testing.T) {
	a := &Item{ID: "s412", Name: "s412.go"}
	b := &Item{ID: "s412_2", Name: "s412_2.go"}
	byID := map[string]*Item{"s412": a, "s412_2": b}
	out := `# statusref.snippets/s412
s412/s412.go:12:2: declared and not used: x
./s412_2/s412_2.go:40:9: cannot use v (variable of type int) as string value in return statement
	have (int)
	want (string)
vet: s412/export.go:6:37: undefined: routes
# statusref.snippets/other
other/x.go:1:1: not a snippet
`
	type diag struct {
		id   string
		line int
		msg  string
	}
	var got []diag
	n := goDiagnostics(out, byID, func(it *Item, line int, msg string) { got = append(got, diag{it.ID, line, msg}) })
	want := []diag{
		{"s412", 12, "declared and not used: x"},
		{"s412_2", 40, "cannot use v (variable of type int) as string value in return statement have (int) want (string)"},
		{"s412", 0, "the snippet must define func routes() http.Handler (undefined: routes)"},
	}
	if n != len(want) || !reflect.DeepEqual(got, want) {
		t.Errorf("goDiagnostics = %d %+v, want %+v", n, got, want)
	}
}

func TestControllerClass(t *testing.T) {
	tests := map[string]string{
		"@RestController\npublic class DocumentController {":                       "DocumentController",
		"@RestController\n@RequestMapping(\"/x\")\npublic final class A {":         "A",
		"@org.springframework.web.bind.annotation.RestController public class B {": "B",
		"class Helper {}\n@RestController\npublic class C {":                       "C",
		"@Controller\npublic class D {":                                            "",
		"public class E {":                                                         "",
	}
	for code, want := range tests {
		if got := controllerClass(code); got != want {
			t.Errorf("controllerClass(%q) = %q, want %q", code, got, want)
		}
	}
}

func TestTestedWithRoundTrip(t *testing.T) {
	m := map[string]string{"go": "go1.26", "express": "5.3.0", "spring": "4.3.30.RELEASE", "zz": "1"}
	b := formatTestedWith(m)
	if !strings.HasPrefix(string(b), testedWithHeader+"\nexpress: ") {
		t.Errorf("formatTestedWith:\n%s", b)
	}
	got, err := parseTestedWith(strings.NewReader(string(b)))
	if err != nil || !reflect.DeepEqual(got, m) {
		t.Errorf("parseTestedWith = %v, %v; want %v", got, err, m)
	}
	got, err = parseTestedWith(strings.NewReader("# c\nexpress: 5.3.0\nfastapi: '0.92.0'\n"))
	if err != nil || got["express"] != "5.3.0" || got["fastapi"] != "0.92.0" {
		t.Errorf("parseTestedWith (plain and single-quoted) = %v, %v", got, err)
	}
	if _, err := parseTestedWith(strings.NewReader("express 5.3.0\n")); err == nil {
		t.Error("parseTestedWith accepted a line without a colon")
	}
	for in, want := range map[string]string{"go1.26.8": "go1.26", "go1.26": "go1.26", "devel go1.27-abc": "go1.27"} {
		if got := goMinor(in); got != want {
			t.Errorf("goMinor(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestFirstDiff(t *testing.T) {
	line, a, b := firstDiff([]byte("package main\n\nfunc f() {  }\n"), []byte("package main\n\nfunc f() {}\n"))
	if line != 3 || a != "func f() {  }" || b != "func f() {}" {
		t.Errorf("firstDiff = %d %q %q", line, a, b)
	}
}

func TestSplitPattern(t *testing.T) {
	got := splitPattern(`TestSnippets/41[12]/(go|spring)$|TestCheck|Test\/x`)
	want := [][]string{{"TestSnippets", "41[12]", "(go|spring)$"}, {"TestCheck"}, {`Test\/x`}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("splitPattern = %q, want %q", got, want)
	}
	sel := selection{
		{regexp.MustCompile("TestSnippets"), regexp.MustCompile("^412$"), regexp.MustCompile("go")},
		{regexp.MustCompile("TestSnippets"), regexp.MustCompile("409")},
	}
	for _, c := range []struct {
		code, fw string
		want     bool
	}{{"412", "go", true}, {"412", "spring", false}, {"409", "spring", true}, {"4120", "go", false}} {
		if got := sel.selects(c.code, c.fw); got != c.want {
			t.Errorf("selects(%s, %s) = %v, want %v", c.code, c.fw, got, c.want)
		}
	}
}

// TestUntestedInSkipsTheCode checks that an entry's untested_in leaves
// out, for the frameworks it names only, the scenarios that expect the
// code, as the final status or as an interim response.
func TestUntestedInSkipsTheCode(t *testing.T) {
	e := &examples.Entry{Code: 103, UntestedIn: map[string]string{"fastapi": "uvicorn 0.55.0 cannot send it"}, Scenarios: []examples.Scenario{
		{Name: "hints", Want: examples.Want{Status: 200, Interim: []examples.Interim{{Status: 103}}}},
		{Name: "plain", Want: examples.Want{Status: 200}},
		{Name: "final", Want: examples.Want{Status: 103}},
	}}
	names := func(fw string) []string {
		it := &Item{Entry: e, Snippet: examples.Snippet{Framework: fw}}
		var n []string
		for _, sc := range it.scenarios() {
			n = append(n, sc.Name)
		}
		return n
	}
	if got := names("fastapi"); !reflect.DeepEqual(got, []string{"plain"}) {
		t.Errorf("fastapi runs %q, want [plain]", got)
	}
	if got := names("go"); !reflect.DeepEqual(got, []string{"hints", "plain", "final"}) {
		t.Errorf("go runs %q, want all three", got)
	}
}
