package generator

import (
	"bytes"
	"errors"
	"strings"
	"testing"
)

// TestMinifyAsset: CSS and JavaScript are minified and end in a newline;
// other files pass through; a syntax error names the asset, line and column.
func TestMinifyAsset(t *testing.T) {
	got, err := minifyAsset("assets/site.css", []byte("/* c */\nbody {\n  color: #000000;\n}\n"))
	if err != nil || string(got) != "body{color:#000}\n" {
		t.Errorf("css: got %q, %v", got, err)
	}
	got, err = minifyAsset("assets/site.js", []byte("// c\nvar answer = 40 + 2;\n"))
	if err != nil || string(got) != "var answer=40+2\n" {
		t.Errorf("js: got %q, %v", got, err)
	}
	svg := []byte("<svg>\n  <rect/>\n</svg>\n")
	if got, err := minifyAsset("assets/favicon.svg", svg); err != nil || !bytes.Equal(got, svg) {
		t.Errorf("svg: got %q, %v; want it unchanged", got, err)
	}
	_, err = minifyAsset("assets/site.js", []byte("var a = 1;\nfunction (\n"))
	var te *templateErr
	if !errors.As(err, &te) {
		t.Fatalf("js with a syntax error: got %v, want a templateErr", err)
	}
	if te.Pos.File != "assets/site.js" || te.Pos.Line != 2 || te.Pos.Col == 0 || !strings.Contains(te.Error(), "assets/site.js:2:") {
		t.Errorf("js with a syntax error: got %q at %+v", te.Error(), te.Pos)
	}
}
