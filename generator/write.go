package generator

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"
)

// Marker is the file statusref keeps at the top of every folder it writes.
// It lists the files statusref wrote there. Write refuses to replace a
// non-empty folder without it, and never deletes a file it does not list.
const Marker = ".statusref"

const markerHeader = "# Written by statusref. statusref replaces this folder on each build; it keeps files it did not write.\n"

// Write is the only place statusref writes to disk. It builds the site into
// a new temporary folder beside dir, by calling render with an Output on
// that folder, and only when render succeeds swaps it in place of dir. A
// failed build leaves dir exactly as it was.
//
// Files in the old dir that statusref did not write (a CNAME file, say) are
// carried over into the new one; a generated file may not overwrite one.
func Write(dir string, render func(Output) error) error {
	dir = filepath.Clean(dir)
	old, err := readManifest(dir)
	if err != nil {
		return err
	}
	tmp, err := os.MkdirTemp(filepath.Dir(dir), "."+filepath.Base(dir)+".build-*")
	if err != nil {
		return fmt.Errorf("creating the build folder: %w", err)
	}
	ok := false
	defer func() {
		if !ok {
			os.RemoveAll(tmp) // statusref created it, and nothing else is in it
		}
	}()
	if err := os.Chmod(tmp, 0o755); err != nil {
		return err
	}
	out := &dirOutput{root: tmp, written: map[string]bool{}}
	if err := render(out); err != nil {
		return err
	}
	foreign, err := foreignFiles(dir, old)
	if err != nil {
		return err
	}
	for _, f := range foreign {
		if out.written[f] {
			return fmt.Errorf("%s was not written by statusref, and the build would overwrite it: move it out of %s", filepath.Join(dir, f), dir)
		}
	}
	if err := out.writeManifest(); err != nil {
		return err
	}

	// Swap: old dir aside, new dir in, foreign files across, old dir's
	// generated files removed.
	var aside string
	if old != nil {
		aside = tmp + ".old"
		if err := os.Rename(dir, aside); err != nil {
			return fmt.Errorf("moving the previous build aside: %w", err)
		}
	}
	if err := os.Rename(tmp, dir); err != nil {
		if aside != "" {
			os.Rename(aside, dir)
		}
		return fmt.Errorf("moving the new build into place: %w", err)
	}
	ok = true
	if aside == "" {
		return nil
	}
	for _, f := range foreign {
		dst := filepath.Join(dir, filepath.FromSlash(f))
		if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
			return err
		}
		if err := os.Rename(filepath.Join(aside, filepath.FromSlash(f)), dst); err != nil {
			return fmt.Errorf("keeping %s: %w (it is still in %s)", f, err, aside)
		}
	}
	return removeGenerated(aside, old)
}

// readManifest returns the files statusref wrote into dir, or nil when dir
// does not exist or is empty. A non-empty dir without a marker is refused.
func readManifest(dir string) (map[string]bool, error) {
	st, err := os.Stat(dir)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	if !st.IsDir() {
		return nil, fmt.Errorf("%s is not a folder: choose another -out", dir)
	}
	f, err := os.Open(filepath.Join(dir, Marker))
	if errors.Is(err, fs.ErrNotExist) {
		names, err := os.ReadDir(dir)
		if err != nil {
			return nil, err
		}
		if len(names) > 0 {
			return nil, fmt.Errorf("refusing to write into %s: it is not empty and statusref did not write it (it has no %s file); choose another -out or empty it", dir, Marker)
		}
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	defer f.Close()
	m, err := parseManifest(f)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", filepath.Join(dir, Marker), err)
	}
	return m, nil
}

// maxMarker caps the size of a marker file: ten times what a site of
// 10,000 entries lists.
const maxMarker = 16 << 20

// parseManifest reads the lines of a marker file. It keeps only the
// lines that name a file inside the folder, past the # comments: a valid relative path in
// slash form (fs.ValidPath), without a backslash, and not the marker
// itself. Any other line is ignored, so that an edited marker cannot lead
// statusref to a file outside the folder.
func parseManifest(r io.Reader) (map[string]bool, error) {
	m := map[string]bool{}
	lr := &io.LimitedReader{R: r, N: maxMarker + 1}
	sc := bufio.NewScanner(lr)
	for sc.Scan() {
		if l := strings.TrimSuffix(sc.Text(), "\r"); !strings.HasPrefix(l, "#") && validManifestPath(l) {
			m[l] = true
		}
	}
	if err := sc.Err(); err != nil {
		return nil, err
	}
	if lr.N <= 0 {
		return nil, fmt.Errorf("larger than %d MiB: it is not statusref's; move it away", maxMarker>>20)
	}
	return m, nil
}

func validManifestPath(l string) bool {
	return fs.ValidPath(l) && l != "." && l != Marker && !strings.Contains(l, "\\")
}

// foreignFiles lists the files in dir that the manifest does not name.
func foreignFiles(dir string, manifest map[string]bool) ([]string, error) {
	if manifest == nil {
		return nil, nil
	}
	var out []string
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, err := filepath.Rel(dir, p)
		if err != nil {
			return err
		}
		rel = filepath.ToSlash(rel)
		if rel != Marker && !manifest[rel] {
			out = append(out, rel)
		}
		return nil
	})
	return out, err
}

// removeGenerated deletes from the set-aside old build the files its
// manifest names, then the folders left empty. Anything else stays. It
// deletes through an os.Root on aside, so that no name, and no link
// inside aside, leads to a file outside it.
func removeGenerated(aside string, manifest map[string]bool) error {
	root, err := os.OpenRoot(aside)
	if err != nil {
		return err
	}
	defer root.Close()
	for f := range manifest {
		if err := root.Remove(f); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return err
		}
	}
	root.Remove(Marker)
	var dirs []string
	fs.WalkDir(root.FS(), ".", func(p string, d fs.DirEntry, err error) error {
		if err == nil && d.IsDir() && p != "." {
			dirs = append(dirs, p)
		}
		return nil
	})
	sort.Sort(sort.Reverse(sort.StringSlice(dirs))) // children before parents
	for _, d := range dirs {
		root.Remove(d) // fails, harmlessly, on a folder that still holds something
	}
	if ents, err := os.ReadDir(aside); err != nil || len(ents) > 0 {
		return fmt.Errorf("the previous build left files statusref did not write in %s: move them back by hand", aside)
	}
	return os.Remove(aside) // empty: statusref created it
}

// dirOutput writes the site's files under root.
type dirOutput struct {
	root    string
	written map[string]bool
}

func (o *dirOutput) WriteFile(name string, data []byte) error {
	if !fs.ValidPath(name) || name == "." || name == Marker || strings.Contains(name, "\\") {
		return fmt.Errorf("invalid output path %q", name)
	}
	p := filepath.Join(o.root, filepath.FromSlash(name))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		return err
	}
	if err := os.WriteFile(p, data, 0o644); err != nil {
		return err
	}
	o.written[name] = true
	return nil
}

func (o *dirOutput) writeManifest() error {
	names := make([]string, 0, len(o.written))
	for n := range o.written {
		names = append(names, n)
	}
	sort.Strings(names)
	var b strings.Builder
	b.WriteString(markerHeader)
	for _, n := range names {
		b.WriteString(path.Clean(n) + "\n")
	}
	return os.WriteFile(filepath.Join(o.root, Marker), []byte(b.String()), 0o644)
}

// WriteNew creates the file name under dir with data, and fails if it
// already exists. It is how `statusref new` adds an entry to content/.
func WriteNew(dir, name string, data []byte) (string, error) {
	if !fs.ValidPath(name) {
		return "", fmt.Errorf("invalid path %q", name)
	}
	p := filepath.Join(dir, filepath.FromSlash(name))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		return "", err
	}
	f, err := os.OpenFile(p, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		if errors.Is(err, fs.ErrExist) {
			return "", fmt.Errorf("%s already exists: edit it instead", p)
		}
		return "", err
	}
	if _, err := f.Write(data); err != nil {
		f.Close()
		os.Remove(p) // statusref just created it
		return "", err
	}
	return p, f.Close()
}

// atomicFile is a file written under a temporary name in dir and renamed
// into place by commit, so that a reader sees all of it or nothing. The
// highlight cache writes its segments with it.
type atomicFile struct {
	dir string
	f   *os.File
	w   *bufio.Writer
	n   int64
}

// createAtomic starts a file in dir, creating dir if need be.
func createAtomic(dir string) (*atomicFile, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	f, err := os.CreateTemp(dir, ".tmp-*")
	if err != nil {
		return nil, err
	}
	return &atomicFile{dir: dir, f: f, w: bufio.NewWriterSize(f, 256<<10)}, nil
}

func (a *atomicFile) Write(p []byte) (int, error) {
	n, err := a.w.Write(p)
	a.n += int64(n)
	return n, err
}

// size is how many bytes have been written.
func (a *atomicFile) size() int64 { return a.n }

// commit renames the file to name in its folder, or removes it on failure.
func (a *atomicFile) commit(name string) error {
	err := a.w.Flush()
	if cerr := a.f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(a.f.Name(), filepath.Join(a.dir, name))
	}
	if err != nil {
		os.Remove(a.f.Name()) // statusref created it
	}
	return err
}

// abort throws the file away.
func (a *atomicFile) abort() {
	a.f.Close()
	os.Remove(a.f.Name()) // statusref created it
}

// removeCacheFile deletes a file of the highlight cache: a segment merged
// into another, or a temporary file a crashed build left behind.
func removeCacheFile(p string) error { return os.Remove(p) }
