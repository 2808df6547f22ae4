package generator

import "slices"

// The five classes of status codes (RFC 9110, Section 15) and what an entry
// of each must say. An error (4xx, 5xx) is something to fix; a 1xx, 2xx or
// 3xx is something to send correctly and something a client, a cache and a
// browser act on, so "How to fix it" would be the wrong question for a 200.
// Validation, the scaffold of `statusref new` and CONTRIBUTING.md follow
// this table; a class's sections are known by id, their titles are in
// copy.go.

// A classSchema is the sections an entry of one class must have.
type classSchema struct {
	// sections are the required level-2 sections, in order, by id.
	sections []string
	// parts are the level-3 parts a required section must have, by id.
	parts map[string][]string
}

var (
	// errorSchema is for codes that report a failure: who must change what.
	errorSchema = classSchema{
		sections: []string{secMeaning, secWhen, secFix, secNonDeveloper, secExchange, secCode},
		parts:    map[string][]string{secFix: {secFixClient, secFixServer}},
	}
	// answerSchema is for codes that are answers, not failures: how to
	// send one and what the other side does with it. A person rarely meets
	// a 1xx or 2xx as such, so "If you are not a developer" is optional;
	// an entry may still have it (204, whose link seems to do nothing).
	answerSchema = classSchema{
		sections: []string{secMeaning, secWhen, secSend, secClients, secExchange, secCode},
	}
	// redirectSchema is answerSchema for 3xx, whose loops and stale
	// redirects people meet in a browser, so the section for them is
	// required.
	redirectSchema = classSchema{
		sections: []string{secMeaning, secWhen, secSend, secClients, secNonDeveloper, secExchange, secCode},
	}
)

// classSchemas is the schema of each class, by its first digit.
var classSchemas = map[int]classSchema{
	1: answerSchema,
	2: answerSchema,
	3: redirectSchema,
	4: errorSchema,
	5: errorSchema,
}

// schemaOf is the schema for an entry of code, a code of digits digits (0
// means 3).
func schemaOf(code, digits int) classSchema {
	lo, _ := codeRange(digits)
	if s, ok := classSchemas[code/lo]; ok {
		return s
	}
	return errorSchema
}

// failure reports whether the class's codes report a failure, which an
// entry answers with how to fix it, rather than an answer to send.
func (s classSchema) failure() bool { return slices.Contains(s.sections, secFix) }

// isClassSection reports whether id is a required section of some class,
// so that one class's section in another's entry ("How to fix it" in a
// 200) can be reported rather than taken for the author's own.
func isClassSection(id string) bool {
	for _, s := range classSchemas {
		if slices.Contains(s.sections, id) {
			return true
		}
	}
	return false
}

// order is the order of an entry's sections on its page, by id: the
// required sections, with the optional ones every class may have in fixed
// places, so that every page of a class reads in the same order whatever
// order its file has. What a reader needs on any code comes first; the
// optional sections come right before "Example exchange", in the order
// "If you are not a developer", "Where it comes from", "In your framework
// and server"; "Try it with statusref serve", a contributor's tool, comes
// last, after the code examples. A section of the author's own keeps its
// place after the section it follows in the file (see pageOrder).
func (s classSchema) order() []string {
	var out []string
	for _, id := range s.sections {
		if id == secExchange {
			for _, opt := range []string{secNonDeveloper, secOrigin, secFramework} {
				if !slices.Contains(s.sections, opt) {
					out = append(out, opt)
				}
			}
		}
		out = append(out, id)
	}
	return append(out, secTryIt)
}

// pageOrder sorts the sections of an entry, known by their ids (key
// returns a section's id, "" for one of the author's own), into order. A
// section of the author's own travels with the section before it in the
// file; one before any known section stays first. The sort is stable, so
// sections of the same place keep the file's order.
func pageOrder[S any](sections []S, order []string, key func(S) string) {
	type ranked struct {
		rank int
		s    S
	}
	rs := make([]ranked, len(sections))
	r := -1
	for i, s := range sections {
		if at := slices.Index(order, key(s)); at >= 0 {
			r = at
		}
		rs[i] = ranked{r, s}
	}
	slices.SortStableFunc(rs, func(a, b ranked) int { return a.rank - b.rank })
	for i, x := range rs {
		sections[i] = x.s
	}
}
