package generator

import (
	_ "embed"
	"slices"
	"sync"

	"github.com/statusref/statusref/generator/internal/constants"
	"github.com/statusref/statusref/generator/view"
)

// constantsJSON is what the HTTP libraries readers use call each status
// code (Go, Python, Starlette, Spring on both Boot lines, Node and its
// statuses package, Rust's http crate), as the libraries themselves said
// when constgen asked them; package constants says how each is asked.
// TestConstantsMatchLibraries asks them again and fails on any difference.
// To update it after a library changes, run go generate ./generator.
//
//go:generate go run ./internal/constgen -o constants.json
//go:embed constants.json
var constantsJSON []byte

// libraryConstants is constantsJSON, parsed. It is embedded data, so a
// parse failure is a bug of the build, not of the user's content.
var libraryConstants = sync.OnceValue(func() *constants.Data {
	d, err := constants.Parse(constantsJSON)
	if err != nil {
		panic("generator: constants.json: " + err.Error())
	}
	return d
})

// apiConstant is one library's name for a code in api/<code>.json, as it
// is written in code ("HttpStatus.CONTENT_TOO_LARGE"; Node's reason phrase
// as it is).
type apiConstant struct {
	Name       string `json:"name"`
	Deprecated bool   `json:"deprecated,omitempty"`
	Since      string `json:"since,omitempty"`
}

// apiConstants are the names of code by library key (constants.json's
// sources: "go", "spring-boot-4.0", …), or nil when no library names it.
func apiConstants(code int) map[string][]apiConstant {
	return apiConstantsOf(libraryConstants(), code)
}

func apiConstantsOf(d *constants.Data, code int) map[string][]apiConstant {
	names := d.Codes[code]
	if len(names) == 0 {
		return nil
	}
	out := map[string][]apiConstant{}
	for _, src := range d.Sources {
		for _, n := range names[src.Key] {
			out[src.Key] = append(out[src.Key], apiConstant{Name: src.Prefix + n.Name, Deprecated: n.Deprecated, Since: n.Since})
		}
	}
	return out
}

// constantViews is the page's one line of constants: each library's
// current names for code, with the line where a name came or went for a
// library asked on several lines (Spring 6.2 and 7.0). A name deprecated
// everywhere it exists is left off when the library has a current one
// (the JSON keeps it), and a quiet source (statuses) is shown only where
// it differs from the source before it. Libraries without the code are
// left out.
func constantViews(code int) []view.ConstantView {
	return constantViewsOf(libraryConstants(), code)
}

func constantViewsOf(d *constants.Data, code int) []view.ConstantView {
	names := d.Codes[code]
	var out []view.ConstantView
	var prev []string
	for i := 0; i < len(d.Sources); {
		// The lines of one library are consecutive sources with its label.
		j := i + 1
		for j < len(d.Sources) && d.Sources[j].Label == d.Sources[i].Label {
			j++
		}
		lines := d.Sources[i:j]
		i = j
		cv := view.ConstantView{Library: lines[0].Label}
		var flat []string
		for _, n := range groupNames(lines, names) {
			flat = append(flat, n.name)
			if n.hidden {
				continue
			}
			name := n.name
			if lines[0].Quoted {
				name = "'" + name + "'"
			}
			cv.Names = append(cv.Names, view.ConstName{Name: lines[0].Prefix + name, Note: n.note})
		}
		quietSame := lines[0].Quiet && slices.Equal(flat, prev)
		prev = flat
		if len(cv.Names) > 0 && !quietSame {
			out = append(out, cv)
		}
	}
	return out
}

// groupName is one name of a library across its lines.
type groupName struct {
	name   string
	note   string // what changed between the lines, or ""
	hidden bool   // deprecated wherever it exists, beside a current name
}

// groupNames merges the names of one library's lines (oldest first): the
// newest line's names first, then the names only older lines have, each
// with what changed between the lines.
func groupNames(lines []constants.Source, names map[string][]constants.Name) []groupName {
	type presence struct {
		in, deprecated bool
		since          string
	}
	var order []string
	at := map[string][]presence{}
	for li := len(lines) - 1; li >= 0; li-- {
		for _, n := range names[lines[li].Key] {
			if at[n.Name] == nil {
				at[n.Name] = make([]presence, len(lines))
				order = append(order, n.Name)
			}
			at[n.Name][li] = presence{in: true, deprecated: n.Deprecated, since: n.Since}
		}
	}
	anyCurrent := false
	for _, name := range order {
		for _, p := range at[name] {
			anyCurrent = anyCurrent || (p.in && !p.deprecated)
		}
	}
	var out []groupName
	for _, name := range order {
		ps := at[name]
		g := groupName{name: name}
		first, current := -1, false
		for li, p := range ps {
			if p.in && first < 0 {
				first = li
			}
			current = current || (p.in && !p.deprecated)
		}
		g.hidden = !current && anyCurrent
		var notes []string
		if first > 0 {
			notes = append(notes, tr("constants.since", lines[0].Label, lines[first].Line))
		}
		for li, p := range ps {
			if !p.deprecated {
				continue
			}
			switch {
			case len(lines) == 1:
				notes = append(notes, tr("constants.deprecated"))
			case li == first && li == 0:
				notes = append(notes, tr("constants.deprecated"))
			default:
				when := p.since
				if when == "" {
					when = lines[li].Line
				}
				notes = append(notes, tr("constants.deprecated-in", lines[0].Label, when))
			}
			break
		}
		if last := len(ps) - 1; !ps[last].in {
			for li := last; li > 0; li-- {
				if ps[li-1].in {
					notes = append(notes, tr("constants.removed-in", lines[0].Label, lines[li].Line))
					break
				}
			}
		}
		for k, n := range notes {
			if k > 0 {
				g.note += "; "
			}
			g.note += n
		}
		out = append(out, g)
	}
	return out
}
