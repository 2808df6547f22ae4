package generator

import (
	"errors"
	"fmt"
	"regexp"
	"sort"
	"strconv"
	"strings"
)

// Pos is a position in a content file. Line and Col count from 1; a zero
// Col means "the whole line", a zero Line means "the whole file".
type Pos struct {
	File string
	Line int
	Col  int
}

// String formats p as file:line:col, the form editors and CI annotations
// understand, omitting the parts that are zero.
func (p Pos) String() string {
	s := p.File
	if p.Line > 0 {
		s += fmt.Sprintf(":%d", p.Line)
		if p.Col > 0 {
			s += fmt.Sprintf(":%d", p.Col)
		}
	}
	return s
}

// Error is one content error at a position.
type Error struct {
	Pos Pos
	Msg string
}

func (e *Error) Error() string { return e.Pos.String() + ": " + e.Msg }

// ErrorList collects every content error of a run, so one run reports them
// all. It follows go/scanner.ErrorList.
type ErrorList []*Error

// Add appends an error at pos.
func (l *ErrorList) Add(pos Pos, format string, args ...any) {
	*l = append(*l, &Error{Pos: pos, Msg: fmt.Sprintf(format, args...)})
}

// Sort orders the list by file, line and column, then message.
func (l ErrorList) Sort() {
	sort.SliceStable(l, func(i, j int) bool {
		a, b := l[i].Pos, l[j].Pos
		if a.File != b.File {
			return a.File < b.File
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

// Err returns nil for an empty list and the sorted list otherwise.
func (l ErrorList) Err() error {
	if len(l) == 0 {
		return nil
	}
	l.Sort()
	return l
}

func (l ErrorList) Error() string {
	msgs := make([]string, len(l))
	for i, e := range l {
		msgs[i] = e.Error()
	}
	return strings.Join(msgs, "\n")
}

// IsContentError reports whether err is a content error (an ErrorList or an
// *Error), as opposed to a failure of the machine or of the templates.
func IsContentError(err error) bool {
	var l ErrorList
	var e *Error
	return errors.As(err, &l) || errors.As(err, &e)
}

// TemplateError is a failure of a template, at a position in the template
// file (Pos.File is its name in the templates folder), while rendering Page.
type TemplateError struct {
	Pos  Pos
	Msg  string
	Page string
}

func (e *TemplateError) Error() string {
	return fmt.Sprintf("%s: %s (rendering %s)", e.Pos, e.Msg, e.Page)
}

var templatePosRE = regexp.MustCompile(`^template: ([^:]+):(\d+)(?::(\d+))?: (.*)$`)

// templateError turns an html/template error ("template: status.html:2:5:
// executing …") into a TemplateError at that position.
func templateError(err error, page string) error {
	m := templatePosRE.FindStringSubmatch(err.Error())
	if m == nil {
		return fmt.Errorf("rendering %s: %w", page, err)
	}
	line, _ := strconv.Atoi(m[2])
	col, _ := strconv.Atoi(m[3])
	return &TemplateError{Pos: Pos{File: m[1], Line: line, Col: col}, Msg: m[4], Page: page}
}
