package generator

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/statusref/statusref/generator/internal/constants"
	"github.com/statusref/statusref/generator/view"
)

// TestConstantsMatchLibraries asks every library again, the same way
// go generate did, and fails when one of them disagrees with
// constants.json: a name added, dropped, renamed or newly deprecated, or
// another version of a pinned library. A library whose runtime is missing
// is skipped with what to install, and fails instead when
// STATUSREF_REQUIRE_RUNTIMES=1 (as CI sets).
func TestConstantsMatchLibraries(t *testing.T) {
	file := libraryConstants()
	root, err := filepath.Abs("..")
	if err != nil {
		t.Fatal(err)
	}
	var keys, fileKeys []string
	for _, s := range constants.Sources() {
		keys = append(keys, s.Key)
	}
	for _, s := range file.Sources {
		fileKeys = append(fileKeys, s.Key)
	}
	if !slices.Equal(keys, fileKeys) {
		t.Fatalf("generator/constants.json asks %v, package constants %v: run go generate ./generator", fileKeys, keys)
	}
	for i, want := range file.Sources {
		t.Run(want.Key, func(t *testing.T) {
			t.Parallel()
			ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
			defer cancel()
			got, names, err := constants.Ask(ctx, constants.Config{Root: root}, want.Key)
			var missing *constants.MissingError
			switch {
			case errors.As(err, &missing) && os.Getenv("STATUSREF_REQUIRE_RUNTIMES") == "1":
				t.Fatalf("%v (STATUSREF_REQUIRE_RUNTIMES=1 requires every runtime)", err)
			case errors.As(err, &missing):
				t.Skip(err)
			case err != nil:
				t.Fatal(err)
			}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("generator/constants.json's source %d differs from what %s says (-file +library):\n%s\nrun go generate ./generator", i, want.Key, diff)
			}
			inFile := map[int][]constants.Name{}
			for code, byKey := range file.Codes {
				if ns, ok := byKey[want.Key]; ok {
					inFile[code] = ns
				}
			}
			if diff := cmp.Diff(inFile, names); diff != "" {
				t.Errorf("generator/constants.json's %s names differ from %s %s's (-file +library):\n%s\nrun go generate ./generator", want.Key, want.Library, got.Version, diff)
			}
		})
	}
}

// TestConstantsFileIsCanonical checks that constants.json is as constgen
// writes it, so that go generate on an unchanged library changes nothing.
func TestConstantsFileIsCanonical(t *testing.T) {
	d, err := constants.Parse(constantsJSON)
	if err != nil {
		t.Fatal(err)
	}
	out, err := constants.Marshal(d)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(out, constantsJSON) {
		t.Errorf("generator/constants.json is not as constgen writes it:\n%s", cmp.Diff(string(constantsJSON), string(out)))
	}
}

// spring and others are sources for the display tests: a library asked on
// two lines, a plain one, and a quiet one after a quoted one.
var (
	testPlain   = constants.Source{Key: "go", Label: "Go", Prefix: "http."}
	testOld     = constants.Source{Key: "spring-a", Label: "Spring", Line: "6.2", Prefix: "HttpStatus."}
	testNew     = constants.Source{Key: "spring-b", Label: "Spring", Line: "7.0", Prefix: "HttpStatus."}
	testNode    = constants.Source{Key: "node", Label: "Node", Quoted: true}
	testQuiet   = constants.Source{Key: "statuses", Label: "statuses", Quoted: true, Quiet: true}
	testSources = []constants.Source{testPlain, testOld, testNew, testNode, testQuiet}
)

func TestConstantViews(t *testing.T) {
	type names = map[string][]constants.Name
	n := func(name string) constants.Name { return constants.Name{Name: name} }
	dep := func(name, since string) constants.Name {
		return constants.Name{Name: name, Deprecated: true, Since: since}
	}
	tests := []struct {
		name string
		in   names
		want []view.ConstantView
	}{
		{"the same everywhere", names{"go": {n("StatusOK")}, "spring-a": {n("OK")}, "spring-b": {n("OK")}, "node": {n("OK")}, "statuses": {n("OK")}},
			[]view.ConstantView{
				{Library: "Go", Names: []view.ConstName{{Name: "http.StatusOK"}}},
				{Library: "Spring", Names: []view.ConstName{{Name: "HttpStatus.OK"}}},
				{Library: "Node", Names: []view.ConstName{{Name: "'OK'"}}},
			}},
		{"renamed in the newer line, with the library's since",
			names{"spring-a": {n("PAYLOAD_TOO_LARGE"), dep("REQUEST_ENTITY_TOO_LARGE", "")}, "spring-b": {n("CONTENT_TOO_LARGE"), dep("PAYLOAD_TOO_LARGE", "7.0")}},
			[]view.ConstantView{{Library: "Spring", Names: []view.ConstName{
				{Name: "HttpStatus.CONTENT_TOO_LARGE", Note: "since Spring 7.0"},
				{Name: "HttpStatus.PAYLOAD_TOO_LARGE", Note: "deprecated in Spring 7.0"},
			}}}},
		{"deprecated in the newer line without a since: the line's version",
			names{"spring-a": {n("I_AM_A_TEAPOT")}, "spring-b": {dep("I_AM_A_TEAPOT", "")}},
			[]view.ConstantView{{Library: "Spring", Names: []view.ConstName{{Name: "HttpStatus.I_AM_A_TEAPOT", Note: "deprecated in Spring 7.0"}}}}},
		{"removed in the newer line",
			names{"spring-a": {n("CHECKPOINT")}},
			[]view.ConstantView{{Library: "Spring", Names: []view.ConstName{{Name: "HttpStatus.CHECKPOINT", Note: "removed in Spring 7.0"}}}}},
		{"deprecated everywhere and alone: shown as deprecated",
			names{"go": {dep("StatusUseProxy", "")}, "spring-a": {dep("USE_PROXY", "")}, "spring-b": {dep("USE_PROXY", "")}},
			[]view.ConstantView{
				{Library: "Go", Names: []view.ConstName{{Name: "http.StatusUseProxy", Note: "deprecated"}}},
				{Library: "Spring", Names: []view.ConstName{{Name: "HttpStatus.USE_PROXY", Note: "deprecated"}}},
			}},
		{"deprecated beside a current name: left off",
			names{"go": {n("StatusFound"), dep("StatusMovedTemporarily", "")}},
			[]view.ConstantView{{Library: "Go", Names: []view.ConstName{{Name: "http.StatusFound"}}}}},
		{"a quiet source that differs is shown",
			names{"node": {n("Payload Too Large")}, "statuses": {n("Content Too Large")}},
			[]view.ConstantView{
				{Library: "Node", Names: []view.ConstName{{Name: "'Payload Too Large'"}}},
				{Library: "statuses", Names: []view.ConstName{{Name: "'Content Too Large'"}}},
			}},
		{"a quiet source whose table has the code the one before lacks is shown",
			names{"statuses": {n("Custom")}},
			[]view.ConstantView{{Library: "statuses", Names: []view.ConstName{{Name: "'Custom'"}}}}},
		{"no library names it", nil, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := &constants.Data{Sources: testSources, Codes: map[int]map[string][]constants.Name{}}
			if tt.in != nil {
				d.Codes[499] = tt.in
			}
			if diff := cmp.Diff(tt.want, constantViewsOf(d, 499)); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
}

func TestAPIConstants(t *testing.T) {
	d := &constants.Data{Sources: testSources, Codes: map[int]map[string][]constants.Name{
		413: {"go": {{Name: "StatusRequestEntityTooLarge"}}, "spring-b": {{Name: "CONTENT_TOO_LARGE"}, {Name: "PAYLOAD_TOO_LARGE", Deprecated: true, Since: "7.0"}}, "node": {{Name: "Payload Too Large"}}},
	}}
	want := map[string][]apiConstant{
		"go":       {{Name: "http.StatusRequestEntityTooLarge"}},
		"spring-b": {{Name: "HttpStatus.CONTENT_TOO_LARGE"}, {Name: "HttpStatus.PAYLOAD_TOO_LARGE", Deprecated: true, Since: "7.0"}},
		"node":     {{Name: "Payload Too Large"}},
	}
	if got := apiConstantsOf(d, 413); !reflect.DeepEqual(got, want) {
		t.Errorf("apiConstantsOf(413) = %v, want %v", got, want)
	}
	if got := apiConstantsOf(d, 499); got != nil {
		t.Errorf("apiConstantsOf(499) = %v, want nil: no library names it", got)
	}
}

// TestConstantsOnTheRealData checks the real data on the pages the
// issue names: 412 in every library, and Spring's two renames with the
// version they came in.
func TestConstantsOnTheRealData(t *testing.T) {
	line := func(code int) string {
		var b bytes.Buffer
		for _, cv := range constantViews(code) {
			b.WriteString(cv.Library + ":")
			for _, n := range cv.Names {
				b.WriteString(" " + n.Name)
				if n.Note != "" {
					b.WriteString(" (" + n.Note + ")")
				}
			}
			b.WriteString("; ")
		}
		return b.String()
	}
	tests := map[int]string{
		412: "Go: http.StatusPreconditionFailed; Python: HTTPStatus.PRECONDITION_FAILED; Starlette: status.HTTP_412_PRECONDITION_FAILED; Spring: HttpStatus.PRECONDITION_FAILED; Node: 'Precondition Failed'; Rust: StatusCode::PRECONDITION_FAILED; ",
		413: "Go: http.StatusRequestEntityTooLarge; Python: HTTPStatus.REQUEST_ENTITY_TOO_LARGE; Starlette: status.HTTP_413_CONTENT_TOO_LARGE; Spring: HttpStatus.CONTENT_TOO_LARGE (since Spring 7.0) HttpStatus.PAYLOAD_TOO_LARGE (deprecated in Spring 7.0); Node: 'Payload Too Large'; Rust: StatusCode::PAYLOAD_TOO_LARGE; ",
		422: "Go: http.StatusUnprocessableEntity; Python: HTTPStatus.UNPROCESSABLE_ENTITY; Starlette: status.HTTP_422_UNPROCESSABLE_CONTENT; Spring: HttpStatus.UNPROCESSABLE_CONTENT (since Spring 7.0) HttpStatus.UNPROCESSABLE_ENTITY (deprecated in Spring 7.0); Node: 'Unprocessable Entity'; Rust: StatusCode::UNPROCESSABLE_ENTITY; ",
		499: "",
	}
	for code, want := range tests {
		if got := line(code); got != want {
			t.Errorf("the constants of %d are\n%s\nwant\n%s", code, got, want)
		}
	}
}
