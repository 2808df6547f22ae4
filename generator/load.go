package generator

import (
	"bytes"
	"crypto/sha256"
	"errors"
	"fmt"
	"github.com/statusref/statusref/generator/examples"
	"io"
	"io/fs"
	"path"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"go.yaml.in/yaml/v3"
)

// Examples loads the content tree and returns what runs of each entry
// that loaded, sorted by code, for the snippet harness. Like load, it
// reports every problem it finds in one error and still returns the
// entries it could read.
func Examples(content fs.FS) ([]*examples.Entry, error) {
	c, err := load(content, false)
	if c == nil {
		return nil, err
	}
	out := make([]*examples.Entry, len(c.Entries))
	for i, e := range c.Entries {
		out[i] = &e.Entry
	}
	return out, err
}

// load reads every entry from the content tree. It reports every problem
// it can find in one errorList: a file that cannot be split or decoded is
// skipped, and the others are still loaded, so that one run of check names
// every broken file. A lean Content keeps neither the entries' bodies nor the
// code of their snippets nor the positions of their front-matter keys:
// Render and entry.Pos read the file again when they need them. Build
// loads lean, so that what it holds while it renders stays small however
// many entries there are: at N=10,000 the bodies, the code and the
// positions are some 300 MB of heap, against 30 MB for the rest.
func load(content fs.FS, lean bool) (*siteContent, error) {
	c := &siteContent{CodeDigits: 3, unloaded: map[int]bool{}, lean: lean}
	var errs errorList
	if src, ok := readOptional(content, siteFile, &errs); ok {
		c.CodeDigits = loadSite(src, &errs)
	}
	c.siteErr = len(errs) > 0 // site.yaml is unreadable or invalid
	// Walk the tree for the names, then load the files over a worker pool,
	// each by its kind, and add them in walk order, so that Content is the
	// same whatever the order the workers finish in.
	type file struct {
		name string
		kind *kind
		item any
		errs errorList
	}
	names, err := walkContent(content, &errs)
	if err != nil {
		return nil, fmt.Errorf("reading content: %w", err)
	}
	files := make([]*file, len(names))
	for i, name := range names {
		files[i] = &file{name: name, kind: kindOf(name)}
	}
	parallel(len(files), func(i int) {
		f := files[i]
		f.item = f.kind.load(content, f.name, lean, &f.errs)
	})
	for _, f := range files {
		errs = append(errs, f.errs...)
		f.kind.add(c, f.name, f.item)
	}
	if src, ok := readOptional(content, testedWithFile, &errs); ok {
		if _, yerrs := decodeYAML(testedWithFile, 1, src, &c.TestedWith); len(yerrs) > 0 {
			errs = append(errs, yerrs...)
		}
	}
	for _, e := range c.Entries {
		e.digits = c.CodeDigits
	}
	sort.SliceStable(c.Entries, func(i, j int) bool { return c.Entries[i].Code < c.Entries[j].Code })
	sort.Slice(c.Comparisons, func(i, j int) bool { return c.Comparisons[i].File < c.Comparisons[j].File })
	sort.Slice(c.Guides, func(i, j int) bool { return c.Guides[i].File < c.Guides[j].File })
	return c, errs.Err()
}

// testedWithFile records the runtimes the snippet tests ran on.
const testedWithFile = "tested-with.yaml"

// siteFile holds the settings of a content tree. It is optional.
const siteFile = "site.yaml"

// The settings in site.yaml, as decoded by yaml.v3.
type siteMeta struct {
	CodeDigits *int `yaml:"code_digits"`
}

// loadSite reads site.yaml and returns the number of digits of a code. An
// error leaves the default, 3, and Validate then does not hold the codes
// to a length the file may not have meant.
func loadSite(src []byte, errs *errorList) int {
	var m siteMeta
	doc, yerrs := decodeYAML(siteFile, 1, src, &m)
	if len(yerrs) > 0 {
		*errs = append(*errs, yerrs...)
		return 3
	}
	if m.CodeDigits == nil {
		return 3
	}
	if d := *m.CodeDigits; d < minCodeDigits || d > maxCodeDigits {
		pos := keyPositions(siteFile, 1, doc)["code_digits"]
		errs.Add(pos, "code_digits %d is out of range: give 3 for HTTP status codes, or up to %d for an API's own error codes", d, maxCodeDigits)
		return 3
	}
	return *m.CodeDigits
}

var classDirRE = regexp.MustCompile(`^[1-5]xx$`)

// The front matter of a status-code entry, as decoded by yaml.v3.
type entryMeta struct {
	Code       int               `yaml:"code"`
	Reason     string            `yaml:"reason"`
	Aliases    []string          `yaml:"aliases"`
	Status     string            `yaml:"status"`
	Origin     string            `yaml:"origin"`
	Spec       string            `yaml:"spec"`
	SpecURL    string            `yaml:"spec_url"`
	SourceURL  string            `yaml:"source_url"`
	Summary    string            `yaml:"summary"`
	Headers    []headerMeta      `yaml:"headers"`
	Related    []relMeta         `yaml:"related"`
	Updated    string            `yaml:"updated"`
	Scenarios  []scenMeta        `yaml:"scenarios"`
	Untested   string            `yaml:"untested"`
	NoSnippets string            `yaml:"no_snippets"`
	Quick      *quickMeta        `yaml:"quick"`
	UntestedIn map[string]string `yaml:"untested_in"`
	SentBy     []sentByMeta      `yaml:"sent_by"`
}

// quickMeta is the quick answer: one line for each side of the exchange.
type quickMeta struct {
	Client string `yaml:"client"`
	Server string `yaml:"server"`
}

type headerMeta struct {
	Name string `yaml:"name"`
	Note string `yaml:"note"`
}

type relMeta struct {
	Code int    `yaml:"code"`
	Why  string `yaml:"why"`
}

type scenMeta struct {
	Name    string            `yaml:"name"`
	Method  string            `yaml:"method"`
	Path    string            `yaml:"path"`
	Version string            `yaml:"version"`
	Headers map[string]string `yaml:"headers"`
	Body    string            `yaml:"body"`
	Want    wantMeta          `yaml:"want"`
}

type wantMeta struct {
	Status    int           `yaml:"status"`
	Headers   []string      `yaml:"headers"`
	EmptyBody bool          `yaml:"empty_body"`
	BodyHas   []string      `yaml:"body_has"`
	Interim   []interimMeta `yaml:"interim"`
}

type interimMeta struct {
	Status  int      `yaml:"status"`
	Headers []string `yaml:"headers"`
}

func (s scenMeta) scenario(line int) scenario {
	w := want{Status: s.Want.Status, Headers: s.Want.Headers, EmptyBody: s.Want.EmptyBody, BodyHas: s.Want.BodyHas}
	if s.Want.Interim != nil {
		// interim: [] says that none may come: keep it apart from no list.
		w.Interim = make([]examples.Interim, 0, len(s.Want.Interim))
	}
	for _, im := range s.Want.Interim {
		w.Interim = append(w.Interim, examples.Interim{Status: im.Status, Headers: im.Headers})
	}
	return scenario{
		Name: s.Name, Method: s.Method, Path: s.Path, Version: s.Version, Headers: s.Headers, Body: s.Body,
		Want: w, Line: line,
	}
}

type compareMeta struct {
	Codes   []int  `yaml:"codes"`
	Summary string `yaml:"summary"`
	Updated string `yaml:"updated"`
}

// readFile reads a content file, or reports why it cannot at the file's
// 1:1. It follows links only within content (see resolve), opens nothing
// but a regular file, since opening a named pipe waits for a writer, and
// reads no more than maxEntrySize bytes.
func readFile(content fs.FS, name string, errs *errorList) ([]byte, bool) {
	at := position{File: name, Line: 1, Col: 1}
	real, err := resolve(content, name)
	if err != nil {
		errs.Add(at, "%s", readError(err, "file"))
		return nil, false
	}
	info, err := fs.Stat(content, real)
	if err != nil {
		errs.Add(at, "%s", readError(err, "file"))
		return nil, false
	}
	if !info.Mode().IsRegular() {
		errs.Add(at, "%s", notRegular(info.Mode()))
		return nil, false
	}
	f, err := content.Open(real)
	if err != nil {
		errs.Add(at, "%s", readError(err, "file"))
		return nil, false
	}
	defer f.Close()
	// The file may have been replaced since the Stat above.
	info, err = f.Stat()
	if err != nil {
		errs.Add(at, "%s", readError(err, "file"))
		return nil, false
	}
	if !info.Mode().IsRegular() {
		errs.Add(at, "%s", notRegular(info.Mode()))
		return nil, false
	}
	// Read one byte past the cap, so an oversized file is reported without
	// reading all of it, into a buffer of the file's size (ReadFrom wants
	// MinRead bytes free), so that a body does not keep twice its size.
	buf := new(bytes.Buffer)
	if info.Size() <= maxEntrySize {
		buf.Grow(int(info.Size()) + bytes.MinRead)
	}
	if _, err := buf.ReadFrom(io.LimitReader(f, maxEntrySize+1)); err != nil {
		errs.Add(at, "%s", readError(err, "file"))
		return nil, false
	}
	if buf.Len() > maxEntrySize {
		if strings.HasSuffix(name, ".md") {
			errs.Add(at, "the file is larger than the %d KiB limit for an entry: move long material out of it", maxEntrySize>>10)
		} else {
			errs.Add(at, "the file is larger than the %d KiB limit for a content file: it should hold a few lines of YAML", maxEntrySize>>10)
		}
		return nil, false
	}
	return buf.Bytes(), true
}

// readOptional is readFile for a file that need not exist: site.yaml and
// tested-with.yaml. ok is false when it does not, or cannot be read.
func readOptional(content fs.FS, name string, errs *errorList) (src []byte, ok bool) {
	if _, err := fs.Lstat(content, name); errors.Is(err, fs.ErrNotExist) {
		return nil, false
	}
	return readFile(content, name, errs)
}

// notRegular says what to do with a file that is not a regular file.
func notRegular(mode fs.FileMode) string {
	what := "not a plain file"
	switch {
	case mode.IsDir():
		what = "a folder"
	case mode&fs.ModeNamedPipe != 0:
		what = "a named pipe"
	case mode&fs.ModeSocket != 0:
		what = "a socket"
	case mode&fs.ModeCharDevice != 0:
		what = "a character device"
	case mode&fs.ModeDevice != 0:
		what = "a device"
	}
	return "not a regular file but " + what + ": content files are plain text files; replace it with one, or move it out of the content folder"
}

// readError says why a file or folder (what) could not be read, without
// its path, which the error's position gives.
func readError(err error, what string) string {
	var le *linkError
	if errors.As(err, &le) {
		return le.Error()
	}
	var pe *fs.PathError
	if errors.As(err, &pe) {
		err = pe.Err
	}
	msg := "cannot read the " + what + ": " + err.Error()
	if errors.Is(err, fs.ErrPermission) {
		msg += ": let the user who runs statusref read it, or move it out of the content folder"
	}
	return msg
}

// walkContent lists the entries and comparisons of the content tree, in
// lexical order, and reports the files it will not read:
//
//   - It reads the files whose names end in .md, and in a kind's own
//     extension in its folder (.yaml in guide/). A name that ends in .MD,
//     .Md or .mD is an error, so that 412.MD is not skipped without a word.
//   - It skips hidden files and folders, whose names start with ".". These
//     include editors' lock and swap files (.#412.md, .412.md.swp,
//     .412.md.swx); backups such as 412.md~ and #412.md# do not end in .md
//     and are not read either.
//   - It follows a symbolic link, to a file or a folder, under the link's
//     own name, if it leads to a place within the content folder. A link
//     that leads outside it is an error, whatever its name, as is a link
//     named *.md that leads nowhere or round in a loop, and a link to a
//     folder that holds the link.
//
// A folder it cannot read is an error and the walk goes on; it fails only
// when the content folder itself cannot be read.
func walkContent(content fs.FS, errs *errorList) ([]string, error) {
	w := &walker{fsys: content, errs: errs}
	if err := w.dir(".", ".", nil); err != nil {
		return nil, err
	}
	return w.files, nil
}

type walker struct {
	fsys  fs.FS
	errs  *errorList
	files []string
}

// dir walks the folder name, which is the folder real once the links on
// the way are followed. parents are the real paths of the folders the
// walk is in.
func (w *walker) dir(name, real string, parents []string) error {
	ents, err := fs.ReadDir(w.fsys, real)
	if err != nil {
		if name == "." {
			return err
		}
		w.errs.Add(position{File: name}, "%s", readError(err, "folder"))
		// Go on with the entries read before the error, if any.
	}
	parents = append(parents, real)
	for _, d := range ents {
		base := d.Name()
		if strings.HasPrefix(base, ".") {
			continue
		}
		child, childReal := joinPath(name, base), joinPath(real, base)
		switch {
		case d.IsDir():
			w.dir(child, childReal, parents)
		case d.Type()&fs.ModeSymlink != 0:
			w.link(child, childReal, parents)
		default:
			w.file(child)
		}
	}
	return nil
}

// link follows the link name, at real, if it leads within the content
// folder.
func (w *walker) link(name, real string, parents []string) {
	// An entry's errors are at its 1:1; a folder has no lines.
	at := position{File: name}
	if strings.HasSuffix(name, ".md") {
		at.Line, at.Col = 1, 1
	}
	target, err := resolve(w.fsys, real)
	if err != nil {
		var le *linkError
		// Report a link that leads outside, or that stands where Load
		// would read: an entry's file, or a folder a kind reads (a
		// broken "5xx" would otherwise hide a whole class).
		if errors.As(err, &le) && le.outside || strings.HasSuffix(name, ".md") || kindOf(name+"/x.md") != nil {
			w.errs.Add(at, "%s", readError(err, "file"))
		}
		return
	}
	info, err := fs.Stat(w.fsys, target)
	if err != nil || !info.IsDir() {
		w.file(name) // readFile reports what is wrong with it
		return
	}
	for _, p := range parents {
		if target == "." || p == target || strings.HasPrefix(p, target+"/") {
			link, _ := fs.ReadLink(w.fsys, real)
			w.errs.Add(at, "a link to %q, a folder that holds the link: following it would never end; remove the link", link)
			return
		}
	}
	w.dir(name, target, parents)
}

// file lists a file of a kind, or reports a file in the wrong place or
// with the wrong extension.
func (w *walker) file(name string) {
	if k := kindOf(name); k != nil && k.extension() != ".md" {
		// A kind whose files are not Markdown (the decision guide's YAML)
		// reads its own extension alone.
		if path.Ext(name) == k.extension() {
			w.files = append(w.files, name)
		} else if strings.HasSuffix(name, ".md") {
			w.errs.Add(position{File: name}, "this folder holds %s: move the file to %s", k.folder, kindFolders())
		}
		return
	}
	if ext := path.Ext(name); ext != ".md" {
		if strings.EqualFold(ext, ".md") {
			w.errs.Add(position{File: name}, "an entry's file name ends in lower-case .md: rename it to %s.md", strings.TrimSuffix(path.Base(name), ext))
		}
		return
	}
	if kindOf(name) == nil {
		w.errs.Add(position{File: name}, "this file belongs in %s", kindFolders())
		return
	}
	w.files = append(w.files, name)
}

// maxLinks is how many links resolve follows for one name, as Linux does
// (MAXSYMLINKS): more is taken for a loop.
const maxLinks = 40

// A linkError is a link that resolve does not follow.
type linkError struct {
	target  string // what the link says
	outside bool   // it leads outside the content folder
	loop    bool   // it is one of a loop of links
}

func (e *linkError) Error() string {
	switch {
	case e.outside:
		return fmt.Sprintf("a link to %q, outside the content folder: statusref follows links only within it; copy what it links to into the content folder", e.target)
	case e.loop:
		return "a loop of links: fix the link or remove it"
	}
	return fmt.Sprintf("a link to %q, which does not exist: fix the link or remove it", e.target)
}

// resolve follows the symbolic links on the way to name, one element at a
// time, and returns the path within fsys they lead to, which holds no
// link. It fails with a *linkError for a link that leads outside fsys (an
// absolute target, or one whose ".." climbs above the root), that leads
// nowhere, or that is one of a loop. A file system that does not
// implement fs.ReadLinkFS has no links for resolve, which returns name.
//
// os.DirFS, which statusref passes, follows links when it opens a file,
// wherever they lead; reading the path resolve returns instead means a
// link is followed only as far as resolve checked it.
func resolve(fsys fs.FS, name string) (string, error) {
	if _, ok := fsys.(fs.ReadLinkFS); !ok {
		return name, nil
	}
	done, rest := ".", strings.Split(name, "/")
	hops, target := 0, ""
	for len(rest) > 0 {
		elem := rest[0]
		rest = rest[1:]
		switch elem {
		case "", ".":
			continue
		case "..":
			if done == "." {
				return "", &linkError{target: target, outside: true}
			}
			done = path.Dir(done)
			continue
		}
		p := joinPath(done, elem)
		info, err := fs.Lstat(fsys, p)
		if err != nil {
			if hops > 0 && errors.Is(err, fs.ErrNotExist) {
				return "", &linkError{target: target}
			}
			return "", err
		}
		if info.Mode()&fs.ModeSymlink == 0 {
			done = p
			continue
		}
		if hops++; hops > maxLinks {
			return "", &linkError{target: target, loop: true}
		}
		if target, err = fs.ReadLink(fsys, p); err != nil {
			return "", err
		}
		if path.IsAbs(target) || filepath.IsAbs(target) {
			return "", &linkError{target: target, outside: true}
		}
		rest = append(strings.Split(filepath.ToSlash(target), "/"), rest...)
	}
	return done, nil
}

// joinPath is path.Join for a clean folder and one element.
func joinPath(dir, elem string) string {
	if dir == "." {
		return elem
	}
	return dir + "/" + elem
}

// readMeta reads a content file, reports its unfilled TODOs and the RFC
// references in its prose that cannot be linked (checkRFCRefs), and decodes
// its front matter into meta. It returns the whole source, the body, the
// file line the body starts on and the YAML node tree for positions; ok is
// false when the file could not be split or decoded.
func readMeta(content fs.FS, name string, meta any, errs *errorList) (src, body []byte, bodyLine int, doc *yaml.Node, ok bool) {
	src, ok = readFile(content, name, errs)
	if !ok {
		return nil, nil, 0, nil, false
	}
	yamlSrc, body, bodyLine, err := splitFrontMatter(name, src)
	if err != nil {
		*errs = append(*errs, err.(*contentError))
		return nil, nil, 0, nil, false
	}
	checkTODOs(name, src, errs)
	checkRFCRefs(name, body, bodyLine, errs)
	doc, yerrs := decodeYAML(name, 2, yamlSrc, meta)
	if len(yerrs) > 0 {
		*errs = append(*errs, yerrs...)
		return nil, nil, 0, nil, false
	}
	return src, body, bodyLine, doc, true
}

func loadEntry(content fs.FS, name string, lean bool, errs *errorList) *entry {
	var m entryMeta
	src, body, bodyLine, doc, ok := readMeta(content, name, &m, errs)
	if !ok {
		return nil
	}
	e := &entry{
		Entry:  examples.Entry{File: name, Code: m.Code, UntestedIn: m.UntestedIn},
		Reason: m.Reason, Aliases: m.Aliases, Status: m.Status, Quick: m.Quick,
		Origin: m.Origin, Spec: m.Spec, SpecURL: m.SpecURL, SourceURL: m.SourceURL,
		Summary: m.Summary, Untested: m.Untested, NoSnippets: m.NoSnippets, Body: body, BodyLine: bodyLine,
		pos: keyPositions(name, 2, doc),
	}
	_, e.hasUpdated = e.pos["updated"]
	e.Updated = parseDate(m.Updated, e.Pos("updated"), errs)
	for _, h := range m.Headers {
		e.Headers = append(e.Headers, headerNote(h))
	}
	for _, r := range m.Related {
		e.Related = append(e.Related, relatedCode(r))
	}
	for i, s := range m.Scenarios {
		e.Scenarios = append(e.Scenarios, s.scenario(e.Pos(fmt.Sprintf("scenarios[%d]", i)).Line))
	}
	for i, s := range m.SentBy {
		item := fmt.Sprintf("sent_by[%d]", i)
		sb := sentBy{Who: s.Who, When: s.When, Config: s.Config, Source: s.Source, Line: e.Pos(item).Line}
		if s.Scenario != nil {
			sc := s.Scenario.scenario(e.Pos(item + ".scenario").Line)
			sb.Scenario = &sc
		}
		e.SentBy = append(e.SentBy, sb)
	}
	e.Sections, e.Snippets = outline(name, body, bodyLine, true, errs)
	for _, sec := range e.Sections {
		if sec.ID == secMeaning {
			e.meaning = sec.Span
		}
	}
	if lean {
		e.Body, e.pos = nil, nil
		for i := range e.Snippets {
			e.Snippets[i].Code = ""
		}
		e.fsys, e.sum = content, sha256.Sum256(src)
	}
	return e
}

// readAgain reads a lean entry's file again, and checks that it is the
// file that was loaded and validated.
func (e *entry) readAgain() (yamlSrc, body []byte, err error) {
	var errs errorList
	src, ok := readFile(e.fsys, e.File, &errs)
	if !ok {
		return nil, nil, errs[0]
	}
	if sha256.Sum256(src) != e.sum {
		return nil, nil, fmt.Errorf("%s changed during the build: build again", position{File: e.File})
	}
	yamlSrc, body, _, err = splitFrontMatter(e.File, src)
	return yamlSrc, body, err
}

// body is the Markdown body, read again for a lean entry.
func (e *entry) body() ([]byte, error) {
	if e.fsys == nil {
		return e.Body, nil
	}
	_, body, err := e.readAgain()
	return body, err
}

// positions fills a lean entry's key positions from its file, the first
// time they are asked for, which is when Validate reports an error.
func (e *entry) positions() {
	e.posOnce.Do(func() {
		yamlSrc, _, err := e.readAgain()
		if err != nil {
			return // the file itself then names it
		}
		var root yaml.Node
		if yaml.Unmarshal(yamlSrc, &root) == nil && len(root.Content) > 0 {
			e.pos = keyPositions(e.File, 2, root.Content[0])
		}
	})
}

func loadCompare(content fs.FS, name string, errs *errorList) *comparison {
	var m compareMeta
	_, body, bodyLine, doc, ok := readMeta(content, name, &m, errs)
	if !ok {
		return nil
	}
	c := &comparison{
		File: name, Summary: m.Summary, Body: body, BodyLine: bodyLine,
		pos: keyPositions(name, 2, doc),
	}
	c.Updated = parseDate(m.Updated, c.Pos("updated"), errs)
	if len(m.Codes) != 2 {
		errs.Add(c.Pos("codes"), "codes must list exactly two status codes, e.g. [412, 428]")
		return nil
	}
	c.Codes = [2]int{m.Codes[0], m.Codes[1]}
	c.Sections, _ = outline(name, body, bodyLine, false, errs)
	return c
}

// parseDate reads an updated: date. A missing one is Validate's to report.
func parseDate(s string, pos position, errs *errorList) time.Time {
	if s == "" {
		return time.Time{}
	}
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		errs.Add(pos, "updated %q is not a date: write it as YYYY-MM-DD, e.g. 2026-11-22", s)
	}
	return t
}

// outline finds the level-2 sections of a body and, for a status-code entry,
// the snippets of its "Code examples" section.
func outline(file string, body []byte, bodyLine int, snippets bool, errs *errorList) ([]section, []snippet) {
	return outlineWith(outlineParser, file, body, bodyLine, snippets, errs)
}

func outlineWith(p parser.Parser, file string, body []byte, bodyLine int, snippets bool, errs *errorList) ([]section, []snippet) {
	doc := p.Parse(text.NewReader(body))
	lineOf := func(off int) int { return bodyLine + bytes.Count(body[:off], []byte("\n")) }
	var sections []section
	var snips []snippet
	inExamples := false
	for n := doc.FirstChild(); n != nil; n = n.NextSibling() {
		switch n := n.(type) {
		case *ast.Heading:
			if n.Level == 3 && len(sections) > 0 {
				cur := &sections[len(sections)-1]
				cur.Subsections = append(cur.Subsections, sectionID(headingText(n, body)))
			}
			if n.Level != 2 {
				continue
			}
			title := headingText(n, body)
			id := sectionID(title)
			if len(sections) > 0 {
				sections[len(sections)-1].Span[1] = nodeStart(n)
			}
			start := len(body)
			if next := n.NextSibling(); next != nil {
				start = nodeStart(next)
			}
			sections = append(sections, section{ID: id, Title: title, Line: lineOf(nodeStart(n)), Span: [2]int{start, start}})
			inExamples = id == secCode
		case *ast.FencedCodeBlock:
			lang := string(n.Language(body))
			if len(sections) > 0 {
				cur := &sections[len(sections)-1]
				cur.Langs = append(cur.Langs, lang)
			}
			if !snippets || !inExamples {
				continue
			}
			fenceLine := lineOf(nodeStart(n))
			fw, msg := frameworkOf(fenceInfo(n, body))
			if msg != "" {
				errs.Add(position{file, fenceLine, 1}, "%s", msg)
				continue
			}
			line := fenceLine + 1
			for _, s := range snips {
				if s.Framework == fw.Name {
					errs.Add(position{file, fenceLine, 1}, "a second %s snippet: %q holds one snippet per framework (the first is on line %d)", fw.Label, tr(secCode), s.Line-1)
				}
			}
			snips = append(snips, snippet{Framework: fw.Name, Lang: lang, Code: fenceCode(n, body), Line: line})
		}
	}
	if len(sections) > 0 {
		sections[len(sections)-1].Span[1] = len(body)
	}
	for i := range sections {
		sections[i].Span[1] = max(sections[i].Span[0], sections[i].Span[1])
	}
	sortByFramework(snips, func(s snippet) string { return s.Framework })
	return sections, snips
}

// nodeStart is the byte offset of a block node: goldmark (v1.8+) records
// where each block starts, which is the fence line for a fenced code block.
func nodeStart(n ast.Node) int {
	if p := n.Pos(); p >= 0 {
		return p
	}
	if n.Lines().Len() > 0 {
		return n.Lines().At(0).Start
	}
	return 0
}

func headingText(h *ast.Heading, src []byte) string {
	var b strings.Builder
	for i := 0; i < h.Lines().Len(); i++ {
		seg := h.Lines().At(i)
		b.Write(seg.Value(src))
	}
	return strings.TrimSpace(b.String())
}

// fenceCode is the code in a fenced block, its lines as written.
func fenceCode(n *ast.FencedCodeBlock, src []byte) string {
	var b strings.Builder
	for i := 0; i < n.Lines().Len(); i++ {
		seg := n.Lines().At(i)
		b.Write(seg.Value(src))
	}
	return b.String()
}

// fenceInfo is a fenced code block's info string, e.g. "python fastapi".
func fenceInfo(n *ast.FencedCodeBlock, src []byte) string {
	if n.Info == nil {
		return ""
	}
	return strings.TrimSpace(string(n.Info.Segment.Value(src)))
}

// The number of digits a code may have. The first digit is always the
// class, 1 to 5; three digits are HTTP's status codes.
const (
	minCodeDigits = 3
	maxCodeDigits = 6
)

// codeRange is the lowest and the highest code of digits digits.
func codeRange(digits int) (lo, hi int) {
	if digits == 0 {
		digits = 3
	}
	lo = 1
	for range digits - 1 {
		lo *= 10
	}
	return lo, 6*lo - 1
}

// isHTTPStatus reports whether n is an HTTP status code: three digits,
// from 100 to 599 (RFC 9110, Section 15).
func isHTTPStatus(n int) bool {
	lo, hi := codeRange(3)
	return n >= lo && n <= hi
}

// classOf is the class folder of a code of digits digits (0 means 3), e.g.
// "4xx" for 412, or for 40012 with five digits.
func classOf(code, digits int) string {
	lo, _ := codeRange(digits)
	return strconv.Itoa(code/lo) + "xx"
}

func itoa(n int) string { return strconv.Itoa(n) }
