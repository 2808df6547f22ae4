package snippets

import (
	"fmt"
	"github.com/statusref/statusref/generator/examples"
	"os"
	"path/filepath"
	"strings"
)

func collectSentBy(entries []*examples.Entry, display, testdata string, sel selection, byFramework map[string][]*Item) (cases []*sentByCase, nginx []*sentByCase, err error) {
	apps := map[string]*Item{}
	for _, e := range entries {
		for _, s := range e.SentBy {
			if s.Scenario == nil {
				continue
			}
			c := &sentByCase{Entry: e, Item: s, Display: display + "/" + e.File}
			c.Unselected = !sel.selectsSentBy(fmt.Sprint(e.Code), s.Who)
			cases = append(cases, c)
			if c.Unselected {
				continue
			}
			if s.Who == "nginx" {
				c.index = len(nginx)
				nginx = append(nginx, c)
				continue
			}
			b, ok := bareApps[s.Who]
			if !ok {
				continue // reported as not run
			}
			app := apps[b.ID]
			if app == nil {
				path := filepath.Join(testdata, "bare", b.File)
				code, err := os.ReadFile(path)
				if err != nil {
					return nil, nil, err
				}
				app = &Item{
					ID:      b.ID,
					Snippet: examples.Snippet{Framework: b.Framework, Code: string(code), Line: 1},
					Display: "snippets/testdata/bare/" + b.File,
					Cases:   []*sentByCase{},
				}
				apps[b.ID] = app
				byFramework[b.Framework] = append(byFramework[b.Framework], app)
			}
			c.app, c.index = app, len(app.Cases)
			app.Cases = append(app.Cases, c)
		}
	}
	return cases, nginx, nil
}

// selectsSentBy reports whether -run selects TestSnippets/<code>/sent_by/<who>.
func (sel selection) selectsSentBy(code, who string) bool {
	if sel == nil {
		return true
	}
	for _, alt := range sel {
		if alt[0].MatchString("TestSnippets") &&
			(len(alt) < 2 || alt[1].MatchString(code)) &&
			(len(alt) < 3 || alt[2].MatchString("sent_by")) &&
			(len(alt) < 4 || alt[3].MatchString(who)) {
			return true
		}
	}
	return false
}

// reportSentBy turns one case's results, from each run of its sender, into
// test failures that name the entry file and the item's line.
func reportSentBy(t testingT, c *sentByCase, runs []*Run) {
	sc := c.Item.Scenario
	if c.Unselected {
		t.Skip("not selected by -run")
	}
	if c.app == nil && c.Item.Who != "nginx" {
		t.Errorf("%s: sent_by %s: the test harness has no bare app for %s: add one to snippets/sentby.go", c.location(), c.Item.Who, c.Item.Who)
		return
	}
	if len(runs) == 0 {
		t.Errorf("%s: sent_by %s: no runner ran it", c.location(), c.Item.Who)
		return
	}
	skipped := 0
	for _, run := range runs {
		who := c.Item.Who
		if run.Line != "" {
			who += " (" + run.Line + ")"
		}
		prefix := fmt.Sprintf("%s: sent_by %s, scenario %q (line %d)", c.location(), who, sc.Name, sc.Line)
		switch {
		case run.Skip != "":
			skipped++
			if os.Getenv(requireRuntimes) == "1" {
				t.Errorf("%s: not run: %s (%s=1 requires every runtime)", prefix, run.Skip, requireRuntimes)
			} else {
				t.Log(who + ": not run: " + run.Skip)
			}
			continue
		case run.Err != nil:
			t.Errorf("%s: not run: the %s runner failed: %v", prefix, run.Framework, run.Err)
			continue
		}
		id := "nginx"
		if c.app != nil {
			id = c.app.ID
		}
		r := run.Results[id]
		if c.app == nil {
			r = run.Results[nginxCaseID(c)]
		}
		if r == nil {
			t.Errorf("%s: the runner reported nothing for it", prefix)
			continue
		}
		if len(r.Errors) > 0 {
			var msgs []string
			for _, f := range r.Errors {
				m := f.Message
				if c.app != nil {
					m = relocate(m, c.app.Name, c.app.Display, c.app.Snippet)
					if f.Line > 0 {
						m += fmt.Sprintf(" [%s:%d]", c.app.Display, f.Line)
					}
				}
				msgs = append(msgs, m)
			}
			t.Errorf("%s: not run: %s", prefix, strings.Join(msgs, "; "))
			continue
		}
		for _, f := range r.Checks {
			if c.app == nil {
				continue
			}
			t.Errorf("%s: %s: %s", prefix, c.app.Display, relocate(f.Message, c.app.Name, c.app.Display, c.app.Snippet))
		}
		idx := c.index
		if c.app == nil {
			idx = 0 // one nginx per case
		}
		if idx >= len(r.Scenarios) {
			t.Errorf("%s: not run", prefix)
			continue
		}
		got := r.Scenarios[idx]
		if got.Error != nil {
			t.Errorf("%s: no response: %s", prefix, got.Error.Message)
			continue
		}
		problems := CheckResponse(sc.Want, got)
		if c.app == nil {
			problems = checkNginx(sc.Want, got)
		}
		if len(problems) > 0 {
			t.Errorf("%s: %s", prefix, strings.Join(problems, "; "))
		}
	}
	if skipped == len(runs) && os.Getenv(requireRuntimes) != "1" {
		t.Skip("the runtime is missing")
	}
}

// testingT is the part of *testing.T reportSentBy uses.
type testingT interface {
	Errorf(format string, args ...any)
	Log(args ...any)
	Skip(args ...any)
}
