package generator

import (
	"testing"
	"testing/fstest"
)

func TestGuideErrors(t *testing.T) {
	guide := func(front string) fstest.MapFS {
		return fstest.MapFS{"guides/a-guide.md": &fstest.MapFile{Data: []byte("---\n" + front + "---\n\n## Part\n\nText.\n")}}
	}
	tests := []struct {
		name string
		fs   fstest.MapFS
		want string
	}{
		{"valid", guide("title: T\nsummary: S.\nupdated: 2026-12-04\n"), ""},
		{"no title", guide("summary: S.\nupdated: 2026-12-04\n"), "guides/a-guide.md:1:1: title is missing: give the guide's title"},
		{"no updated", guide("title: T\nsummary: S.\n"), "guides/a-guide.md:1:1: updated is missing: give the date the guide was last changed in substance"},
		{"layout not a name", guide("title: T\nsummary: S.\nupdated: 2026-12-04\nlayout: ../x\n"),
			`guides/a-guide.md:5:9: layout "../x" must name a template by its file name without .html, e.g. guide`},
		{"unknown field", guide("title: T\nsummary: S.\nupdated: 2026-12-04\ncode: 1\n"),
			`guides/a-guide.md:5:1: unknown field "code": see CONTRIBUTING.md for the fields an entry has`},
		{"file name", fstest.MapFS{"guides/A Guide.md": &fstest.MapFile{Data: []byte("---\ntitle: T\nsummary: S.\nupdated: 2026-12-04\n---\n")}},
			"guides/A Guide.md: a guide's file name is its page's: use lower-case letters, digits and hyphens, e.g. how-codes-work.md"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Check(tt.fs)
			got := ""
			if err != nil {
				got = err.Error()
			}
			if got != tt.want {
				t.Errorf("Check: %s\nwant %s", got, tt.want)
			}
		})
	}
}

// TestGuideLayoutErrors: a layout the templates do not have, or the
// template of another kind of page, fails the build at the layout's
// position.
func TestGuideLayoutErrors(t *testing.T) {
	for layout, want := range map[string]string{
		"nope":   `guides/a.md:5:9: layout "nope": the templates have no nope.html`,
		"status": `guides/a.md:5:9: layout "status" is the template of another kind of page: name a layout of your own, or leave layout out for guide.html`,
	} {
		content := fstest.MapFS{"guides/a.md": &fstest.MapFile{Data: []byte("---\ntitle: T\nsummary: S.\nupdated: 2026-12-04\nlayout: " + layout + "\n---\n")}}
		_, err := Build(content, templateFS(t, nil), Files{})
		if err == nil || err.Error() != want {
			t.Errorf("layout %s: Build: %v\nwant %s", layout, err, want)
		}
	}
}

func TestNearestFieldOfItsType(t *testing.T) {
	for _, tt := range []struct{ typo, typ, want string }{
		{"titel", "generator.guideMeta", "title"},
		{"sumary", "generator.entryMeta", "summary"},
		{"code", "generator.guideMeta", ""}, // an entry's field, not a guide's
		{"titel", "generator.entryMeta", ""},
		{"x", "no.such", ""},
	} {
		if got := nearestField(tt.typo, tt.typ); got != tt.want {
			t.Errorf("nearestField(%q, %q) = %q, want %q", tt.typo, tt.typ, got, tt.want)
		}
	}
}
