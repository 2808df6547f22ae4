package generator

import (
	"bytes"
	"fmt"
	"path"
	"reflect"
	"regexp"
	"strconv"
	"strings"
	"sync/atomic"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"
)

// maxEntrySize caps a content file. Entries are a few KiB; anything near
// this is a mistake (a pasted log, a binary), not an entry.
const maxEntrySize = 256 << 10

// splitFrontMatter checks the raw bytes of a content file and splits it into
// its YAML front matter and Markdown body. It returns the file line on which
// the YAML starts (always 2) and the one on which the body starts, so that
// later errors can name lines in the file itself.
func splitFrontMatter(file string, src []byte) (yamlSrc, body []byte, bodyLine int, err error) {
	at := func(line, col int, format string, args ...any) error {
		return &contentError{Pos: position{File: file, Line: line, Col: col}, Msg: fmt.Sprintf(format, args...)}
	}
	if len(src) == 0 {
		return nil, nil, 0, at(1, 1, "the file is empty: an entry starts with front matter between two '---' lines (see CONTRIBUTING.md)")
	}
	if len(src) > maxEntrySize {
		return nil, nil, 0, at(1, 1, "the file is larger than the %d KiB limit for an entry: move long material out of it", maxEntrySize>>10)
	}
	if bytes.HasPrefix(src, []byte("\xEF\xBB\xBF")) {
		return nil, nil, 0, at(1, 1, "the file starts with a UTF-8 byte order mark: save it as UTF-8 without BOM")
	}
	if !utf8.Valid(src) {
		line, col := lineCol(src, invalidUTF8Offset(src))
		return nil, nil, 0, at(line, col, "invalid UTF-8: save the file as UTF-8")
	}
	if i := bytes.IndexByte(src, '\r'); i >= 0 {
		line, col := lineCol(src, i)
		return nil, nil, 0, at(line, col, "carriage return in the file: use LF line endings, not CRLF")
	}
	if i := bytes.IndexByte(src, 0); i >= 0 {
		line, col := lineCol(src, i)
		return nil, nil, 0, at(line, col, "NUL byte in the file: entries are plain text")
	}
	first, rest, _ := bytes.Cut(src, []byte("\n"))
	if string(bytes.TrimRight(first, " \t")) != "---" {
		return nil, nil, 0, at(1, 1, "missing front matter: the first line must be '---', followed by the YAML fields and another '---' line")
	}
	// Find the closing fence.
	off, line := 0, 2
	for off <= len(rest) {
		end := bytes.IndexByte(rest[off:], '\n')
		var l []byte
		if end < 0 {
			l = rest[off:]
		} else {
			l = rest[off : off+end]
		}
		if string(bytes.TrimRight(l, " \t")) == "---" {
			yamlSrc = rest[:off]
			if end < 0 {
				// The file ends with the closing fence: the body is empty
				// and "starts" on the fence's line, which exists.
				return yamlSrc, nil, line, nil
			}
			return yamlSrc, rest[off+end+1:], line + 1, nil
		}
		if end < 0 {
			break
		}
		off += end + 1
		line++
	}
	return nil, nil, 0, at(1, 1, "front matter is not closed: add a '---' line after the YAML fields")
}

func invalidUTF8Offset(b []byte) int {
	for i := 0; i < len(b); {
		r, n := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && n <= 1 {
			return i
		}
		i += n
	}
	return len(b)
}

// lineCol converts a byte offset into a 1-based line and column (in runes).
func lineCol(src []byte, off int) (line, col int) {
	if off > len(src) {
		off = len(src)
	}
	line = 1 + bytes.Count(src[:off], []byte("\n"))
	start := bytes.LastIndexByte(src[:off], '\n') + 1
	return line, 1 + utf8.RuneCount(src[start:off])
}

var yamlLineRE = regexp.MustCompile(`^(?:yaml: )?line (\d+): (.*)$`)

// decodeYAML decodes the front matter into v, rejecting unknown fields with
// yaml.v3's KnownFields, and returns the node tree for positions. Every
// error is reported at its line and column in the file: yaml.v3 counts lines
// from the start of the YAML block, which is file line firstLine: 2 for
// front matter, 1 for a YAML file of its own (site.yaml, tested-with.yaml).
func decodeYAML(file string, firstLine int, src []byte, v any) (*yaml.Node, errorList) {
	var errs errorList
	// yaml.v3 decodes the first document and drops the rest without a word.
	if line, marker := documentMarker(src, firstLine == 1); line > 0 {
		pos := position{file, firstLine + line - 1, 1}
		switch {
		case marker == "...":
			errs.Add(pos, `"..." ends the YAML document, so the lines after it would be lost: remove the line`)
		case firstLine == 1:
			errs.Add(pos, `"---" starts a second YAML document, whose fields would be lost: %s is one document; remove the line`, path.Base(file))
		default:
			errs.Add(pos, `"---" with more on its line starts a second YAML document, whose fields would be lost: write the closing "---" alone on its line`)
		}
		return nil, errs
	}
	var root yaml.Node
	if err := yaml.Unmarshal(src, &root); err != nil {
		pos := syntaxErrorPos(file, firstLine, src, err)
		// Tabs cannot indent YAML; when the line the YAML fails on is
		// indented with one, say so plainly rather than with the scanner's
		// "found character that cannot start any token". A tab that YAML
		// accepts, in a block scalar, a flow collection or a quoted
		// string, is never reported.
		if col := tabInIndent(src, pos.Line-firstLine+1); col > 0 {
			errs.Add(position{file, pos.Line, col}, "tab in indentation: YAML is indented with spaces")
		} else {
			errs.Add(pos, "%s", strings.TrimPrefix(yamlLineRE.ReplaceAllString(err.Error(), "$2"), "yaml: "))
		}
		return nil, errs
	}
	if len(root.Content) == 0 {
		errs.Add(position{file, firstLine, 1}, "the front matter is empty: fill in the fields listed in CONTRIBUTING.md")
		return nil, errs
	}
	doc := root.Content[0]
	if doc.Kind != yaml.MappingNode {
		errs.Add(position{file, firstLine + doc.Line - 1, doc.Column}, "the front matter must be a mapping of 'key: value' lines")
		return nil, errs
	}
	dec := yaml.NewDecoder(bytes.NewReader(src))
	dec.KnownFields(true)
	if err := dec.Decode(v); err != nil {
		errs = append(errs, yamlErrors(file, firstLine, doc, err)...)
	}
	return doc, errs
}

// documentMarker finds the first line of src that is a YAML document
// marker, "---" or "...", alone or before a space or a tab: at the start
// of a line it is a marker in any context, even inside a block scalar,
// and it ends the document. In a YAML file of its own (start), a "---"
// before any content is the document's start, and allowed. It returns
// the line (from 1) and the marker, or 0.
func documentMarker(src []byte, start bool) (line int, marker string) {
	content := false
	for n, l := range bytes.Split(src, []byte("\n")) {
		if len(l) >= 3 && (l[0] == '-' || l[0] == '.') && (len(l) == 3 || l[3] == ' ' || l[3] == '\t') {
			if m := string(l[:3]); m == "---" || m == "..." {
				if m == "---" && start && !content {
					content = true
					continue
				}
				return n + 1, m
			}
		}
		if t := bytes.TrimLeft(l, " \t"); len(t) > 0 && t[0] != '#' {
			content = true
		}
	}
	return 0, ""
}

// tabInIndent is the column of the first tab in the indentation of line n
// of src (from 1), or 0.
func tabInIndent(src []byte, n int) int {
	lines := bytes.SplitN(src, []byte("\n"), n+1)
	if n < 1 || n > len(lines) {
		return 0
	}
	l := lines[n-1]
	indent := l[:len(l)-len(bytes.TrimLeft(l, " \t"))]
	return bytes.IndexByte(indent, '\t') + 1
}

// syntaxErrorPos places a YAML syntax error. yaml.v3 reports the line of
// the construct it was in (for an unclosed "[" that can be the first line of
// the document), so this finds the first line after which the YAML already
// fails with the same message, and points at its first non-blank column.
//
// It finds that line by bisection, in O(log n) parses of prefixes of src
// rather than one parse per line, which was quadratic: 41 s for one error
// in a 42 KB entry. Bisection keeps "the prefix of n lines fails with the
// message" false below the line it returns and true at it, and the whole
// of src fails with it. That line is the first one when the property,
// once true, stays true as lines are added. It mostly does: yaml.v3 reads
// in one pass, and an error a prefix runs into is still there with more
// lines after it. It need not: a prefix cut inside a flow collection that
// a later line closes can fail with the message that the whole fails with
// further on, and bisection may then return the later line, which is the
// better place. On the 20,968 failing mutations of the corpus and content
// entries that TestSyntaxErrorPos was built from, both agree.
// syntaxParses counts the prefixes syntaxErrorPos has parsed, so that a
// test can hold it to a logarithmic number of parses.
var syntaxParses atomic.Int64

func syntaxErrorPos(file string, firstLine int, src []byte, err error) position {
	msg := yamlLineRE.ReplaceAllString(err.Error(), "$2")
	// ends[n] is the offset just past line n+1, so src[:ends[n-1]] is the
	// prefix of n lines.
	var ends []int
	for off := 0; off < len(src); {
		i := bytes.IndexByte(src[off:], '\n')
		if i < 0 {
			off = len(src)
		} else {
			off += i + 1
		}
		ends = append(ends, off)
	}
	fails := func(n int) bool {
		syntaxParses.Add(1)
		var v yaml.Node
		perr := yaml.Unmarshal(src[:ends[n-1]], &v)
		return perr != nil && yamlLineRE.ReplaceAllString(perr.Error(), "$2") == msg
	}
	lo, hi := 0, len(ends) // fails(hi) holds, and fails(lo) is taken not to
	if hi == 0 || !fails(hi) {
		// Not a syntax error of the text as a whole: fall back on yaml.v3's
		// line.
		if m := yamlLineRE.FindStringSubmatch(err.Error()); m != nil {
			hi, _ = strconv.Atoi(m[1])
		}
	} else {
		for hi-lo > 1 {
			mid := lo + (hi-lo)/2
			if fails(mid) {
				hi = mid
			} else {
				lo = mid
			}
		}
	}
	if hi < 1 || hi > len(ends) {
		return position{file, firstLine, 1}
	}
	start := 0
	if hi > 1 {
		start = ends[hi-2]
	}
	l := src[start:ends[hi-1]]
	col := 1 + len(l) - len(bytes.TrimLeft(l, " "))
	return position{file, firstLine + hi - 1, col}
}

// yamlErrors turns a yaml.v3 error into positioned errors. yaml.v3 gives a
// line but no column; the column comes from the node on that line.
func yamlErrors(file string, firstLine int, doc *yaml.Node, err error) errorList {
	var msgs []string
	if te, ok := err.(*yaml.TypeError); ok {
		msgs = te.Errors
	} else {
		msgs = []string{err.Error()}
	}
	// The nodes of each line, in document order, indexed once: a file can
	// have thousands of errors.
	var lines map[int][]*yaml.Node
	if doc != nil {
		lines = map[int][]*yaml.Node{}
		walkYAML(doc, func(n *yaml.Node) { lines[n.Line] = append(lines[n.Line], n) })
	}
	var errs errorList
	for _, m := range msgs {
		sub := yamlLineRE.FindStringSubmatch(m)
		if sub == nil {
			errs.Add(position{file, firstLine, 1}, "%s", strings.TrimPrefix(m, "yaml: "))
			continue
		}
		n, _ := strconv.Atoi(sub[1])
		col := 1
		text := sub[2]
		if dup := duplicateKeyRE.FindStringSubmatch(text); dup != nil {
			// yaml.v3 counts the first line from the start of the YAML.
			key, _ := strconv.Unquote(dup[1])
			first, _ := strconv.Atoi(dup[2])
			if doc != nil {
				col = keyColumn(lines[n], key)
			}
			errs.Add(position{file, firstLine + n - 1, col}, "%s is given twice: it is already set on line %d; remove one of them", dup[1], firstLine+first-1)
			continue
		}
		if doc != nil {
			if key := unknownFieldRE.FindStringSubmatch(sub[2]); key != nil {
				col = keyColumn(lines[n], key[1])
			} else if node := lastNode(lines[n]); node != nil {
				col = node.Column
				// yaml.v3 shortens long values in its message; show the value whole.
				if m := unmarshalRE.FindStringSubmatch(text); m != nil && node.Kind == yaml.ScalarNode {
					text = "cannot unmarshal !!" + m[1] + " `" + node.Value + "` into " + m[3]
				}
			}
		}
		msg := friendlyYAML(text)
		errs.Add(position{file, firstLine + n - 1, col}, "%s", msg)
	}
	return errs
}

var (
	unknownFieldRE = regexp.MustCompile(`^field (\S+) not found in type (\S+)$`)
	duplicateKeyRE = regexp.MustCompile(`^mapping key (".*") already defined at line (\d+)$`)
	unmarshalRE    = regexp.MustCompile("^cannot unmarshal !!(\\w+) `(.*)` into (\\S+)$")
)

// friendlyYAML rewords yaml.v3's messages in terms of the entry format.
func friendlyYAML(msg string) string {
	if m := unknownFieldRE.FindStringSubmatch(msg); m != nil {
		s := fmt.Sprintf("unknown field %q", m[1])
		if near := nearestField(m[1], m[2]); near != "" {
			s += fmt.Sprintf(": did you mean %q?", near)
		} else {
			s += ": see CONTRIBUTING.md for the fields an entry has"
		}
		return s
	}
	if m := unmarshalRE.FindStringSubmatch(msg); m != nil {
		want := map[string]string{
			"int": "a whole number", "string": "text", "bool": "true or false",
			"time.Time": "a date such as 2026-01-31", "[]string": "a list",
		}[m[3]]
		if want == "" {
			if strings.HasPrefix(m[3], "[]") {
				want = "a list"
			} else {
				want = "a mapping of 'key: value' lines"
			}
		}
		got := map[string]string{"str": "text", "int": "a number", "seq": "a list", "map": "a mapping", "bool": "a boolean", "float": "a number", "timestamp": "a date"}[m[1]]
		if got == "" {
			got = m[1]
		}
		return fmt.Sprintf("want %s, found %s %q", want, got, m[2])
	}
	return msg
}

// keyColumn is the column of the first mapping key called name among the
// nodes of a line, or else that of the line's last-starting node.
func keyColumn(line []*yaml.Node, name string) int {
	for _, k := range line {
		if k.Value == name {
			return k.Column
		}
	}
	if k := lastNode(line); k != nil {
		return k.Column
	}
	return 1
}

// lastNode is the last-starting of the nodes of a line: on "code: abc"
// that is the value, which is what a type error is about.
func lastNode(line []*yaml.Node) *yaml.Node {
	var found *yaml.Node
	for _, k := range line {
		if found == nil || k.Column > found.Column {
			found = k
		}
	}
	return found
}

func walkYAML(n *yaml.Node, f func(*yaml.Node)) {
	f(n)
	for _, c := range n.Content {
		walkYAML(c, f)
	}
}

// keyPositions maps each key path in a front-matter mapping ("reason",
// "related[1].code", "scenarios[0].want.status") to the position of its
// value, so that Validate can point at the exact field.
func keyPositions(file string, firstLine int, doc *yaml.Node) map[string]position {
	pos := map[string]position{}
	var walk func(prefix string, n *yaml.Node)
	walk = func(prefix string, n *yaml.Node) {
		pos[prefix] = position{file, firstLine + n.Line - 1, n.Column}
		switch n.Kind {
		case yaml.MappingNode:
			for i := 0; i+1 < len(n.Content); i += 2 {
				k, v := n.Content[i], n.Content[i+1]
				p := k.Value
				if prefix != "" {
					p = prefix + "." + k.Value
				}
				pos[p+".key"] = position{file, firstLine + k.Line - 1, k.Column}
				walk(p, v)
			}
		case yaml.SequenceNode:
			for i, c := range n.Content {
				walk(fmt.Sprintf("%s[%d]", prefix, i), c)
			}
		}
	}
	walk("", doc)
	return pos
}

// metaTypes are the types front matter and the YAML files decode into,
// by the name yaml.v3 gives them in its errors.
var metaTypes = func() map[string]reflect.Type {
	m := map[string]reflect.Type{}
	for _, v := range []any{entryMeta{}, quickMeta{}, headerMeta{}, relMeta{}, scenMeta{}, wantMeta{}, interimMeta{}, sentByMeta{}, compareMeta{}, guideMeta{}, siteMeta{}, decideFileMeta{}, decideNodeMeta{}, decideAnswerMeta{}} {
		t := reflect.TypeOf(v)
		m[t.String()] = t
	}
	return m
}()

// nearestField suggests the field a typo was meant to be, among the
// fields of the type yaml.v3 was decoding (typ, e.g. "generator.guideMeta").
func nearestField(s, typ string) string {
	t, ok := metaTypes[typ]
	if !ok {
		return ""
	}
	best, bestD := "", 3
	for i := 0; i < t.NumField(); i++ {
		f, _, _ := strings.Cut(t.Field(i).Tag.Get("yaml"), ",")
		if d := editDistance(s, f); d < bestD && f != s {
			best, bestD = f, d
		}
	}
	return best
}

func editDistance(a, b string) int {
	prev := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur := make([]int, len(b)+1)
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev = cur
	}
	return prev[len(b)]
}
