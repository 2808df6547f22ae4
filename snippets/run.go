package snippets

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/statusref/statusref/generator"
)

// Item is one snippet to run.
type Item struct {
	Entry   *generator.Entry
	Snippet generator.Snippet
	ID      string // unique among the snippets, and a valid module, package and file name: "s412"
	Display string // the entry file as reported, e.g. "content/4xx/412.md"

	Unselected bool // -run leaves it out

	// Set while preparing the run:
	File  string // the file the runner loads
	Name  string // the name runners use for that file in messages, e.g. "s412.js"
	Class string // Spring: the @RestController class
}

// Run is one framework's run over all its snippets.
type Run struct {
	Framework string
	Skip      string            // the runtime is missing: what to install
	Err       error             // the runner failed as a whole
	Versions  map[string]string // the runtime versions it ran on, e.g. "express": "5.3.0"
	Results   map[string]*Result
	Notes     []string // lines for the test log
	Took      time.Duration
}

// Config is where a run works.
type Config struct {
	TestData string // the absolute path of snippets/testdata
	Work     string // a scratch directory
}

// runner prepares and runs one framework's snippets.
type runner func(ctx context.Context, cfg Config, items []*Item, run *Run)

var runners = map[string]runner{
	"express": runExpress,
	"fastapi": runFastAPI,
	"spring":  runSpring,
	"go":      runGo,
}

// RunFramework runs every snippet of one framework in one process.
func RunFramework(ctx context.Context, framework string, cfg Config, items []*Item) *Run {
	run := &Run{Framework: framework, Results: map[string]*Result{}}
	start := time.Now()
	defer func() { run.Took = time.Since(start) }()
	r, ok := runners[framework]
	if !ok {
		run.Err = fmt.Errorf("no runner for framework %q", framework)
		return run
	}
	cfg.Work = filepath.Join(cfg.Work, framework)
	if err := os.MkdirAll(cfg.Work, 0o755); err != nil {
		run.Err = err
		return run
	}
	r(ctx, cfg, items, run)
	return run
}

// The runners' input, as the scripts in testdata read it.
type specFile struct {
	Snippets []specSnippet `json:"snippets"`
}

type specSnippet struct {
	ID        string         `json:"id"`
	File      string         `json:"file"`
	Class     string         `json:"class,omitempty"`
	Scenarios []specScenario `json:"scenarios"`
}

type specScenario struct {
	Name    string      `json:"name"`
	Method  string      `json:"method"`
	Path    string      `json:"path"`
	Headers [][2]string `json:"headers"`
	Body    string      `json:"body"`
}

func writeSpec(path string, items []*Item) error {
	spec := specFile{Snippets: []specSnippet{}}
	for _, it := range items {
		s := specSnippet{ID: it.ID, File: it.File, Class: it.Class, Scenarios: []specScenario{}}
		for _, sc := range it.Entry.Scenarios {
			var headers [][2]string
			for k, v := range sc.Headers {
				headers = append(headers, [2]string{k, v})
			}
			sort.Slice(headers, func(i, j int) bool { return headers[i][0] < headers[j][0] })
			if headers == nil {
				headers = [][2]string{}
			}
			s.Scenarios = append(s.Scenarios, specScenario{
				Name: sc.Name, Method: sc.Method, Path: sc.Path, Headers: headers, Body: sc.Body,
			})
		}
		spec.Snippets = append(spec.Snippets, s)
	}
	b, err := json.MarshalIndent(spec, "", "  ")
	if err != nil {
		return err
	}
	return os.WriteFile(path, b, 0o644)
}

// execRunner writes the spec for items, runs cmd with the spec file and a
// results file appended to its arguments, and reads the results: one JSON
// line with the versions, then one line per snippet. A snippet without a
// result line is blamed on the runner stopping.
func execRunner(ctx context.Context, cfg Config, cmd *exec.Cmd, items []*Item, run *Run, extraArgs ...string) {
	specPath := filepath.Join(cfg.Work, "spec.json")
	outPath := filepath.Join(cfg.Work, "results.jsonl")
	if err := writeSpec(specPath, items); err != nil {
		run.Err = err
		return
	}
	cmd.Args = append(cmd.Args, specPath, outPath)
	cmd.Args = append(cmd.Args, extraArgs...)
	var stderr bytes.Buffer
	cmd.Stdout = &stderr // snippets may print; keep it with the log
	cmd.Stderr = &stderr
	cmd.WaitDelay = 5 * time.Second
	runErr := cmd.Run()

	f, err := os.Open(outPath)
	if err != nil {
		run.Err = fmt.Errorf("%s did not start: %v\n%s", strings.Join(cmd.Args[:2], " "), orErr(runErr, err), tail(stderr.String()))
		return
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 64<<20)
	for sc.Scan() {
		line := sc.Bytes()
		var v struct {
			Versions map[string]string `json:"versions"`
		}
		if bytes.HasPrefix(line, []byte(`{"versions"`)) && json.Unmarshal(line, &v) == nil && v.Versions != nil {
			run.Versions = v.Versions
			continue
		}
		var r Result
		if err := json.Unmarshal(line, &r); err != nil {
			run.Err = fmt.Errorf("reading %s: %v", outPath, err)
			return
		}
		if prev := run.Results[r.ID]; prev != nil {
			// Checks made before the run (gofmt, go vet) stay.
			r.Errors = append(prev.Errors, r.Errors...)
			r.Checks = append(prev.Checks, r.Checks...)
		}
		run.Results[r.ID] = &r
	}
	stopped := false
	for _, it := range items {
		r := run.Results[it.ID]
		if r != nil && r.Scenarios != nil {
			continue
		}
		if r == nil {
			r = &Result{ID: it.ID}
			run.Results[it.ID] = r
		}
		msg := "not run: the runner stopped before this snippet"
		if !stopped {
			msg = fmt.Sprintf("the %s runner stopped while running this snippet (%v): %s", run.Framework, orErr(runErr, errors.New("no result")), tail(stderr.String()))
			stopped = true
		}
		r.Errors = append(r.Errors, Failure{Message: msg})
	}
	if ctx.Err() != nil {
		run.Notes = append(run.Notes, fmt.Sprintf("the runner was stopped: %v", ctx.Err()))
	}
	if runErr != nil && !stopped {
		run.Notes = append(run.Notes, fmt.Sprintf("the runner exited with %v: %s", runErr, tail(stderr.String())))
	}
}

func orErr(a, b error) error {
	if a != nil {
		return a
	}
	return b
}

// tail is the end of a runner's output, for a failure message.
func tail(s string) string {
	const max = 2000
	s = strings.TrimSpace(s)
	if len(s) > max {
		s = "…" + s[len(s)-max:]
	}
	return s
}

// result is the item's result in run, created on first use.
func result(run *Run, it *Item) *Result {
	r := run.Results[it.ID]
	if r == nil {
		r = &Result{ID: it.ID}
		run.Results[it.ID] = r
	}
	return r
}

// fail records an error that keeps a snippet from running.
func fail(run *Run, it *Item, line int, format string, args ...any) {
	r := result(run, it)
	r.Errors = append(r.Errors, Failure{Message: fmt.Sprintf(format, args...), Line: line})
}

// check records a failure that does not keep a snippet from running.
func check(run *Run, it *Item, line int, format string, args ...any) {
	r := result(run, it)
	r.Checks = append(r.Checks, Failure{Message: fmt.Sprintf(format, args...), Line: line})
}

// runnable are the items that nothing has kept from running.
func runnable(run *Run, items []*Item) []*Item {
	var out []*Item
	for _, it := range items {
		if r := run.Results[it.ID]; r == nil || len(r.Errors) == 0 {
			out = append(out, it)
		}
	}
	return out
}
