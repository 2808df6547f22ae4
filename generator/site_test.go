package generator

import (
	"errors"
	"strings"
	"testing"
	"testing/fstest"
)

// apiEntry turns validEntry into an unofficial five-digit code of an API's
// own catalogue: no spec, an origin, and its own scenarios' status.
func apiEntry(code, related string) string {
	return strings.NewReplacer(
		"code: 412", "code: "+code,
		"status: permanent", "status: unofficial\norigin: Acme Payments API",
		"spec: RFC 9110, Section 15.5.13\n", "",
		"spec_url: https://www.rfc-editor.org/rfc/rfc9110#section-15.5.13\n", "",
		"code: 428\n    why", "code: "+related+"\n    why",
	).Replace(validEntry)
}

// TestSiteCodeDigits checks content/site.yaml: code_digits lets a tree
// hold codes of another length, and its errors carry file:line:col.
func TestSiteCodeDigits(t *testing.T) {
	five := map[string]string{
		"site.yaml":    "code_digits: 5\n",
		"4xx/40012.md": apiEntry("40012", "50003"),
		"5xx/50003.md": apiEntry("50003", "40012"),
	}
	with := func(extra map[string]string) map[string]string {
		m := map[string]string{}
		for k, v := range five {
			m[k] = v
		}
		for k, v := range extra {
			if v == "" {
				delete(m, k)
			} else {
				m[k] = v
			}
		}
		return m
	}
	tests := []struct {
		name  string
		files map[string]string
		want  []string
	}{
		{name: "five digits", files: five},
		{name: "three digits by default, said in site.yaml",
			files: map[string]string{"site.yaml": "code_digits: 3\n", "4xx/412.md": validEntry, "4xx/428.md": entry428}},
		{name: "an empty site.yaml", files: map[string]string{"site.yaml": "# nothing set\n", "4xx/412.md": validEntry, "4xx/428.md": entry428},
			want: []string{"site.yaml:1:1: the front matter is empty: fill in the fields listed in CONTRIBUTING.md"}},
		{name: "unknown key", files: with(map[string]string{"site.yaml": "# settings\ncode_digit: 5\n"}),
			want: []string{
				// The codes are not held to a length the file may not mean.
				`site.yaml:2:1: unknown field "code_digit": did you mean "code_digits"?`,
			}},
		{name: "out of range", files: with(map[string]string{"site.yaml": "code_digits: 9\n"}),
			want: []string{
				"site.yaml:1:14: code_digits 9 is out of range: give 3 for HTTP status codes, or up to 6 for an API's own error codes",
			}},
		{name: "not a number", files: with(map[string]string{"site.yaml": "code_digits: five\n"}),
			want: []string{
				`site.yaml:1:14: want a whole number, found text "five"`,
			}},
		{name: "a code of the wrong length", files: with(map[string]string{"4xx/400.md": apiEntry("400", "40012")}),
			want: []string{"4xx/400.md:2:7: code 400 is not a 5-digit code: site.yaml sets code_digits: 5, so codes run from 10000 to 59999, the first digit being the class"}},
		{name: "first digit is not a class", files: with(map[string]string{"6xx/60001.md": apiEntry("60001", "40012")}),
			want: []string{"6xx/60001.md: this file belongs in a class folder such as 4xx/ (named for its code), compare/ for a comparison or guides/ for a guide"}},
		{name: "wrong class folder", files: with(map[string]string{"4xx/40012.md": "", "5xx/40012.md": apiEntry("40012", "50003")}),
			want: []string{"5xx/40012.md:2:7: code 40012 belongs in the 4xx/ folder, not 5xx/"}},
		{name: "a five-digit code cannot be official", files: with(map[string]string{"4xx/40012.md": strings.Replace(apiEntry("40012", "50003"), "status: unofficial", "status: permanent", 1)}),
			want: []string{
				"4xx/40012.md:5:9: code 40012 is not in the IANA registry: set status: unofficial and name its origin",
				"4xx/40012.md:16:3: no scenario expects 40012: add one in which the code examples answer 40012, or say in untested: why none can",
			}},
		{name: "related code missing names its folder", files: with(map[string]string{"4xx/40012.md": apiEntry("40012", "50009")}),
			want: []string{"4xx/40012.md:12:11: related code 50009 has no entry: write content/5xx/50009.md or remove the link"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fsys := fstest.MapFS{}
			for name, data := range tt.files {
				fsys[name] = &fstest.MapFile{Data: []byte(data)}
			}
			c, err := check(fsys, false)
			var list errorList
			if err != nil && !errors.As(err, &list) {
				t.Fatalf("Check = %v, want an ErrorList", err)
			}
			var got []string
			for _, e := range list {
				got = append(got, e.Error())
			}
			if strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
				t.Errorf("errors:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
			}
			if err == nil && tt.name == "five digits" {
				if c.CodeDigits != 5 || c.Entries[0].Page() != "4xx/40012.html" || c.Entries[1].Class() != "5xx" {
					t.Errorf("CodeDigits %d, pages %s %s", c.CodeDigits, c.Entries[0].Page(), c.Entries[1].Class())
				}
			}
		})
	}
}

// TestClassFallback: each HTTP class page says which x00 code stands for
// an unknown code of its class (RFC 9110, Section 15); an API's own
// classes of longer codes say nothing of the kind.
func TestClassFallback(t *testing.T) {
	for class, want := range map[string]string{"1xx": "100 Continue", "2xx": "200 OK", "3xx": "300 Multiple Choices", "4xx": "400 Bad Request", "5xx": "500 Internal Server Error"} {
		if got := classInfo(class).Fallback; !strings.Contains(got, "treats it as "+want) {
			t.Errorf("%s fallback %q does not name %s", class, got, want)
		}
	}
	if got := classInfo("4xxxx").Fallback; got != "" {
		t.Errorf("a 5-digit class has the fallback %q", got)
	}
}
