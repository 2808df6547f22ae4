package constants

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

func TestParseTable(t *testing.T) {
	tests := []struct {
		name, in string
		want     map[int][]Name
		version  string
		wantErr  string
	}{
		{"names, a deprecated one with its since", "version\t7.0.10\n413\tCONTENT_TOO_LARGE\n413\tPAYLOAD_TOO_LARGE\tdeprecated\t7.0\n418\tI_AM_A_TEAPOT\tdeprecated\n",
			map[int][]Name{413: {{Name: "CONTENT_TOO_LARGE"}, {Name: "PAYLOAD_TOO_LARGE", Deprecated: true, Since: "7.0"}}, 418: {{Name: "I_AM_A_TEAPOT", Deprecated: true}}}, "7.0.10", ""},
		{"no version line", "412\tPRECONDITION_FAILED\n", nil, "", `k: the first line is "412\tPRECONDITION_FAILED", not version\t<version>`},
		{"a code that is no number", "version\t1\nabc\tX\n", nil, "", `k: line 2 is "abc\tX", not <code>\t<name>[\tdeprecated[\t<since>]]`},
		{"an unknown third field", "version\t1\n412\tX\tgone\n", nil, "", `k: line 2 is "412\tX\tgone", not <code>\t<name>[\tdeprecated[\t<since>]]`},
		{"no codes", "version\t1\n", nil, "", "k: no status codes"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var src Source
			got, err := parseTable("k", []byte(tt.in), &src)
			if tt.wantErr != "" {
				if err == nil || err.Error() != tt.wantErr {
					t.Fatalf("err = %v, want %s", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got, tt.want) || src.Version != tt.version {
				t.Errorf("got %v, version %q; want %v, version %q", got, src.Version, tt.want, tt.version)
			}
		})
	}
}

// TestParseGoStatus reads a status.go of net/http's form, with an alias
// and a deprecated constant, and refuses one that is no integer.
func TestParseGoStatus(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "status.go")
	src := `package http

const (
	StatusOK = 200 // RFC 9110, 15.3.1
	_        = 306 // RFC 9110, 15.4.7 (Unused)

	StatusContentTooLarge = 413
	// Deprecated: use StatusContentTooLarge.
	StatusRequestEntityTooLarge = 413
)

const notAStatus = 1
`
	if err := os.WriteFile(file, []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	got, err := parseGoStatus(file)
	if err != nil {
		t.Fatal(err)
	}
	want := map[int][]Name{200: {{Name: "StatusOK"}}, 413: {{Name: "StatusContentTooLarge"}, {Name: "StatusRequestEntityTooLarge", Deprecated: true}}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got %v, want %v", got, want)
	}
	if err := os.WriteFile(file, []byte("package http\n\nconst StatusOK = \"200\"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := parseGoStatus(file); err == nil || !strings.HasSuffix(err.Error(), "status.go:3:7: StatusOK is not an integer literal") {
		t.Errorf("err = %v, want status.go:3:7: StatusOK is not an integer literal", err)
	}
}

func TestMarshalParse(t *testing.T) {
	d := &Data{
		Sources: []Source{{Key: "go", Label: "Go", Library: "net/http", Version: "go1.26", Prefix: "http.", How: "parsed"}, {Key: "node", Label: "Node", Quoted: true, Version: "20", How: "run"}},
		Codes:   map[int]map[string][]Name{412: {"go": {{Name: "StatusPreconditionFailed"}}, "node": {{Name: "Precondition Failed"}}}, 100: {"node": {{Name: "Continue"}}}},
	}
	out, err := Marshal(d)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(out), "  \"codes\": {\n    \"100\": {\n      \"node\": [{\"name\":\"Continue\"}]\n    },\n    \"412\": {\n      \"go\": [{\"name\":\"StatusPreconditionFailed\"}],\n") {
		t.Errorf("not one line per code and library, by code:\n%s", out)
	}
	back, err := Parse(out)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(back, d) {
		t.Errorf("Parse(Marshal(d)) = %+v, want %+v", back, d)
	}
	for _, tt := range []struct{ in, wantErr string }{
		{`{"sources":[],"codes":{"412":{"rust":[{"name":"X"}]}}}`, `code 412: no source is keyed "rust"`},
		{`{"sources":[{"key":"go"}],"codes":{"4x2":{}}}`, `"4x2" is not a status code`},
		{`{"sources":[{"key":"go"}],"codes":{"412":{"go":[]}}}`, `code 412: go has an empty list of names`},
		{`{"sources":[],"codes":{},"extra":1}`, `json: unknown field "extra"`},
	} {
		if _, err := Parse([]byte(tt.in)); err == nil || err.Error() != tt.wantErr {
			t.Errorf("Parse(%s) = %v, want %s", tt.in, err, tt.wantErr)
		}
	}
}
