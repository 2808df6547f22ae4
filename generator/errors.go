package generator

import (
	"errors"
	"fmt"
	"path"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"
)

// position is a position in a content file. Line and Col count from 1; a zero
// Col means "the whole line", a zero Line means "the whole file".
type position struct {
	File string
	Line int
	Col  int
}

// String formats p as file:line:col, the form editors and CI annotations
// understand, omitting the parts that are zero. A file name that holds
// anything but printable characters (a newline, an escape sequence, a
// bidirectional override, invalid UTF-8) is quoted, as strconv.Quote
// does, so that no name can forge a line of the output; every other name
// prints as it is.
func (p position) String() string {
	s := p.File
	if !printable(s) {
		s = strconv.Quote(s)
	}
	if p.Line > 0 {
		s += fmt.Sprintf(":%d", p.Line)
		if p.Col > 0 {
			s += fmt.Sprintf(":%d", p.Col)
		}
	}
	return s
}

// contentError is one content error at a position.
type contentError struct {
	Pos position
	Msg string

	// more is set on the line that stands for the errors of Pos.File
	// left out by the cap (see errorList.Err): their number.
	more int
}

// Error formats e as one line: the position, then the message, in which
// every character that is not printable is escaped (a newline as \n), for
// a message may quote a file name or a value of the file.
func (e *contentError) Error() string { return e.Pos.String() + ": " + escape(e.Msg) }

// printable reports whether s is valid UTF-8 of printable characters only,
// spaces included, in strconv.IsPrint's sense.
func printable(s string) bool {
	for _, r := range s {
		if r == utf8.RuneError || !strconv.IsPrint(r) {
			return false
		}
	}
	return true
}

// escape escapes each character of s that is not printable as Go would
// in a quoted string (\n, \x1b, \u202e; \xff for a byte that is not
// UTF-8), and leaves the rest as it is.
func escape(s string) string {
	if printable(s) {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && n == 1:
			fmt.Fprintf(&b, `\x%02x`, s[i])
		case !strconv.IsPrint(r):
			q := strconv.QuoteRune(r)
			b.WriteString(q[1 : len(q)-1])
		default:
			b.WriteString(s[i : i+n])
		}
		i += n
	}
	return b.String()
}

// errorList collects every content error of a run, so one run reports them
// all. It follows go/scanner.errorList.
type errorList []*contentError

// Add appends an error at pos.
func (l *errorList) Add(pos position, format string, args ...any) {
	*l = append(*l, &contentError{Pos: pos, Msg: fmt.Sprintf(format, args...)})
}

// Sort orders the list by file, line and column, then message. The line
// that counts a file's errors left out by the cap comes last in its file.
func (l errorList) Sort() {
	sort.SliceStable(l, func(i, j int) bool {
		a, b := l[i].Pos, l[j].Pos
		if a.File != b.File {
			return a.File < b.File
		}
		if (l[i].more > 0) != (l[j].more > 0) {
			return l[j].more > 0
		}
		if a.Line != b.Line {
			return a.Line < b.Line
		}
		if a.Col != b.Col {
			return a.Col < b.Col
		}
		return l[i].Msg < l[j].Msg
	})
}

// maxErrorsPerFile is how many errors of one file Err keeps. A file with
// thousands of errors is one mistake repeated (a pasted log, a wrong
// indentation), and printing them all only buries the other files.
const maxErrorsPerFile = 100

// Err returns nil for an empty list, and otherwise the list sorted, with
// at most maxErrorsPerFile errors of each file, the first ones, followed
// by a line "… and N more errors in this file" for the rest. Err may be
// called again on a list it returned, with more errors added: the count
// of the errors left out carries over.
func (l errorList) Err() error {
	if len(l) == 0 {
		return nil
	}
	l.Sort()
	out := make(errorList, 0, len(l))
	for i := 0; i < len(l); {
		j := i
		for j < len(l) && l[j].Pos.File == l[i].Pos.File {
			j++
		}
		more := 0
		for k, e := range l[i:j] {
			if e.more > 0 || k >= maxErrorsPerFile {
				more += max(e.more, 1)
			} else {
				out = append(out, e)
			}
		}
		if more > 0 {
			out = append(out, &contentError{Pos: position{File: l[i].Pos.File}, Msg: fmt.Sprintf("… and %d more errors in this file", more), more: more})
		}
		i = j
	}
	return out
}

// Count is the number of errors in l, counting those the cap left out.
// Unwrap is the errors, one per position.
func (l errorList) Unwrap() []error {
	errs := make([]error, len(l))
	for i, e := range l {
		errs[i] = e
	}
	return errs
}

func (l errorList) Count() int {
	n := 0
	for _, e := range l {
		n += max(e.more, 1)
	}
	return n
}

func (l errorList) Error() string {
	msgs := make([]string, len(l))
	for i, e := range l {
		msgs[i] = e.Error()
	}
	return strings.Join(msgs, "\n")
}

// Describe turns the error of a build or a check into what statusref
// tells a person: one line per problem, path:line:col: message, with the
// paths as the person gave them (under contentDir, or templatesDir for a
// template), and a summary line. The CLI prints both; serve shows the
// lines over the page.
func Describe(err error, contentDir, templatesDir string) (lines []string, summary string) {
	var list errorList
	var one *contentError
	var te *templateErr
	switch {
	case errors.As(err, &te):
		e := *te
		e.Pos.File = underDir(templatesDir, e.Pos.File)
		return []string{e.Error()}, "the templates have an error; nothing was written"
	case errors.As(err, &list):
	case errors.As(err, &one):
		list = errorList{one}
	default:
		return []string{"statusref: " + err.Error()}, ""
	}
	for _, e := range list {
		e := *e
		e.Pos.File = underDir(contentDir, e.Pos.File)
		lines = append(lines, e.Error())
	}
	return lines, fmt.Sprintf("%d error(s); nothing was written", list.Count())
}

// underDir is a content or template file's path as the user gave its
// folder: "content/4xx/412.md".
func underDir(dir, file string) string {
	if dir == "" || dir == "." {
		return file
	}
	return path.Join(filepath.ToSlash(dir), file)
}

// templateErr is a failure of a template, at a position in the template
// file (Pos.File is its name in the templates folder), while rendering Page.
type templateErr struct {
	Pos  position
	Msg  string
	Page string
}

func (e *templateErr) Error() string {
	return fmt.Sprintf("%s: %s (rendering %s)", e.Pos, e.Msg, e.Page)
}

var templatePosRE = regexp.MustCompile(`^template: ([^:]+):(\d+)(?::(\d+))?: (.*)$`)

// templateError turns an html/template error ("template: status.html:2:5:
// executing …") into a templateErr at that position.
func templateError(err error, page string) error {
	m := templatePosRE.FindStringSubmatch(err.Error())
	if m == nil {
		return fmt.Errorf("rendering %s: %w", page, err)
	}
	line, _ := strconv.Atoi(m[2])
	col, _ := strconv.Atoi(m[3])
	return &templateErr{Pos: position{File: m[1], Line: line, Col: col}, Msg: m[4], Page: page}
}
