package generator

import (
	"errors"
	"io/fs"
	"slices"
	"strings"
)

// overlayFS reads a file from top, and from bottom where top has no such
// file: a -templates folder over the built-in templates, so that a team
// overrides the templates it wants and gets the others, new ones among
// them, from statusref. A folder lists the entries of both.
type overlayFS struct{ top, bottom fs.FS }

func (o overlayFS) Open(name string) (fs.File, error) {
	f, err := o.top.Open(name)
	if err == nil {
		if info, serr := f.Stat(); serr == nil && info.IsDir() {
			f.Close()
			if _, berr := fs.Stat(o.bottom, name); berr == nil {
				// A folder in both: its entries come from ReadDir.
				return o.bottom.Open(name)
			}
			return o.top.Open(name)
		}
		return f, nil
	}
	if !errors.Is(err, fs.ErrNotExist) {
		return nil, err
	}
	return o.bottom.Open(name)
}

func (o overlayFS) ReadDir(name string) ([]fs.DirEntry, error) {
	top, terr := fs.ReadDir(o.top, name)
	bottom, berr := fs.ReadDir(o.bottom, name)
	if terr != nil && berr != nil {
		return nil, terr
	}
	if terr != nil && !errors.Is(terr, fs.ErrNotExist) {
		return nil, terr
	}
	ents := slices.Clone(top)
	for _, b := range bottom {
		if !slices.ContainsFunc(top, func(t fs.DirEntry) bool { return t.Name() == b.Name() }) {
			ents = append(ents, b)
		}
	}
	slices.SortFunc(ents, func(a, b fs.DirEntry) int { return strings.Compare(a.Name(), b.Name()) })
	return ents, nil
}
