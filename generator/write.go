package generator

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/statusref/statusref/generator/testhook"
)

// marker is the file statusref keeps at the top of every folder it writes.
// It lists the files statusref wrote there. Write refuses to replace a
// non-empty folder without it, and deletes no other file, except where
// the new site holds the same one (a link or a copy Write made).
const marker = ".statusref"

const markerHeader = "# Written by statusref. statusref replaces this folder on each build; it keeps files it did not write.\n"

// buildingHeader is the whole marker of a build folder while render
// writes into it. Such a folder holds nothing but statusref's output, so
// the next build removes it whole if this one was killed.
const buildingHeader = "# statusref is building this folder; if the build stopped, the next build removes it.\n"

// markerNew is the name the full marker is written under, in the build
// folder, before it replaces the building one.
const markerNew = ".statusref.new"

// lockWait is how long a build waits for another one that holds the lock.
var lockWait = 10 * time.Second

// modeBits are the bits of a folder's mode that Write keeps.
const modeBits = fs.ModePerm | fs.ModeSetuid | fs.ModeSetgid | fs.ModeSticky

// Write is the only place statusref writes to disk. It provides the site
// in dir so that, whenever the process stops, even by SIGKILL, dir holds
// the whole previous site or the whole new one:
//
//  1. It takes the lock, an flock on .<dir>.lock beside dir, waiting up to
//     ten seconds for another build that holds it. The lock file stays.
//  2. It cleans up after builds that were killed: of their build folders
//     (.<dir>.build-*) it removes only what statusref wrote there and
//     what dir holds too, and fails, naming the file, if anything else
//     is left. A site set aside by an interrupted two-rename swap (see 5)
//     becomes dir again when dir is missing.
//  3. It calls render with an Output on a new build folder beside dir.
//  4. It carries what dir holds that statusref did not write (a CNAME
//     file, say) into the build folder: files and links as hard links
//     (copies where a link is refused), folders with their modes. A file
//     in the way of a generated folder, or a folder in the way of a
//     generated file, fails the build here, naming it.
//  5. It exchanges the two folders in one step, with renameat2's
//     RENAME_EXCHANGE. Where the system lacks it (outside Linux, or on a
//     file system without it), it renames dir aside and the new folder in
//     its place; a build killed between the two leaves no dir, and the
//     next build puts the previous site back first.
//  6. It removes the previous site from the build folder, which now holds
//     it: the files its marker lists, and the ones dir holds too.
//
// A failed build, or one whose ctx is cancelled, stops before step 5,
// removes its build folder and leaves dir exactly as it was. dir keeps
// its mode, and may be empty, or a symbolic link: then the build goes
// into the folder it points to, the build folders and the lock go beside
// that folder, and the link stays.
func Write(ctx context.Context, dir string, render func(Output) error) error {
	target, err := resolveOut(dir)
	if err != nil {
		return err
	}
	parent, base := filepath.Dir(target), filepath.Base(target)
	proot, err := os.OpenRoot(parent)
	if err != nil {
		return fmt.Errorf("opening the folder of %s: %w", dir, err)
	}
	defer proot.Close()
	unlock, err := lock(ctx, proot, base, dir)
	if err != nil {
		return err
	}
	defer unlock()
	if err := cleanStale(proot, base, dir); err != nil {
		return err
	}
	live, err := proot.Lstat(base)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		live = nil
	case err != nil:
		return err
	case !live.IsDir():
		return fmt.Errorf("%s is not a folder: choose another -out", dir)
	}
	var old map[string]bool
	if live != nil {
		if old, err = readManifest(proot, base, dir); err != nil {
			return err
		}
	}

	tmp, err := os.MkdirTemp(parent, "."+base+".build-*")
	if err != nil {
		return fmt.Errorf("creating the build folder: %w", err)
	}
	name := filepath.Base(tmp)
	testhook.At("mkdir")
	swapped := false
	defer func() {
		if !swapped {
			proot.RemoveAll(name) // statusref's output, and links to files dir still holds
		}
	}()
	if err := os.WriteFile(filepath.Join(tmp, marker), []byte(buildingHeader), 0o644); err != nil {
		return err
	}
	out := &dirOutput{ctx: ctx, root: tmp, written: map[string]bool{}}
	if err := render(out); err != nil {
		return err
	}
	testhook.At("rendered")
	if err := ctx.Err(); err != nil {
		return err
	}
	if err := out.writeManifest(); err != nil {
		return err
	}
	mode := fs.FileMode(0o755)
	if live != nil {
		mode = live.Mode() & modeBits
		if err := carry(ctx, proot, base, name, old, dir); err != nil {
			return err
		}
	}
	if err := os.Chmod(tmp, mode); err != nil {
		return err
	}
	testhook.At("swap")
	if err := ctx.Err(); err != nil {
		return err
	}
	if live == nil {
		if err := os.Rename(tmp, target); err != nil {
			return fmt.Errorf("moving the new build into place: %w", err)
		}
		swapped = true
		return nil
	}
	oldName, err := swap(tmp, target)
	if err != nil {
		return err
	}
	swapped = true
	testhook.At("swapped")
	if err := removeOld(proot, oldName, old, base, dir); err != nil {
		return fmt.Errorf("the new site is in %s, but %w", dir, err)
	}
	return nil
}

// resolveOut makes dir absolute and, when it is a symbolic link, the
// folder the link points to.
func resolveOut(dir string) (string, error) {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return "", err
	}
	if st, err := os.Lstat(abs); err == nil && st.Mode()&fs.ModeSymlink != 0 {
		if abs, err = filepath.EvalSymlinks(abs); err != nil {
			return "", fmt.Errorf("%s is a link to a folder that does not exist: create the folder or choose another -out (%w)", dir, err)
		}
	}
	if filepath.Dir(abs) == abs {
		return "", fmt.Errorf("%s is the top folder of the file system: choose another -out", dir)
	}
	return abs, nil
}

// lock takes the build lock of the folder base in proot: an flock on
// .<base>.lock beside it. It waits up to lockWait for a build that holds
// it, or until ctx is done. unlock releases it; the file stays, since
// removing it would let two builds lock two different files.
func lock(ctx context.Context, proot *os.Root, base, dir string) (unlock func(), err error) {
	name := "." + base + ".lock"
	f, err := proot.OpenFile(name, os.O_RDWR|os.O_CREATE, 0o644)
	if err != nil {
		return nil, fmt.Errorf("opening the lock of %s: %w", dir, err)
	}
	deadline := time.Now().Add(lockWait)
	for waited := false; ; waited = true {
		ok, err := tryLock(f)
		if err != nil {
			f.Close()
			return nil, fmt.Errorf("locking %s: %w", f.Name(), err)
		}
		if ok {
			return func() { f.Close() }, nil
		}
		if !waited {
			testhook.At("lock-wait")
		}
		if time.Now().After(deadline) {
			f.Close()
			return nil, fmt.Errorf("another statusref build is writing %s (it holds the lock %s): let it finish, then build again", dir, filepath.Join(proot.Name(), name))
		}
		select {
		case <-ctx.Done():
			f.Close()
			return nil, ctx.Err()
		case <-time.After(50 * time.Millisecond):
		}
	}
}

// staleName reports whether name is one of Write's build folders for the
// folder base: .<base>.build-<digits>, or that with .old when it was set
// aside.
func staleName(name, base string) (aside, ok bool) {
	rest, ok := strings.CutPrefix(name, "."+base+".build-")
	if !ok {
		return false, false
	}
	rest, aside = strings.CutSuffix(rest, ".old")
	return aside, rest != "" && strings.Trim(rest, "0123456789") == ""
}

// cleanStale removes the build folders that killed builds left beside
// the folder base. A folder still being built goes whole. One holding a
// complete site (the new one before the swap, or the old one after it)
// loses the files its marker lists and the ones base holds too, and goes
// if nothing else is left. A folder without a marker, or with an empty
// one, goes only when it holds nothing else. When base is missing, the
// newest site set aside by an interrupted two-rename swap becomes base
// again first.
func cleanStale(proot *os.Root, base, dir string) error {
	ents, err := fs.ReadDir(proot.FS(), ".")
	if err != nil {
		return err
	}
	type stale struct {
		name     string
		header   string
		manifest map[string]bool
		aside    bool
		mod      time.Time
	}
	var found []stale
	for _, e := range ents {
		aside, ok := staleName(e.Name(), base)
		if !ok || !e.IsDir() {
			continue
		}
		r, err := proot.OpenRoot(e.Name())
		if err != nil {
			continue // not one statusref can have made
		}
		header, m, err := readMarker(r)
		if err == nil && header == "" {
			// Killed while creating the building marker: if that is all
			// the folder holds, it goes.
			if ents, err := fs.ReadDir(r.FS(), "."); err == nil && len(ents) == 1 {
				r.Remove(marker)
			}
		}
		r.Close()
		switch {
		case errors.Is(err, fs.ErrNotExist) || (err == nil && header == ""):
			proot.Remove(e.Name()) // fails, and so keeps it, unless it is empty
			continue
		case err != nil || (header != markerHeader && header != buildingHeader):
			continue // not statusref's
		}
		st := stale{name: e.Name(), header: header, manifest: m, aside: aside}
		if info, err := e.Info(); err == nil {
			st.mod = info.ModTime()
		}
		found = append(found, st)
	}
	if _, err := proot.Lstat(base); errors.Is(err, fs.ErrNotExist) {
		best := -1
		for i, st := range found {
			if st.aside && st.header == markerHeader && (best < 0 || st.mod.After(found[best].mod)) {
				best = i
			}
		}
		if best >= 0 {
			if err := proot.Rename(found[best].name, base); err != nil {
				return fmt.Errorf("restoring %s from %s: %w", dir, filepath.Join(proot.Name(), found[best].name), err)
			}
			found = slices.Delete(found, best, best+1)
		}
	}
	for _, st := range found {
		var err error
		if st.header == buildingHeader {
			err = proot.RemoveAll(st.name)
		} else {
			err = removeOld(proot, st.name, st.manifest, base, dir)
		}
		if err != nil {
			return err
		}
	}
	return nil
}

// readManifest returns the files statusref wrote into the folder base of
// proot, or nil when it is empty. A non-empty folder without a marker is
// refused.
func readManifest(proot *os.Root, base, dir string) (map[string]bool, error) {
	r, err := proot.OpenRoot(base)
	if err != nil {
		return nil, err
	}
	defer r.Close()
	_, m, err := readMarker(r)
	if errors.Is(err, fs.ErrNotExist) {
		names, err := fs.ReadDir(r.FS(), ".")
		if err != nil {
			return nil, err
		}
		if len(names) > 0 {
			return nil, fmt.Errorf("refusing to write into %s: it is not empty and statusref did not write it (it has no %s file); choose another -out or empty it", dir, marker)
		}
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("%s: %w", filepath.Join(dir, marker), err)
	}
	return m, nil
}

// readMarker reads the marker at the top of r: its first line, with the
// newline, and the files it lists.
func readMarker(r *os.Root) (header string, manifest map[string]bool, err error) {
	st, err := r.Lstat(marker)
	if err != nil {
		return "", nil, err
	}
	if !st.Mode().IsRegular() {
		return "", nil, errors.New("not a regular file")
	}
	f, err := r.Open(marker)
	if err != nil {
		return "", nil, err
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, maxMarker+1))
	if err != nil {
		return "", nil, err
	}
	if i := bytes.IndexByte(data, '\n'); i >= 0 {
		header = string(data[:i+1])
	}
	manifest, err = parseManifest(bytes.NewReader(data))
	return header, manifest, err
}

// maxMarker caps the size of a marker file: ten times what a site of
// 10,000 entries lists.
const maxMarker = 16 << 20

// parseManifest reads the lines of a marker file. It keeps only the
// lines that validManifestPath accepts; the header and any other line are
// ignored, so that an edited marker cannot lead statusref to a file
// outside the folder.
func parseManifest(r io.Reader) (map[string]bool, error) {
	m := map[string]bool{}
	lr := &io.LimitedReader{R: r, N: maxMarker + 1}
	sc := bufio.NewScanner(lr)
	for sc.Scan() {
		if l := strings.TrimSuffix(sc.Text(), "\r"); validManifestPath(l) {
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

// validManifestPath reports whether l names a file inside the folder, as
// the marker lists it: a valid relative path in slash form (fs.ValidPath),
// without a backslash or a leading # (a comment), and not the marker.
func validManifestPath(l string) bool {
	return fs.ValidPath(l) && l != "." && l != marker && !strings.HasPrefix(l, "#") && !strings.Contains(l, "\\")
}

// carry brings into the build folder newName what the live folder
// liveName holds that the manifest does not list: files and links as hard
// links, or copies where a link is refused; folders statusref did not
// make (no listed file is in them), empty or not, with their modes. It
// fails, naming the file, when one is in the way of the new site: a user
// file where the build makes a folder, or a user's folder, or a folder
// holding a user's file, where the build writes a file.
func carry(ctx context.Context, proot *os.Root, liveName, newName string, manifest map[string]bool, dir string) error {
	live, err := proot.OpenRoot(liveName)
	if err != nil {
		return err
	}
	defer live.Close()
	nw, err := proot.OpenRoot(newName)
	if err != nil {
		return err
	}
	defer nw.Close()
	made := madeFolders(manifest)
	at := func(name string) string { return filepath.Join(dir, filepath.FromSlash(name)) }

	// folder makes sure that name is a folder in the new build, and so are
	// the ones it is in. user is the user's file or folder that needs it.
	type folderMode struct {
		name string
		mode fs.FileMode
	}
	var modes []folderMode
	folder := func(name, user string) (created bool, err error) {
		for i := 0; i <= len(name); i++ {
			if i < len(name) && name[i] != '/' {
				continue
			}
			p := name[:i]
			st, err := nw.Lstat(p)
			switch {
			case errors.Is(err, fs.ErrNotExist):
				if err := nw.Mkdir(p, 0o755); err != nil {
					return false, err
				}
				created = p == name
			case err != nil:
				return false, err
			case !st.IsDir() && !made[p]:
				return false, fmt.Errorf("%s is a folder statusref did not make, and the build writes a file in its place: move it out of %s", at(p), dir)
			case !st.IsDir():
				return false, fmt.Errorf("%s holds %s, which statusref did not write, and the build writes a file in its place: move it out of %s", at(p), user, dir)
			}
		}
		return created, nil
	}

	first := true
	err = fs.WalkDir(live.FS(), ".", func(name string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if err := ctx.Err(); err != nil {
			return err
		}
		if name == "." || (d.IsDir() && made[name]) || name == marker || manifest[name] {
			return nil
		}
		defer func() {
			if first {
				first = false
				testhook.At("carrying")
			}
		}()
		st, err := live.Lstat(name)
		if err != nil {
			return err
		}
		if d.IsDir() {
			created, err := folder(name, name)
			if created {
				modes = append(modes, folderMode{name, st.Mode() & modeBits})
			}
			return err
		}
		if dir := path.Dir(name); dir != "." {
			if _, err := folder(dir, name); err != nil {
				return err
			}
		}
		if got, err := nw.Lstat(name); err == nil {
			if got.IsDir() {
				return fmt.Errorf("%s was not written by statusref, and the build makes a folder there: move it out of %s", at(name), dir)
			}
			return fmt.Errorf("%s was not written by statusref, and the build would overwrite it: move it out of %s", at(name), dir)
		} else if !errors.Is(err, fs.ErrNotExist) {
			return err
		}
		if st.Mode()&fs.ModeSymlink != 0 {
			t, err := live.Readlink(name)
			if err != nil {
				return err
			}
			return nw.Symlink(t, name)
		}
		err = link(proot, filepath.Join(liveName, filepath.FromSlash(name)), filepath.Join(newName, filepath.FromSlash(name)))
		if err != nil && st.Mode().IsRegular() {
			err = copyFile(live, nw, name, st)
		}
		if err != nil {
			return fmt.Errorf("%s was not written by statusref, and it could not be kept in the new build (%w): move it out of %s", at(name), err, dir)
		}
		return nil
	})
	if err != nil {
		return err
	}
	for _, f := range slices.Backward(modes) { // folders after what is in them
		if err := nw.Chmod(f.name, f.mode); err != nil {
			return err
		}
	}
	return nil
}

// link makes a hard link in r; tests replace it to try the copies.
var link = (*os.Root).Link

// madeFolders lists the folders statusref made: the ones its files are in.
func madeFolders(manifest map[string]bool) map[string]bool {
	made := map[string]bool{}
	for f := range manifest {
		for d := path.Dir(f); d != "." && !made[d]; d = path.Dir(d) {
			made[d] = true
		}
	}
	return made
}

// copyFile copies the regular file name, whose info is st, from one root
// to the other, with its mode and modification time.
func copyFile(from, to *os.Root, name string, st fs.FileInfo) error {
	src, err := from.Open(name)
	if err != nil {
		return err
	}
	defer src.Close()
	dst, err := to.OpenFile(name, os.O_WRONLY|os.O_CREATE|os.O_EXCL, st.Mode().Perm())
	if err != nil {
		return err
	}
	_, err = io.Copy(dst, src)
	if cerr := dst.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = to.Chmod(name, st.Mode()&modeBits)
	}
	if err == nil {
		err = to.Chtimes(name, st.ModTime(), st.ModTime())
	}
	return err
}

// errNoExchange is exchange's answer where the system cannot swap two
// folders in one step.
var errNoExchange = errors.New("exchanging folders is not supported")

// exchange swaps the folders a and b in one step, or returns
// errNoExchange; tests replace it to try the fallback.
var exchange = exchangeDirs

// swap puts the build folder tmp in place of target, and returns the name
// of the folder beside them that now holds the previous site.
func swap(tmp, target string) (string, error) {
	err := exchange(tmp, target)
	if err == nil {
		return filepath.Base(tmp), nil
	}
	if !errors.Is(err, errNoExchange) {
		return "", fmt.Errorf("swapping in the new build: %w", err)
	}
	aside := tmp + ".old"
	if err := os.Rename(target, aside); err != nil {
		return "", fmt.Errorf("moving the previous build aside: %w", err)
	}
	testhook.At("aside")
	if err := os.Rename(tmp, target); err != nil {
		if rerr := os.Rename(aside, target); rerr != nil {
			return "", fmt.Errorf("moving the new build into place: %w; the previous site is in %s, and the next build puts it back", err, aside)
		}
		return "", fmt.Errorf("moving the new build into place: %w", err)
	}
	return filepath.Base(aside), nil
}

// removeOld removes a previous site from the folder name of proot: the
// files manifest lists, the files and links that the live folder liveName
// holds too (the ones carry kept there), and the folders left empty that
// statusref made or that liveName holds too. It works through os.Root, so
// no name, and no link inside name, leads outside it. Anything else stays,
// and removeOld says where.
func removeOld(proot *os.Root, name string, manifest map[string]bool, liveName, dir string) error {
	old, err := proot.OpenRoot(name)
	if err != nil {
		return err
	}
	defer old.Close()
	live, err := proot.OpenRoot(liveName)
	if err != nil {
		live = nil
	} else {
		defer live.Close()
	}
	var files, dirs []string
	err = fs.WalkDir(old.FS(), ".", func(p string, d fs.DirEntry, err error) error {
		switch {
		case err != nil:
			return err
		case p == "." || p == marker:
		case d.IsDir():
			dirs = append(dirs, p)
		default:
			files = append(files, p)
		}
		return nil
	})
	if err != nil {
		return err
	}
	var kept []string
	for _, f := range files {
		if !manifest[f] && !sameIn(old, live, f) {
			kept = append(kept, f)
			continue
		}
		if err := old.Remove(f); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return err
		}
		testhook.At("cleaning")
	}
	made := madeFolders(manifest)
	for _, d := range slices.Backward(dirs) { // children before parents
		if made[d] || isDirIn(live, d) {
			old.Remove(d) // fails, and so keeps it, when it still holds something
		} else if _, err := old.Lstat(d); err == nil {
			kept = append(kept, d)
		}
	}
	if len(kept) > 0 {
		sort.Strings(kept)
		more := ""
		if len(kept) > 1 {
			more = fmt.Sprintf(" (and %d more)", len(kept)-1)
		}
		return fmt.Errorf("the previous build's folder %s still holds %s%s, which statusref did not write and which is not in %s: move it back into %s or delete it, then build again",
			filepath.Join(proot.Name(), name), kept[0], more, dir, dir)
	}
	if err := old.Remove(marker); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return err
	}
	return proot.Remove(name)
}

// sameIn reports whether the file name is the same in old and live: one
// file (a hard link), links to the same place, or regular files with the
// same bytes (a copy).
func sameIn(old, live *os.Root, name string) bool {
	if live == nil {
		return false
	}
	a, err := old.Lstat(name)
	if err != nil {
		return false
	}
	b, err := live.Lstat(name)
	if err != nil {
		return false
	}
	switch {
	case os.SameFile(a, b):
		return true
	case a.Mode().Type() != b.Mode().Type():
		return false
	case a.Mode()&fs.ModeSymlink != 0:
		ta, erra := old.Readlink(name)
		tb, errb := live.Readlink(name)
		return erra == nil && errb == nil && ta == tb
	case a.Mode().IsRegular():
		return a.Size() == b.Size() && sameBytes(old, live, name)
	}
	return false
}

// sameBytes reports whether the file name has the same bytes in both roots.
func sameBytes(x, y *os.Root, name string) bool {
	fx, err := x.Open(name)
	if err != nil {
		return false
	}
	defer fx.Close()
	fy, err := y.Open(name)
	if err != nil {
		return false
	}
	defer fy.Close()
	bx, by := make([]byte, 32<<10), make([]byte, 32<<10)
	for {
		nx, errx := io.ReadFull(fx, bx)
		ny, erry := io.ReadFull(fy, by)
		if nx != ny || !bytes.Equal(bx[:nx], by[:ny]) {
			return false
		}
		if errx != nil || erry != nil {
			return (errx == io.EOF || errx == io.ErrUnexpectedEOF) && errx == erry
		}
	}
}

// isDirIn reports whether name is a folder in r.
func isDirIn(r *os.Root, name string) bool {
	if r == nil {
		return false
	}
	st, err := r.Lstat(name)
	return err == nil && st.IsDir()
}

// dirOutput writes the site's files under root.
type dirOutput struct {
	ctx     context.Context
	root    string
	written map[string]bool
}

func (o *dirOutput) WriteFile(name string, data []byte) error {
	if err := o.ctx.Err(); err != nil {
		return err
	}
	if !validManifestPath(name) || name == markerNew {
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

// writeManifest replaces the building marker with the full one, which
// lists every file written.
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
	p := filepath.Join(o.root, markerNew)
	if err := os.WriteFile(p, []byte(b.String()), 0o644); err != nil {
		return err
	}
	return os.Rename(p, filepath.Join(o.root, marker)) // never a half-written marker
}

// writeNew creates the file name under dir with data, and fails if it
// already exists. It is how `statusref new` adds an entry to content/.
func writeNew(dir, name string, data []byte) (string, error) {
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

// createAtomic starts a file in dir, creating dir if need be, under a
// temporary name made from pattern as os.CreateTemp makes it.
func createAtomic(dir, pattern string) (*atomicFile, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	f, err := os.CreateTemp(dir, pattern)
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
