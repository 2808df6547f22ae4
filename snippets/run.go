package snippets

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"github.com/statusref/statusref/generator/examples"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"time"
)

// Item is one snippet to run.
type Item struct {
	Entry   *examples.Entry
	Snippet examples.Snippet
	ID      string // unique among the snippets, and a valid module, package and file name: "s412"
	Display string // the entry file as reported, e.g. "content/4xx/412.md"

	Unselected bool // -run leaves it out

	// A bare app (see sentby.go) has no entry: it serves the sent_by
	// scenarios of Cases, each on a new connection, in place of an
	// entry's scenarios.
	Cases []*sentByCase

	// Set while preparing the run:
	File  string // the file the runner loads
	Name  string // the name runners use for that file in messages, e.g. "s412.js"
	Class string // Spring: the @RestController class
}

// scenarios are the requests to send to the item's app, in order. An
// entry's untested_in leaves out, for the frameworks it names, the
// scenarios that expect the entry's code.
func (it *Item) scenarios() []examples.Scenario {
	if it.Cases == nil {
		if _, untested := it.Entry.UntestedIn[it.Snippet.Framework]; !untested {
			return it.Entry.Scenarios
		}
		var list []examples.Scenario
		for _, sc := range it.Entry.Scenarios {
			if !sc.Want.Expects(it.Entry.Code) {
				list = append(list, sc)
			}
		}
		return list
	}
	var list []examples.Scenario
	for _, c := range it.Cases {
		list = append(list, *c.Item.Scenario)
	}
	return list
}

// Run is one framework's run over all its snippets.
type Run struct {
	Framework string
	Line      string            // the framework's line, when it runs on several: "Spring Boot 3.5"
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

// A frameworkRunner is what the harness knows of one framework of
// generator.Frameworks(): how it serves the snippets (from one process,
// giving one Run, or, like Spring's, one process and Run per line it runs
// on), and how a Run's versions are recorded in content/tested-with.yaml.
type frameworkRunner struct {
	run func(ctx context.Context, cfg Config, items []*Item) []*Run
	// keys are the tested-with.yaml keys it records, in the file's order.
	keys []string
	// record gives a Run's versions under those keys.
	record func(r *Run) map[string]string
}

// runners has a runner for every framework of generator.Frameworks(), by
// its name.
var runners = map[string]frameworkRunner{
	"express": {single("express", runExpress), []string{"express", "node"}, func(r *Run) map[string]string {
		return map[string]string{"express": r.Versions["express"], "node": major(r.Versions["node"])}
	}},
	"fastapi": {single("fastapi", runFastAPI), []string{"fastapi", "pydantic", "starlette", "uvicorn"}, func(r *Run) map[string]string {
		m := map[string]string{}
		for _, k := range []string{"fastapi", "pydantic", "starlette", "uvicorn"} {
			m[k] = r.Versions[k]
		}
		return m
	}},
	"spring": {runSpring, []string{"spring-boot-4.0", "spring-framework-4.0", "tomcat-4.0", "spring-boot-3.5", "spring-framework-3.5", "tomcat-3.5", "java"}, func(r *Run) map[string]string {
		line := r.Line[strings.LastIndexByte(r.Line, ' ')+1:] // "4.0"
		return map[string]string{
			"spring-boot-" + line: r.Versions["spring-boot"], "spring-framework-" + line: r.Versions["spring"],
			"tomcat-" + line: tomcatVersion(r.Versions["tomcat"]), "java": major(r.Versions["java"]),
		}
	}},
	"go": {single("go", runGo), []string{"go"}, func(r *Run) map[string]string {
		return map[string]string{"go": goMinor(r.Versions["go"])}
	}},
}

// major is the first component of a version: "20" for "20.20.2".
func major(v string) string {
	m, _, _ := strings.Cut(v, ".")
	return m
}

// tomcatVersion drops the fourth component Tomcat's ServerInfo reports:
// "11.0.27" for "11.0.27.0".
func tomcatVersion(v string) string {
	if parts := strings.Split(v, "."); len(parts) == 4 {
		return strings.Join(parts[:3], ".")
	}
	return v
}

// goMinor reduces a Go version such as "go1.26.8" to "go1.26".
func goMinor(v string) string {
	if m := goMinorRE.FindString(v); m != "" {
		return m
	}
	return v
}

var goMinorRE = regexp.MustCompile(`go\d+\.\d+`)

// single makes a runner that serves every snippet from one process into a
// runner of one Run.
func single(framework string, r runner) func(context.Context, Config, []*Item) []*Run {
	return func(ctx context.Context, cfg Config, items []*Item) []*Run {
		run := &Run{Framework: framework, Results: map[string]*Result{}}
		timed(run, func() { r(ctx, cfg, items, run) })
		return []*Run{run}
	}
}

// RunFramework serves every snippet of one framework: from one process, or
// Spring's from one process per Spring Boot line, one Run for each.
func RunFramework(ctx context.Context, framework string, cfg Config, items []*Item) []*Run {
	cfg.Work = filepath.Join(cfg.Work, framework)
	if err := os.MkdirAll(cfg.Work, 0o755); err != nil {
		return []*Run{{Framework: framework, Err: err, Results: map[string]*Result{}}}
	}
	r, ok := runners[framework]
	if !ok {
		return []*Run{{Framework: framework, Err: fmt.Errorf("no runner for framework %q", framework), Results: map[string]*Result{}}}
	}
	return r.run(ctx, cfg, items)
}

// timed runs f and records how long it took in run.
func timed(run *Run, f func()) {
	start := time.Now()
	f()
	run.Took = time.Since(start)
}

// The runners' input, as the scripts in testdata read it: the snippets to
// load and serve.
type specFile struct {
	Snippets []specSnippet `json:"snippets"`
}

type specSnippet struct {
	ID    string `json:"id"`
	File  string `json:"file"`
	Class string `json:"class,omitempty"`
}

func writeSpec(path string, items []*Item) error {
	spec := specFile{Snippets: []specSnippet{}}
	for _, it := range items {
		spec.Snippets = append(spec.Snippets, specSnippet{ID: it.ID, File: it.File, Class: it.Class})
	}
	b, err := json.MarshalIndent(spec, "", "  ")
	if err != nil {
		return err
	}
	return os.WriteFile(path, b, 0o644)
}

// A line a runner writes to its report pipe (file descriptor 3): the
// versions first, then one line per snippet with the loopback port that
// serves it or the errors that kept it from loading, then {"ready": true}
// once every port listens; after that, one line for each error a snippet's
// handler throws or logs while the scenarios run.
type runnerLine struct {
	Versions map[string]string `json:"versions"`
	ID       string            `json:"id"`
	Port     int               `json:"port"`
	Errors   []Failure         `json:"errors"`
	Ready    bool              `json:"ready"`
	Raised   *Failure          `json:"raised"`
}

// startupTimeout bounds how long a runner may take to compile and load the
// snippets and start listening.
const startupTimeout = 3 * time.Minute

// serve starts cmd with the spec file for items (and extraArgs) appended to
// its arguments, waits until the runner serves every snippet it could load,
// sends each snippet's scenarios to its port with one Client, then closes
// the runner's standard input to stop it and collects what it reported.
func serve(ctx context.Context, cfg Config, cmd *exec.Cmd, items []*Item, run *Run, spec func(path string, items []*Item) error, extraArgs ...string) {
	specPath := filepath.Join(cfg.Work, "spec")
	if err := spec(specPath, items); err != nil {
		run.Err = err
		return
	}
	pr, pw, err := os.Pipe()
	if err != nil {
		run.Err = err
		return
	}
	defer pr.Close()
	cmd.Args = append(cmd.Args, specPath, "/dev/fd/3")
	cmd.Args = append(cmd.Args, extraArgs...)
	cmd.ExtraFiles = []*os.File{pw}
	var output lockedBuffer
	cmd.Stdout = &output // snippets may print; keep it with the log
	cmd.Stderr = &output
	stdin, err := cmd.StdinPipe()
	if err != nil {
		run.Err = err
		return
	}
	cmd.WaitDelay = 5 * time.Second
	if err := cmd.Start(); err != nil {
		pw.Close()
		run.Err = fmt.Errorf("%s did not start: %v", cmd.Args[0], err)
		return
	}
	pw.Close()
	waited := make(chan error, 1)
	go func() { waited <- cmd.Wait() }()

	// Read the report pipe until the runner is ready; the rest (raised
	// errors) is read in the background until the runner exits.
	lines := make(chan runnerLine)
	readErr := make(chan error, 1)
	go func() {
		sc := bufio.NewScanner(pr)
		sc.Buffer(make([]byte, 1<<20), 64<<20)
		for sc.Scan() {
			var r runnerLine
			if err := json.Unmarshal(sc.Bytes(), &r); err != nil {
				readErr <- fmt.Errorf("the %s runner wrote %q: %v", run.Framework, sc.Text(), err)
				close(lines)
				return
			}
			lines <- r
		}
		readErr <- sc.Err()
		close(lines)
	}()
	byID := map[string]*Item{}
	for _, it := range items {
		byID[it.ID] = it
	}
	ports := map[string]int{}
	timeout := time.NewTimer(startupTimeout)
	defer timeout.Stop()
	ready := false
	for !ready {
		select {
		case r, ok := <-lines:
			if !ok {
				stdin.Close()
				runErr := <-waited
				msg := fmt.Sprintf("the %s runner stopped before it served the snippets (%v)", run.Framework, orErr(<-readErr, runErr))
				run.Err = fmt.Errorf("%s: %s", msg, tail(output.String()))
				return
			}
			switch {
			case r.Versions != nil:
				run.Versions = r.Versions
			case r.Ready:
				ready = true
			case r.ID != "" && byID[r.ID] != nil:
				res := result(run, byID[r.ID])
				res.Errors = append(res.Errors, r.Errors...)
				if r.Port > 0 && len(r.Errors) == 0 {
					ports[r.ID] = r.Port
				}
			}
		case <-timeout.C:
			stdin.Close()
			cmd.Process.Kill()
			<-waited
			run.Err = fmt.Errorf("the %s runner was not serving after %v: %s", run.Framework, startupTimeout, tail(output.String()))
			return
		case <-ctx.Done():
			stdin.Close()
			<-waited
			run.Err = fmt.Errorf("the %s runner was stopped: %v", run.Framework, ctx.Err())
			return
		}
	}
	raised := map[string][]Failure{}
	done := make(chan struct{})
	go func() {
		for r := range lines {
			if r.Raised != nil && r.ID != "" {
				raised[r.ID] = append(raised[r.ID], *r.Raised)
			}
		}
		close(done)
	}()

	for _, it := range items {
		res := result(run, it)
		port, ok := ports[it.ID]
		if !ok {
			if len(res.Errors) == 0 {
				res.Errors = append(res.Errors, Failure{Message: fmt.Sprintf("the %s runner reported no port for this snippet", run.Framework)})
			}
			continue
		}
		c := &Client{Addr: net.JoinHostPort("127.0.0.1", strconv.Itoa(port))}
		res.Scenarios = []Response{}
		for _, sc := range it.scenarios() {
			if ctx.Err() != nil {
				break
			}
			res.Scenarios = append(res.Scenarios, c.Send(sc))
			if it.Cases != nil {
				c.Close() // the sent_by scenarios are unrelated requests
			}
		}
		c.Close()
	}

	stdin.Close()
	runErr := <-waited
	<-done
	for id, list := range raised {
		if it := byID[id]; it != nil {
			result(run, it).Raised = list
		}
	}
	if err := <-readErr; err != nil {
		run.Notes = append(run.Notes, err.Error())
	}
	if runErr != nil && ctx.Err() == nil {
		run.Notes = append(run.Notes, fmt.Sprintf("the runner exited with %v: %s", runErr, tail(output.String())))
	}
}

// lockedBuffer collects a runner's output from the goroutines exec starts.
type lockedBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *lockedBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *lockedBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
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
