package generator

import (
	"errors"
	"path"

	"github.com/tdewolff/minify/v2"
	"github.com/tdewolff/minify/v2/css"
	"github.com/tdewolff/minify/v2/js"
	"github.com/tdewolff/parse/v2"
)

// The stylesheet and scripts are minified on their way to public/, as
// Hugo does with the same library: every page loads them, so their bytes
// count against each page's weight, while the commented sources stay in
// templates/assets/. HTML is not minified: the pages in public/ are
// reviewed in pull requests, and whitespace is a small part of them.
var minifier = func() *minify.M {
	m := minify.New()
	m.AddFunc("css", css.Minify)
	m.AddFunc("js", js.Minify)
	return m
}()

// minifyAsset minifies the asset at name (a path under assets/) if it is
// CSS or JavaScript, and returns other files as they are. A syntax error
// is a templateErr at its line and column in the asset.
func minifyAsset(name string, data []byte) ([]byte, error) {
	kind := path.Ext(name)
	if kind != ".css" && kind != ".js" {
		return data, nil
	}
	out, err := minifier.Bytes(kind[1:], data)
	if err != nil {
		var pe *parse.Error
		if errors.As(err, &pe) {
			return nil, &templateErr{Pos: position{File: name, Line: pe.Line, Col: pe.Column}, Msg: pe.Message, Page: name}
		}
		return nil, &templateErr{Pos: position{File: name}, Msg: err.Error(), Page: name}
	}
	if len(out) > 0 && out[len(out)-1] != '\n' {
		out = append(out, '\n') // a text file ends with a newline
	}
	return out, nil
}
